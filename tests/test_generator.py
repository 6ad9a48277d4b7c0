"""The synthetic corpus generator (benchmarks/generate_corpus.py)."""
import hashlib
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.extraction.gazetteer import load_gazetteer
from archive.extraction.text import decode
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate_corpus as gc  # noqa: E402


def _generate(out: Path, *, count: int, seed: int = 3, workers: int = 1, **rates) -> list[dict]:
    gc.generate(gc.Options(out=out, count=count, seed=seed, **rates), workers=workers, sample=50)
    return [json.loads(line) for line in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


def _digests(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*.txt"))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("corpus")
    return out, _generate(out, count=1500, seed=11)


def _good(rows: list[dict]) -> list[dict]:
    return [r for r in rows if "broken" not in r and "duplicate_of" not in r]


def _text(out: Path, name: str) -> str:
    path = next(out.glob(f"*/{name}"))
    return decode(path.read_bytes())


def test_it_writes_the_same_files_for_the_same_seed(tmp_path):
    _generate(tmp_path / "a", count=40, seed=5)
    _generate(tmp_path / "b", count=40, seed=5)
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert (tmp_path / "a" / "truth.jsonl").read_bytes() == (tmp_path / "b" / "truth.jsonl").read_bytes()


def test_another_seed_gives_other_articles(tmp_path):
    _generate(tmp_path / "a", count=20, seed=5)
    _generate(tmp_path / "b", count=20, seed=6)
    assert set(_digests(tmp_path / "a").values()).isdisjoint(_digests(tmp_path / "b").values())


def test_parallel_workers_write_exactly_the_files_one_process_writes(tmp_path):
    _generate(tmp_path / "one", count=1200, seed=2, workers=1)
    _generate(tmp_path / "two", count=1200, seed=2, workers=2)
    assert _digests(tmp_path / "one") == _digests(tmp_path / "two")


def test_it_shards_files_into_folders_of_a_thousand(corpus):
    out, rows = corpus
    assert len(rows) == 1500
    assert len(list((out / "0000").glob("*.txt"))) == 1000
    assert len(list((out / "0001").glob("*.txt"))) == 500


def test_articles_are_a_few_kilobytes(corpus):
    out, rows = corpus
    sizes = sorted((out / "0000" / r["file"]).stat().st_size for r in _good(rows) if r["file"] in
                   {p.name for p in (out / "0000").iterdir()})
    median = sizes[len(sizes) // 2]
    assert 2000 <= median <= 5000


def test_truth_names_only_what_the_text_says(corpus):
    out, rows = corpus
    for row in _good(rows)[:300]:
        text = unicodedata.normalize("NFC", _text(out, row["file"]))
        assert row["title"] in text
        for place in row["localities"]:
            assert place in text, (row["file"], place)
        for official in row["officials"]:
            assert official["name"] in text
            for position in official["positions"]:
                assert position in text
        for document in row["resolutions"]:
            for mention in document["mentions"]:
                assert mention in text
        if row["published"]:
            year, month, day = row["published"].split("-")
            assert year in text


def test_places_exist_in_the_gazetteer(corpus):
    gazetteer = load_gazetteer()
    _, rows = corpus
    names = {p for r in _good(rows) for p in r["localities"]}
    assert len(names) > 200
    assert all(gazetteer.lookup(name) for name in names)


def test_officials_recur_and_change_positions_over_time(corpus):
    _, rows = corpus
    seen = defaultdict(set)
    for row in _good(rows):
        for official in row["officials"]:
            seen[official["name"]].add((row["published"] or "")[:4] + "|" + official["positions"][-1])
    recurring = [name for name, uses in seen.items() if len(uses) >= 3]
    promoted = [name for name, uses in seen.items() if len({u.split("|")[1] for u in uses}) >= 2]
    assert len(recurring) > 50
    assert promoted


def test_documents_are_cited_in_several_spellings(corpus):
    _, rows = corpus
    spellings = defaultdict(set)
    for row in _good(rows):
        for document in row["resolutions"]:
            spellings[document["code"]].update(document["mentions"])
    assert any(len(forms) >= 5 for forms in spellings.values())
    assert any("/TU" in code for code in spellings)  # local documents too


def test_date_lines_and_bylines_vary_and_some_articles_have_no_date(corpus):
    out, rows = corpus
    good = _good(rows)
    assert any(r["published"] is None for r in good)
    heads = {_text(out, r["file"]).split("Đăng lúc")[0] == _text(out, r["file"]) for r in good[:100]}
    assert heads == {True, False}
    assert any(r["source"] for r in good)


def test_it_writes_broken_duplicate_and_oddly_encoded_files_at_the_given_rates(tmp_path):
    rows = _generate(tmp_path, count=300, seed=9, odd_rate=0.5, broken_rate=0.1, dup_rate=0.05)
    kinds = {r.get("broken") for r in rows} - {None}
    assert kinds == {"empty", "binary", "chrome-only"}
    assert any("duplicate_of" in r for r in rows)
    encodings = {r.get("encoding") for r in _good(rows)}
    assert {"utf-16", "cp1258", "utf-8-nfd"} <= encodings
    for row in _good(rows):
        if row["encoding"] in ("utf-16", "cp1258", "utf-8-nfd"):
            assert row["title"] in _text(tmp_path, row["file"])


def test_truth_sample_is_gold_the_scorer_reads(corpus):
    out, _ = corpus
    gold = json.loads((out / "truth-sample.json").read_text(encoding="utf-8"))
    assert len(gold) == 50
    assert {"file", "title", "published", "authors", "localities", "officials", "resolutions"} <= set(gold[0])


def test_the_management_command_writes_the_corpus(tmp_path, capsys):
    call_command("generate_corpus", str(tmp_path), "--count", "25", "--seed", "4")
    assert len(list(tmp_path.rglob("*.txt"))) == 25
    assert "25 files" in capsys.readouterr().out
