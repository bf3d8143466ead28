"""Screenshot every page of the running dashboard in both languages, in headless Chromium.

    .venv/bin/python scripts/screenshots.py [--url http://127.0.0.1:8501] [--out /tmp/shots]
                                            [--widths 1440,820,390] [--langs vi,en]

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

TALL = """() => Math.max(...[...document.querySelectorAll(
  '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stSidebarContent"]')]
  .map(e => e.scrollHeight), 0)"""
MAX_HEIGHT = 8000
PHONE = {"user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                       "(KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
         "is_mobile": True, "has_touch": True}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8501")
    ap.add_argument("--out", default="/tmp/shots")
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--widths", default="1366",
                    help="viewport widths in px, comma-separated (e.g. 1440,820,390)")
    ap.add_argument("--langs", default="vi,en")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    host = urllib.parse.urlsplit(a.url).hostname
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=ARGS + [f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {host}"])
        widths = [int(w) for w in a.widths.split(",")]
        # the first request to a fresh server must be "/" (a deep link before the app's
        # first run shows a "Page not found" dialog)
        warm = browser.new_page()
        warm.goto(a.url + "/")
        warm.wait_for_function(READY, timeout=60_000, polling=250)
        warm.close()
        for width in widths:
            for lang in a.langs.split(","):
                for page_path in a.pages.split(","):
                    # a phone-wide window says it is a phone, as a phone's browser does
                    ctx = browser.new_context(viewport={"width": width, "height": 900},
                                              **(PHONE if width < 600 else {}))
                    page = ctx.new_page()
                    sep = "&" if "?" in page_path else "?"
                    page.goto(f"{a.url}/{page_path}" + (f"{sep}lang=en" if lang == "en" else ""))
                    page.wait_for_function(READY, timeout=60_000, polling=250)
                    page.wait_for_timeout(1500)  # maps and late layout
                    # the page scrolls inside Streamlit's main block, not the document: grow
                    # the window to the content's height so that the shot holds all of it
                    tall = page.evaluate(TALL)
                    if tall > 900:
                        page.set_viewport_size({"width": width, "height": min(tall, MAX_HEIGHT)})
                        page.wait_for_timeout(1000)
                    # one width keeps the old names; several get the width in the name
                    suffix = f"_{width}" if len(widths) > 1 else ""
                    name = ((page_path or "tong-quan").replace("?", "_").replace("=", "-")
                            + f"_{lang}{suffix}.png")
                    page.screenshot(path=str(out / name), full_page=True)
                    print(out / name)
                    ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
