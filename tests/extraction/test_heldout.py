"""Extraction scored on hand-checked articles written in layouts the seeds don't have.

Uses the shared scorer (../shared/tools/score_extraction.py) when it is beside the repository.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.extraction import extract_file
from tests.conftest import ROOT

HELDOUT = Path(__file__).parent / "heldout"
SCORER = ROOT.parent / "shared" / "tools" / "score_extraction.py"
SEEDS_GOLD = ROOT.parent / "shared" / "spec" / "seeds-gold.json"


def _score(*, gold: Path, files: list[Path], tmp_path: Path) -> float:
    predicted = tmp_path / "pred.json"
    predicted.write_text(json.dumps([extract_file(f).to_json() for f in files], ensure_ascii=False))
    out = subprocess.run([sys.executable, str(SCORER), str(gold), str(predicted)],
                         capture_output=True, text=True, check=True).stdout
    print(out)
    return float(out.strip().splitlines()[-1].split()[-1])


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score_extraction.py is not beside the repository")
def test_heldout_articles_score_well(tmp_path):
    assert _score(gold=HELDOUT / "gold.json", files=sorted(HELDOUT.glob("*.txt")), tmp_path=tmp_path) >= 0.9


@pytest.mark.skipif(not SEEDS_GOLD.exists(), reason="../shared/spec/seeds-gold.json is not beside the repository")
def test_seed_articles_score_at_least_097(tmp_path):
    files = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
    assert _score(gold=SEEDS_GOLD, files=files, tmp_path=tmp_path) >= 0.97
