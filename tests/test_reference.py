"""Reference data and the codebook: built from packages, complete, and in step with the schema."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import settings
from etl.reference import load_reference

ROOT = Path(__file__).resolve().parents[1]


def test_provinces_file_is_what_the_packages_give():
    r = subprocess.run([sys.executable, "scripts/build_provinces.py", "--check"], cwd=ROOT, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr


def test_provinces_reference():
    ref = load_reference()
    assert len(ref.provinces) == 63
    rows = list(csv.DictReader(open(settings.REFERENCE_DIR / "provinces.csv", encoding="utf-8")))
    assert len({r["merged_into_key"] for r in rows}) == 34
    by_name = {r["name_vi"]: r for r in rows}
    # GSO codes were reused after the merger: Bắc Giang's old 24 is the new Bắc Ninh's code
    assert by_name["Bắc Giang"]["gso_code"] == "24" and by_name["Bắc Giang"]["merged_into_name_vi"] == "Bắc Ninh"
    assert by_name["Hà Giang"]["merged_into_name_vi"] == "Tuyên Quang"
    assert by_name["Thanh Hóa"]["iso_code"] == "VN-21"
    assert all(r["region_vi"] and r["iso_code"].startswith("VN-") for r in rows)


def test_instruments_catalogue():
    ref = load_reference()
    keys = [i.key for i in ref.instruments]
    assert len(keys) == len(set(keys))
    by_key = ref.instrument_by_key
    for key, when in [("29-NQ/TW", "2018-07-25"), ("30-NQ/TW", "2018-07-25"), ("35-NQ/TW", "2018-10-22"),
                      ("28-NQ/TW", "2013-10-25"), ("28-CT/TW", "2013-09-16"), ("41-CT/TW", "2020-03-24"),
                      ("09-CT/TW", "2011-12-01"), ("44-KL/TW", "2019-01-22"), ("964/QĐ-TTg", "2022-08-10"),
                      ("14/CT-TTg@2018", "2018-05-25"), ("14/CT-TTg@2019", "2019-06-07"),
                      ("05/2017/QĐ-TTg", "2017-03-16"), ("24/2018/QH14", "2018-06-12"),
                      ("32/2004/QH11", "2004-12-03"), ("03/CT-UBND@51", "2022-04-28"), ("57-CT/TW", "2025-12-31")]:
        assert by_key[key].issue_date.isoformat() == when, key
    for i in ref.instruments:  # a parent must exist in the catalogue
        assert i.implements is None or i.implements in by_key


def test_task_categories_have_cues_and_pillars():
    ref = load_reference()
    assert [c.code for c in ref.categories][:3] == ["LEAD", "LEGAL", "AWARE"]
    assert len(ref.categories) == 15
    assert {c.gci_pillar for c in ref.categories} == {"legal", "technical", "organisational", "capacity_development",
                                                      "cooperation"}
    assert all(c.cues for c in ref.categories)


def test_codebook_matches_the_schema(tmp_path):
    con = duckdb.connect(str(tmp_path / "s.duckdb"))
    con.execute(settings.SCHEMA_SQL.read_text("utf-8"))
    schema = set(con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall())
    con.close()
    rows = list(csv.DictReader(open(settings.CODEBOOK, encoding="utf-8")))
    documented = {(r["table_name"], r["column_name"]) for r in rows if r["column_name"]}
    assert documented == schema, (schema - documented, documented - schema)
    tables = {r["table_name"] for r in rows if not r["column_name"]}
    assert tables == {t for t, _ in schema}
    assert all(r["description_vi"].strip() and r["description_en"].strip() for r in rows)


@pytest.mark.parametrize("name", ["agency_words", "clause_verbs", "periods", "departments"])
def test_vocabulary_is_written_as_the_rules_match_it(name):
    # the rules match lower_key text: a phrase in capitals or with an old-style tone mark
    # ("uỷ") would never match; a phrase listed twice in a group is a slip
    from etl.extract.agencies import lower_key
    from etl.extract.rx import vocabulary
    rows = list(csv.DictReader(open(settings.REFERENCE_DIR / f"{name}.csv", encoding="utf-8")))
    assert rows and set(rows[0]) >= {"group", "phrase"}
    seen = set()
    for r in rows:
        p = r["phrase"]
        assert p and p == p.strip() and p == lower_key(p) and "  " not in p, (name, p)
        assert (r["group"], p) not in seen, (name, p)
        seen.add((r["group"], p))
    assert sum(map(len, vocabulary(name).values())) == len(rows)
