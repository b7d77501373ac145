"""Latency of the app: run with ``.venv/bin/python benchmarks/bench_app_latency.py``.

Starts the Streamlit app (``app.py``) and Debian's Chromium the same way as the
browser tests (``tests/browser/harness.py``), opens the Explore page, focuses
a slider and presses arrow keys. For every key press it measures, in the
page's own clock (``performance.now()``), the time from the ``keydown`` event
to the first animation frame in which a Plotly chart's data differ from before
the key press ("chart updated"), and to the end of the script run ("run done").

Two series, each of ``--changes`` key presses (default 20):

1. *alternating*: ArrowRight, ArrowLeft, ArrowRight, ... so the scenario stays
   in range. After the first two presses the app has seen both values, so this
   mostly measures the app's cached path;
2. *fresh values*: the slider walks to values it has not had before in this
   server (up to its maximum, then ``Home`` and up from its minimum), so the
   model runs every time.

Prints median and 95th percentile per series (target: p95 <= 300 ms for "chart
updated"), the same for the one-slider reference app (``reference_app.py``,
started from the same folder, so with the same ``.streamlit/config.toml``) and
the ratio of the two (target: Explore's p95 at most 1.6x the reference's), and
writes ``benchmarks/output/bench_app_latency.json``.

It also notes when the largest websocket message of a run arrived
("chart message received"): for new values that is the cross-section chart,
and the rest of the time to "chart updated" is the browser's. For values seen
before the figure is not re-sent (Streamlit's client keeps large messages and
the server sends a reference), so there that time says little.

``--app-dir`` measures another copy of the app (e.g. an older version
unpacked with ``git archive``), for before/after comparisons.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))

from browser import harness
from load_test import percentile  # this folder: the other benchmarks' statistics
from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

TARGET_P95_MS = 300.0
TARGET_RATIO_P95 = 1.6
"""Explore's p95 (both series) at most this many times the reference app's, same run."""
OUTPUT = Path(__file__).parent / "output" / "bench_app_latency.json"

_INSTALL_PROBE_JS = """
(signatureJs) => {
    const sig = eval(signatureJs);
    const charts = () => Array.from(document.querySelectorAll('.js-plotly-plot'));
    const probe = {start: null, sentAt: null, chartAt: null, doneAt: null, sawRunning: false,
                   bigAt: null, bigBytes: 0};
    window.__latency = probe;
    const send = WebSocket.prototype.send;
    const listening = new WeakSet();
    WebSocket.prototype.send = function (...args) {
        if (probe.start !== null && probe.sentAt === null) probe.sentAt = performance.now();
        if (!listening.has(this)) {
            listening.add(this);
            // The largest message of a run carries the biggest chart: its arrival
            // splits the latency into server (and network) and browser time.
            this.addEventListener('message', (event) => {
                const size = event.data.byteLength !== undefined ? event.data.byteLength
                    : (event.data.size || 0);
                if (probe.sentAt !== null && probe.chartAt === null && size > probe.bigBytes) {
                    probe.bigBytes = size;
                    probe.bigAt = performance.now();
                }
            });
        }
        return send.apply(this, args);
    };
    document.addEventListener('keydown', (event) => {
        if (!['ArrowRight', 'ArrowLeft', 'Home', 'End'].includes(event.key)) return;
        const start = performance.now();
        const before = sig().join(',');
        const elements = charts();
        const refs = elements.map((el) => el.data);
        Object.assign(probe, {start, sentAt: null, chartAt: null, doneAt: null,
                              sawRunning: false, bigAt: null, bigBytes: 0});
        // Every change of the script state is seen (a short run can fall between two
        // animation frames): "run done" is the end of the run this press started, even
        // when the chart changed before it began (figures sent ahead, pages/_chart_ahead.js).
        const app = document.querySelector('[data-testid="stApp"]');
        const states = new MutationObserver(() => {
            if (app.dataset.testScriptState !== 'notRunning') probe.sawRunning = true;
        });
        states.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
        const tick = () => {
            const now = performance.now();
            const state = app.dataset.testScriptState;
            if (state !== 'notRunning') probe.sawRunning = true;
            if (probe.chartAt === null) {
                const current = charts();
                const touched = current.length !== elements.length
                    || current.some((el, i) => el !== elements[i] || el.data !== refs[i]);
                if (touched && sig().join(',') !== before) probe.chartAt = now;
            }
            if (probe.sawRunning && state === 'notRunning'
                && !document.querySelector('[data-testid="stStatusWidget"]')) {
                probe.doneAt = now;
            }
            if (probe.chartAt === null || probe.doneAt === null) requestAnimationFrame(tick);
            else states.disconnect();
        };
        requestAnimationFrame(tick);
    }, true);
}
"""


def summary(samples: list[float]) -> dict[str, float | int | None]:
    """Median, 95th percentile, min and max of latency samples (ms)."""
    if not samples:
        return {"n": 0, "median_ms": None, "p95_ms": None, "min_ms": None, "max_ms": None}
    return {
        "n": len(samples),
        "median_ms": statistics.median(samples),
        "p95_ms": percentile(samples, 95) if len(samples) > 1 else samples[0],
        "min_ms": min(samples),
        "max_ms": max(samples),
    }


def _ms(value: float | int | None) -> str:
    return "n/a" if value is None else f"{value:.0f} ms"


def find_slider(page: Page, label: str) -> int:
    """Index of the first slider whose label starts with ``label`` (case-insensitive).

    Parameters
    ----------
    page : Page
        Page showing the app.
    label : str
        Start of the slider's label.

    Returns
    -------
    int
        Position among :data:`harness.SLIDER_THUMB_SELECTOR` matches.

    Raises
    ------
    SystemExit
        If no slider matches.
    """
    thumbs = harness.slider_thumbs(page)
    for index, thumb in enumerate(thumbs):
        if thumb["label"].lower().startswith(label.lower()):
            return index
    raise SystemExit(f"no slider labelled {label!r}; sliders: {[t['label'] for t in thumbs]}")


def fresh_keys(value: float, low: float, high: float, step: float, changes: int) -> list[str]:
    """Keys that move a slider through ``changes`` values it has not had yet.

    Walks up from ``value`` to ``high``, then presses ``Home`` (to ``low``) and
    walks up again, stopping below the starting value.

    Parameters
    ----------
    value, low, high, step : float
        Current value, range and step of the slider.
    changes : int
        Number of key presses wanted.

    Returns
    -------
    list of str
        Key names for Playwright; fewer than ``changes`` if the range is too small.
    """
    up = round((high - value) / step)
    below = round((value - low) / step)
    keys = ["ArrowRight"] * up
    if below > 0:
        keys += ["Home"] + ["ArrowRight"] * (below - 1)
    return keys[:changes]


_AHEAD_COUNT_JS = """() => Array.from(document.querySelectorAll('.live-chart'))
    .reduce((sum, el) => sum + Number(el.dataset.aheadCount || 0), 0)"""
"""How many figures the page's charts have drawn ahead of a server run (pages/_chart_ahead.js)."""


