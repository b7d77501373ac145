"""Start the Streamlit app and Debian's Chromium; read the rendered page.

Shared by the browser tests (``tests/browser/conftest.py``) and the latency
benchmark (``benchmarks/bench_app_latency.py``), so both start the app and the
browser the same way. Nothing here downloads a browser: Playwright drives the
Chromium that Debian installs at ``/usr/bin/chromium``.
"""

from __future__ import annotations

import contextlib
import os
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

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
"""Root of the repository (the folder holding ``app.py``)."""

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
"""Command-line switches for Chromium (DEVELOPERS.md)."""

STARTUP_TIMEOUT_S = 60.0
"""How long the server may take to answer its health check."""

IDLE_TIMEOUT_MS = 30_000
"""How long a rerun may take before a test gives up."""

QUIET_MS = 400
"""The page counts as settled once it has not changed for this long."""


@dataclass(frozen=True)
class AppUnderTest:
    """Which Streamlit script the tests drive.

    Attributes
    ----------
    app_dir : Path
        Working directory of the server.
    script : str
        Script name inside ``app_dir``.
    is_project_app : bool
        True for the repository's own ``app.py``.
    """

    app_dir: Path
    script: str
    is_project_app: bool


@dataclass
class PageProblems:
    """JavaScript errors raised by one browser page.

    Attributes
    ----------
    page_errors : list of str
        Uncaught exceptions (Playwright's ``pageerror``).
    console_errors : list of str
        ``console.error`` messages.
    """

    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


class ServerError(RuntimeError):
    """The Streamlit server did not start or stopped answering."""


def chromium_problem() -> str | None:
    """Say why Debian's Chromium cannot be used, or return None if it can.

    Returns
    -------
    str or None
        A one-line reason, or None when ``/usr/bin/chromium`` is an executable file.
    """
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (install Debian's chromium: apt-get install chromium)"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is not executable"
    return None


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now.

    Returns
    -------
    int
        Port number chosen by the operating system.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tail(path: Path, lines: int = 60) -> str:
    """Return the last ``lines`` lines of a text file ("" if it does not exist).

    Parameters
    ----------
    path : Path
        File to read.
    lines : int
        Number of lines to keep.

    Returns
    -------
    str
        The tail, lines joined by newlines.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class StreamlitServer:
    """A running ``streamlit run`` process.

    Attributes
    ----------
    process : subprocess.Popen
        The server process; it leads its own process group.
    port : int
        Port the server listens on.
    log_path : Path
        File receiving the server's stdout and stderr.
    """

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path
    _log_file: IO[bytes] | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        """URL of the app's landing page, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 60) -> str:
        """Return the last ``lines`` lines of the server log.

        Parameters
        ----------
        lines : int
            Number of lines to keep.

        Returns
        -------
        str
            The tail of the log, labelled with its path.
        """
        if self._log_file is not None:
            with contextlib.suppress(ValueError, OSError):
                self._log_file.flush()
        return f"--- last lines of {self.log_path} ---\n{tail(self.log_path, lines)}"

    def healthy(self) -> bool:
        """Whether ``/_stcore/health`` answers "ok" right now."""
        try:
            with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as resp:
                return resp.status == 200 and resp.read().strip() == b"ok"
        except (urllib.error.URLError, OSError):
            return False

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server's process group (SIGTERM, then SIGKILL).

        Parameters
        ----------
        timeout : float
            Seconds to wait after SIGTERM before sending SIGKILL.
        """
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
    """Start ``streamlit run`` on a free port and wait until it answers.

    The command is ``sys.executable -m streamlit run <script> --server.port <port>
    --server.headless true --browser.gatherUsageStats false
    --server.fileWatcherType none``, run from
    ``app_dir`` in a new process group so that :meth:`StreamlitServer.stop` can
    end it and everything it started.

    Parameters
    ----------
    app_dir : Path
        Working directory of the server (the repository root).
    script : str
        Streamlit script, relative to ``app_dir``.
    log_path : Path, optional
        Where stdout and stderr go; default ``test-output/streamlit-<port>.log``.
    timeout : float
        Seconds to wait for ``/_stcore/health`` to answer "ok".
    attempts : int
        Ports to try when the chosen one was taken in the meantime.

    Returns
    -------
    StreamlitServer
        The running, healthy server.

    Raises
    ------
    ServerError
        If the script is missing, the server exits, or it does not answer in
        time; the message ends with the tail of the server log.
    """
    if not (app_dir / script).is_file():
        raise ServerError(f"{app_dir / script} does not exist")
    last_error = ""
    for _ in range(attempts):
        port = free_port()
        path = log_path or OUTPUT_DIR / f"streamlit-{port}.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        log_file = path.open("wb")
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            # Serve the code as it was at start-up: with the default file watcher,
            # an edit to app.py, pages/ or sim/ during a run makes Streamlit reload
            # modules, and later reruns fail (e.g. st.cache_data cannot pickle a
            # Result whose Scenario class was re-imported).
            "--server.fileWatcherType",
            "none",
        ]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen(
            command,
            cwd=app_dir,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        server = StreamlitServer(process=process, port=port, log_path=path, _log_file=log_file)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
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
        if not (exited and "already in use" in tail(path)):
            break
    raise ServerError(last_error)


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch Debian's Chromium, headless, with the project's switches.

    Playwright gives the browser a fresh temporary profile (user-data-dir) and
    deletes it when the browser closes.

    Parameters
    ----------
    playwright : Playwright
        A started ``sync_playwright()`` instance.

    Returns
    -------
    Browser
        The launched browser.
    """
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )


