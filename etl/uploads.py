"""Files added through the app: checked, safely named and stored under the raw folder.

Nothing is written unless the file passes the size and type limits and actually reads as
a document; a name never escapes the upload folder and never overwrites a different file."""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .readers import SUPPORTED_SUFFIXES, ReadError, read_bytes

UPLOAD_SUBDIR = "uploads"
MANIFEST = "sources.csv"  # the same name the ETL reads in every folder of the raw tree
MAX_ADDRESS = 2000
PASSWORD_ENV = "CYBERDASH_UPLOAD_PASSWORD"


@dataclass(frozen=True)
class Stored:
    original_name: str
    status: str          # stored | duplicate | refused
    message: str
    source_file: str | None = None  # path relative to the raw folder, as the warehouse names it


def safe_name(name: str) -> str:
    """'../../etc/passwd' → 'passwd'; 'Kế hoạch số 12.DOCX' → 'Kế_hoạch_số_12.docx'."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = re.sub(r"[^\w\-() ]+", "_", stem).strip(" ._")
    stem = re.sub(r"\s+", "_", stem)[:100] or "van-ban"
    suffix = re.sub(r"[^\w]", "", suffix).lower()[:10]
    return f"{stem}.{suffix}" if suffix else stem


def password_configured(secrets: dict | None = None) -> str | None:
    """The upload password from Streamlit secrets or the environment; None when unset."""
    value = None
    if secrets:
        value = secrets.get("upload_password")
    value = value or os.environ.get(PASSWORD_ENV)
    return value or None


def password_ok(given: str, configured: str | None) -> bool:
    if not configured or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8"))


def store_upload(raw_dir: Path, name: str, data: bytes, max_bytes: int) -> Stored:
    suffix = Path(safe_name(name)).suffix
    if len(data) > max_bytes:
        return Stored(name, "refused", f"file is {len(data) / 1048576:.1f} MB, over the "
                                       f"{max_bytes / 1048576:.0f} MB limit")
    if suffix not in SUPPORTED_SUFFIXES:
        return Stored(name, "refused", f"unsupported file type {suffix or '(none)'} — supported: "
                                       ".txt, .docx, .pdf, .html")
    try:
        read_bytes(data, suffix, max_bytes=max_bytes)
    except ReadError as e:
        return Stored(name, "refused", str(e))
    folder = (raw_dir / UPLOAD_SUBDIR).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    for existing in raw_dir.rglob("*"):
        if existing.is_file() and existing.stat().st_size == len(data) and \
                hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            rel = existing.relative_to(raw_dir).as_posix()
            return Stored(name, "duplicate", f"same content as {rel}, already in the collection", rel)
    base = safe_name(name)
    target = folder / base
    n = 2
    while target.exists():  # never overwrite a different file
        stem, suffix = os.path.splitext(base)
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    if target.resolve().parent != folder:  # defence in depth: safe_name already strips paths
        return Stored(name, "refused", "unsafe file name")
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    rel = target.relative_to(raw_dir.resolve() if target.is_absolute() else raw_dir).as_posix()
    return Stored(name, "stored", "stored", rel)


def check_address(url: str | None) -> tuple[str | None, bool]:
    """An address typed beside an uploaded file: (the address, trimmed, or None when blank;
    whether it is acceptable). Only an absolute http(s) address with a host is: it is read as
    evidence of the document's province (etl.extract.sites)."""
    from .extract.sites import host_of

    url = unicodedata.normalize("NFC", (url or "").strip())
    if not url:
        return None, True
    ok = (len(url) <= MAX_ADDRESS and re.match(r"https?://", url, re.I) is not None
          and not re.search(r"\s", url) and "." in (host_of(url) or ""))
    return url, ok


def record_address(raw_dir: Path, source_file: str, url: str) -> None:
    """Write the address of an uploaded file into the upload folder's manifest (sources.csv:
    file, source, note), replacing an earlier address of the same file; written whole to a
    temporary file and renamed, so a reader never sees half of it."""
    folder = Path(raw_dir) / UPLOAD_SUBDIR
    name = Path(source_file).relative_to(UPLOAD_SUBDIR).as_posix() if source_file.startswith(
        UPLOAD_SUBDIR + "/") else source_file
    path = folder / MANIFEST
    rows: list[list[str]] = []
    if path.exists():
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = [[r.get("file") or "", r.get("source") or "", r.get("note") or ""]
                        for r in csv.DictReader(fh)]
        except (OSError, UnicodeDecodeError, csv.Error):
            rows = []  # unreadable: the ETL ignores it too; the new manifest replaces it
    rows = [r for r in rows if r[0] != name] + [[name, url, "address given on the upload page"]]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "source", "note"])
    w.writerows(rows)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{MANIFEST}.part"
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, path)
