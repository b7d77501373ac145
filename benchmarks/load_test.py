"""A classroom at the protocol level: ``.venv/bin/python benchmarks/load_test.py``.

Simulates students using the Explore page without a browser. Each student does
what Chromium does on a first visit, over HTTP and Streamlit's websocket
(``/_stcore/stream``, the ``BackMsg``/``ForwardMsg`` protobufs of the installed
Streamlit), and then moves the *Needle length* slider about once a second:

1. GET the page (keeping its cookies, among them nginx's affinity cookie),
   ``/_stcore/health``, ``/_stcore/host-config``, the static files the page
   names and the Plotly chunk the Explore page loads (``--no-assets``: only
   the page), all with ``Accept-Encoding: gzip`` like a browser;
2. open the websocket with those cookies and ask for a script run
   (``BackMsg.rerun_script``, as the browser's first message);
3. **first chart**: the time from the start of the visit (1) to the first
   Plotly chart of that run;
4. fetch the files of download buttons that carry a URL, as the browser does
   after every run, and after the last move download the file of the last
   button whose file is made on request, as a click does
   (``backend_operation_request``, then a GET of the URL the server answers).
   These files live in the memory of the worker that runs the session; a 404
   is counted as a download not found. It means that the session's requests
   were split between workers (a check, not a proof: a file with the same
   content has the same name on every worker that made it; ``tests/deploy``
   has the proof), or that Streamlit had already dropped a file made on
   request (see :func:`fetch_media`): that happens on a single worker too;
5. ``--moves`` times: set the slider to another value (``widget_states`` with
   the slider's id, found in the first run; the page script's hash and query
   string as the server sent them; the hashes of the large messages received
   so far, as the browser's message cache does) and measure **move → chart**
   (to the first Plotly chart) and **move → done** (to ``script_finished``).

Values: the students' starting points are spread over the slider's range;
each student alternates between a value it has not had yet and the one before
(``v+1, v, v+2, v+1, ...``), so about half of the moves need a value the
worker has not computed (unless another student on the same worker asked for
it first: the model's caches are shared within a worker). A student waits for
a move to finish before the next one (closed loop) and moves every
``--interval`` seconds from a random phase; students join spread over
``--ramp`` seconds. A move fails when the run raises, ends with an error, does
not show the value sent, or takes longer than ``--message-timeout``.

Two ways to run it:

* ``--workers 1,2`` (default ``1,2``): for every worker count and every class
  size, start a fresh ``bash scripts/run-app.sh --no-install --workers N`` on
  free ports of 127.0.0.1 (fresh caches, so every round starts cold), warm up
  each worker with one visit (module imports; a teacher opening the app), run
  the round, stop the server with SIGTERM. One worker is plain Streamlit, as
  ``bash scripts/run-app.sh`` starts it; two or more sit behind nginx.
* ``--url http://127.0.0.1:PORT``: against a server you started; only
  127.0.0.1 / localhost are accepted.

Bounded: at most 100 students and 100 moves per student, ``--timeout`` seconds
per round (default 120) and ``--max-total`` seconds for the whole run (default
900). All traffic goes to 127.0.0.1.

Prints one row per round: first chart, move → chart and move → done (median
and 95th percentile), move → done counting only the moves sent once every
student has had a first chart (the class at work, after the arrivals), moves
done, failures, downloads not found, and how many cores the machine's other processes kept busy
meanwhile (with ``--workers``; rows where that is well above 0 were measured
on a busy machine). Then the ratio of the largest class's p95 to a lone student's,
against the target of 3x, and the CPU time the workers, nginx and the
simulated students used in each round (with ``--workers``). Writes
``benchmarks/output/load_test.json`` and the servers' logs next to it. Results
depend on what else runs on the machine: the students, the workers and nginx
share its cores.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import http.client
import json
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

REPO_ROOT = Path(__file__).resolve().parents[1]
OUTPUT = Path(__file__).parent / "output" / "load_test.json"

MAX_STUDENTS = 100
MAX_MOVES = 100
MAX_ROUND_S = 600.0
MAX_TOTAL_S = 3600.0
TARGET_RATIO = 3.0
LOCAL_HOSTS = ("127.0.0.1", "localhost")
SLIDER_KEY = "w_needle_mm"
"""Widget key of the Explore page's first slider, "Needle length (mm)"."""
LAZY_CHUNKS = ("PlotlyChart",)
"""Code chunks the browser loads for the Explore page beyond those the page names."""
ASSET_CONNECTIONS = 6
"""Parallel HTTP connections per student for static files (as a browser)."""

_ASSET_RE = re.compile(r"""(?:src|href)="\./((?:static/|favicon)[^"]+)\"""")


class LoadTestError(RuntimeError):
    """A visit or a move failed; the message says how."""


# --------------------------------------------------------------------------- statistics


