"""Screenshot every page of the running dashboard in both languages, in headless Chromium.

    .venv/bin/python scripts/screenshots.py [--url http://127.0.0.1:8501] [--out /tmp/shots]

Start the app first (python3 dev.py run). Uses Debian's chromium, never a downloaded one;
other hosts do not resolve, so a page that reaches outside shows up as broken."""
from __future__ import annotations

import argparse
import urllib.parse
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = ["", "tinh-hinh-trien-khai", "ho-so-tinh?profile=38", "thoi-han", "ban-do", "dong-thoi-gian", "bao-phu", "so-sanh", "van-ban", "du-lieu",
         "them-van-ban"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

READY = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"],[data-stale="true"]')) return false;
  for (const el of document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    if (!el.querySelector('.main-svg')) return false;
  return true; }"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8501")
    ap.add_argument("--out", default="/tmp/shots")
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--width", type=int, default=1366)
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    host = urllib.parse.urlsplit(a.url).hostname
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=ARGS + [f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {host}"])
        for lang in ("vi", "en"):
            for page_path in a.pages.split(","):
                ctx = browser.new_context(viewport={"width": a.width, "height": 900})
                page = ctx.new_page()
                sep = "&" if "?" in page_path else "?"
                page.goto(f"{a.url}/{page_path}" + (f"{sep}lang=English" if lang == "en" else ""))
                page.wait_for_function(READY, timeout=60_000, polling=250)
                page.wait_for_timeout(1500)  # maps and late layout
                name = (page_path or "tong-quan").replace("?", "_").replace("=", "-") + f"_{lang}.png"
                page.screenshot(path=str(out / name), full_page=True)
                print(out / name)
                ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
