"""Tablet and phone screens (issue 14) in real headless Chromium (Debian's): at 820 and
390 px no page scrolls sideways, no figure is cut short, no page shows an exception or an
error, and the sidebar is open beside the page on a tablet but closed on a phone.

One server and one browser for every page and width (a context per width: the phone's
says it is a phone, as a phone's browser does)."""
from __future__ import annotations

from test_browser import PAGES as BROWSER_PAGES

from streamlit_server import CHROMIUM, CHROMIUM_ARGS, open_app, require_chromium, serve

PAGES = [*BROWSER_PAGES, "/tinh-hinh-trien-khai", "/thoi-han"]
PHONE = {"user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                       "(KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
         "is_mobile": True, "has_touch": True}
WIDTHS = {820: {}, 390: PHONE}

# charts and grids drawn, not only the script finished
DRAWN_JS = """() => {
  for (const [box, inner] of [['stPlotlyChart', '.main-svg'], ['stDataFrame', 'canvas']])
    for (const el of document.querySelectorAll(`[data-testid="${box}"]`))
      if (!el.querySelector(inner)) return false;
  return true; }"""

# What is wrong with the page as drawn: boxes wider than the screen (the page, or
# Streamlit's scroll containers), figures and labels cut short (an ellipsis hides their
# overflow), exceptions and error alerts, and where the sidebar is.
PROBLEMS_JS = """() => {
  const wide = [];
  for (const sel of ['html', 'body', '[data-testid="stAppViewContainer"]',
                     '[data-testid="stMain"]', '[data-testid="stMainBlockContainer"]']) {
    const e = sel === 'html' ? document.documentElement : document.querySelector(sel);
    if (e && e.scrollWidth > e.clientWidth + 1) wide.push(`${sel} ${e.scrollWidth}>${e.clientWidth}`);
  }
  const cut = [...document.querySelectorAll(
      '[data-testid="stMetricValue"], [data-testid="stMetricLabel"]')]
    .filter(e => [e, ...e.querySelectorAll('*')].some(d => d.scrollWidth > d.clientWidth + 1))
    .map(e => e.innerText);
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    wide, cut,
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    errors: [...document.querySelectorAll('[data-testid="stAlertContentError"]')]
      .map(e => e.innerText),
    sidebar_right: sidebar ? sidebar.getBoundingClientRect().right : null,
  }; }"""


def test_tablet_and_phone_screens(seed_db):
    require_chromium()
    from playwright.sync_api import sync_playwright
    found = []
    with serve({"CYBERDASH_DB": str(seed_db)}) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     timeout=60_000)
        try:
            for width, device in WIDTHS.items():
                ctx = browser.new_context(viewport={"width": width, "height": 900}, **device)
                ctx.set_default_timeout(60_000)
                page = ctx.new_page()
                js_errors = []
                page.on("pageerror", lambda e, errs=js_errors: errs.append(str(e)))
                for path in PAGES:
                    open_app(page, base, path)
                    page.wait_for_function(DRAWN_JS, polling=100)
                    page.wait_for_timeout(300)  # late layout (charts resize to their box)
                    p = page.evaluate(PROBLEMS_JS)
                    where = f"{width} px {path}"
                    found += [f"{where}: scrolls sideways: {w}" for w in p["wide"]]
                    found += [f"{where}: cut short: {c!r}" for c in p["cut"]]
                    if p["exceptions"] or p["errors"]:
                        found.append(f"{where}: {p['exceptions']} exceptions, errors {p['errors']}")
                    # open beside the page on a tablet; closed over it on a phone
                    if width < 600 and (p["sidebar_right"] or 0) > 0:
                        found.append(f"{where}: the sidebar covers the page")
                    if width >= 600 and (p["sidebar_right"] or 0) <= 0:
                        found.append(f"{where}: the sidebar is closed")
                found += [f"{width} px: JavaScript error {e}" for e in js_errors]
                ctx.close()
        finally:
            browser.close()
    assert not found, "\n".join(found)
