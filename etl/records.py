"""An Extraction → the warehouse rows of one document (pure)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from . import settings
from .extract.coverage import extract_coverage
from .extract.document import Extraction, Value, extract
from .extract.tasks import extract_tasks
from .reference import Reference
from .text import clean_text, fold, spaced, words

DOC_FIELDS = ("title", "doc_number", "doc_type", "issuer", "level", "province_code", "province_name",
              "district", "issue_date", "event_date", "published_date")

# The short fields a search ranks by where it matched: their folded twins' names → field
_SEARCHED = {"number": "doc_number", "title": "title", "issuer": "issuer"}


@dataclass
class DocRows:
    doc_id: str
    source_file: str
    document: dict
    extractions: list[tuple] = field(default_factory=list)
    instruments: list[tuple] = field(default_factory=list)
    coverage: list[tuple] = field(default_factory=list)
    tasks: list[tuple] = field(default_factory=list)
    agencies: list[tuple] = field(default_factory=list)
    deadlines: list[tuple] = field(default_factory=list)
    warnings: list[tuple] = field(default_factory=list)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def apply_corrections(ex: Extraction, corrections: list[dict], ref: Reference) -> None:
    """Hand corrections win over extraction, and say so."""
    for c in corrections:
        fieldname, value = c["field"], c["value"]
        ev = f"sửa tay / corrected by hand: {c.get('reason', '')}".strip()
        if fieldname in ("implements", "cites"):
            from .extract.instruments import InstrumentLink
            ex.instruments = [i for i in ex.instruments if i.instrument_id != value]
            cat = ref.instruments_by_id.get(value.upper(), [])
            ex.instruments.append(InstrumentLink(value, fieldname, ev, cat[0].key if cat else None, bool(cat),
                                                 "correction"))
            continue
        if fieldname.endswith("_date") and value:
            value = date.fromisoformat(value)
        ex.fields[fieldname] = Value(value or None, ev, "correction", corrected=True)
        if fieldname == "province_name":
            p = next((p for p in ref.provinces if p.name_vi == value), None)
            ex.fields["province_code"] = Value(p.gso_code if p else None, ev, "correction", corrected=True)
        if fieldname == "province_code":
            p = ref.province_by_code.get(value)
            ex.fields["province_name"] = Value(p.name_vi if p else None, ev, "correction", corrected=True)


def build_rows(source_file: str, raw_text: str, digest: str, encoding: str, ref: Reference,
               corrections: list[dict], loaded_at: datetime, source_url: str | None = None) -> DocRows:
    """`source_url`: the address the document was saved from (the raw folder's sources.csv,
    or a saved web page's own canonical address), evidence of its province."""
    text = clean_text(raw_text)
    text_folded = fold(text)
    ex = extract(text, ref, text_folded, source_url=source_url)
    apply_corrections(ex, [c for c in corrections if c.get("source_file") == source_file], ref)
    doc_id = digest[:16]
    doc = {k: ex.get(k) for k in DOC_FIELDS}
    doc["doc_type"] = doc["doc_type"] or "other"
    doc["level"] = doc["level"] or "other"
    doc.update(doc_id=doc_id, source_file=source_file, source_url=source_url or None, content_hash=digest,
               encoding=encoding, text=text,
               text_folded=text_folded, text_words=words(text_folded),
               extractor_version=settings.EXTRACTOR_VERSION, loaded_at=loaded_at)
    # where a search matched (the number, the title, the issuer), as the corrected fields say
    doc.update({f"{k}_folded": spaced(doc[f]) for k, f in _SEARCHED.items()})
    rows = DocRows(doc_id, source_file, doc)
    for name, v in ex.fields.items():
        rows.extractions.append((doc_id, name, None if v.value is None else str(v.value), v.evidence, v.rule,
                                 bool(v.inferred), v.corrected))
    for i in ex.instruments:
        rows.instruments.append((doc_id, i.instrument_id, i.relation, i.evidence, i.instrument_key, i.catalogued,
                                 i.via, i.cited_date, i.rule, i.inferred))
    for w in ex.warnings:
        kind, message, message_vi = w[:3]
        rows.warnings.append((doc_id, source_file, kind, message, message_vi, w[3] if len(w) > 3 else ""))
    doc_date = doc["issue_date"] or doc["event_date"] or doc["published_date"]
    for t in extract_tasks(text, doc_date):
        task_id = f"{doc_id}-{t.ordinal}"
        rows.tasks.append((doc_id, task_id, t.text, t.evidence, t.section))
        for agency, role in t.agencies:
            rows.agencies.append((doc_id, task_id, agency, role))
        for d in t.deadlines:
            rows.deadlines.append((doc_id, task_id, d.description, d.due_date, d.recurrence))
    mode = coverage_mode(doc["doc_type"], text)
    for c in extract_coverage(text, ref.category_cues, rules=ref.coverage_rules):
        rows.coverage.append((doc_id, c.category_code, c.evidence, mode, c.cue))
    return rows


def coverage_mode(doc_type: str, text: str) -> str:
    """Reports and reviews say what was done; plans and directives what is to be done."""
    if doc_type == "report":
        return "reported"
    if doc_type == "news":
        head = fold(text[:600])
        if any(w in head for w in ("so ket", "tong ket", "ket qua thuc hien", "nhin lai", "bao cao ket qua")):
            return "reported"
    return "planned"
