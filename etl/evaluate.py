"""python -m etl evaluate GOLD.csv [--raw DIR]: accuracy of the extraction per field.

Gold columns: file, province, issuer, level, doc_type, doc_number, issue_date, implements,
cites (the last two ';'-separated canonical numbers). An empty gold cell means "none or
unknown": the extraction is right only if it also leaves it empty, so that guessing is
never rewarded."""
from __future__ import annotations

import csv
import re
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from .extract.numbers import number_key
from .text import fold, nfc

FIELDS = ("province", "issuer", "level", "doc_type", "doc_number", "issue_date", "implements", "cites")


def _norm_name(s: str) -> str:
    """Folded, 'Ủy ban nhân dân' = 'UBND', and 'TP'/'thành phố' before a name dropped, so
    'UBND TP Hồ Chí Minh' and 'UBND Thành phố Hồ Chí Minh' compare equal."""
    s = fold(s or "")
    s = re.sub(r"\buy ban nhan dan\b", "ubnd", s)
    s = re.sub(r"\b(tp\.?|thanh pho)\s+(?=\w)", "", s)
    s = re.sub(r"^tinh\s+", "", s)
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", s).split())


def _ids(s: str) -> frozenset:
    return frozenset(number_key(x.strip()) for x in (s or "").split(";") if x.strip())


def field_matches(name: str, gold: str, pred: str) -> bool:
    gold, pred = nfc((gold or "").strip()), nfc((pred or "").strip())
    if name in ("implements", "cites"):
        return _ids(gold) == _ids(pred)
    if not gold or not pred:
        return not gold and not pred
    if name == "doc_number":
        return number_key(gold) == number_key(pred)
    if name == "issuer":
        g, p = _norm_name(gold), _norm_name(pred)
        return g == p or (len(p) > 6 and (p in g or g in p))
    if name == "province":
        return _norm_name(gold) == _norm_name(pred)
    return gold == pred


def predictions(db: Path) -> dict[str, dict[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("""
            SELECT d.source_file, d.province_name, d.issuer, d.level, d.doc_type, d.doc_number,
                   strftime(d.issue_date, '%Y-%m-%d'),
                   coalesce(string_agg(i.instrument_id, ';') FILTER (WHERE i.relation = 'implements'), ''),
                   coalesce(string_agg(i.instrument_id, ';') FILTER (WHERE i.relation = 'cites'), '')
            FROM documents d LEFT JOIN document_instruments i
                 ON i.doc_id = d.doc_id AND i.rule <> 'chain_corpus'  -- gold is what each text says itself
            GROUP BY ALL""").fetchall()
    finally:
        con.close()
    return {r[0]: dict(zip(FIELDS, [x or "" for x in r[1:]])) for r in rows}


def evaluate(gold_path: Path, raw_dir: Path, verbose: bool = False, out=sys.stdout) -> int:
    score(gold_path, raw_dir, verbose, out)
    return 0


def score(gold_path: Path, raw_dir: Path, verbose: bool = False, out=sys.stdout) -> dict[str, float]:
    """Accuracy per field and 'overall', printed and returned."""
    from .pipeline import ingest
    with open(gold_path, encoding="utf-8-sig", newline="") as f:
        gold = list(csv.DictReader(f))
    with tempfile.TemporaryDirectory() as tmp:
        tmp_raw = Path(tmp) / "raw"
        tmp_raw.mkdir()
        missing = []
        for g in gold:
            src = raw_dir / g["file"]
            if src.exists():
                dst = tmp_raw / g["file"]
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
            else:
                missing.append(g["file"])
        db = Path(tmp) / "eval.duckdb"
        ingest(tmp_raw, db, progress=False)
        pred = predictions(db)
    scores = {k: [0, 0] for k in FIELDS}
    for g in gold:
        p = pred.get(g["file"], {})
        for k in FIELDS:
            ok = bool(p) and field_matches(k, g.get(k, ""), p.get(k, ""))
            scores[k][0] += ok
            scores[k][1] += 1
            if verbose and not ok:
                print(f"  {g['file']}: {k}: gold={g.get(k, '')!r} got={p.get(k, '')!r}", file=out)
    for name in missing:
        print(f"  missing file: {name}", file=out)
    total_ok = sum(v[0] for v in scores.values())
    total = sum(v[1] for v in scores.values())
    for k, (ok, n) in scores.items():
        print(f"{k:12} {ok:4d}/{n:<4d} {ok / n if n else 0:.2f}", file=out)
    print(f"overall: {total_ok / total if total else 0:.2f}", file=out)
    result = {k: ok / n if n else 0.0 for k, (ok, n) in scores.items()}
    result["overall"] = total_ok / total if total else 0.0
    return result
