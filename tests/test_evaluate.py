"""`python -m etl evaluate` and the accuracy floors CI keeps (they only go up)."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from etl.evaluate import field_matches, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"

# (gold file, raw folder, floor for overall, floor for the four headline fields)
FLOORS = [
    ("seeds.csv", ROOT / "data" / "raw", 1.00, 1.00),
    # written by a colleague who never saw the rules; the rules were then tuned on it
    ("heldout.csv", GOLD / "heldout", 0.99, 0.96),
    # a second set by another colleague: 0.80 overall at first contact (0.37 on dates: PDF headers
    # with both columns on one line), 0.90 after the column fix alone, then tuned
    ("heldout2.csv", GOLD / "heldout2", 0.99, 0.96),
    # a third set, measured once before any change: 0.96 overall (province, number and date
    # 1.00, implements 0.88); then the four patterns it showed were generalised
    ("heldout3.csv", GOLD / "heldout3", 0.99, 0.96),
]


@pytest.mark.parametrize("gold, raw, overall_floor, field_floor", FLOORS)
def test_accuracy_floor(gold, raw, overall_floor, field_floor):
    out = io.StringIO()
    s = score(GOLD / gold, raw, verbose=True, out=out)
    assert s["overall"] >= overall_floor, out.getvalue()
    for f in ("province", "doc_number", "issue_date", "implements"):
        assert s[f] >= field_floor, out.getvalue()


@pytest.mark.parametrize("field, gold, pred, ok", [
    ("doc_number", "964/QĐ-TTg", "964 /QĐ-TTg", True),
    ("doc_number", "03/CT-UBND", "3/CT-UBND", True),
    ("doc_number", "", "61/KH-UBND", False),       # making one up is wrong
    ("doc_number", "", "", True),
    ("issuer", "UBND Thành phố Hồ Chí Minh", "UBND TP Hồ Chí Minh", True),
    ("issuer", "Ủy ban nhân dân tỉnh Ninh Bình", "UBND tỉnh Ninh Bình", True),
    ("issuer", "UBND tỉnh Ninh Bình", "UBND tỉnh Nam Định", False),
    ("province", "Thanh Hóa", "Thanh Hoá", True),
    ("implements", "29-NQ/TW;30-NQ/TW", "30-NQ/TW;29-NQ/TW", True),
    ("implements", "29-NQ/TW", "29-NQ/TW;30-NQ/TW", False),
    ("issue_date", "2023-04-14", "2023-04-15", False),
])
def test_field_matching(field, gold, pred, ok):
    assert field_matches(field, gold, pred) is ok


def test_cli_prints_overall_last():
    r = subprocess.run([sys.executable, "-m", "etl", "evaluate", str(GOLD / "seeds.csv")], cwd=ROOT,
                       capture_output=True, text=True, check=True)
    assert r.stdout.strip().splitlines()[-1] == "overall: 1.00"
