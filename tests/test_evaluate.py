"""`python -m etl evaluate` and the accuracy floors CI keeps (they only go up)."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from etl.evaluate import _implements_split, _manifest, field_matches, norm_name, score, score_coverage

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT / "tests" / "corpus"
RAW = ROOT / "data" / "raw"

TUNED = {"overall": 0.99, "province": 0.96, "doc_number": 0.96, "issue_date": 0.96, "implements": 0.96}
# These sets were labelled before the corpus rules (../shared/corpus/README.md) that every set is
# scored by now: a department "completed with its locality" (8 issuers) and a mass organisation at
# its unit's tier (1 level) were relabelled to them. With the strict issuer they first read 0.80,
# 0.77, 0.71 on issuer: the parent body named for its organ and the committee for its chairman,
# which the header-organ and preamble-subject rules now tell apart.
TUNED_ISSUER = {"issuer": 1.00, "level": 1.00}

# THE FLOORS. Raise them as extraction improves; never lower them.
# set: (gold, raw folder, coverage labels or None, {score: floor}); a score is a field, "key_mean"
# (mean of province, doc_number, issue_date, implements, issuer, level), "overall", or
# "coverage_precision"/"coverage_recall" (task groups, micro-averaged).
FLOORS = {
    # the five seeds shipped in data/raw; coverage labels with folder=seeds
    "seeds": (GOLD / "seeds.csv", RAW, CORPUS / "coverage.csv",
              {"overall": 1.00, "key_mean": 1.00, "province": 1.00, "doc_number": 1.00, "issue_date": 1.00,
               "implements": 1.00, "issuer": 1.00, "level": 1.00,
               "coverage_precision": 1.00, "coverage_recall": 1.00}),
    # 17 real web-saved texts (shipped in data/raw). First contact on main 188f3de with strict issuer:
    # province 17/17, number 15, date 13, implements 6, issuer 9, level 10 (key mean 0.68); coverage
    # 15 right of 31 reported, none missed. After issue 12: every key field 17/17; coverage 15 of 16.
    "corpus-docs": (CORPUS / "gold.csv", RAW, CORPUS / "coverage.csv",
                    {"key_mean": 1.00, "province": 1.00, "doc_number": 1.00, "issue_date": 1.00,
                     "implements": 1.00, "issuer": 1.00, "level": 1.00,
                     "coverage_precision": 0.93, "coverage_recall": 1.00}),
    # 18 news and portal pages rewritten from real ones (fixtures only, never data). First contact,
    # same commit: province 11/18, number 17, date 13, implements 9, issuer 2, level 4 (key mean
    # 0.51); coverage 34 right of 58 reported, 4 of 38 missed. After issue 12: 18, 17, 17, 18, 17, 18;
    # coverage 38 of 39, none missed.
    "corpus-news": (CORPUS / "news" / "gold.csv", CORPUS / "news", CORPUS / "news" / "coverage.csv",
                    {"key_mean": 0.97, "province": 1.00, "doc_number": 0.94, "issue_date": 0.94,
                     "implements": 1.00, "issuer": 0.94, "level": 1.00,
                     "coverage_precision": 0.97, "coverage_recall": 1.00}),
    # Three sets written by colleagues who never saw the rules; the rules were then tuned on each,
    # so they are tuned sets now, not held out. tuned1: first set. tuned2: 0.80 overall at first
    # contact (0.37 on dates: PDF headers with both columns on one line), 0.90 after the column fix
    # alone, then tuned. tuned3: 0.96 overall before any change (province, number and date 1.00,
    # implements 0.88), then the four patterns it showed were generalised.
    "tuned1": (GOLD / "tuned1.csv", GOLD / "tuned1", None, TUNED | TUNED_ISSUER),
    "tuned2": (GOLD / "tuned2.csv", GOLD / "tuned2", None, TUNED | TUNED_ISSUER),
    "tuned3": (GOLD / "tuned3.csv", GOLD / "tuned3", None, TUNED | TUNED_ISSUER),
}


@lru_cache(maxsize=None)
def _scored(name: str) -> tuple[dict, str]:
    gold, raw, coverage, _ = FLOORS[name]
    out = io.StringIO()
    s = score(gold, raw, verbose=True, out=out, coverage=coverage)
    if coverage:
        s["coverage_precision"], s["coverage_recall"] = s["coverage"]["precision"], s["coverage"]["recall"]
    return s, out.getvalue()


@pytest.mark.parametrize("name", list(FLOORS))
def test_accuracy_floor(name):
    s, report = _scored(name)
    below = {k: (round(s[k] or 0.0, 3), floor) for k, floor in FLOORS[name][3].items() if (s[k] or 0.0) < floor}
    assert not below, f"{name}: below floor (got, floor): {below}\n{report}"


def test_corpus_texts_ship_in_data_raw_byte_for_byte_with_their_addresses():
    with open(CORPUS / "gold.csv", encoding="utf-8-sig", newline="") as f:
        gold = list(csv.DictReader(f))
    with open(RAW / "sources.csv", encoding="utf-8", newline="") as f:
        manifest = {r["file"]: r["source"] for r in csv.DictReader(f)}
    assert len(gold) == 17
    for g in gold:
        assert (RAW / g["file"]).is_file(), g["file"]
        assert manifest[g["file"]] == g["source_url"]
    # the rewritten news pages are fixtures, never data
    news = {p.name for p in (CORPUS / "news").glob("*.txt")}
    assert len(news) == 18 and not news & {p.name for p in RAW.rglob("*")}


@pytest.mark.parametrize("field, gold, pred, ok", [
    ("doc_number", "964/QĐ-TTg", "964 /QĐ-TTg", True),
    ("doc_number", "03/CT-UBND", "3/CT-UBND", True),
    ("doc_number", "", "61/KH-UBND", False),       # making one up is wrong
    ("doc_number", "", "", True),
    ("issuer", "UBND Thành phố Hồ Chí Minh", "UBND TP Hồ Chí Minh", True),
    ("issuer", "UBND Thành phố Hồ Chí Minh", "Ủy ban nhân dân Tp. Hồ Chí Minh", True),
    ("issuer", "Ủy ban nhân dân tỉnh Ninh Bình", "UBND tỉnh Ninh Bình", True),
    ("issuer", "UBND tỉnh Ninh Bình", "UBND tỉnh Nam Định", False),
    ("issuer", "Tỉnh ủy Kiên Giang", "TỈNH UỶ KIÊN GIANG", True),
    ("issuer", "Bộ CHQS tỉnh Đắk Lắk", "Bộ Chỉ huy Quân sự tỉnh Đắk Lắk", True),
    ("issuer", "Đoàn TNCS Hồ Chí Minh huyện Đại Lộc", "Đoàn Thanh niên Cộng sản Hồ Chí Minh huyện Đại Lộc", True),
    ("issuer", "Sở Thông tin và Truyền thông tỉnh Hà Tĩnh", "Sở TT&TT tỉnh Hà Tĩnh", True),
    ("issuer", "Sở Thông tin và Truyền thông tỉnh Hà Tĩnh", "Sở TTTT Hà Tĩnh", True),
    ("issuer", "Sở Thông tin và Truyền thông tỉnh Hà Tĩnh", "Sở TT-TT tỉnh Hà Tĩnh", True),
    ("issuer", "Công an tỉnh Kon Tum", "CA tỉnh Kon Tum", True),
    ("issuer", "Ban Chỉ đạo 35 huyện Cẩm Giàng", "BCĐ 35 huyện Cẩm Giàng", True),
    ("issuer", "Sở Y tế Bình Phước", "Sở Y tế tỉnh Bình Phước", True),   # "tỉnh" before a province
    # not substring: a body without its locality, a part of a body, a chairman for the committee
    ("issuer", "Sở Thông tin và Truyền thông tỉnh Khánh Hòa", "Sở Thông tin và Truyền thông", False),
    ("issuer", "Ban Tuyên giáo Tỉnh ủy Ninh Bình", "Ban Tuyên giáo Tỉnh ủy", False),
    ("issuer", "Ban Thường vụ Tỉnh ủy Ninh Bình", "Tỉnh ủy Ninh Bình", False),
    ("issuer", "Tỉnh ủy Ninh Bình", "Ban Thường vụ Tỉnh ủy Ninh Bình", False),
    ("issuer", "Chủ tịch UBND tỉnh Bình Dương", "UBND tỉnh Bình Dương", False),
    ("issuer", "Tỉnh đoàn Bình Thuận", "Đoàn Bình Thuận", False),
    ("issuer", "", "UBND xã", False),
    ("province", "Thanh Hóa", "Thanh Hoá", True),
    ("province", "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", True),
    ("province", "Hà Nam", "Hà Nội", False),
    ("implements", "29-NQ/TW;30-NQ/TW", "30-NQ/TW;29-NQ/TW", True),
    ("implements", "29-NQ/TW", "29-NQ/TW;30-NQ/TW", False),
    ("issue_date", "2023-04-14", "2023-04-15", False),
])
def test_field_matching(field, gold, pred, ok):
    assert field_matches(field, gold, pred) is ok


def test_abbreviations_are_accent_sensitive():
    assert norm_name("CA tỉnh") == "cong an tinh"
    assert norm_name("tất cả") == "tat ca"  # 'cả' is a word, not Công an


@pytest.mark.parametrize("gold, pred, expected", [
    # 29-NQ/TW is catalogued; 05/2017/QĐ-TTg stands here for a text the catalogue lacks
    ([("a", "29-NQ/TW")], {"a": "29-NQ/TW"}, {"catalogued": (1, 1), "uncatalogued": (0, 0)}),
    ([("a", "29-NQ/TW;999/QĐ-TTg")], {"a": "29-NQ/TW"}, {"catalogued": (1, 1), "uncatalogued": (0, 1)}),
    ([("a", "")], {"a": "999/QĐ-TTg"}, {"catalogued": (0, 0), "uncatalogued": (0, 1)}),
    ([("a", ""), ("b", "")], {"a": "", "b": ""}, {"catalogued": (0, 0), "uncatalogued": (0, 0)}),
    ([("a", "29-NQ/TW")], {}, {"catalogued": (0, 1), "uncatalogued": (0, 0)}),  # not loaded: wrong
])
def test_implements_split_by_catalogue(gold, pred, expected):
    rows = [{"file": f, "implements": i} for f, i in gold]
    assert _implements_split(rows, {f: {"implements": i} for f, i in pred.items()}) == expected


def test_coverage_precision_recall(tmp_path):
    labels = tmp_path / "coverage.csv"
    labels.write_text("folder,file,category_code,mode,quote\n"
                      "docs,a.txt,AWARE,planned,x\ndocs,a.txt,INFRA,planned,y\n"
                      "seeds,b.txt,LEAD,planned,z\n"
                      "news,other.txt,LEAD,planned,not among the gold's files\n", encoding="utf-8")
    pred = {("a.txt", "AWARE"), ("a.txt", "FUND"), ("c.txt", "LEAD"), ("other.txt", "LEAD")}
    out = io.StringIO()
    r = score_coverage(labels, ["a.txt", "b.txt", "c.txt"], pred, verbose=True, out=out)
    assert (r["tp"], r["fp"], r["fn"]) == (1, 2, 2)    # c.txt has no rows: it covers no group
    assert r["precision"] == pytest.approx(1 / 3) and r["recall"] == pytest.approx(1 / 3)
    assert r["groups"]["AWARE"]["precision"] == 1.0 and r["groups"]["LEAD"]["recall"] == 0.0
    assert r["groups"]["FUND"]["recall"] is None       # nothing labelled: no recall to speak of
    assert r["false_positives"] == [("a.txt", "FUND"), ("c.txt", "LEAD")]
    assert r["false_negatives"] == [("a.txt", "INFRA"), ("b.txt", "LEAD")]
    assert "c.txt: coverage: LEAD reported but not labelled" in out.getvalue()


def test_manifest_from_the_raw_folder_then_the_gold(tmp_path):
    (tmp_path / "sources.csv").write_text("file,source,note\na.txt,http://a.example.gov.vn/x,saved\n"
                                          "b.txt,,address not recorded\n", encoding="utf-8")
    gold = [{"file": "a.txt", "source_url": "http://other.example/"},  # the folder's own address wins
            {"file": "b.txt", "source_url": "https://b.example.gov.vn/y"},
            {"file": "c.txt"}, {"file": "d.txt", "source_url": "https://d.example.dcs.vn/"}]
    rows = list(csv.DictReader(io.StringIO(_manifest(tmp_path, gold))))
    assert [(r["file"], r["source"], r["note"]) for r in rows] == [
        ("a.txt", "http://a.example.gov.vn/x", "saved"),
        ("b.txt", "https://b.example.gov.vn/y", "address not recorded"),
        ("d.txt", "https://d.example.dcs.vn/", "")]


def test_corrections_only_when_named(tmp_path):
    gold = tmp_path / "gold.csv"
    with open(GOLD / "seeds.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))[:1]
    with open(gold, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    fix = tmp_path / "corrections.csv"
    fix.write_text(f"source_file,field,value,reason\n{rows[0]['file']},doc_number,1/KH-XX,test\n", encoding="utf-8")
    assert score(gold, RAW, out=io.StringIO())["doc_number"] == 1.0
    assert score(gold, RAW, out=io.StringIO(), corrections=fix)["doc_number"] == 0.0


def test_cli_prints_overall_last():
    r = subprocess.run([sys.executable, "-m", "etl", "evaluate", str(GOLD / "seeds.csv"),
                        "--coverage", str(CORPUS / "coverage.csv")], cwd=ROOT,
                       capture_output=True, text=True, check=True)
    lines = r.stdout.strip().splitlines()
    assert lines[-1] == "overall: 1.00"
    assert any(x.startswith("key-field mean: 1.00") for x in lines)
    assert any(x.startswith("coverage     all") for x in lines)