def measure(page: Page, thumb_index: int, keys: list[str], timeout_ms: float) -> dict[str, Any]:
    """Press ``keys`` one by one on a slider and time each update.

    Parameters
    ----------
    page : Page
        Page showing the app, settled.
    thumb_index : int
        Which slider thumb to press keys on.
    keys : list of str
        Key names, one press per change.
    timeout_ms : float
        Longest wait for one update; slower presses count as timeouts.

    Returns
    -------
    dict
        ``chart_ms`` and ``done_ms`` sample lists, ``values`` seen, ``timeouts``, and
        ``drawn_ahead``: presses the chart answered from a figure sent ahead.
    """
    thumb = page.locator(harness.SLIDER_THUMB_SELECTOR).nth(thumb_index)
    sent_ms: list[float] = []
    message_ms: list[float] = []
    chart_ms: list[float] = []
    done_ms: list[float] = []
    values: list[float | None] = []
    timeouts = 0
    ahead = 0
    for key in keys:
        thumb.focus()
        ahead_before = page.evaluate(_AHEAD_COUNT_JS)
        page.keyboard.press(key)
        try:
            page.wait_for_function(
                "() => window.__latency.start !== null && window.__latency.chartAt !== null"
                " && window.__latency.doneAt !== null",
                polling=50,
                timeout=timeout_ms,
            )
        except PlaywrightTimeoutError:
            timeouts += 1
        probe = page.evaluate("() => window.__latency")
        if probe["sentAt"] is not None:
            sent_ms.append(probe["sentAt"] - probe["start"])
        if probe["bigAt"] is not None and probe["chartAt"] is not None:
            message_ms.append(probe["bigAt"] - probe["start"])
        if probe["chartAt"] is not None:
            chart_ms.append(probe["chartAt"] - probe["start"])
        if probe["doneAt"] is not None:
            done_ms.append(probe["doneAt"] - probe["start"])
        harness.wait_for_app_idle(page, quiet_ms=250)
        ahead += page.evaluate(_AHEAD_COUNT_JS) > ahead_before
        thumbs = harness.slider_thumbs(page)
        if thumb_index >= len(thumbs):
            shot = harness.OUTPUT_DIR / "bench-app-latency-lost-slider.png"
            page.screenshot(path=str(shot))
            raise SystemExit(
                f"after {key} the page shows {len(thumbs)} slider(s), not {thumb_index + 1}; "
                f"see {shot}; exceptions: {harness.exception_texts(page)}"
            )
        values.append(thumbs[thumb_index]["value"])
    return {
        "sent_ms": sent_ms,
        "message_ms": message_ms,
        "chart_ms": chart_ms,
        "done_ms": done_ms,
        "values": values,
        "timeouts": timeouts,
        "drawn_ahead": ahead,
    }


