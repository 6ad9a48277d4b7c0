"""The loader's batches: bulk writes per batch, file-by-file only when a batch fails."""
import pytest

from archive import ingest
from archive.ingest import ingest_paths
from archive.models import Appearance, Article, Citation, Official, Resolution
from tests.test_ingest import ARTICLE, write

pytestmark = pytest.mark.django_db


def story(n: int) -> str:
    # distinct texts (no duplicates), same officials and documents: the rows are shared
    return ARTICLE.replace("năm 2022", f"năm 2022 (đợt {n}, mã dot{n}x)")


def test_a_batch_that_fails_is_written_file_by_file_and_only_the_bad_file_is_rejected(tmp_path, monkeypatch):
    for n in range(5):
        write(tmp_path, f"bai_{n}.txt", story(n))
    real = ingest._set_fields

    def breaks_on_one(article, item, **kwargs):
        if article.file_name == "bai_2.txt":
            raise ValueError("simulated failure")
        return real(article, item, **kwargs)

    monkeypatch.setattr(ingest, "_set_fields", breaks_on_one)
    report = ingest_paths([tmp_path], batch_size=2)  # bai_2 fails in the second batch, after priming
    statuses = {o.path.name: o.status for o in report.outcomes}
    assert statuses == {"bai_0.txt": "loaded", "bai_1.txt": "loaded", "bai_2.txt": "rejected",
                        "bai_3.txt": "loaded", "bai_4.txt": "loaded"}
    assert "simulated failure" in report.rejected[0].reason
    assert set(Article.objects.values_list("file_name", flat=True)) == {"bai_0.txt", "bai_1.txt", "bai_3.txt", "bai_4.txt"}
    # every loaded article has all its links, and the shared rows exist once
    assert Appearance.objects.count() == 4 * Appearance.objects.filter(article__file_name="bai_0.txt").count() > 0
    assert Citation.objects.filter(article__file_name="bai_4.txt").count() == 2
    assert Official.objects.filter(name="Thái Thanh Quý").count() == 1
    assert Resolution.objects.filter(code="04-NQ/TW").count() == 1


def test_worker_processes_and_small_batches_give_the_same_archive_as_one_process(tmp_path):
    for n in range(7):
        write(tmp_path, f"bai_{n}.txt", story(n))
    write(tmp_path, "bai_7.txt", story(3))  # a duplicate, in another batch than its twin

    report = ingest_paths([tmp_path], batch_size=2, workers=2)
    assert report.summary() == "8 files: 7 loaded, 0 updated, 0 unchanged, 1 duplicate, 0 rejected"
    pooled = {a.file_name: (a.title, a.published, a.extraction) for a in Article.objects.all()}
    links = Appearance.objects.count(), Citation.objects.count()
    assert len(pooled) == 7 and links[0] > 0

    Article.objects.all().delete()
    report = ingest_paths([tmp_path], batch_size=200, workers=1)
    assert report.counts["loaded"] == 7
    assert {a.file_name: (a.title, a.published, a.extraction) for a in Article.objects.all()} == pooled
    assert (Appearance.objects.count(), Citation.objects.count()) == links


def test_articles_loaded_by_the_workers_are_found_by_search(tmp_path):
    from archive.search import search

    for n in range(4):
        write(tmp_path, f"bai_{n}.txt", story(n))
    ingest_paths([tmp_path], batch_size=1, workers=2)
    assert search("dot3x").count() == 1
    assert search("04-NQ/TW").count() == 4
    assert search("Thai Thanh Quy").count() == 4


