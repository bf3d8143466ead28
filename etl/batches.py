"""The warehouse rows of many documents as Arrow tables (pure): what an extraction worker sends
back to the process that writes the warehouse.

Rows built into Arrow columns where they are made (in the workers, in parallel) reach the
writer as a few buffers: unpickling them is a copy, and DuckDB reads them as they are. Sent
as Python tuples, they were unpickled object by object and converted to Arrow by the one
writing process (measured: 1.77 → 1.29 M instructions per document in the writer, +0.4 M
in the workers, whose share of the work is 25 times larger)."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from .records import DocRows

_S, _DATE, _BOOL = pa.string(), pa.date32(), pa.bool_()

# Each extracted table: the DocRows attribute holding its rows (None: the document row itself)
# and its columns with the warehouse's types. The types are spelled out because a column that
# is NULL in every row of a batch must still arrive as a string or a date.
TABLES: dict[str, tuple[str | None, pa.Schema]] = {
    "documents": (None, pa.schema([
        ("doc_id", _S), ("source_file", _S), ("content_hash", _S), ("encoding", _S), ("title", _S),
        ("doc_number", _S), ("doc_type", _S), ("issuer", _S), ("level", _S), ("province_code", _S),
        ("province_name", _S), ("district", _S), ("issue_date", _DATE), ("event_date", _DATE),
        ("published_date", _DATE), ("text", _S), ("text_folded", _S), ("extractor_version", _S),
        ("loaded_at", pa.timestamp("us")), ("source_url", _S), ("text_words", pa.list_(_S)),
        ("number_folded", _S), ("title_folded", _S), ("issuer_folded", _S)])),
    "extractions": ("extractions", pa.schema([
        ("doc_id", _S), ("field", _S), ("value", _S), ("evidence", _S), ("rule", _S), ("inferred", _BOOL),
        ("corrected", _BOOL)])),
    "document_instruments": ("instruments", pa.schema([
        ("doc_id", _S), ("instrument_id", _S), ("relation", _S), ("evidence", _S), ("instrument_key", _S),
        ("catalogued", _BOOL), ("via", _S), ("cited_date", _DATE), ("rule", _S), ("inferred", _BOOL)])),
    "task_coverage": ("coverage", pa.schema([
        ("doc_id", _S), ("category_code", _S), ("evidence", _S), ("mode", _S), ("cue", _S)])),
    "tasks": ("tasks", pa.schema([
        ("doc_id", _S), ("task_id", _S), ("text", _S), ("evidence", _S), ("section", _S)])),
    "task_agencies": ("agencies", pa.schema([("doc_id", _S), ("task_id", _S), ("agency", _S), ("role", _S)])),
    "deadlines": ("deadlines", pa.schema([
        ("doc_id", _S), ("task_id", _S), ("description", _S), ("due_date", _DATE), ("recurrence", _S)])),
    "quality_warnings": ("warnings", pa.schema([
        ("doc_id", _S), ("source_file", _S), ("kind", _S), ("message", _S), ("message_vi", _S),
        ("evidence", _S)])),
}

# Extra column in every batch table: the row's document, as its position in the batch. A
# document can only be dropped (a duplicate of an earlier one) once the writer has seen every
# document before it, and a position is cheaper to test than an id; the writer inserts the
# named columns only, so this one never reaches the warehouse.
DOC_POS = "_doc"


def to_arrow(docs: list[DocRows | None]) -> dict[str, pa.Table]:
    """One Arrow table per extracted table for a batch of documents (None: a document that
    failed, which has no rows). Rows keep their order: by document, then as built."""
    out = {}
    for table, (attr, schema) in TABLES.items():
        if attr is None:
            pos = [i for i, d in enumerate(docs) if d is not None]
            columns = [[docs[i].document[c] for i in pos] for c in schema.names]
        else:
            pos, rows = [], []
            for i, d in enumerate(docs):
                if d is not None:
                    part = getattr(d, attr)
                    pos += [i] * len(part)
                    rows += part
            columns = list(zip(*rows)) if rows else [()] * len(schema)
        out[table] = pa.Table.from_arrays([pa.array(v, f.type) for v, f in zip(columns, schema)]
                                          + [pa.array(pos, pa.int32())],
                                          schema=schema.append(pa.field(DOC_POS, pa.int32())))
    return out


def drop_docs(tables: dict[str, pa.Table], positions: list[int]) -> dict[str, pa.Table]:
    """The same tables without the rows of the documents at `positions` in the batch."""
    if not positions:
        return tables
    gone = pa.array(positions, pa.int32())
    return {t: tab.filter(pc.invert(pc.is_in(tab[DOC_POS], value_set=gone))) for t, tab in tables.items()}
