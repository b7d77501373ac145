"""Bytes of a first visit: run with ``.venv/bin/python benchmarks/bench_first_visit.py``.

Starts the Streamlit app (``app.py``) and Debian's Chromium the same way as
the browser tests (``tests/browser/harness.py``) and opens the Explore page
(the landing page) in a fresh browser context with the HTTP cache disabled,
as a first-time visitor would. In the page's own clock it notes when the
first Plotly chart is drawn and visible, and adds up, from the Resource
Timing entries of every file (HTML, JavaScript, CSS, fonts, ...) and the
websocket messages received, the bytes that arrived until then:

* *uncompressed*: ``decodedBodySize`` of each file plus websocket payloads;
* *transferred*: ``encodedBodySize`` (the body as sent: smaller only where
  the server compressed it) plus websocket payloads.

The same sums up to the moment the page has settled are printed too, and the
largest files. Writes ``benchmarks/output/bench_first_visit.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))

from browser import harness
from playwright.sync_api import sync_playwright

OUTPUT = Path(__file__).parent / "output" / "bench_first_visit.json"

_INIT_JS = """
(() => {
    performance.setResourceTimingBufferSize(5000);
    const probe = {frames: [], firstChartAt: null};
    window.__firstVisit = probe;
    const Native = window.WebSocket;
    window.WebSocket = function (...args) {
        const ws = new Native(...args);
        ws.addEventListener('message', (event) => {
            const data = event.data;
            const bytes = typeof data === 'string' ? new Blob([data]).size
                : (data.byteLength !== undefined ? data.byteLength : data.size);
            probe.frames.push([performance.now(), bytes]);
        });
        return ws;
    };
    window.WebSocket.prototype = Native.prototype;
    Object.assign(window.WebSocket, Native);
    const visible = (el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0
            && el.querySelector('.main-svg .cartesianlayer .trace') !== null;
    };
    const tick = () => {
        if (probe.firstChartAt === null) {
            const charts = document.querySelectorAll('.js-plotly-plot');
            if (Array.from(charts).some(visible)) probe.firstChartAt = performance.now();
            else requestAnimationFrame(tick);
        }
    };
    requestAnimationFrame(tick);
})();
"""

_COLLECT_JS = """
() => {
    const nav = performance.getEntriesByType('navigation');
    const res = performance.getEntriesByType('resource');
    return {
        firstChartAt: window.__firstVisit.firstChartAt,
        frames: window.__firstVisit.frames,
        files: [...nav, ...res].map((e) => ({
            url: e.name,
            end: e.responseEnd,
            decoded: e.decodedBodySize,
            encoded: e.encodedBodySize,
            transfer: e.transferSize,
            type: e.initiatorType,
        })),
    };
}
"""


def totals(data: dict[str, Any], until: float | None) -> dict[str, int]:
    """Bytes of files and websocket messages that arrived by ``until`` (ms; None: all)."""

    def arrived(at: float) -> bool:
        return until is None or at <= until

    files = [f for f in data["files"] if arrived(f["end"])]
    ws = sum(bytes_ for at, bytes_ in data["frames"] if arrived(at))
    decoded = sum(f["decoded"] for f in files)
    encoded = sum(f["encoded"] for f in files)
    return {
        "files": len(files),
        "file_bytes_uncompressed": decoded,
        "file_bytes_transferred": encoded,
        "websocket_bytes": ws,
        "uncompressed": decoded + ws,
        "transferred": encoded + ws,
    }


def _mb(value: int) -> str:
    return f"{value / 1e6:.2f} MB"


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--app-dir", type=Path, default=REPO_ROOT, help="folder holding app.py (default: this repo)"
    )
    parser.add_argument("--url", help="measure this running app instead of starting one")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--top", type=int, default=8, help="largest files to list")
    args = parser.parse_args()
    problem = harness.chromium_problem()
    if problem:
        raise SystemExit(problem)

    server = None
    if args.url:
        base_url = args.url.rstrip("/")
    else:
        server = harness.start_streamlit(
            app_dir=args.app_dir.resolve(),
            log_path=harness.OUTPUT_DIR / "streamlit-bench-first-visit.log",
        )
        base_url = server.base_url
    try:
        with sync_playwright() as playwright:
            browser = harness.launch_chromium(playwright)
            try:
                context = browser.new_context(viewport={"width": args.width, "height": args.height})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                page.add_init_script(_INIT_JS)
                harness.open_app(page, base_url + "/")
                page.wait_for_function("() => window.__firstVisit.firstChartAt !== null")
                data = page.evaluate(_COLLECT_JS)
                chromium_version = browser.version
            finally:
                browser.close()
    finally:
        if server is not None:
            server.stop()

    first_chart = totals(data, data["firstChartAt"])
    settled = totals(data, None)
    largest = sorted(data["files"], key=lambda f: f["decoded"], reverse=True)[: args.top]
    report: dict[str, Any] = {
        "what": "bytes received by a first visit to the Explore page (fresh context, no cache)"
        " until the first Plotly chart is visible, and until the page settled",
        "app": base_url if args.url else str(args.app_dir.resolve()),
        "chromium": chromium_version,
        "first_chart_ms": data["firstChartAt"],
        "to_first_chart": first_chart,
        "to_settled": settled,
        "largest_files": [
            {
                "file": f["url"].split("?")[0].rsplit("/", 1)[-1] or f["url"],
                "uncompressed": f["decoded"],
                "transferred": f["encoded"],
                "arrived_ms": f["end"],
            }
            for f in largest
        ],
        "cpus": os.cpu_count(),
        "load_average_1min": os.getloadavg()[0],
    }
    for label, t in (("to first chart", first_chart), ("to settled page", settled)):
        print(
            f"{label:>16}: {_mb(t['uncompressed'])} uncompressed, "
            f"{_mb(t['transferred'])} transferred ({t['files']} files: "
            f"{_mb(t['file_bytes_uncompressed'])} / {_mb(t['file_bytes_transferred'])}; "
            f"websocket {_mb(t['websocket_bytes'])})"
        )
    print(f"first chart visible after {data['firstChartAt']:.0f} ms; largest files:")
    for f in report["largest_files"]:
        print(
            f"  {f['uncompressed'] / 1e3:8.0f} kB ({f['transferred'] / 1e3:8.0f} kB sent) "
            f"at {f['arrived_ms']:6.0f} ms  {f['file']}"
        )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(report, indent=2))
    print(f"wrote {OUTPUT.relative_to(REPO_ROOT)}")
    return report


if __name__ == "__main__":
    main()