REFERENCE_APP = str(Path(__file__).with_name("reference_app.py"))


def pooled(runs: dict[str, dict[str, Any]], field: str) -> list[float]:
    """The samples ``field`` (e.g. ``chart_ms``) of every series in ``runs``, together."""
    return [ms for result in runs.values() for ms in result[field]]


def ratios(app: list[float], floor: list[float]) -> dict[str, float]:
    """Median and 95th percentile of ``app`` over those of ``floor`` (the reference app)."""
    return {
        "median": statistics.median(app) / statistics.median(floor),
        "p95": percentile(app, 95) / percentile(floor, 95),
    }


def measure_app(
    script: str, args: argparse.Namespace, log_name: str
) -> tuple[dict[str, dict[str, Any]], dict[str, Any], str]:
    """Both series (alternating and fresh values) for one Streamlit ``script``.

    Returns
    -------
    series : dict
        ``alternating`` and ``fresh_values`` results of :func:`measure`.
    thumb : dict
        The slider measured.
    chromium_version : str
    """
    server = harness.start_streamlit(
        app_dir=args.app_dir.resolve(), script=script, log_path=harness.OUTPUT_DIR / log_name
    )
    try:
        with sync_playwright() as playwright:
            browser = harness.launch_chromium(playwright)
            try:
                page = browser.new_page(viewport={"width": args.width, "height": args.height})
                harness.open_app(page, server.base_url)
                page.evaluate(_INSTALL_PROBE_JS, harness.PLOTLY_SIGNATURE_JS)
                index = find_slider(page, args.slider)
                thumb = harness.slider_thumbs(page)[index]
                alternating = ["ArrowRight", "ArrowLeft"] * ((args.changes + 1) // 2)
                if thumb["value"] >= thumb["max"]:
                    alternating = ["ArrowLeft", "ArrowRight"] * ((args.changes + 1) // 2)
                thumb_input = page.locator(harness.SLIDER_THUMB_SELECTOR).nth(index)
                step = float(thumb_input.get_attribute("step") or 1)
                series = {
                    "alternating": measure(
                        page, index, alternating[: args.changes], args.timeout_ms
                    ),
                }
                thumb = harness.slider_thumbs(page)[index]
                keys = fresh_keys(thumb["value"], thumb["min"], thumb["max"], step, args.changes)
                series["fresh_values"] = measure(page, index, keys, args.timeout_ms)
                return series, thumb, browser.version
            finally:
                browser.close()
    finally:
        server.stop()


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20, help="key presses per series")
    parser.add_argument("--slider", default="Needle length", help="start of the slider's label")
    parser.add_argument("--timeout-ms", type=float, default=10_000)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument(
        "--app-dir",
        type=Path,
        default=REPO_ROOT,
        help="folder holding app.py and .streamlit/ (default: this repo); e.g. a copy of an "
        "older version, to compare",
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the JSON goes")
    args = parser.parse_args()
    if args.changes < 2:
        parser.error("--changes must be at least 2")
    problem = harness.chromium_problem()
    if problem:
        raise SystemExit(problem)

    load_before = os.getloadavg()[0]
    reference, _, _ = measure_app(REFERENCE_APP, args, "streamlit-bench-reference.log")
    series, thumb, chromium_version = measure_app("app.py", args, "streamlit-bench.log")

    report: dict[str, Any] = {
        "app_dir": str(args.app_dir.resolve()),
        "what": "keydown on a slider -> widget value sent on the websocket (sent_ms), "
        "-> largest websocket message of the run (the biggest chart) received (message_ms) "
        "-> first frame with changed Plotly data (chart_ms), -> script run finished "
        "(done_ms); performance.now() in Chromium",
        "slider": thumb["label"],
        "target_p95_ms": TARGET_P95_MS,
        "chromium": chromium_version,
        "cpus": os.cpu_count(),
        "load_average_1min": {"before": load_before, "after": os.getloadavg()[0]},
        "python": platform.python_version(),
        "series": {},
    }
    worst_p95 = 0.0
    for name, result in series.items():
        sent = summary(result["sent_ms"])
        chart = summary(result["chart_ms"])
        done = summary(result["done_ms"])
        message = summary(result["message_ms"])
        report["series"][name] = {
            "presses": len(result["values"]),
            "timeouts": result["timeouts"],
            "drawn_ahead": result["drawn_ahead"],
            "widget_sent": sent,
            "chart_updated": chart,
            "run_done": done,
            "chart_message_received": message,
            "values": result["values"],
            "sent_ms": result["sent_ms"],
            "message_ms": result["message_ms"],
            "chart_ms": result["chart_ms"],
            "done_ms": result["done_ms"],
        }
        if chart["p95_ms"] is not None:
            worst_p95 = max(worst_p95, float(chart["p95_ms"]))
        print(
            f"{name:>12}: {len(result['values'])} presses on {thumb['label']!r}, "
            f"{result['timeouts']} timeouts, {result['drawn_ahead']} drawn ahead; "
            f"key -> chart updated: median "
            f"{_ms(chart['median_ms'])}, p95 {_ms(chart['p95_ms'])}; "
            f"key -> run done: median {_ms(done['median_ms'])}, p95 {_ms(done['p95_ms'])}; "
            f"key -> widget value sent to the server: median {_ms(sent['median_ms'])}; "
            f"key -> chart message received: median {_ms(message['median_ms'])}"
        )
    report["worst_p95_chart_ms"] = worst_p95
    report["meets_target"] = worst_p95 <= TARGET_P95_MS and all(
        r["timeouts"] == 0 for r in series.values()
    )
    print(
        f"load average (1 min) before/after: {load_before:.1f}/{os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs (other processes slow the figures down)"
    )
    report["reference_app"] = {
        name: {
            "chart_updated": summary(result["chart_ms"]),
            "run_done": summary(result["done_ms"]),
            "chart_ms": result["chart_ms"],
            "done_ms": result["done_ms"],
        }
        for name, result in reference.items()
    }
    ref_done, app_done = pooled(reference, "done_ms"), pooled(series, "done_ms")
    if ref_done and app_done:
        # The whole page up to date (texts, the other charts): the chart may answer a
        # press before this, from a figure sent ahead; the rest still waits for the run.
        report["run_done_ratio_to_reference"] = ratios(app_done, ref_done)
        print(
            f"key -> run done (whole page up to date), both series: Explore median "
            f"{statistics.median(app_done):.0f} ms, p95 {percentile(app_done, 95):.0f} ms; "
            f"reference median {statistics.median(ref_done):.0f} ms, "
            f"p95 {percentile(ref_done, 95):.0f} ms; ratio "
            f"{report['run_done_ratio_to_reference']['median']:.2f}x (median), "
            f"{report['run_done_ratio_to_reference']['p95']:.2f}x (p95)"
        )
    floor, app = pooled(reference, "chart_ms"), pooled(series, "chart_ms")
    if floor and app:
        report["ratio_to_reference"] = ratios(app, floor)
        report["ratio_to_reference"]["per_series_p95"] = {
            name: percentile(series[name]["chart_ms"], 95)
            / percentile(reference[name]["chart_ms"], 95)
            for name in series
            if len(series[name]["chart_ms"]) > 1 and len(reference[name]["chart_ms"]) > 1
        }
        report["target_ratio_p95"] = TARGET_RATIO_P95
        report["meets_ratio_target"] = report["ratio_to_reference"]["p95"] <= TARGET_RATIO_P95
        for name, result in reference.items():
            ref = summary(result["chart_ms"])
            print(
                f"{'reference ' + name:>24}: key -> chart updated median "
                f"{_ms(ref['median_ms'])}, p95 {_ms(ref['p95_ms'])}"
            )
        print(
            "reference app (one slider, one small chart) in the same run, both series: key -> "
            f"chart updated median {statistics.median(floor):.0f} ms, "
            f"p95 {percentile(floor, 95):.0f} ms; "
            f"the Explore page takes {report['ratio_to_reference']['median']:.2f}x (median) and "
            f"{report['ratio_to_reference']['p95']:.2f}x (p95) of that "
            f"(target p95 <= {TARGET_RATIO_P95:g}x: "
            f"{'met' if report['meets_ratio_target'] else 'NOT met'}); per series, p95: "
            + ", ".join(
                f"{name} {ratio:.2f}x"
                for name, ratio in report["ratio_to_reference"]["per_series_p95"].items()
            )
        )
    print(
        f"worst p95 key -> chart updated: {worst_p95:.0f} ms "
        f"(target <= {TARGET_P95_MS:.0f} ms): {'met' if report['meets_target'] else 'NOT met'}"
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.output}")
    return report


if __name__ == "__main__":
    main()
