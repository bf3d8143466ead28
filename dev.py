#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11.

    python3 dev.py run     # venv + packages, (re)build the warehouse if needed, start the dashboard
    python3 dev.py test    # venv + test packages + Debian chromium, then the whole test suite
    python3 dev.py ingest  # only the ETL (extra arguments go to `python -m etl ingest`)

Everything lands in .venv/ beside this file; packages are reinstalled only when a
requirements file changes (a stamp file records their hash).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def say(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def sh(*cmd: str | os.PathLike, **kw) -> None:
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)


def ensure_venv(requirements: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]})")
    if not PY.exists():
        say(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    files = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".stamp-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing {requirements}")
    sh(PY, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirements)
    stamp.write_text(digest)


def ensure_chromium() -> None:
    """Debian's chromium for the browser tests; playwright's own download never works here."""
    if CHROMIUM.exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    say("installing Debian's chromium")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    sh("apt-get", "update", "-qq", env=env)
    sh("apt-get", "install", "-y", "-qq", "chromium", env=env, stdout=subprocess.DEVNULL)


def ingest(*args: str) -> int:
    return subprocess.run([str(PY), "-m", "etl", "ingest", *args], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    cmd, rest = (argv[0], argv[1:]) if argv else ("run", [])
    if cmd == "run":
        ensure_venv("requirements.txt")
        # the ETL is incremental: with nothing changed it returns in well under a second,
        # so it runs every time rather than guessing from file dates
        if ingest() not in (0,):
            say("the ETL reported problems (see above); starting the dashboard on the last good warehouse")
        os.chdir(ROOT)
        os.execv(str(PY), [str(PY), "-m", "streamlit", "run", "dashboard.py", *rest])
    if cmd == "test":
        ensure_venv("requirements-dev.txt")
        ensure_chromium()
        return subprocess.run([str(PY), "-m", "pytest", *rest], cwd=ROOT).returncode
    if cmd == "ingest":
        ensure_venv("requirements.txt")
        return ingest(*rest)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