# --------------------------------------------------------------------------- page helpers

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
    const busy = !app
        || app.dataset.testConnectionState !== 'CONNECTED'
        || app.dataset.testScriptState !== 'notRunning'
        || document.querySelector('[data-testid="stStatusWidget"]') !== null
        || document.querySelector('[data-stale="true"]') !== null
        || document.querySelector(
            '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], '
            + '[data-testid="stAppSkeleton"]') !== null;
    const now = performance.now();
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
    """Wait until the script run is over and the page has stopped changing.

    "Over" means: connected, ``stApp`` reports script state ``notRunning``, no
    ``stStatusWidget``, no stale element and no loading skeleton (an element
    whose code is still being fetched) is shown, and neither the text,
    the number of elements nor any Plotly chart's data changed for ``quiet_ms``.

    Parameters
    ----------
    page : Page
        Page showing the app.
    timeout_ms : float
        Give up after this long (raises Playwright's TimeoutError).
    quiet_ms : float
        How long the page must stay unchanged.
    """
    page.evaluate("() => { window.__settleSig = null; }")
    page.wait_for_function(
        _SETTLED_JS, arg=[quiet_ms, PLOTLY_SIGNATURE_JS], polling=100, timeout=timeout_ms
    )


def open_app(page: Page, url: str, timeout_ms: float = IDLE_TIMEOUT_MS) -> None:
    """Go to ``url`` and wait until the app has rendered and settled.

    Parameters
    ----------
    page : Page
        Browser page.
    url : str
        Address of an app page.
    timeout_ms : float
        Time limit for loading and for the first script run.
    """
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    wait_for_app_idle(page, timeout_ms=timeout_ms)


def plotly_signatures(page: Page) -> list[str]:
    """Return one hash of the trace data per Plotly chart on the page, in page order."""
    return list(page.evaluate(PLOTLY_SIGNATURE_JS))


def plotly_data(page: Page, index: int = 0) -> list[dict[str, Any]]:
    """Return ``el.data`` (the traces) of the ``index``-th Plotly chart.

    Parameters
    ----------
    page : Page
        Page showing the app.
    index : int
        Position of the chart among ``.js-plotly-plot`` elements.

    Returns
    -------
    list of dict
        The chart's traces as Plotly.js holds them.
    """
    return list(page.locator(".js-plotly-plot").nth(index).evaluate("(el) => el.data || []"))