def test_one_file_name_twice_in_a_batch_is_one_article_updated_by_the_second(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", "bai.txt", story(1))
    write(tmp_path / "b", "bai.txt", story(2))
    report = ingest_paths([tmp_path])
    assert [o.status for o in report.outcomes] == ["loaded", "updated"]
    assert "đợt 2" in Article.objects.get().title


def test_the_command_keeps_counts_not_every_outcome(tmp_path):
    for n in range(3):
        write(tmp_path, f"bai_{n}.txt", story(n))
    write(tmp_path, "empty.txt", b"")
    report = ingest_paths([tmp_path], keep_outcomes=False)
    assert report.outcomes == []
    assert report.counts["loaded"] == 3 and [o.path.name for o in report.rejected] == ["empty.txt"]
    assert report.summary() == "4 files: 3 loaded, 0 updated, 0 unchanged, 0 duplicate, 1 rejected"


def test_a_second_load_reads_the_database_again_not_the_first_loads_cache(tmp_path):
    # each load primes its cache from the database at its second batch
    for n in range(6):
        write(tmp_path, f"bai_{n}.txt", story(n))
    ingest_paths([tmp_path], batch_size=2)
    Official.objects.all().delete()  # an editor removed the official between two loads
    for n in range(6, 9):
        write(tmp_path, f"bai_{n}.txt", story(n))
    report = ingest_paths([tmp_path], batch_size=2)
    assert report.counts["loaded"] == 3 and not report.rejected
    assert Official.objects.filter(name="Thái Thanh Quý").count() == 1


def test_a_file_that_kills_its_worker_costs_that_file_only(tmp_path, monkeypatch):
    import os

    from archive import file_workers

    for n in range(6):
        write(tmp_path, f"bai_{n}.txt", story(n))
    real = file_workers.extract

    def dies_on_one(text, *, name):
        if name == "bai_3.txt" and os.getpid() != parent:
            os._exit(9)  # as if the kernel killed the worker (out of memory)
        return real(text, name=name)

    parent = os.getpid()
    monkeypatch.setattr(file_workers, "extract", dies_on_one)
    report = ingest_paths([tmp_path], batch_size=2, workers=2)  # the pool starts at the second batch
    statuses = {o.path.name: o.status for o in report.outcomes}
    assert statuses.pop("bai_3.txt") == "rejected"
    assert set(statuses.values()) == {"loaded"} and len(statuses) == 5
    assert file_workers.WORKER_DIED in report.rejected[0].reason


def test_a_file_the_extractor_cannot_finish_is_given_up_after_the_time_limit(tmp_path, monkeypatch):
    import time

    from archive import file_workers

    for n in range(4):
        write(tmp_path, f"bai_{n}.txt", story(n))
    real = file_workers.extract

    def hangs_on_one(text, *, name):
        if name == "bai_2.txt":
            time.sleep(30)
        return real(text, name=name)

    monkeypatch.setattr(file_workers, "extract", hangs_on_one)
    monkeypatch.setattr(file_workers, "FILE_SECONDS", 1)
    started = time.monotonic()
    report = ingest_paths([tmp_path], batch_size=2, workers=2)
    assert time.monotonic() - started < 20
    [rejected] = report.rejected
    assert rejected.path.name == "bai_2.txt" and "gave up after 1 s" in rejected.reason
    assert report.counts["loaded"] == 3


def test_the_binary_check_counts_exactly_unicodes_control_characters_but_tab_and_line_breaks():
    import unicodedata

    from archive.file_workers import _CONTROL_CHARACTER, _looks_binary

    controls = {chr(i) for i in range(0x110000) if unicodedata.category(chr(i)) == "Cc"} - set("\n\t\r\f")
    assert {chr(i) for i in range(0x110000) if _CONTROL_CHARACTER.match(chr(i))} == controls
    text = "Đảng bộ tỉnh họp.\r\n\tKết luận\f" * 20
    assert not _looks_binary(text)
    assert _looks_binary(text + "\x1b" * 20)  # over 2 % control characters
    assert _looks_binary("văn bản\x00")


def test_the_index_is_merged_after_a_load_that_wrote_a_good_part_of_the_archive():
    assert ingest.should_optimize(written=100_000, total=100_000)  # a first load
    assert ingest.should_optimize(written=20_000, total=120_000)
    assert not ingest.should_optimize(written=500, total=1_000_000)  # a day's articles
    assert not ingest.should_optimize(written=999, total=999)  # too few to be worth it


def test_a_merged_index_finds_the_same_articles(tmp_path, monkeypatch):
    from django.core.management import call_command
    from django.db import connection

    from archive.search import search

    for n in range(6):
        write(tmp_path, f"bai_{n}.txt", story(n))
    merges = []
    real = ingest.search.optimize_index
    monkeypatch.setattr(ingest.search, "optimize_index", lambda **kw: (merges.append(kw), real(**kw)))
    report = ingest_paths([tmp_path], batch_size=2, optimize=False)
    assert merges == [] and report.optimized_seconds is None
    queries = ["Thái Thanh Quý", "04-NQ/TW", '"xây dựng Đảng"', "dot3x", "nghi quyet"]
    before = {q: sorted(a.pk for a in search(q)) for q in queries}
    assert all(before.values())
    write(tmp_path, "bai_6.txt", story(6))
    out = __import__("io").StringIO()
    call_command("ingest", str(tmp_path), "--optimize", "--workers", "1", stdout=out)
    assert len(merges) == 1 and "search index merged in" in out.getvalue()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(DISTINCT segid) FROM archive_search_idx")
            assert cursor.fetchone()[0] == 1
    after = {q: sorted(a.pk for a in search(q)) for q in queries}
    new = Article.objects.get(file_name="bai_6.txt").pk
    assert after["dot3x"] == before["dot3x"]
    assert after["Thái Thanh Quý"] == sorted(before["Thái Thanh Quý"] + [new])
    # seven articles re-written: too few for the loader to merge by itself
    call_command("ingest", str(tmp_path), "--force", "--workers", "1", stdout=out)
    assert len(merges) == 1


def test_a_big_load_refreshes_the_planners_statistics_each_time_it_doubles_the_archive(tmp_path, monkeypatch):
    from django.db import connection

    for n in range(7):
        write(tmp_path, f"bai_{n}.txt", story(n))
    made = []

    class Watched(ingest.PlannerStatistics):
        FIRST_AFTER = 2

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            made.append(self)

    monkeypatch.setattr(ingest, "PlannerStatistics", Watched)
    ingest_paths([tmp_path], batch_size=2, optimize=False)
    (statistics,) = made
    if connection.vendor != "postgresql":
        assert statistics.runs == 0  # SQLite uses the indexes for these lookups without statistics
        return
    # after 2 articles, then 4 (the archive doubled); 6 and 7 are short of 8
    assert statistics.runs == 2 and statistics.next_at == 8
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'archive_citation'")
        assert cursor.fetchone()[0] == Citation.objects.filter(
            article__file_name__in=[f"bai_{n}.txt" for n in range(4)]).count() > 0


def test_extraction_workers_run_at_a_lower_priority_than_the_writing_loader(tmp_path, monkeypatch):
    import os

    from archive import file_workers

    for n in range(6):
        write(tmp_path, f"bai_{n}.txt", story(n))
    real = file_workers.extract
    seen = tmp_path / "niceness"
    seen.mkdir()

    def noting_priority(text, *, name):
        (seen / f"{os.getpid()}").write_text(str(os.nice(0)))
        return real(text, name=name)

    before = os.nice(0)
    monkeypatch.setattr(file_workers, "extract", noting_priority)
    report = ingest_paths([tmp_path], batch_size=2, workers=2)  # the pool starts at the second batch
    assert report.counts["loaded"] == 6
    niceness = {int(p.name): int(p.read_text()) for p in seen.iterdir()}
    workers = {pid: value for pid, value in niceness.items() if pid != os.getpid()}
    assert workers and set(workers.values()) == {min(19, before + file_workers.WORKER_NICENESS)}
    assert niceness[os.getpid()] == before == os.nice(0)  # the loader itself keeps its priority
