"""Paths and limits, in one place. Environment variables override the defaults."""
from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = Path(os.environ.get("CYBERDASH_RAW", ROOT / "data" / "raw"))
WAREHOUSE = Path(os.environ.get("CYBERDASH_DB", ROOT / "data" / "warehouse.duckdb"))
REFERENCE_DIR = ROOT / "data" / "reference"
CORRECTIONS = ROOT / "data" / "corrections.csv"
CODEBOOK = ROOT / "data" / "codebook.csv"
SCHEMA_SQL = Path(__file__).with_name("schema.sql")
MAX_FILE_BYTES = int(os.environ.get("CYBERDASH_MAX_FILE_MB", "20")) * 1024 * 1024

# What decides the rows extracted from a document: reading the file (readers), cleaning and
# folding its text (text), the rules (extract/), how rules read the hand-kept vocabulary
# (reference) and that vocabulary itself, and how an extraction becomes rows (records, batches).
# Orchestration (pipeline) and the schema are not here: the schema and the corrections are in
# the reference fingerprint, and the pipeline decides which documents to extract, not what.
EXTRACTION_SOURCES = ("etl/extract/*.py", "etl/readers.py", "etl/text.py", "etl/reference.py", "etl/records.py",
                      "etl/batches.py", "data/reference/*.csv")


@cache
def _extractor_version() -> str:
    """A digest of every file in EXTRACTION_SOURCES: any change to a rule or a vocabulary file
    re-extracts every document, and nobody has to remember to bump a number. Paths are hashed
    relative and sorted, line ends normalised, so that every checkout of the same commit agrees."""
    h = hashlib.sha256()
    paths = sorted({p for pattern in EXTRACTION_SOURCES for p in ROOT.glob(pattern)})
    for p in paths:
        h.update(p.relative_to(ROOT).as_posix().encode() + b"\0")
        h.update(p.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()[:16]


def __getattr__(name: str) -> str:
    # computed on first use, once per process: the dashboard imports settings and never needs it
    if name == "EXTRACTOR_VERSION":
        return _extractor_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
