"""Paths and limits, in one place. Environment variables override the defaults."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = Path(os.environ.get("CYBERDASH_RAW", ROOT / "data" / "raw"))
WAREHOUSE = Path(os.environ.get("CYBERDASH_DB", ROOT / "data" / "warehouse.duckdb"))
REFERENCE_DIR = ROOT / "data" / "reference"
CORRECTIONS = ROOT / "data" / "corrections.csv"
CODEBOOK = ROOT / "data" / "codebook.csv"
SCHEMA_SQL = Path(__file__).with_name("schema.sql")
MAX_FILE_BYTES = int(os.environ.get("CYBERDASH_MAX_FILE_MB", "20")) * 1024 * 1024
# Bump when extraction rules change: a changed version re-extracts every document.
EXTRACTOR_VERSION = "2026.12.07-1"