def wait_for_plotly_change(page: Page, before: list[str], timeout_ms: float = 15_000) -> None:
    """Wait until the Plotly signatures differ from ``before``.

    Parameters
    ----------
    page : Page
        Page showing the app.
    before : list of str
        Result of :func:`plotly_signatures` taken earlier.
    timeout_ms : float
        Give up after this long (raises Playwright's TimeoutError).
    """
    page.wait_for_function(
        "([old, js]) => JSON.stringify(eval(js)()) !== JSON.stringify(old)",
        arg=[before, PLOTLY_SIGNATURE_JS],
        polling="raf",
        timeout=timeout_ms,
    )


def exception_texts(page: Page) -> list[str]:
    """Return the text of every visible Streamlit exception box (``stException``)."""
    boxes = page.locator('[data-testid="stException"]')
    return [boxes.nth(i).inner_text() for i in range(boxes.count())]


TEXT_WITHOUT_ICONS_JS = """
(el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('[data-testid^="stIcon"], svg').forEach((icon) => icon.remove());
    return (copy.textContent || '').replace(/\\s+/g, ' ').trim();
}
"""
"""JavaScript: an element's text without Material-icon ligatures ("biotech", "info")."""


def notice_texts(page: Page) -> list[str]:
    """Return the text (icons left out) of every visible alert and toast.

    Alerts are ``st.info``/``st.success``/``st.warning``/``st.error``; toasts are ``st.toast``.
    """
    boxes = page.locator('[data-testid="stAlert"], [data-testid="stToast"]')
    return [
        str(boxes.nth(i).evaluate(TEXT_WITHOUT_ICONS_JS))
        for i in range(boxes.count())
        if boxes.nth(i).is_visible()
    ]


NAV_LINK_SELECTOR = ", ".join(
    f'[data-testid="{testid}"]'
    for testid in ("stSidebarNavLink", "stTopNavLink", "stTopNavDropdownLink")
)


def nav_links(page: Page) -> list[tuple[str, str]]:
    """Return (title, URL) of every page in the app's navigation, in menu order.

    Clicks "View N more" first when the sidebar hides some pages.

    Parameters
    ----------
    page : Page
        Page showing the app, sidebar expanded.

    Returns
    -------
    list of (str, str)
        Link text and absolute URL; duplicates removed.
    """
    more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if more.count() and "more" in more.first.inner_text().lower():
        more.first.click()
        page.wait_for_timeout(200)
    found = page.locator(NAV_LINK_SELECTOR).evaluate_all(
        f"(links) => links.map((a) => [({TEXT_WITHOUT_ICONS_JS})(a), a.href])"
    )
    seen: set[str] = set()
    links: list[tuple[str, str]] = []
    for title, href in found:
        if href and href not in seen:
            seen.add(href)
            links.append((str(title), str(href)))
    return links


def slider_thumbs(page: Page) -> list[dict[str, Any]]:
    """Describe every slider thumb: label, value, min, max, step.

    A Streamlit 1.67 slider thumb is a visually hidden ``input[type=range]``
    (implicit ARIA role "slider") inside ``[data-testid="stSlider"]``; older
    versions used a ``div[role=slider]``. Both are read.

    Parameters
    ----------
    page : Page
        Page showing the app.

    Returns
    -------
    list of dict
        One dict per thumb with keys ``label``, ``value``, ``text``, ``min``, ``max``.
    """
    return list(
        page.locator(SLIDER_THUMB_SELECTOR).evaluate_all(
            """(thumbs) => thumbs.map((t) => {
                const box = t.closest('[data-testid="stSlider"]');
                const label = box.querySelector('[data-testid="stWidgetLabel"]');
                const labelText = label
                    ? (label.innerText.trim() || label.textContent.trim())
                    : (t.getAttribute('aria-label') || '');
                const num = (v) => (v === null || v === '' ? null : Number(v));
                return {
                    label: labelText,
                    value: num(t.getAttribute('aria-valuenow') ?? t.value),
                    text: t.getAttribute('aria-valuetext') || '',
                    min: num(t.getAttribute('aria-valuemin') ?? t.min),
                    max: num(t.getAttribute('aria-valuemax') ?? t.max),
                };
            })"""
        )
    )


