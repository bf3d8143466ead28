"""Files added through the app: names, limits, duplicates, the password."""
from __future__ import annotations

import pytest

from etl.uploads import password_configured, password_ok, safe_name, store_upload

PLAN = "Kế hoạch số 5/KH-UBND của UBND tỉnh Ninh Bình về an toàn thông tin mạng.".encode("utf-8")


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\win.ini.txt", "win_ini.txt"),
    ("Kế hoạch số 12.DOCX", "Kế_hoạch_số_12.docx"),
    ("a/b/c.pdf", "c.pdf"),
    ("\x00evil\n.txt", "evil.txt"),
    ("....txt", "van-ban.txt"),
    ("", "van-ban"),
])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_store_never_escapes_and_never_overwrites(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    a = store_upload(raw, "../../plan.txt", PLAN, 1000)
    b = store_upload(raw, "plan.txt", PLAN.replace(b"5/KH", b"6/KH"), 1000)
    assert a.status == b.status == "stored"
    assert (a.source_file, b.source_file) == ("uploads/plan.txt", "uploads/plan-2.txt")
    assert (raw / "uploads" / "plan.txt").read_bytes() == PLAN
    assert not (tmp_path / "plan.txt").exists()


def test_duplicates_are_not_stored_twice(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    store_upload(raw, "plan.txt", PLAN, 1000)
    again = store_upload(raw, "other-name.txt", PLAN, 1000)
    assert again.status == "duplicate" and "uploads/plan.txt" in again.message
    assert len(list((raw / "uploads").iterdir())) == 1


@pytest.mark.parametrize("name, data, limit, fragment", [
    ("big.txt", b"a" * 2000, 1000, "over the"),
    ("script.exe", b"MZ" + b"\0" * 10, 1000, "unsupported file type .exe"),
    ("old.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 10, 1000, ".docx"),
    ("empty.txt", b"", 1000, "empty"),
    ("broken.docx", b"PK\x03\x04 not really a zip", 1000, "damaged"),
])
def test_refused_before_anything_is_written(tmp_path, name, data, limit, fragment):
    raw = tmp_path / "raw"
    raw.mkdir()
    r = store_upload(raw, name, data, limit)
    assert r.status == "refused" and fragment in r.message
    assert not (raw / "uploads").exists() or not any((raw / "uploads").iterdir())


def test_password_has_no_default(monkeypatch):
    monkeypatch.delenv("CYBERDASH_UPLOAD_PASSWORD", raising=False)
    assert password_configured({}) is None
    assert not password_ok("", None) and not password_ok("anything", None)
    monkeypatch.setenv("CYBERDASH_UPLOAD_PASSWORD", "s3cret")
    assert password_configured({}) == "s3cret"
    assert password_configured({"upload_password": "from-secrets"}) == "from-secrets"
    assert password_ok("s3cret", "s3cret") and not password_ok("s3cre", "s3cret")
