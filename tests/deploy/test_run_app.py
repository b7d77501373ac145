"""``scripts/run-app.sh --workers N``: nginx in front of N Streamlit workers.

What a classroom needs from it: every request of one browser (page, websocket,
media files) reaches the same worker, the websocket goes through, the first
visit is compressed, and Ctrl-C / SIGTERM leave no process behind.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import re
import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType

import pytest
from deploy_helpers import (
    REPO_ROOT,
    App,
    assert_all_gone,
    command_line,
    free_port_block,
    get,
    listening,
    nginx_run_dir,
    start,
    start_run_app,
)

COOKIE_RE = re.compile(r"^streamlit_route=([0-9a-f]{32}); Path=/; HttpOnly; SameSite=Lax$")


def route_cookie(headers) -> str | None:
    """The value of the affinity cookie that a response sets, or None."""
    for header in headers.get_all("Set-Cookie") or []:
        match = COOKIE_RE.match(header)
        if match:
            return match.group(1)
    return None


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "--workers must be a whole number"),
        (["--workers", "two"], "--workers must be a whole number"),
        (["--workers"], "--workers needs a value"),
        (["--port", "0"], "--port must be a port number"),
        (["--port", "65535", "--workers", "2"], "--port must be a port number"),
        (["--address", "1.2.3.4;"], "is not an address"),
    ],
)
def test_bad_options_exit_2(args: list[str], message: str) -> None:
    result = subprocess.run(
        ["bash", "scripts/run-app.sh", "--no-install", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert message in result.stderr


def test_help_lists_the_options() -> None:
    result = subprocess.run(
        ["bash", "scripts/run-app.sh", "--help"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0
    for option in ("--workers N", "--port P", "--address A", "--no-install", "--nginx"):
        assert option in result.stdout


def test_a_taken_port_is_reported_before_anything_starts(nginx: str) -> None:
    port = free_port_block(3)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port + 2))
        taken.listen()
        result = subprocess.run(
            ["bash", "scripts/run-app.sh", "--no-install", "--workers", "2", "--port", str(port)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "APP_PYTHON": sys.executable},
            timeout=60,
        )
    assert result.returncode == 2
    assert f"port {port + 2} on 127.0.0.1 is not free" in result.stderr
    assert "[worker" not in result.stdout + result.stderr


def test_no_install_needs_the_venv() -> None:
    result = subprocess.run(
        ["bash", "scripts/run-app.sh", "--no-install", "--workers", "2"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "APP_PYTHON": "/nonexistent/python"},
        timeout=30,
    )
    assert result.returncode == 2
    assert "/nonexistent/python is missing" in result.stderr


# --------------------------------------------------------------------------- the classroom


def test_nginx_serves_the_app_and_sets_the_affinity_cookie(classroom: App) -> None:
    status, headers, body = get(classroom.port, "/")
    assert status == 200
    assert b"<title>Streamlit</title>" in body or b'id="root"' in body
    first = route_cookie(headers)
    assert first is not None, headers.get_all("Set-Cookie")
    # A browser that has the cookie keeps it: no new one.
    status, headers, _ = get(
        classroom.port, "/_stcore/health", {"Cookie": f"streamlit_route={first}"}
    )
    assert status == 200
    assert route_cookie(headers) is None
    # Another browser gets another cookie; a malformed one is replaced.
    assert route_cookie(get(classroom.port, "/")[1]) not in (None, first)
    replaced = route_cookie(get(classroom.port, "/", {"Cookie": "streamlit_route=../x"})[1])
    assert replaced is not None
    # The endpoints the browser asks for before opening the websocket.
    for path in ("/_stcore/health", "/_stcore/host-config", "/favicon.png"):
        assert get(classroom.port, path)[0] == 200, path


def test_first_visit_is_gzipped_and_static_files_are_cached(classroom: App) -> None:
    status, headers, raw = get(classroom.port, "/", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(raw).decode()
    script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', html)
    assert script, "no entry script in the page"
    path = "/" + script.group(1)
    status, headers, raw = get(classroom.port, path, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    plain = gzip.decompress(raw)
    assert len(raw) < 0.5 * len(plain)
    status, headers, _ = get(classroom.port, path, {"Accept-Encoding": "gzip"})
    assert headers["X-Cache-Status"] == "HIT"
    # Without Accept-Encoding, the same bytes uncompressed.
    status, headers, body = get(classroom.port, path)
    assert "Content-Encoding" not in headers
    assert body == plain


def test_a_session_stays_on_one_worker(classroom: App, load_test: ModuleType) -> None:
    """The websocket of a session lands on the worker its cookie routes to.

    A download (the app's download buttons make their file on request, over
    the websocket) is stored in the memory of the worker that runs the
    session; the file is found through nginx with the session's cookie every
    time, and on exactly one worker.
    """

    async def check() -> None:
        config = load_test.RoundConfig(
            load_test.Endpoint(classroom.port), 1, 0, 1.0, 0.0, 30.0, False, 0
        )
        cookies: dict[str, str] = {}
        ws, session, run = await load_test.visit(config, cookies, load_test.StudentResult())
        try:
            assert not run.errors
            assert run.chart_s is not None
            assert session.slider_id.endswith("w_needle_mm")
            assert "streamlit_route" in cookies, "the page did not set the affinity cookie"
            # A needle length no other test here uses: the downloaded scenario
            # is a file no other session made (equal files share their name).
            value = session.slider_values[-3]
            run = await load_test.run_script(session, session.rerun_message(value), 0.0, 30.0)
            assert run.slider_value == value
            urls = list(run.media)
            for file_id in run.deferred:
                urls.append(await load_test.deferred_file_url(session, file_id, 30.0))
            assert urls, "no download button on the page"
            mine = {"Cookie": f"streamlit_route={cookies['streamlit_route']}"}
            for url in urls:
                for _ in range(5):
                    assert get(classroom.port, url, mine)[0] == 200, url
                on_workers = [get(port, url)[0] for port in classroom.worker_ports]
                assert sorted(on_workers) == [200, 404], on_workers
            # Other cookies are spread over the workers: some reach the other one.
            others = [{"Cookie": f"streamlit_route={k:032x}"} for k in range(32)]
            statuses = {get(classroom.port, urls[0], other)[0] for other in others}
            assert statuses == {200, 404}, statuses
        finally:
            await ws.close()

    _in_own_thread(lambda: asyncio.run(check()))


def test_load_test_runs_against_the_classroom(
    classroom: App, load_test: ModuleType, tmp_path
) -> None:
    """``benchmarks/load_test.py --url``: 3 students, 3 moves each, no failure."""
    output = tmp_path / "load_test.json"
    status = _in_own_thread(
        lambda: load_test.main(
            [
                "--url",
                f"http://127.0.0.1:{classroom.port}",
                "--students",
                "3",
                "--moves",
                "3",
                "--interval",
                "0.2",
                "--ramp",
                "0",
                "--warmup",
                "1",
                "--timeout",
                "60",
                "--max-total",
                "90",
                "--output",
                str(output),
            ]
        )
    )
    assert status == 0
    assert '"moves_done": 9' in output.read_text()


# --------------------------------------------------------------------------- stopping


def _started(workers: int = 2) -> tuple[App, list[int]]:
    app = start_run_app(workers)
    app.wait_healthy()
    tree = app.tree()
    # the script, N workers, nginx's master and workers, the log filters
    assert len(tree) >= 1 + workers + 2, tree
    return app, tree


def _stopped(app: App, tree: list[int], expected_status: int) -> None:
    run_dir = nginx_run_dir(tree)
    assert run_dir is not None and run_dir.is_dir()
    try:
        app.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"run-app.sh still running 30 s after the signal:\n{app.log()}")
    assert app.process.returncode == expected_status, app.log()
    assert_all_gone(tree)
    assert not listening(app.port)
    assert not any(listening(port) for port in app.worker_ports)
    assert not run_dir.exists(), "the temporary directory was left behind"


def test_sigterm_stops_every_process(nginx: str) -> None:
    app, tree = _started()
    try:
        app.process.send_signal(signal.SIGTERM)
        _stopped(app, tree, 143)
    finally:
        app.stop()


def test_ctrl_c_stops_every_process(nginx: str) -> None:
    """Ctrl-C in a terminal: SIGINT to the whole foreground process group."""
    app, tree = _started()
    try:
        os.killpg(app.process.pid, signal.SIGINT)
        _stopped(app, tree, 130)
    finally:
        app.stop()


def test_a_worker_that_dies_stops_the_others(nginx: str) -> None:
    app, tree = _started()
    try:
        workers = [pid for pid in tree if "streamlit" in " ".join(command_line(pid))]
        assert len(workers) == 2
        os.kill(workers[0], signal.SIGKILL)
        _stopped(app, tree, 1)
        assert "a worker or nginx stopped" in app.log()
    finally:
        app.stop()


def test_one_worker_is_plain_streamlit() -> None:
    """Without --workers (or with 1) the script becomes Streamlit itself: no nginx."""
    port = free_port_block(1)
    command = ["bash", "scripts/run-app.sh", "--no-install", "--port", str(port)]
    app = start([*command, "--address", "127.0.0.1"], 1, port)
    try:
        app.wait_healthy()
        args = command_line(app.process.pid)
        assert args[1:5] == ["-m", "streamlit", "run", "app.py"], args
        assert ["--server.port", str(port)] == args[5:7]
        assert "--server.fileWatcherType" in args
        assert not any("nginx" in " ".join(command_line(pid)) for pid in app.tree())
        status, headers, _ = get(port, "/")
        assert status == 200
        assert route_cookie(headers) is None
        app.process.send_signal(signal.SIGTERM)
        app.process.wait(timeout=30)
        assert not listening(port)
    finally:
        app.stop()


def _in_own_thread(fn):
    """Run ``fn`` in a fresh thread: the browser tests' Playwright keeps an asyncio
    event loop running in the main thread, and ``asyncio.run`` refuses to nest."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()