SLIDER_THUMB_SELECTOR = (
    '[data-testid="stSlider"] input[type="range"], [data-testid="stSlider"] [role="slider"]'
)


def save_full_page_screenshot(page: Page, path: Path, max_height: int = 12_000) -> Path:
    """Save a screenshot of the whole app, not just the viewport.

    Streamlit scrolls inside ``stMain``, so Playwright's ``full_page`` sees only
    the viewport. The viewport is therefore stretched to the content's height
    for the shot and restored afterwards.

    Parameters
    ----------
    page : Page
        Page showing the app.
    path : Path
        PNG file to write (folders are created).
    max_height : int
        Upper limit of the stretched viewport (px).

    Returns
    -------
    Path
        ``path``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1400, "height": 900}
    height = int(
        page.evaluate(
            """() => Math.max(
                document.documentElement.scrollHeight,
                ...Array.from(
                    document.querySelectorAll(
                        '[data-testid="stMain"], [data-testid="stAppViewContainer"], section'
                    ),
                    (el) => el.scrollHeight,
                ),
            )"""
        )
    )
    height = min(max(height, size["height"]), max_height)
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height})
        wait_for_app_idle(page)
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if height > size["height"]:
            page.set_viewport_size(size)
    return path


_WIDGET_VALUES_JS = """
(pattern) => {
    const re = new RegExp(pattern, 'i');
    const skip = new Set(['stWidgetLabel', 'stMarkdownContainer', 'stTooltipHoverTarget',
                          'stTooltipIcon', 'stWidgetLabelHelp']);
    const out = [];
    for (const label of document.querySelectorAll('[data-testid="stWidgetLabel"]')) {
        const text = label.innerText.trim() || label.textContent.trim();
        if (!re.test(text)) continue;
        let root = label.parentElement;
        while (root && !(root.dataset.testid && root.dataset.testid.startsWith('st')
                         && !skip.has(root.dataset.testid))) {
            root = root.parentElement;
        }
        if (!root) continue;
        const kind = root.dataset.testid;
        const rest = () => root.innerText.replace(text, '').trim();
        const range = root.querySelector('input[type="range"], [role="slider"]');
        const checked = root.querySelector('input:checked');
        const active = root.querySelector(
            '[aria-checked="true"], [aria-pressed="true"], [data-testid$="Active"]');
        const input = root.querySelector('input:not([type="range"]), textarea');
        let value;
        if (range) {
            value = range.getAttribute('aria-valuetext') || range.value
                || range.getAttribute('aria-valuenow');
        } else if (kind === 'stSelectbox' || kind === 'stMultiSelect') {
            const combo = root.querySelector('input[role="combobox"], input');
            value = (combo && combo.value) || rest();
        } else if (checked) {
            const box = checked.closest('label');
            value = box ? box.innerText.trim() : checked.value;
        } else if (active) {
            value = active.innerText.trim();
        } else if (input) {
            value = input.value;
        } else {
            value = rest();
        }
        out.push({label: text, kind: kind, value: String(value ?? '')});
    }
    return out;
}
"""


def widget_values(page: Page, label_pattern: str) -> list[dict[str, str]]:
    """Return the value each widget whose label matches ``label_pattern`` shows.

    Works for sliders (the thumb's value text), select boxes (the shown
    option), radios, segmented controls, pills and text or number inputs.

    Parameters
    ----------
    page : Page
        Page showing the app.
    label_pattern : str
        JavaScript regular expression, matched case-insensitively against the label.

    Returns
    -------
    list of dict
        ``{"label", "kind", "value"}`` per matching widget; ``kind`` is its ``data-testid``.
    """
    return list(page.evaluate(_WIDGET_VALUES_JS, label_pattern))
