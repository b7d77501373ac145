"""Start the Streamlit app and Debian's Chromium; wait for the app; read the page.

Used by the browser tests' fixtures (``conftest.py``) and by the benchmarks
(``benchmarks/bench_app_latency.py``, ``bench_first_visit.py``,
``bench_memory.py``), so that both start the app and the browser the same way.
Nothing here downloads a browser: Playwright drives the Chromium that Debian
installs at ``/usr/bin/chromium``.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = REPO_ROOT / "test-output"
"""Git-ignored folder for server logs and screenshots."""
SCREENSHOT_DIR = OUTPUT_DIR / "screenshots"

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium; the only browser the tests use."""
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

STARTUP_TIMEOUT_S = 60.0
IDLE_TIMEOUT_MS = 30_000
"""How long loading a page or one rerun may take before a test gives up."""
QUIET_MS = 400
"""The page counts as settled once it has not changed for this long."""


def chromium_problem() -> str | None:
    """Why Debian's Chromium cannot be used, or None if it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (install Debian's chromium: apt-get install chromium)"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is not executable"
    return None


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch Debian's Chromium, headless, with :data:`CHROMIUM_ARGS` (for the benchmarks)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )


FOREIGN_URL = re.compile(
    r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/]|$))(?!(?:data|blob|about):)"
)
"""Matches a URL of another host (the browser evaluates it: keep it a JavaScript regex too)."""


def is_local(url: str) -> bool:
    """Whether ``url`` stays on this machine (the app's host, or a data:/blob:/about: URL)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


# --------------------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


class ServerError(RuntimeError):
    """The Streamlit server did not start."""


@dataclass
class StreamlitServer:
    """A running ``streamlit run`` process, leader of its own process group."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path
    _log_file: IO[bytes] | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        """URL of the app's landing page, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 60) -> str:
        """The last ``lines`` lines of the server log, labelled with its path."""
        if self._log_file is not None:
            with contextlib.suppress(ValueError, OSError):
                self._log_file.flush()
        return f"--- last lines of {self.log_path} ---\n{_tail(self.log_path, lines)}"

    def healthy(self) -> bool:
        """Whether ``/_stcore/health`` answers "ok" right now."""
        try:
            with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as resp:
                return resp.status == 200 and resp.read().strip() == b"ok"
        except (urllib.error.URLError, OSError):
            return False

    def stop(self, timeout: float = 10.0) -> None:
        """End the server's process group: SIGTERM, then SIGKILL after ``timeout`` s."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=timeout)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


def start_streamlit(
    app_dir: Path = REPO_ROOT,
    script: str = "app.py",
    log_path: Path | None = None,
    timeout: float = STARTUP_TIMEOUT_S,
    attempts: int = 3,
) -> StreamlitServer:
    """Run ``streamlit run <script>`` on a free port of 127.0.0.1 and wait until it is healthy.

    The file watcher is off, so an edit to the code during a run does not make
    Streamlit re-import modules under the running tests. Output goes to
    ``log_path`` (default ``test-output/streamlit-<port>.log``). Raises
    :class:`ServerError`, with the tail of the log, if the server exits or does
    not answer ``/_stcore/health`` within ``timeout`` seconds; another port is
    tried when the chosen one was taken in the meantime.
    """
    if not (app_dir / script).is_file():
        raise ServerError(f"{app_dir / script} does not exist")
    last_error = ""
    for _ in range(attempts):
        port = _free_port()
        path = log_path or OUTPUT_DIR / f"streamlit-{port}.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        log_file = path.open("wb")
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.fileWatcherType",
            "none",
        ]
        process = subprocess.Popen(
            command,
            cwd=app_dir,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
        )
        server = StreamlitServer(process=process, port=port, log_path=path, _log_file=log_file)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            if server.healthy():
                return server
            time.sleep(0.2)
        exited = process.poll() is not None
        server.stop()
        last_error = (
            f"streamlit exited with status {process.returncode}"
            if exited
            else f"streamlit did not answer {server.base_url}/_stcore/health within {timeout:.0f} s"
        )
        last_error += f" ({' '.join(command)} in {app_dir})\n{server.log_tail()}"
        if not (exited and "already in use" in _tail(path)):
            break
    raise ServerError(last_error)


# --------------------------------------------------------------------------- the page

PLOTLY_SIGNATURE_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map((el) => {
    const text = JSON.stringify(el.data === undefined ? null : el.data);
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return text.length + ':' + (h >>> 0).toString(16);
})
"""
"""JavaScript returning one hash (length:FNV-1a) of ``el.data`` per Plotly chart."""

_SETTLED_JS = """
([quiet, signatureJs]) => {
    const w = window;
    const app = document.querySelector('[data-testid="stApp"]');
    const charts = Array.from(document.querySelectorAll('.live-chart'));
    const busy = !app
        || app.dataset.testConnectionState !== 'CONNECTED'
        || app.dataset.testScriptState !== 'notRunning'
        || document.querySelector('[data-testid="stStatusWidget"]') !== null
        || document.querySelector('[data-stale="true"]') !== null
        || document.querySelector('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]')
        || charts.some((c) => c.dataset.pending || !c.querySelector('.main-svg'));
    if (busy) {
        w.__settleSig = null;
        return false;
    }
    if (w.__settleFn === undefined) {
        w.__settleFn = eval(signatureJs);
    }
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    const sig = [
        main.innerText.length,
        document.querySelectorAll('*').length,
        w.__settleFn().join(','),
    ].join('|');
    const now = performance.now();
    if (w.__settleSig !== sig) {
        w.__settleSig = sig;
        w.__settleSince = now;
        return false;
    }
    return now - w.__settleSince >= quiet;
}
"""


def wait_for_app_idle(
    page: Page, timeout_ms: float = IDLE_TIMEOUT_MS, quiet_ms: float = QUIET_MS
) -> None:
    """Wait until the app has finished running and its charts are drawn.

    That is: connected, script state ``notRunning``, no running indicator
    (``stStatusWidget``), no stale element or loading skeleton, every
    chart (``.live-chart``) drawn with its latest figure, and neither the text, the number
    of elements nor any chart's data changed for ``quiet_ms``.
    """
    page.evaluate("() => { window.__settleSig = null; }")
    page.wait_for_function(
        _SETTLED_JS, arg=[quiet_ms, PLOTLY_SIGNATURE_JS], polling=100, timeout=timeout_ms
    )


def open_app(page: Page, url: str, timeout_ms: float = IDLE_TIMEOUT_MS) -> None:
    """Go to ``url`` (absolute, or a path when the context has a base URL) and wait for the app."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    wait_for_app_idle(page, timeout_ms=timeout_ms)


def exception_texts(page: Page) -> list[str]:
    """The text of every Streamlit exception box (``stException``) on the page."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


SLIDER_THUMB_SELECTOR = (
    '[data-testid="stSlider"] input[type="range"], [data-testid="stSlider"] [role="slider"]'
)


def slider_thumbs(page: Page) -> list[dict[str, Any]]:
    """Label, value, min and max of every slider thumb (``SLIDER_THUMB_SELECTOR``)."""
    return list(
        page.locator(SLIDER_THUMB_SELECTOR).evaluate_all(
            """(thumbs) => thumbs.map((t) => {
                const box = t.closest('[data-testid="stSlider"]');
                const label = box.querySelector('[data-testid="stWidgetLabel"]');
                const num = (v) => (v === null || v === '' ? null : Number(v));
                return {
                    label: label ? label.textContent.trim() : (t.getAttribute('aria-label') || ''),
                    value: num(t.getAttribute('aria-valuenow') ?? t.value),
                    text: t.getAttribute('aria-valuetext') || '',
                    min: num(t.getAttribute('aria-valuemin') ?? t.min),
                    max: num(t.getAttribute('aria-valuemax') ?? t.max),
                };
            })"""
        )
    )


PAGES = {
    "/": "Explore",
    "/how_it_looks": "How it looks",
    "/office_vs_home": "Office vs. home",
    "/depressed_vs_raised": "Depressed vs. raised",
    "/protocol_trade_offs": "Protocol trade-offs",
    "/skin_tone_and_laser": "Skin tone and laser",
    "/cases": "Practice cases",
    "/lesson": "Lesson",
    "/model_and_evidence": "Model and evidence",
}
"""URL path and title of every page of ``app.py``, in menu order."""

CHARTS_AFTER_ANSWERS = frozenset({"/cases"})
"""Pages whose charts appear only once the user has answered (Practice cases: the
model's answer); ``tests/browser/test_cases.py`` checks those charts."""
CHART_PAGES = tuple(p for p in PAGES if p not in CHARTS_AFTER_ANSWERS)
"""Pages that show a chart when opened."""

PROJECTOR_TOGGLE = "High contrast (projector)"


def set_projector(page: Page, on: bool) -> None:
    """Switch the sidebar toggle "High contrast (projector)" on or off and wait for the app.

    Opens the sidebar first when it is collapsed (narrow screens).
    """
    toggle = page.get_by_role("switch", name=PROJECTOR_TOGGLE)
    if not toggle.locator("xpath=ancestor::label[1]").is_visible():
        page.get_by_test_id("stExpandSidebarButton").click()
        toggle.locator("xpath=ancestor::label[1]").wait_for(state="visible")
    if toggle.is_checked() != on:
        toggle.locator("xpath=ancestor::label[1]").click()
        page.wait_for_function(
            "([el, on]) => el.checked === on", arg=[toggle.element_handle(), on], timeout=10_000
        )
        wait_for_app_idle(page)


def open_page(page: Page, path: str, *, projector: bool = False) -> None:
    """Open the app page at ``path`` ("/", "/office_vs_home", ...), optionally in projector mode."""
    open_app(page, path)
    if projector:
        set_projector(page, True)


def focus_top_of_page(page: Page) -> None:
    """Focus the page itself, scrolled to the top: the next Tab goes to its first element.

    (A blur alone would leave Chromium's starting point of Tab at the element
    that had the focus, e.g. the projector toggle just clicked.)
    """
    page.evaluate(
        """() => {
            document.activeElement?.blur();
            document.body.tabIndex = -1;
            document.body.focus();
            document.body.removeAttribute('tabindex');
            window.scrollTo(0, 0);
        }"""
    )


def screenshot(page: Page, name: str, *, full_page: bool = True, max_height: int = 12_000) -> Path:
    """Save ``test-output/screenshots/<name>.png``: the whole app, or the viewport.

    Streamlit scrolls inside ``stMain``, so a "full page" screenshot only shows
    the viewport; for a whole-app shot the viewport is stretched to the content's
    height and restored afterwards.
    """
    path = SCREENSHOT_DIR / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1400, "height": 900}
    height = size["height"]
    if full_page:
        content = page.evaluate(
            """() => Math.max(document.documentElement.scrollHeight, ...Array.from(
                document.querySelectorAll('[data-testid="stMain"], section'),
                (el) => el.scrollHeight))"""
        )
        height = min(max(int(content), height), max_height)
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height})
        wait_for_app_idle(page)
    try:
        page.screenshot(path=str(path))
    finally:
        if height > size["height"]:
            page.set_viewport_size(size)
            wait_for_app_idle(page)
    return path
