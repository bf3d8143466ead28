"""python -m etl evaluate GOLD.csv [--raw DIR] [--coverage LABELS.csv] [--corrections FILE] [-v]

Accuracy of the extraction per field, against hand labels.

Gold columns: file, province, issuer, level, doc_type, doc_number, issue_date, implements,
cites (the last two ';'-separated canonical numbers); other columns are ignored, except
`source_url`, which stands in for the page address where the raw folder's sources.csv has none.
An empty gold cell means "none or unknown": the extraction is right only if it also leaves it
empty, so that guessing is never rewarded.

Coverage labels (folder, file, category_code, mode, quote; matched by file name among the gold's
files, a file without rows covers no group) are scored as precision and recall of the
(document, task group) pairs in the warehouse's task_coverage."""
from __future__ import annotations

import csv
import io
import re
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import duckdb

from . import settings
from .extract.numbers import number_key
from .reference import read_csv
from .text import fold, nfc

FIELDS = ("province", "issuer", "level", "doc_type", "doc_number", "issue_date", "implements", "cites")
# The fields a page filters or draws by; their mean is the figure the targets are set on
KEY_FIELDS = ("province", "doc_number", "issue_date", "implements", "issuer", "level")
MANIFEST = "sources.csv"


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern, dict[str, str]]:
    """One case-insensitive (but accent-sensitive, so 'CA' is not 'cả') pattern for every
    short form of data/reference/abbreviations.csv, longest first."""
    rows = read_csv(settings.REFERENCE_DIR / "abbreviations.csv")
    longs = {r["short"].lower(): r["long"] for r in rows}
    alts = "|".join(re.escape(s) for s in sorted(longs, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE), longs


@lru_cache(maxsize=1)
def _province_keys() -> re.Pattern:
    keys = [r["ascii_key"].replace("-", " ") for r in read_csv(settings.REFERENCE_DIR / "provinces.csv")]
    return re.compile(r"\btinh (?=(?:%s)\b)" % "|".join(sorted(keys, key=len, reverse=True)))


def norm_name(s: str) -> str:
    """A body or place name reduced to what tells it apart: abbreviations spelt out, then folded
    (case, accents, đ), punctuation dropped, and the unit word before a name dropped ('TP'/
    'thành phố' before any name, 'tỉnh' before a province's name), so that 'UBND TP Hồ Chí Minh'
    = 'Ủy ban nhân dân Thành phố Hồ Chí Minh' and 'Sở TT&TT tỉnh Hà Tĩnh' = 'Sở Thông tin và
    Truyền thông Hà Tĩnh', while 'Tỉnh ủy X' and 'Ban Thường vụ Tỉnh ủy X' stay different."""
    pattern, longs = _abbreviations()
    s = " ".join(nfc(s or "").split())
    s = pattern.sub(lambda m: longs[m.group(0).lower()], s)
    s = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(s)).split())
    s = re.sub(r"\bthanh pho (?=\w)", "", s)
    return _province_keys().sub("", s)


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
    if name in ("issuer", "province"):
        return norm_name(gold) == norm_name(pred)
    return gold == pred


@lru_cache(maxsize=1)
def catalogued() -> frozenset:
    """number_key of every instrument in data/reference/instruments.csv."""
    return frozenset(number_key(r["instrument_id"])
                     for r in read_csv(settings.REFERENCE_DIR / "instruments.csv") if r["instrument_id"])


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


def predicted_coverage(db: Path) -> set[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("""
            SELECT DISTINCT d.source_file, c.category_code
            FROM task_coverage c JOIN documents d ON d.doc_id = c.doc_id""").fetchall()
    finally:
        con.close()
    return {(f, c) for f, c in rows}


def _manifest(raw_dir: Path, gold: list[dict]) -> str:
    """sources.csv for the gold's files, as a user who saved the pages would write it: the raw
    folder's own manifest first, the gold's source_url where the manifest gives no address."""
    known: dict[str, dict] = {}
    if (raw_dir / MANIFEST).exists():
        known = {r.get("file", ""): r for r in read_csv(raw_dir / MANIFEST)}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "source", "note"])
    for g in gold:
        row = known.get(g["file"], {})
        source = row.get("source") or nfc(g.get("source_url") or "").strip()
        if source or row:
            w.writerow([g["file"], source, row.get("note", "")])
    return buf.getvalue()


