"""Helpers for the deployment tests: free ports, run-app.sh and the processes it starts.

The tests start ``scripts/run-app.sh`` (or ``deploy/entrypoint.sh``) with
``--no-install`` on free ports of 127.0.0.1 and the test interpreter as the
app's Python (``APP_PYTHON``). Without Debian's nginx the tests that need it
are skipped locally and fail when the environment variable ``CI`` is set (to
anything but ``false``/``0``/``no``), like the browser tests without Chromium.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import IO

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = REPO_ROOT / "test-output"
STARTUP_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 25.0


def in_ci() -> bool:
    """Whether the ``CI`` environment variable asks for CI behaviour."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def nginx_path() -> str | None:
    """Debian's nginx (``/usr/sbin`` is not on every user's PATH), or None."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def _load_benchmark_client() -> ModuleType:
    """``benchmarks/load_test.py`` as a module: its Streamlit protocol client and its
    port search are what these tests drive the classroom set-up with."""
    path = REPO_ROOT / "benchmarks" / "load_test.py"
    spec = importlib.util.spec_from_file_location("load_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_test"] = module
    spec.loader.exec_module(module)
    return module


LOAD_TEST = _load_benchmark_client()
free_port_block = LOAD_TEST.free_port_block
"""A port P with P .. P+count-1 free on 127.0.0.1, below the ephemeral range."""


def get(
    port: int, path: str = "/", headers: dict[str, str] | None = None, timeout: float = 10
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """GET ``http://127.0.0.1:<port><path>``: status, headers, raw body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def listening(port: int) -> bool:
    """Whether something listens on 127.0.0.1:``port`` (from /proc/net/tcp)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    wanted = f"0100007F:{port:04X}"
    return any(r.split()[1] == wanted and r.split()[3] == "0A" for r in rows)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (through ``/proc/<pid>/task/*/children``)."""
    found: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            for child in children.read_text().split():
                found += [int(child), *descendants(int(child))]
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


def command_line(pid: int) -> list[str]:
    """The arguments of process ``pid`` ([] if it is gone)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


@dataclass
class App:
    """A running ``run-app.sh`` (or entrypoint) and what it started."""

    process: subprocess.Popen[bytes]
    port: int
    workers: int
    log_path: Path
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def worker_ports(self) -> list[int]:
        return [self.port + i for i in range(1, self.workers + 1)]

    def log(self) -> str:
        """The combined output so far."""
        if self._log is not None:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_healthy(self, timeout: float = STARTUP_TIMEOUT_S) -> None:
        """Wait until ``/_stcore/health`` answers on the front port (nginx)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"run-app.sh exited with {self.process.returncode}:\n{self.log()}")
            if listening(self.port):
                with contextlib.suppress(OSError, http.client.HTTPException):
                    if get(self.port, "/_stcore/health", timeout=3)[0] == 200:
                        return
            time.sleep(0.2)
        pytest.fail(f"no answer on port {self.port} within {timeout:.0f} s:\n{self.log()}")

    def tree(self) -> list[int]:
        """The script's process and every process below it, right now."""
        return [self.process.pid, *descendants(self.process.pid)]

    def stop(self) -> None:
        """SIGTERM, then SIGKILL to the whole process group (cleanup after a test)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None


AS_FROM_A_TERMINAL = [
    sys.executable,
    "-c",
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execvp(sys.argv[1], sys.argv[1:])",
]
"""Prefix of a command that runs it with Ctrl-C's signal at its default, as a terminal
does. A test run started in the background (``nohup ... &``) ignores SIGINT, its children
inherit that, and a shell cannot trap a signal that was ignored when it started: the
Ctrl-C test then failed in a way no terminal would show."""


def start(command: list[str], workers: int, port: int, env: dict[str, str] | None = None) -> App:
    """Start ``command`` (from the repository root) in a new process group, with SIGINT
    handled as in a terminal (:data:`AS_FROM_A_TERMINAL`)."""
    OUTPUT_DIR.mkdir(exist_ok=True)
    log_path = OUTPUT_DIR / f"deploy-{port}.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [*AS_FROM_A_TERMINAL, *command],
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "APP_PYTHON": sys.executable, **(env or {})},
        start_new_session=True,
    )
    return App(process, port, workers, log_path, log)


def start_run_app(workers: int, *extra: str) -> App:
    """``bash scripts/run-app.sh --no-install --workers N`` on free 127.0.0.1 ports."""
    port = free_port_block(workers + 1)
    command = ["bash", "scripts/run-app.sh", "--no-install", "--workers", str(workers)]
    command += ["--port", str(port), "--address", "127.0.0.1", *extra]
    return start(command, workers, port)


def assert_all_gone(pids: list[int], timeout: float = 5.0) -> None:
    """Fail unless every process in ``pids`` is gone within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = [pid for pid in pids if alive(pid)]
        if not left:
            return
        time.sleep(0.1)
    described = {pid: " ".join(command_line(pid))[:120] for pid in left}
    pytest.fail(f"processes still running: {described}")


def nginx_run_dir(pids: list[int]) -> Path | None:
    """The ``-p`` directory of the nginx master among ``pids``.

    nginx rewrites its command line into one string ("nginx: master process
    /usr/sbin/nginx -p DIR -c DIR/nginx.conf").
    """
    for pid in pids:
        match = re.search(r"nginx: master process .* -p (\S+)", " ".join(command_line(pid)))
        if match:
            return Path(match.group(1))
    return None
