"""Memory of one app server: run with ``.venv/bin/python benchmarks/bench_memory.py``.

Starts the Streamlit app (``app.py``) on a free 127.0.0.1 port the same way as
the browser tests (``tests/browser/harness.py``) and opens one session per
scenario, as visitors following 300 different share links would: each session
connects to the server's websocket, asks for a run of the Explore page with
the scenario in its URL query string (``?scar=...&needle_mm=...``), waits for
the run to finish and disconnects. The client speaks Streamlit's own protocol
(``BackMsg``/``ForwardMsg`` protobufs), so no browser is needed and a
scenario takes about as long as the server's run of the page.

Prints the server's resident memory (``VmRSS`` in ``/proc/<pid>/status``) and
its peak (``VmHWM``) after 0, 100, 200 and 300 scenarios (target: under
400 MB after 300) and writes ``benchmarks/output/bench_memory.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))
sys.path.insert(0, str(REPO_ROOT))

from browser import harness
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from sim.devices import DEVICES
from sim.registry import SPECS

TARGET_MB = 400.0
OUTPUT = Path(__file__).parent / "output" / "bench_memory.json"


def scenarios(count: int, seed: int = 0) -> list[dict[str, str]]:
    """``count`` distinct scenarios as URL query values, in a random order.

    Scar type, needle length (office pen), number of sessions and the days
    between them: the Explore page's main controls.
    """
    device = DEVICES["office_pen"]
    needle = SPECS["needle_mm"]
    n_needles = round((device.needle_max_mm - device.needle_min_mm) / needle.step) + 1
    needles = [round(device.needle_min_mm + k * needle.step, 2) for k in range(n_needles)]
    grid = list(itertools.product(SPECS["scar"].choices, needles, range(1, 11), (14, 28, 42, 56)))
    rng = random.Random(seed)
    picked = rng.sample(grid, count)
    return [
        {"scar": scar, "needle_mm": f"{mm:g}", "sessions": str(n), "interval_days": str(days)}
        for scar, mm, n, days in picked
    ]


def memory_mb(pid: int) -> dict[str, float]:
    """Resident (``VmRSS``) and peak resident (``VmHWM``) memory of ``pid`` in MB (10^6 B)."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024 / 1e6
    return {"rss_mb": values["VmRSS"], "peak_mb": values["VmHWM"]}


def run_once(port: int, query: dict[str, str], timeout_s: float) -> dict[str, Any]:
    """One session: connect, run the landing page with ``query`` in the URL, disconnect.

    Returns
    -------
    dict
        ``seconds`` from sending the request to the end of the run, ``bytes``
        received, and ``exceptions`` (texts of exception elements the app showed).
    """
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    received = 0
    exceptions: list[str] = []
    with connect(
        url,
        subprotocols=["streamlit"],
        origin=f"http://127.0.0.1:{port}",
        max_size=None,
        open_timeout=timeout_s,
    ) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = urlencode(query)
        msg.rerun_script.page_script_hash = ""
        start = time.perf_counter()
        ws.send(msg.SerializeToString())
        deadline = start + timeout_s
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no end of run within {timeout_s:.0f} s for {query}")
            data = ws.recv(timeout=remaining)
            received += len(data)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "exception":
                exceptions.append(fwd.delta.new_element.exception.message)
            if kind == "script_finished":
                # A page switch (st.switch_page) finishes one run and starts another.
                if fwd.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    break
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError(f"compile error in the app for {query}")
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "bytes": received, "exceptions": exceptions}


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=300)
    parser.add_argument("--every", type=int, default=100, help="print memory every N scenarios")
    parser.add_argument("--timeout-s", type=float, default=60.0, help="longest wait for one run")
    parser.add_argument(
        "--app-dir", type=Path, default=REPO_ROOT, help="folder holding app.py (default: this repo)"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    queries = scenarios(args.scenarios, args.seed)
    server = harness.start_streamlit(
        app_dir=args.app_dir.resolve(), log_path=harness.OUTPUT_DIR / "streamlit-bench-memory.log"
    )
    pid = server.process.pid
    samples: list[dict[str, Any]] = []
    seconds: list[float] = []
    failures: list[str] = []
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    try:

        def sample(done: int) -> None:
            mem = memory_mb(pid)
            samples.append({"scenarios": done, **mem, "elapsed_s": time.perf_counter() - started})
            print(
                f"after {done:>4} scenarios: RSS {mem['rss_mb']:6.0f} MB "
                f"(peak {mem['peak_mb']:6.0f} MB), {time.perf_counter() - started:5.0f} s",
                flush=True,
            )

        sample(0)
        for done, query in enumerate(queries, start=1):
            outcome = run_once(server.port, query, args.timeout_s)
            seconds.append(outcome["seconds"])
            if outcome["exceptions"]:
                failures.append(f"{query}: {outcome['exceptions'][0][:200]}")
            if done % args.every == 0 or done == len(queries):
                sample(done)
    finally:
        server.stop()

    final = samples[-1]
    seconds.sort()
    report: dict[str, Any] = {
        "what": "RSS of one streamlit server after N sessions, each opening the Explore page "
        "with a different scenario in its URL",
        "app_dir": str(args.app_dir.resolve()),
        "target_mb": TARGET_MB,
        "samples": samples,
        "run_seconds_median": seconds[len(seconds) // 2] if seconds else None,
        "failures": failures,
        "cpus": os.cpu_count(),
        "load_average_1min": {"before": load_before, "after": os.getloadavg()[0]},
        "meets_target": final["rss_mb"] < TARGET_MB and not failures,
    }
    print(
        f"{len(queries)} scenarios, median {report['run_seconds_median'] * 1000:.0f} ms per "
        f"page run; RSS after the last: {final['rss_mb']:.0f} MB (target < {TARGET_MB:.0f} MB): "
        f"{'met' if report['meets_target'] else 'NOT met'}"
    )
    if failures:
        print(f"{len(failures)} runs showed an exception, first: {failures[0]}")
    print(
        f"load average (1 min) before/after: {load_before:.1f}/{os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(report, indent=2))
    print(f"wrote {OUTPUT.relative_to(REPO_ROOT)}")
    return report


if __name__ == "__main__":
    main()