def _ratio(ok: int, n: int) -> float | None:
    return ok / n if n else None


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def _implements_split(gold: list[dict], pred: dict[str, dict[str, str]]) -> dict[str, tuple[int, int]]:
    """(right, counted) for the catalogued and the uncatalogued part of `implements`: a row
    counts for a part when gold or prediction has an id in it."""
    cat = catalogued()
    parts = {"catalogued": [0, 0], "uncatalogued": [0, 0]}
    for g in gold:
        p = pred.get(g["file"])
        gi, pi = _ids(g.get("implements", "")), _ids(p["implements"] if p else "")
        for name, gs, ps in (("catalogued", gi & cat, pi & cat), ("uncatalogued", gi - cat, pi - cat)):
            if gs or ps:
                parts[name][0] += p is not None and gs == ps
                parts[name][1] += 1
    return {k: (v[0], v[1]) for k, v in parts.items()}


def score_coverage(labels_path: Path, files: list[str], pred: set[tuple[str, str]],
                   verbose: bool = False, out=sys.stdout) -> dict:
    """Precision and recall of (file, task group) pairs, per group and micro-averaged."""
    wanted = set(files)
    gold = {(r["file"], r["category_code"]) for r in read_csv(labels_path) if r.get("file") in wanted}
    pred = {x for x in pred if x[0] in wanted}
    codes = [r["category_code"] for r in read_csv(settings.REFERENCE_DIR / "task_categories.csv")]
    codes += sorted({c for _, c in gold | pred} - set(codes))
    groups = {}
    print(f"coverage     {'group':10} {'tp':>3} {'fp':>3} {'fn':>3}  precision recall", file=out)
    for code in codes:
        tp = sum(1 for x in pred if x[1] == code and x in gold)
        fp = sum(1 for x in pred if x[1] == code and x not in gold)
        fn = sum(1 for x in gold if x[1] == code and x not in pred)
        groups[code] = {"tp": tp, "fp": fp, "fn": fn,
                        "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn)}
        if tp + fp + fn:
            print(f"coverage     {code:10} {tp:3d} {fp:3d} {fn:3d}  {_fmt(groups[code]['precision']):>9} "
                  f"{_fmt(groups[code]['recall']):>6}", file=out)
    tp, fp, fn = len(pred & gold), len(pred - gold), len(gold - pred)
    res = {"precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn), "tp": tp, "fp": fp, "fn": fn,
           "groups": groups, "false_positives": sorted(pred - gold), "false_negatives": sorted(gold - pred)}
    print(f"coverage     {'all':10} {tp:3d} {fp:3d} {fn:3d}  {_fmt(res['precision']):>9} {_fmt(res['recall']):>6}",
          file=out)
    if verbose:
        for f, c in res["false_positives"]:
            print(f"  {f}: coverage: {c} reported but not labelled", file=out)
        for f, c in res["false_negatives"]:
            print(f"  {f}: coverage: {c} labelled but not reported", file=out)
    return res


def evaluate(gold_path: Path, raw_dir: Path, verbose: bool = False, out=sys.stdout, *,
             coverage: Path | None = None, corrections: Path | None = None) -> int:
    score(gold_path, raw_dir, verbose, out, coverage=coverage, corrections=corrections)
    return 0


def score(gold_path: Path, raw_dir: Path, verbose: bool = False, out=sys.stdout, *,
          coverage: Path | None = None, corrections: Path | None = None) -> dict:
    """Accuracy per field, the implements split, 'key_mean', 'coverage' (when labels are given)
    and 'overall', printed ('overall' last) and returned.

    No corrections file is applied unless one is named: hand corrections would score the hand."""
    from .pipeline import ingest
    raw_dir = Path(raw_dir)
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
        (tmp_raw / MANIFEST).write_text(_manifest(raw_dir, gold), encoding="utf-8")
        db = Path(tmp) / "eval.duckdb"
        ingest(tmp_raw, db, progress=False,
               corrections_path=Path(corrections) if corrections else Path(tmp) / "no-corrections.csv")
        pred = predictions(db)
        pred_cov = predicted_coverage(db) if coverage else set()
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
    result: dict = {k: ok / n if n else 0.0 for k, (ok, n) in scores.items()}
    for k, (ok, n) in scores.items():
        print(f"{k:12} {ok:4d}/{n:<4d} {ok / n if n else 0:.2f}", file=out)
    for part, (ok, n) in _implements_split(gold, pred).items():
        result[f"implements_{part}"] = _ratio(ok, n)
        print(f"  implements, {part:12} {ok:2d}/{n:<3d} {_fmt(_ratio(ok, n))}", file=out)
    result["key_mean"] = sum(result[k] for k in KEY_FIELDS) / len(KEY_FIELDS)
    print(f"key-field mean: {result['key_mean']:.2f} ({', '.join(KEY_FIELDS)})", file=out)
    if coverage:
        result["coverage"] = score_coverage(Path(coverage), [g["file"] for g in gold], pred_cov, verbose, out)
    total_ok = sum(v[0] for v in scores.values())
    total = sum(v[1] for v in scores.values())
    result["overall"] = total_ok / total if total else 0.0
    print(f"overall: {result['overall']:.2f}", file=out)
    return result
