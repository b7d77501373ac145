"""Fixtures for the browser tests: one Streamlit server and one Chromium per session.

The app under test is ``app.py`` at the repository root. Set
``BROWSER_TEST_APP=/path/to/app.py`` to drive another Streamlit script (used to
develop the harness against a throwaway app); checks that only make sense for
the real app (the number of pages) are then relaxed.

Without ``/usr/bin/chromium`` the tests are skipped locally and fail when the
environment variable ``CI`` is set (to anything but ``false``/``0``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from browser import harness

VIEWPORT = {"width": 1400, "height": 900}
PROJECTOR_VIEWPORT = {"width": 1920, "height": 1080}


def in_ci() -> bool:
    """Whether the ``CI`` environment variable asks for CI behaviour."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def app_under_test() -> harness.AppUnderTest:
    """The Streamlit script to drive: ``$BROWSER_TEST_APP`` or the repository's ``app.py``."""
    override = os.environ.get("BROWSER_TEST_APP")
    if override:
        path = Path(override).resolve()
        return harness.AppUnderTest(path.parent, path.name, path == harness.REPO_ROOT / "app.py")
    return harness.AppUnderTest(harness.REPO_ROOT, "app.py", True)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Path of Debian's Chromium; skip (locally) or fail (in CI) when it is unusable."""
    problem = harness.chromium_problem()
    if problem is not None:
        if in_ci():
            pytest.fail(f"CI=true and the browser tests cannot run: {problem}", pytrace=False)
        pytest.skip(f"browser tests need Debian's Chromium: {problem}")
    return harness.CHROMIUM


@pytest.fixture(scope="session")
def app_server(app_under_test: harness.AppUnderTest) -> Iterator[harness.StreamlitServer]:
    """A Streamlit server running the app on a free port, for the whole session."""
    log_path = harness.OUTPUT_DIR / "streamlit-browser-tests.log"
    try:
        server = harness.start_streamlit(
            app_under_test.app_dir, app_under_test.script, log_path=log_path
        )
    except harness.ServerError as exc:
        pytest.fail(f"could not start the Streamlit app: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """``test-output/screenshots/``, emptied of the previous run's PNGs."""
    for old in [
        *harness.SCREENSHOT_DIR.glob("*.png"),
        *harness.SCREENSHOT_DIR.glob("failures/*.png"),
    ]:
        old.unlink()
    harness.SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return harness.SCREENSHOT_DIR


@pytest.fixture(scope="session")
def base_url(app_server: harness.StreamlitServer) -> str:
    """URL of the app's landing page (Explore)."""
    return app_server.base_url


@pytest.fixture(scope="session")
def app_browser(chromium: Path) -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    with sync_playwright() as playwright:
        browser = harness.launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def _new_page(
    browser: Browser, viewport: dict[str, int], problems: harness.PageProblems
) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    context.set_default_timeout(harness.IDLE_TIMEOUT_MS)
    page = context.new_page()
    page.on("pageerror", lambda exc: problems.page_errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: problems.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    return context, page


@pytest.fixture
def page_problems() -> harness.PageProblems:
    """JavaScript errors seen by this test's page."""
    return harness.PageProblems()


@pytest.fixture
def app_page(
    app_browser: Browser,
    app_server: harness.StreamlitServer,
    page_problems: harness.PageProblems,
    screenshot_dir: Path,
) -> Iterator[Page]:
    """A fresh browser page (own context, 1400x900) for one test."""
    context, page = _new_page(app_browser, VIEWPORT, page_problems)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def projector_page(
    app_browser: Browser,
    app_server: harness.StreamlitServer,
    page_problems: harness.PageProblems,
    screenshot_dir: Path,
) -> Iterator[Page]:
    """A fresh browser page at 1920x1080, the size of a classroom projector."""
    context, page = _new_page(app_browser, PROJECTOR_VIEWPORT, page_problems)
    try:
        yield page
    finally:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """On failure, add the server log tail, JS errors and a screenshot to the report."""
    report = yield
    if report.when != "call" or not report.failed:
        return report
    funcargs = getattr(item, "funcargs", {})
    server = funcargs.get("app_server")
    if isinstance(server, harness.StreamlitServer):
        report.sections.append(("Streamlit server log (tail)", server.log_tail()))
    problems = funcargs.get("page_problems")
    if isinstance(problems, harness.PageProblems) and (
        problems.page_errors or problems.console_errors
    ):
        text = "\n".join(
            [*(f"pageerror: {e}" for e in problems.page_errors)]
            + [f"console.error: {e}" for e in problems.console_errors]
        )
        report.sections.append(("browser JavaScript errors", text))
    for name in ("app_page", "projector_page"):
        page = funcargs.get(name)
        if page is None:
            continue
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name)
        path = harness.SCREENSHOT_DIR / "failures" / f"{slug}.png"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path))
            report.sections.append(("failure screenshot", str(path)))
        except Exception as exc:  # the page may be gone; the report matters more
            report.sections.append(("failure screenshot", f"not taken: {exc}"))
    return report