def percentile(values: list[float], q: float) -> float:
    """Return the ``q``-th percentile (0-100) of ``values``, linear interpolation.

    >>> percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50)
    3.0
    >>> round(percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95), 2)
    4.8
    """
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(samples: list[float]) -> dict[str, float | int | None]:
    """Count, median and 95th percentile of ``samples`` (None when empty)."""
    if not samples:
        return {"n": 0, "median": None, "p95": None}
    return {"n": len(samples), "median": statistics.median(samples), "p95": percentile(samples, 95)}


# --------------------------------------------------------------------------- HTTP


def check_local_url(url: str) -> tuple[str, int]:
    """Host and port of ``url``; refuse anything but http://127.0.0.1 or localhost.

    >>> check_local_url("http://127.0.0.1:8501")
    ('127.0.0.1', 8501)
    >>> check_local_url("http://example.com:80")
    Traceback (most recent call last):
    ...
    ValueError: only http://127.0.0.1 or http://localhost, not 'http://example.com:80'
    """
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS:
        raise ValueError(f"only http://127.0.0.1 or http://localhost, not {url!r}")
    return "127.0.0.1", parts.port or 80


@dataclass
class Endpoint:
    """Where the app answers (always 127.0.0.1) and the Host header to send."""

    port: int
    host: str = "127.0.0.1"

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"


def cookie_header(cookies: dict[str, str]) -> str:
    """``Cookie`` request header for ``cookies``."""
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def remember_cookies(cookies: dict[str, str], set_cookie_headers: list[str]) -> None:
    """Store the name and value of each ``Set-Cookie`` header in ``cookies``.

    >>> jar = {}
    >>> remember_cookies(jar, ["a=1; Path=/; HttpOnly", "b=2|x|y; SameSite=Lax"])
    >>> jar
    {'a': '1', 'b': '2|x|y'}
    """
    for header in set_cookie_headers:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0].strip()


async def _read_response(
    reader: asyncio.StreamReader, keep_body: bool
) -> tuple[int, dict[str, list[str]], int, bytes, bool]:
    """Status, headers, bytes of the body on the wire, the body (if kept), keep-alive."""
    status_line = await reader.readline()
    if not status_line:
        raise LoadTestError("the server closed the connection")
    status = int(status_line.split()[1])
    headers: dict[str, list[str]] = {}
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    parts: list[bytes] = []
    size = 0
    if status in (204, 304) or status < 200:
        pass  # no body
    elif "chunked" in headers.get("transfer-encoding", [""])[0].lower():
        while True:
            chunk_size = int((await reader.readline()).split(b";")[0], 16)
            chunk = await reader.readexactly(chunk_size + 2)
            size += chunk_size
            if keep_body:
                parts.append(chunk[:-2])
            if chunk_size == 0:
                break
    elif "content-length" in headers:
        chunk = await reader.readexactly(int(headers["content-length"][0]))
        size = len(chunk)
        parts.append(chunk if keep_body else b"")
    else:
        chunk = await reader.read()
        size = len(chunk)
        parts.append(chunk if keep_body else b"")
    body = b"".join(parts)
    if keep_body and headers.get("content-encoding", [""])[0] == "gzip":
        body = gzip.decompress(body)
    framed = "content-length" in headers or "transfer-encoding" in headers or not parts
    alive = framed and headers.get("connection", [""])[0].lower() != "close"
    return status, headers, size, body, alive


async def http_get(
    endpoint: Endpoint,
    paths: list[str],
    cookies: dict[str, str],
    timeout: float,
    keep: tuple[str, ...] = (),
) -> list[tuple[int, int, bytes]]:
    """GET ``paths`` one after the other on one keep-alive connection, like a browser.

    Returns (status, bytes of the body on the wire, body) per path; the body
    (decompressed) only for paths matching one of the regular expressions in
    ``keep``, else ``b""``. ``Set-Cookie`` headers update ``cookies``. A plain
    asyncio client: no threads that would compete with the measuring loop.
    """
    results = []
    writer = None
    try:
        for path in paths:
            if writer is None:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection("127.0.0.1", endpoint.port), timeout
                )
            lines = [
                f"GET {path} HTTP/1.1",
                f"Host: {endpoint.netloc}",
                "Accept-Encoding: gzip",
                "Accept: */*",
            ]
            if cookies:
                lines.append(f"Cookie: {cookie_header(cookies)}")
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            keep_body = any(re.search(pattern, path) for pattern in keep)
            status, headers, size, body, alive = await asyncio.wait_for(
                _read_response(reader, keep_body), timeout
            )
            remember_cookies(cookies, headers.get("set-cookie", []))
            results.append((status, size, body))
            if not alive:
                writer.close()
                writer = None
    finally:
        if writer is not None:
            writer.close()
    return results


