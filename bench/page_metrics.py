"""Why a page costs what it costs, in numbers that machine load hardly moves: what the
browser fetched and how much work its main thread did, for one load of each page.

    .venv/bin/python -m bench.page_metrics --app dashboard.py --pages /van-ban,/du-lieu [--loads 3]
    .venv/bin/python -m bench.page_metrics --app bench/anchors/bare.py --pages /

Each load runs in a fresh headless Chromium context (empty cache, as page_timing.py does) and
stops at the same "rendered" frame as page_timing.py (its READY_JS). Per page:

- js_kb / css_kb / other_kb: bytes fetched over HTTP (decoded), by kind; requests: how many;
- ws_kb: bytes the server sent over the websocket (the page's elements and their data);
- dom: elements in the document; svg: of them, SVG elements (what plotly draws);
- script_ms / layout_ms / style_ms / task_ms: main-thread CPU time (CDP Performance.getMetrics
  on thread ticks) spent running JavaScript, in layout, in style recalculation, and in all
  tasks, from navigation to the rendered frame. CPU time, not wall time: waiting for the
  server or for the other core does not count, so these stay put under load (±5-10 %) where
  the page timings move ±20 %;
- heap_mb: JavaScript heap in use;
- ms: the wall time to the rendered frame, as page_timing.py measures it (noisy; for the
  interleaved comparisons of bench/ab_pages.py).

With --loads N the median of each number is kept. The server (started here, like
page_timing.py's) serves one warm-up load of the first page first, untimed.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import socket
import statistics
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_TIMING = Path(os.environ.get("PAGE_TIMING", ROOT.parent / "shared" / "tools" / "page_timing.py"))
METRICS = ("ms", "requests", "js_kb", "css_kb", "other_kb", "ws_kb", "dom", "svg",
           "script_ms", "layout_ms", "style_ms", "task_ms", "heap_mb")

DOM_JS = """() => ({dom: document.getElementsByTagName('*').length,
                    svg: document.querySelectorAll('svg, svg *').length})"""


def _page_timing():
    """page_timing.py as a module: the same server start and the same "rendered" test."""
    spec = importlib.util.spec_from_file_location("page_timing", PAGE_TIMING)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _kind(mime: str, url: str) -> str:
    path = urllib.parse.urlsplit(url).path
    if "javascript" in mime or path.endswith((".js", ".mjs")):
        return "js"
    if "css" in mime or path.endswith(".css"):
        return "css"
    return "other"


def load_once(browser, url: str, ready_js: str, wait_for: list[str], timeout_ms: int) -> dict:
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    ctx.set_default_timeout(timeout_ms)
    try:
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        kinds, sizes = {}, {"js": 0, "css": 0, "other": 0}
        ws = {"bytes": 0}
        done = set()

        def on_response(e):
            kinds[e["requestId"]] = _kind(e["response"].get("mimeType", ""), e["response"]["url"])

        def on_data(e):
            if e["requestId"] in kinds:
                sizes[kinds[e["requestId"]]] += e.get("dataLength", 0)

        def on_finished(e):
            done.add(e["requestId"])

        def on_frame(e):
            # binary frames come base64-encoded: 3 bytes per 4 characters
            data = e["response"].get("payloadData", "")
            ws["bytes"] += len(data) * 3 // 4 if e["response"].get("opcode") == 2 else len(data)

        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.dataReceived", on_data)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.on("Network.webSocketFrameReceived", on_frame)
        cdp.send("Network.enable")
        cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
        page.goto(url, wait_until="commit")
        ms = page.wait_for_function(ready_js, arg=wait_for, polling="raf").json_value()
        m = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
        dom = page.evaluate(DOM_JS)
        return {"ms": ms, "requests": len(kinds), "js_kb": sizes["js"] / 1024, "css_kb": sizes["css"] / 1024,
                "other_kb": sizes["other"] / 1024, "ws_kb": ws["bytes"] / 1024, **dom,
                "script_ms": m.get("ScriptDuration", 0) * 1000,
                "layout_ms": m.get("LayoutDuration", 0) * 1000,
                "style_ms": m.get("RecalcStyleDuration", 0) * 1000,
                "task_ms": m.get("TaskDuration", 0) * 1000,
                "heap_mb": m.get("JSHeapUsedSize", 0) / 2**20}
    finally:
        ctx.close()


def _median(loads: list[dict]) -> dict:
    out = {}
    for k in METRICS:
        v = statistics.median(x[k] for x in loads)
        out[k] = round(v, 1) if isinstance(v, float) else v
    return out


def measure(app: str, pages: list, *, env: dict | None = None, wait_for: list[str] = (),
            loads: int = 1, timeout: float = 60, chromium: str | None = None) -> list[dict]:
    """{page, loads, the METRICS (medians)} for each URL path of `app`, one server for all.
    A page may be given as (path, selectors): then it waits for those instead of `wait_for`."""
    pages = [(p, list(wait_for)) if isinstance(p, str) else (p[0], list(p[1])) for p in pages]
    from playwright.sync_api import sync_playwright
    pt = _page_timing()
    old_env = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", prefix="page_metrics_")
    proc = None
    try:
        proc = pt.start_server(app, port, 60, log)
        base = f"http://127.0.0.1:{port}"
        args = pt.CHROMIUM_ARGS + ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
        out = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium or os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                args=args, timeout=60_000)
            try:
                ms = int(timeout * 1000)
                load_once(browser, base + pages[0][0], pt.READY_JS, pages[0][1], ms)  # warm-up
                for path, sels in pages:
                    got = [load_once(browser, base + path, pt.READY_JS, sels, ms)
                           for _ in range(loads)]
                    out.append({"page": path, "loads": loads, **_median(got)})
            finally:
                browser.close()
        return out
    finally:
        if proc:
            pt.stop_server(proc)
        log.close()
        for k, v in old_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.page_metrics",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--app", required=True)
    ap.add_argument("--pages", default="/", help="comma-separated URL paths")
    ap.add_argument("--loads", type=int, default=1)
    ap.add_argument("--wait-for", action="append", default=[])
    a = ap.parse_args(argv)
    pages = [p.strip() for p in a.pages.split(",") if p.strip()]
    for row in measure(a.app, pages, wait_for=a.wait_for, loads=a.loads):
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
