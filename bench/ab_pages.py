"""Interleaved A/B page loads: the same pages of two or more apps (an anchor, the dashboard
of this tree, the dashboard of another tree), loaded in turn round after round, so that a
change of machine load hits every side alike.

    .venv/bin/python -m bench.ab_pages --app anchor=bench/anchors/bare.py:/ \\
        --app old=../main/dashboard.py:/van-ban,/du-lieu --app new=dashboard.py:/van-ban,/du-lieu \\
        --rounds 5

Each --app is NAME=SCRIPT:PATHS; SCRIPT runs with `streamlit run` from its own folder's
repository root (the folder holding it, or its parent for bench/anchors/…). Every load is a
fresh context measured by bench.page_metrics.load_once (wall ms to the rendered frame and
main-thread CPU). Prints, per (app, page), the median of each number, and each page's wall
and task-time ratio to the first app's first page (the anchor), round by round.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import page_metrics


def _root(script: Path) -> Path:
    for d in script.resolve().parents:
        if (d / "app").is_dir() or (d / ".git").exists():
            return d
    return script.resolve().parent


def start(script: str, log) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = Path(script).resolve()
    root = _root(path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(path.relative_to(root)),
         "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"{script} did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ab_pages", description=__doc__.splitlines()[0])
    ap.add_argument("--app", action="append", required=True, help="NAME=SCRIPT:PATH[,PATH…]")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--wait-for", action="append", default=[])
    a = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright
    pt = page_metrics._page_timing()
    apps = []
    for spec in a.app:
        name, rest = spec.split("=", 1)
        script, paths = rest.rsplit(":", 1)
        apps.append((name, script, [p for p in paths.split(",") if p]))
    procs, log = [], tempfile.NamedTemporaryFile("w+", suffix=".log", prefix="ab_pages_")
    res: dict[tuple[str, str], list[dict]] = {}
    try:
        bases = {}
        for name, script, _ in apps:
            proc, bases[name] = start(script, log)
            procs.append(proc)
        args = pt.CHROMIUM_ARGS + ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                         args=args, timeout=60_000)
            try:
                for rnd in range(a.rounds + 1):  # round 0 warms every server up, untimed
                    for name, _, paths in apps:
                        for p in paths:
                            m = page_metrics.load_once(browser, bases[name] + p, pt.READY_JS,
                                                       a.wait_for, 60_000)
                            if rnd:
                                res.setdefault((name, p), []).append(m)
                    print(f"round {rnd} done", file=sys.stderr, flush=True)
            finally:
                browser.close()
    finally:
        for proc in procs:
            pt.stop_server(proc)
        log.close()
    first = res[(apps[0][0], apps[0][2][0])]
    print(f"{'app':<8} {'page':<16} {'ms':>7} {'ms×':>6} {'task':>7} {'task×':>6} {'script':>7} "
          f"{'lay+sty':>7} {'dom':>6} {'js KB':>7} {'ws KB':>7}  wall ratios by round")
    for (name, p), loads in res.items():
        med = {k: statistics.median(x[k] for x in loads) for k in page_metrics.METRICS}
        wr = [x["ms"] / f["ms"] for x, f in zip(loads, first)]
        tr = [x["task_ms"] / f["task_ms"] for x, f in zip(loads, first)]
        print(f"{name:<8} {p:<16} {med['ms']:>7.0f} {statistics.median(wr):>6.2f} "
              f"{med['task_ms']:>7.0f} {statistics.median(tr):>6.2f} {med['script_ms']:>7.0f} "
              f"{med['layout_ms'] + med['style_ms']:>7.0f} {med['dom']:>6.0f} {med['js_kb']:>7.0f} "
              f"{med['ws_kb']:>7.0f}  {' '.join(f'{r:.2f}' for r in wr)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