async def fetch(
    endpoint: Endpoint,
    paths: list[str],
    cookies: dict[str, str],
    timeout: float,
    connections: int = 1,
    keep: tuple[str, ...] = (),
) -> list[tuple[int, int, bytes]]:
    """:func:`http_get` over up to ``connections`` parallel connections, in order."""
    if not paths:
        return []
    lanes = min(connections, len(paths))
    parts = await asyncio.gather(
        *(http_get(endpoint, paths[i::lanes], cookies, timeout, keep) for i in range(lanes))
    )
    # Back into the order of ``paths``: lane i holds paths i, i + lanes, ...
    return [parts[k % lanes][k // lanes] for k in range(len(paths))]


def health_ok(port: int) -> bool:
    """Whether ``/_stcore/health`` on 127.0.0.1:``port`` answers 200 (blocking)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", "/_stcore/health", headers={"Host": f"127.0.0.1:{port}"})
        return conn.getresponse().status == 200
    finally:
        conn.close()


def page_assets(html: str) -> list[str]:
    """Static files named by the page (scripts, module preloads, styles, fonts).

    >>> page_assets('<script src="./static/js/index.A1.js"></script>'
    ...             '<link rel="modulepreload" href="./static/js/b.B2.js">')
    ['/static/js/index.A1.js', '/static/js/b.B2.js']
    """
    return [f"/{path}" for path in dict.fromkeys(_ASSET_RE.findall(html))]


def lazy_chunks(entry_js: str) -> list[str]:
    """Paths of the :data:`LAZY_CHUNKS` named in the entry module.

    >>> lazy_chunks('import("./PlotlyChart.D9Z0_fxz.js")')
    ['/static/js/PlotlyChart.D9Z0_fxz.js']
    """
    found = []
    for chunk in LAZY_CHUNKS:
        found += re.findall(rf"{chunk}\.[A-Za-z0-9_-]+\.js", entry_js)
    return [f"/static/js/{name}" for name in dict.fromkeys(found)]


# --------------------------------------------------------------------------- protocol


@dataclass
class RunResult:
    """What one script run sent back."""

    chart_s: float | None = None
    done_s: float | None = None
    slider_value: float | None = None
    media: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    """File ids of download buttons whose file is made on request."""
    errors: list[str] = field(default_factory=list)


@dataclass
class Session:
    """One student's websocket session and what the client keeps between runs."""

    ws: ClientConnection
    session_id: str = ""
    page_script_hash: str = ""
    query_string: str = ""
    slider_id: str = ""
    slider_values: list[float] = field(default_factory=list)
    slider_value: float | None = None
    max_cached_age: int = 2
    runs: int = 0
    cache: dict[str, tuple[str, int]] = field(default_factory=dict)
    """ForwardMsg hash -> (element type, run in which it was last seen)."""

    def rerun_message(self, widget_value: float | None = None) -> bytes:
        """The ``rerun_script`` BackMsg, with the slider set to ``widget_value``."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_script_hash
        if widget_value is not None:
            widget = state.widget_states.widgets.add()
            widget.id = self.slider_id
            widget.double_array_value.data.append(widget_value)
        state.cached_message_hashes.extend(self.cache)
        info = state.context_info
        info.timezone = "UTC"
        info.timezone_offset = 0
        info.locale = "en-US"
        info.is_embedded = False
        info.color_scheme = "light"
        return msg.SerializeToString()


CHART_ELEMENTS = frozenset({"live_chart", "plotly_chart"})
"""The app's charts (``pages/_live_chart.js``), and ``st.plotly_chart`` of older versions."""


def element_type(msg: ForwardMsg) -> str:
    """``"live_chart"``, ``"slider"``, ...; ``"block"`` or ``""`` for others."""
    if msg.WhichOneof("type") != "delta":
        return ""
    delta = msg.delta
    kind = delta.WhichOneof("type")
    if kind == "new_element":
        element = delta.new_element
        kind = element.WhichOneof("type") or ""
        if kind == "bidi_component" and element.bidi_component.component_name.endswith(
            "live_chart"
        ):
            return "live_chart"
        return kind
    return "block" if kind == "add_block" else ""


async def run_script(session: Session, payload: bytes, started: float, timeout: float) -> RunResult:
    """Send ``payload`` (a rerun BackMsg) and read until the run is over.

    Times are seconds since ``started`` (``time.perf_counter``).
    """
    result = RunResult()
    await session.ws.send(payload)
    session.runs += 1
    seen_start = False
    while True:
        data = await asyncio.wait_for(session.ws.recv(decode=False), timeout)
        now = time.perf_counter() - started
        msg = ForwardMsg.FromString(data)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            seen_start = True
            session.session_id = msg.new_session.initialize.session_id or session.session_id
            session.page_script_hash = msg.new_session.page_script_hash
            age = msg.new_session.config.max_cached_message_age
            session.max_cached_age = age or session.max_cached_age
            continue
        if kind == "page_info_changed":
            session.query_string = msg.page_info_changed.query_string
            continue
        if kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN or not seen_start:
                continue  # an earlier run ended; ours comes next
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                result.errors.append("the script did not compile")
            result.done_s = now
            break
        if kind == "ref_hash":
            elem, _ = session.cache.get(msg.ref_hash, ("", 0))
            if elem:
                session.cache[msg.ref_hash] = (elem, session.runs)
        else:
            elem = element_type(msg)
            if msg.metadata.cacheable and msg.hash:
                session.cache[msg.hash] = (elem, session.runs)
        if elem in CHART_ELEMENTS and result.chart_s is None:
            result.chart_s = now
        if kind != "delta":
            continue
        element = msg.delta.new_element
        if elem == "exception":
            result.errors.append(f"the app raised {element.exception.type}")
        elif elem == "slider" and element.slider.id.endswith(SLIDER_KEY):
            slider = element.slider
            session.slider_id = slider.id
            steps = round((slider.max - slider.min) / slider.step)
            session.slider_values = [
                round(slider.min + k * slider.step, 6) for k in range(steps + 1)
            ]
            result.slider_value = slider.value[0] if slider.value else None
        elif elem == "download_button" and element.download_button.url:
            result.media.append(element.download_button.url)
        elif elem == "download_button" and element.download_button.deferred_file_id:
            result.deferred.append(element.download_button.deferred_file_id)
    # The browser drops cached messages not seen for max_cached_age runs.
    session.cache = {
        h: (e, run)
        for h, (e, run) in session.cache.items()
        if session.runs - run <= session.max_cached_age
    }
    if not seen_start:
        result.errors.append("the run never started")
    return result


async def deferred_file_url(session: Session, file_id: str, timeout: float) -> str:
    """Ask for a download button's file, as a click does; the URL the server made for it.

    The file is stored in the memory of the worker that runs the session.
    """
    msg = BackMsg()
    request = msg.backend_operation_request
    request.request_id = f"load-test-{file_id}"
    request.session_id = session.session_id
    request.deferred_file.file_id = file_id
    await session.ws.send(msg.SerializeToString())
    while True:
        data = await asyncio.wait_for(session.ws.recv(decode=False), timeout)
        answer = ForwardMsg.FromString(data)
        if answer.WhichOneof("type") != "backend_operation_response":
            continue
        response = answer.backend_operation_response
        if response.request_id != request.request_id:
            continue
        if response.error_msg:
            raise LoadTestError(f"download of {file_id}: {response.error_msg}")
        return response.deferred_file.url


# --------------------------------------------------------------------------- one student


@dataclass
class StudentResult:
    """Measurements of one student (seconds), and what went wrong."""

    first_chart_s: float | None = None
    move_chart_s: list[float] = field(default_factory=list)
    move_done_s: list[float] = field(default_factory=list)
    move_sent_at: list[float] = field(default_factory=list)
    """When each measured move was sent (``time.perf_counter``)."""
    first_chart_at: float | None = None
    failures: list[str] = field(default_factory=list)
    download_failures: list[str] = field(default_factory=list)
    """Media files not found: a session split between workers, or a file that
    Streamlit had already dropped (see ``fetch_media``)."""
    transferred_bytes: int = 0


@dataclass
class RoundConfig:
    """Settings shared by the students of one round."""

    endpoint: Endpoint
    students: int
    moves: int
    interval: float
    ramp: float
    message_timeout: float
    assets: bool
    seed: int


async def fetch_media(
    config: RoundConfig, session_cookies: dict[str, str], urls: list[str], out: StudentResult
) -> None:
    """GET media files like the browser; record each one not found.

    Not found means either that the session's requests reached another worker
    than its websocket, or that Streamlit had already deleted the file: a file
    made on request (a download button with a callable) belongs to no script
    run, and the second script run of *any* session on that worker after it was
    made deletes it, so on a busy worker the URL can be gone before the GET.
    """
    paths = [u if u.startswith("/") else "/" + u.split("/", 3)[-1] for u in urls]
    results = await fetch(config.endpoint, paths, session_cookies, config.message_timeout, 2)
    for path, (status, size, _) in zip(paths, results, strict=True):
        out.transferred_bytes += size
        if status != 200:
            out.download_failures.append(f"{path}: HTTP {status}")


async def visit(
    config: RoundConfig, cookies: dict[str, str], out: StudentResult
) -> tuple[ClientConnection, Session, RunResult]:
    """Load the page like a browser, open the websocket and run the script once."""
    started = time.perf_counter()
    timeout = config.message_timeout
    (status, size, body), *_ = await fetch(config.endpoint, ["/"], cookies, timeout, keep=("^/$",))
    out.transferred_bytes += size
    if status != 200:
        raise LoadTestError(f"GET / answered {status}")
    paths = ["/_stcore/health", "/_stcore/host-config"]
    if config.assets:
        paths += page_assets(body.decode("utf-8", "replace"))
    entry = r"^/static/js/index\.[^/]+\.js$"
    results = await fetch(config.endpoint, paths, cookies, timeout, ASSET_CONNECTIONS, (entry,))
    for path, (status, size, body) in zip(paths, results, strict=True):
        out.transferred_bytes += size
        if status != 200:
            raise LoadTestError(f"GET {path} answered {status}")
        if config.assets and re.match(entry, path):
            chunks = lazy_chunks(body.decode("utf-8", "replace"))
            for _, size, _ in await fetch(config.endpoint, chunks, cookies, timeout):
                out.transferred_bytes += size
    ws = await connect(
        f"ws://{config.endpoint.netloc}/_stcore/stream",
        subprotocols=["streamlit"],
        additional_headers={
            "Cookie": cookie_header(cookies),
            "Origin": f"http://{config.endpoint.netloc}",
        },
        max_size=None,
        compression=None,
        open_timeout=timeout,
        ping_interval=None,
    )
    session = Session(ws=ws)
    run = await run_script(session, session.rerun_message(), started, timeout)
    return ws, session, run


def move_schedule(student: int, students: int, values: int, moves: int) -> list[int]:
    """Slider positions (indices) of one student's moves: ``v+1, v, v+2, v+1, ...``.

    Students start spread over the range; positions wrap around.

    >>> move_schedule(0, 1, 46, 6)
    [1, 0, 2, 1, 3, 2]
    >>> move_schedule(1, 2, 46, 2)
    [24, 23]
    """
    base = student * values // max(students, 1)
    return [(base + k // 2 + (1 - k % 2)) % values for k in range(moves)]


async def student(config: RoundConfig, index: int) -> StudentResult:
    """One student: a first visit, then ``config.moves`` moves of the slider."""
    out = StudentResult()
    rng = random.Random(config.seed * 1000 + index)
    await asyncio.sleep(config.ramp * index / max(config.students, 1))
    cookies: dict[str, str] = {}
    ws = None
    try:
        ws, session, run = await visit(config, cookies, out)
        if run.errors or run.chart_s is None:
            raise LoadTestError("; ".join(run.errors) or "no chart in the first run")
        if not session.slider_id:
            raise LoadTestError(f"no slider with key {SLIDER_KEY} on the page")
        out.first_chart_s = run.chart_s
        out.first_chart_at = time.perf_counter()
        await fetch_media(config, cookies, run.media, out)
        schedule = move_schedule(index, config.students, len(session.slider_values), config.moves)
        next_at = time.perf_counter() + rng.uniform(0, config.interval)
        for k, position in enumerate(schedule):
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            value = session.slider_values[position]
            sent = time.perf_counter()
            run = await run_script(
                session, session.rerun_message(value), sent, config.message_timeout
            )
            next_at = max(sent + config.interval, time.perf_counter())
            problem = "; ".join(run.errors)
            if run.slider_value is None or abs(run.slider_value - value) > 1e-6:
                problem = problem or f"the slider shows {run.slider_value}, not {value}"
            if run.chart_s is None:
                problem = problem or "no chart in the run"
            if problem:
                out.failures.append(f"move {k + 1}: {problem}")
                continue
            out.move_chart_s.append(run.chart_s)
            out.move_done_s.append(run.done_s or run.chart_s)
            out.move_sent_at.append(sent)
            await fetch_media(config, cookies, run.media, out)
        if run.deferred:  # at the end, a click on the last download button
            url = await deferred_file_url(session, run.deferred[-1], config.message_timeout)
            await fetch_media(config, cookies, [url], out)
    except TimeoutError:
        out.failures.append("no answer within --message-timeout")
    except Exception as exc:  # one student's failure is a result, not the end of the round
        out.failures.append(f"{type(exc).__name__}: {exc}")
    finally:
        if ws is not None:
            with contextlib.suppress(Exception):
                await ws.close()
    return out


async def run_round(config: RoundConfig, timeout: float) -> dict[str, Any]:
    """All students of one round, at most ``timeout`` seconds; the round's summary."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    tasks = [asyncio.create_task(student(config, i)) for i in range(config.students)]
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    results = [t.result() for t in done]
    failures = [f for r in results for f in r.failures]
    failures += ["the round's --timeout ended this student"] * len(pending)
    downloads = [f for r in results for f in r.download_failures]
    first = [r.first_chart_s for r in results if r.first_chart_s is not None]
    chart = [s for r in results for s in r.move_chart_s]
    done_s = [s for r in results for s in r.move_done_s]
    # Moves sent once every student has seen a first chart: the class at work,
    # without the first visits of late arrivals.
    everyone_in = max((r.first_chart_at or 0.0 for r in results), default=0.0)
    steady = [
        s
        for r in results
        for s, at in zip(r.move_done_s, r.move_sent_at, strict=True)
        if at >= everyone_in
    ]
    wall = time.perf_counter() - wall0
    return {
        "students": config.students,
        "moves_per_student": config.moves,
        "first_chart_s": summary(first),
        "move_chart_s": summary(chart),
        "move_done_s": summary(done_s),
        "move_done_after_arrivals_s": summary(steady),
        "moves_done": len(done_s),
        "moves_per_s": len(done_s) / wall if wall else 0.0,
        "failures": len(failures),
        "failure_examples": sorted(set(failures))[:5],
        "downloads_failed": len(downloads),
        "download_failure_examples": sorted(set(downloads))[:3],
        "transferred_mb": sum(r.transferred_bytes for r in results) / 1e6,
        "wall_s": wall,
        "client_cpu_s": time.process_time() - cpu0,
    }


async def warm_up(endpoints: list[Endpoint], assets: bool, timeout: float) -> None:
    """One visit per endpoint (module imports, static-file cache), not measured."""
    for endpoint in endpoints:
        config = RoundConfig(endpoint, 1, 0, 1.0, 0.0, timeout, assets, 0)
        out = await student(config, 0)
        if out.failures:
            raise LoadTestError(f"warm-up on port {endpoint.port}: {out.failures[0]}")


# --------------------------------------------------------------------------- servers


def free_port_block(count: int) -> int:
    """A port P such that P .. P+count-1 are free on 127.0.0.1 right now.

    Below the ephemeral range (``/proc/sys/net/ipv4/ip_local_port_range``): a
    connection to a closed port there can connect to itself and take the port.
    """
    low = 32768
    with contextlib.suppress(OSError, ValueError):
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    rng = random.Random()
    for _ in range(200):
        first = rng.randrange(10000, max(10001, low - count))
        socks = []
        try:
            for port in range(first, first + count):
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                socks.append(sock)
                sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise RuntimeError("no block of free ports found")


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (through ``/proc/<pid>/task/*/children``)."""
    found: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            for child in children.read_text().split():
                found += [int(child), *_descendants(int(child))]
    return found


class AppServer:
    """``bash scripts/run-app.sh --no-install --workers N`` on 127.0.0.1."""

    def __init__(self, workers: int, log_path: Path) -> None:
        self.workers = workers
        self.port = free_port_block(workers + 1)
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path = log_path
        self._log = log_path.open("wb")
        command = [
            "bash",
            str(REPO_ROOT / "scripts" / "run-app.sh"),
            "--no-install",
            "--workers",
            str(workers),
            "--port",
            str(self.port),
            "--address",
            "127.0.0.1",
        ]
        env = {**os.environ, "APP_PYTHON": sys.executable, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )

    @property
    def endpoints(self) -> list[Endpoint]:
        """The front (nginx or the single worker), then each worker behind nginx."""
        if self.workers == 1:
            return [Endpoint(self.port)]
        return [Endpoint(self.port + i) for i in range(1, self.workers + 1)]

    def wait_healthy(self, timeout: float = 120.0) -> None:
        """Wait until ``/_stcore/health`` answers through the front port."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"run-app.sh exited; see {self.log_path}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if health_ok(self.port):
                    return
            time.sleep(0.3)
        raise RuntimeError(f"no answer on port {self.port}; see {self.log_path}")

    def worker_rss_mib(self) -> list[float]:
        """Resident memory of each Streamlit process started by run-app.sh (MiB)."""
        sizes = []
        for pid in [*_descendants(self.process.pid), self.process.pid]:
            with contextlib.suppress(OSError, IndexError, ValueError):
                if Path(f"/proc/{pid}/cmdline").read_text().split("\0")[1:3] != ["-m", "streamlit"]:
                    continue
                status = Path(f"/proc/{pid}/status").read_text().splitlines()
                kib = next(line for line in status if line.startswith("VmRSS:")).split()[1]
                sizes.append(int(kib) / 1024)
        return sizes

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) used so far by the Streamlit processes and by nginx."""
        used = {"streamlit": 0.0, "nginx": 0.0}
        tick = os.sysconf("SC_CLK_TCK")
        for pid in sorted([*_descendants(self.process.pid), self.process.pid]):
            with contextlib.suppress(OSError, IndexError, ValueError):
                args = Path(f"/proc/{pid}/cmdline").read_text().split("\0")
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                seconds = (int(stat[11]) + int(stat[12])) / tick
                if args[1:3] == ["-m", "streamlit"]:
                    used["streamlit"] += seconds
                    used[f"worker {pid}"] = seconds
                elif args[0].startswith("nginx"):  # "nginx: master process ..."
                    used["nginx"] += seconds
        return used

    def errors_in_log(self) -> list[str]:
        """Lines of the server log that report errors."""
        self._log.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        pattern = re.compile(r"Traceback|\[(?:error|crit|alert|emerg)\]|Exception", re.I)
        return [line for line in text.splitlines() if pattern.search(line)]

    def stop(self) -> None:
        """SIGTERM to run-app.sh (it stops its workers and nginx); SIGKILL after 20 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()


# --------------------------------------------------------------------------- report


def _fmt(stats: dict[str, Any], scale: float, digits: int) -> str:
    if not stats["n"]:
        return "-"
    return f"{stats['median'] * scale:.{digits}f} / {stats['p95'] * scale:.{digits}f}"


def table(rounds: list[dict[str, Any]]) -> str:
    """The rounds as a Markdown table."""
    lines = [
        "| workers | students | first chart, s (median / p95) | move -> chart, ms "
        "(median / p95) | move -> done, ms (median / p95) | move -> done once all have "
        "arrived, ms | moves done | failures | downloads not found | other processes, cores |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rounds:
        other = r.get("other_cpu_s")
        other_cores = f"{other / r['wall_s']:.2f}" if other is not None and r["wall_s"] else "-"
        lines.append(
            f"| {r.get('workers', '?')} | {r['students']} | {_fmt(r['first_chart_s'], 1, 2)} "
            f"| {_fmt(r['move_chart_s'], 1000, 0)} | {_fmt(r['move_done_s'], 1000, 0)} "
            f"| {_fmt(r['move_done_after_arrivals_s'], 1000, 0)} "
            f"| {r['moves_done']} | {r['failures']} | {r.get('downloads_failed', 0)} "
            f"| {other_cores} |"
        )
    return "\n".join(lines)


def ratios(rounds: list[dict[str, Any]]) -> list[str]:
    """Per worker count: the largest class's move p95 over a lone student's."""
    out = []
    for workers in dict.fromkeys(r.get("workers") for r in rounds):
        same = [r for r in rounds if r.get("workers") == workers and r["move_done_s"]["n"]]
        lone = [r for r in same if r["students"] == 1]
        if not lone or len(same) < 2:
            continue
        big = max(same, key=lambda r: r["students"])
        for name in ("move_done_s", "move_chart_s"):
            ratio = big[name]["p95"] / lone[0][name]["p95"]
            verdict = "meets" if ratio <= TARGET_RATIO and not big["failures"] else "misses"
            out.append(
                f"{workers} worker(s), {name[:-2].replace('_', ' -> ')}: p95 with "
                f"{big['students']} students / lone student = {ratio:.2f} "
                f"({verdict} the target of {TARGET_RATIO:g}x with {big['failures']} failures)"
            )
    return out


def machine_busy_seconds() -> float:
    """CPU seconds the processes of the machine have used (``/proc/stat``), 0 if unknown.

    User and system time only: interrupt time (much of it this test's own
    loopback traffic) belongs to no process.
    """
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return 0.0
    user, nice, system = (int(f) for f in fields[:3])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def cpu_lines(rounds: list[dict[str, Any]]) -> list[str]:
    """Per round: CPU seconds of the workers, nginx and this client, and per move."""
    out = []
    for r in rounds:
        server = r.get("server_cpu_s")
        if not server:
            continue
        per_move = server["streamlit"] / r["moves_done"] * 1000 if r["moves_done"] else 0.0
        out.append(
            f"{r['workers']} worker(s), {r['students']} students: CPU {server['streamlit']:.1f} s "
            f"Streamlit ({per_move:.0f} ms per move, first visits included), "
            f"{server['nginx']:.1f} s nginx, {r['client_cpu_s']:.1f} s students, "
            f"{r.get('other_cpu_s', 0.0):.1f} s other processes of the machine, "
            f"in {r['wall_s']:.0f} s; {r['moves_per_s']:.1f} moves/s"
        )
    return out


def load_average() -> str:
    """The 1-minute load average and any mutation-testing processes (they skew timings)."""
    load = os.getloadavg()[0]
    busy = subprocess.run(["pgrep", "-f", "mutmut"], capture_output=True, text=True).stdout
    note = f"; mutmut running ({len(busy.split())} processes)" if busy.strip() else ""
    return f"load average {load:.2f} on {os.cpu_count()} cores{note}"


# --------------------------------------------------------------------------- main


def parse_counts(text: str, limit: int, name: str) -> list[int]:
    """``"1,10,30"`` -> [1, 10, 30], each in 1..limit."""
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{name}: whole numbers separated by commas") from None
    if not counts or any(not 1 <= c <= limit for c in counts):
        raise argparse.ArgumentTypeError(f"{name}: each from 1 to {limit}")
    return counts


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=lambda t: parse_counts(t, 16, "--workers"),
        default=[1, 2],
        help="start run-app.sh with these worker counts, one fresh server per round (default 1,2)",
    )
    where.add_argument("--url", help="use a running server instead (127.0.0.1 only)")
    parser.add_argument(
        "--students",
        type=lambda t: parse_counts(t, MAX_STUDENTS, "--students"),
        default=[1, 10, 30],
        help="class sizes (default 1,10,30)",
    )
    parser.add_argument("--moves", type=int, default=10, help="moves per student (default 10)")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between moves")
    parser.add_argument("--ramp", type=float, default=5.0, help="seconds over which students join")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per round")
    parser.add_argument("--max-total", type=float, default=900.0, help="seconds for everything")
    parser.add_argument("--message-timeout", type=float, default=30.0, help="seconds per answer")
    parser.add_argument("--warmup", type=int, default=4, help="warm-up visits with --url")
    parser.add_argument("--no-assets", action="store_true", help="GET only the page, not its files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=OUTPUT, help="JSON results")
    args = parser.parse_args(argv)
    if not 0 <= args.moves <= MAX_MOVES:
        parser.error(f"--moves: 0 to {MAX_MOVES}")
    if not 0.2 <= args.interval <= 60:
        parser.error("--interval: 0.2 to 60 s")
    if not 0 <= args.ramp <= 120:
        parser.error("--ramp: 0 to 120 s")
    if not 1 <= args.timeout <= MAX_ROUND_S:
        parser.error(f"--timeout: 1 to {MAX_ROUND_S:g} s")
    if not 1 <= args.max_total <= MAX_TOTAL_S:
        parser.error(f"--max-total: 1 to {MAX_TOTAL_S:g} s")
    if not 1 <= args.message_timeout <= 120:
        parser.error("--message-timeout: 1 to 120 s")
    if not 0 <= args.warmup <= 16:
        parser.error("--warmup: 0 to 16")
    if args.url:
        try:
            check_local_url(args.url)
        except ValueError as exc:
            parser.error(str(exc))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    deadline = time.monotonic() + args.max_total
    rounds: list[dict[str, Any]] = []
    assets = not args.no_assets
    print(f"{load_average()}; {platform.python_implementation()} {platform.python_version()}")

    def config(endpoint: Endpoint, students: int) -> RoundConfig:
        return RoundConfig(
            endpoint,
            students,
            args.moves,
            args.interval,
            args.ramp,
            args.message_timeout,
            assets,
            args.seed,
        )

    def budget() -> float:
        return min(args.timeout, deadline - time.monotonic())

    if args.url:
        _, port = check_local_url(args.url)
        endpoint = Endpoint(port, urlsplit(args.url).hostname or "127.0.0.1")
        asyncio.run(warm_up([endpoint] * args.warmup, assets, args.message_timeout))
        for students in args.students:
            if budget() < 5:
                print("--max-total reached; remaining rounds skipped")
                break
            result = asyncio.run(run_round(config(endpoint, students), budget()))
            result["workers"] = "?"
            rounds.append(result)
            print(table([result]).splitlines()[-1], flush=True)
    else:
        print(table([]), flush=True)
        for workers in args.workers:
            for students in args.students:
                if budget() < 5:
                    print("--max-total reached; remaining rounds skipped")
                    break
                log = args.output.parent / f"load_test_server_{workers}w_{students}s.log"
                server = AppServer(workers, log)
                try:
                    server.wait_healthy(min(120.0, max(5.0, deadline - time.monotonic())))
                    front = Endpoint(server.port)
                    warm = [front] if workers == 1 else [*server.endpoints, front]
                    asyncio.run(warm_up(warm, assets, args.message_timeout))
                    cpu_before, busy_before = server.cpu_seconds(), machine_busy_seconds()
                    result = asyncio.run(run_round(config(front, students), budget()))
                    cpu_after, busy_after = server.cpu_seconds(), machine_busy_seconds()
                    result["server_cpu_s"] = {
                        k: cpu_after[k] - cpu_before.get(k, 0.0) for k in cpu_after
                    }
                    ours = cpu_after["streamlit"] + cpu_after["nginx"] + result["client_cpu_s"]
                    ours -= cpu_before["streamlit"] + cpu_before["nginx"]
                    # What the rest of the machine used meanwhile (it skews the timings).
                    result["other_cpu_s"] = max(0.0, busy_after - busy_before - ours)
                    result["server_log_errors"] = server.errors_in_log()[:5]
                    result["worker_rss_mib"] = server.worker_rss_mib()
                finally:
                    server.stop()
                result["workers"] = workers
                rounds.append(result)
                print(table([result]).splitlines()[-1], flush=True)
                for line in result["server_log_errors"]:
                    print(f"    server log: {line[:160]}")
    for r in rounds:
        for example in r["failure_examples"] + r["download_failure_examples"]:
            print(f"    {r['workers']} worker(s), {r['students']} students: {example}")
    print()
    print(table(rounds))
    for line in ratios(rounds):
        print(line)
    for line in cpu_lines(rounds):
        print(line)
    print(load_average())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load": load_average(),
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
    }
    args.output.write_text(json.dumps({"meta": meta, "rounds": rounds}, indent=2) + "\n")
    print(f"written: {args.output}")
    return 1 if any(r["failures"] for r in rounds) else 0


if __name__ == "__main__":
    sys.exit(main())
