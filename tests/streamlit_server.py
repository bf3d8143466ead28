"""The dashboard served by a real `streamlit run` and Debian's headless Chromium, for the
browser tests that must type, click and upload (the way ../shared/tools/page_timing.py
starts them: a free local port, no file watcher, no request to any other host)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from conftest import require

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

# The app has finished a run and drawn it: connected, script not running, nothing stale.
READY_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
      && app.getAttribute('data-test-script-state') === 'notRunning'
      && !!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')
      && !document.querySelector('[data-stale="true"]');
}"""


def require_chromium() -> None:
    require(Path(CHROMIUM).exists() or bool(shutil.which(CHROMIUM)), f"{CHROMIUM} is missing")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require(False, "the playwright package is missing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(env: dict[str, str], timeout: float = 60):
    """`streamlit run dashboard.py` with `env` added; yields the base URL, stops it after."""
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    log = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start:\n{log.read()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
        log.close()


@contextmanager
def browser_page(width: int = 1366, height: int = 900):
    """A fresh page in headless Chromium; JavaScript errors are collected in page.js_errors."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     timeout=60_000)
        try:
            ctx = browser.new_context(viewport={"width": width, "height": height})
            ctx.set_default_timeout(60_000)
            page = ctx.new_page()
            page.js_errors = []
            page.on("pageerror", lambda e: page.js_errors.append(str(e)))
            yield page
        finally:
            browser.close()


def wait_ready(page) -> None:
    page.wait_for_function(READY_JS, polling=100)


def open_app(page, base: str, path: str) -> None:
    """Open `path` and wait until it is drawn. The very first load after a server start is
    of "/": in Streamlit 1.67 a deep link opened before the app's first run shows a "Page
    not found" dialog (the pages are only known once dashboard.py has run)."""
    if not getattr(page, "warmed", False):
        page.goto(base + "/")
        wait_ready(page)
        page.warmed = True
    page.goto(base + path)
    wait_ready(page)
