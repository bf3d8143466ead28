"""Files added through the app: checked, safely named and stored under the raw folder.

Nothing is written unless the file passes the size and type limits and actually reads as
a document; a name never escapes the upload folder and never overwrites a different file."""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .readers import SUPPORTED_SUFFIXES, ReadError, read_bytes

UPLOAD_SUBDIR = "uploads"
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
