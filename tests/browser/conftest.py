"""Fixtures of the browser tests: the app on a Streamlit server, Debian's Chromium.

pytest-playwright provides ``browser``, ``context`` and ``page``; the fixtures
below point it at ``/usr/bin/chromium`` (``browser_type_launch_args``), at one
Streamlit server started for the whole session (``base_url``, so tests go to
paths such as ``page.goto("/office_vs_home")``) and set the default viewport
(``browser_context_args``). A test that needs another size calls
``page.set_viewport_size`` before it opens a page.

Without ``/usr/bin/chromium`` the tests are skipped, and fail when the
environment variable ``CI`` is set (to anything but ``false``/``0``/``no``).
Requests to other hosts than the app's are blocked, so no test depends on
the network (``test_offline.py`` fails if there are any).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser import harness

VIEWPORT = {"width": 1400, "height": 900}


def in_ci() -> bool:
    """Whether the ``CI`` environment variable asks for CI behaviour."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_or_fail(reason: str) -> None:
    """Skip the test, or fail it under ``CI=true``: CI must run every browser test."""
    if in_ci():
        pytest.fail(f"CI=true and the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium with the project's switches (never a downloaded browser)."""
    problem = harness.chromium_problem()
    if problem is not None:
        skip_or_fail(f"Debian's Chromium is unusable: {problem}")
    return {
        **browser_type_launch_args,
        "executable_path": str(harness.CHROMIUM),
        "args": list(harness.CHROMIUM_ARGS),
    }


@pytest.fixture(scope="session")
def app_server() -> Iterator[harness.StreamlitServer]:
    """The app on a free port of 127.0.0.1 for the whole session; log in ``test-output/``.

    ``BROWSER_TEST_APP_DIR`` names another checkout whose ``app.py`` to serve
    (e.g. an export of the last commit while the working tree is being edited).
    """
    app_dir = Path(os.environ.get("BROWSER_TEST_APP_DIR", harness.REPO_ROOT)).resolve()
    try:
        server = harness.start_streamlit(
            app_dir, log_path=harness.OUTPUT_DIR / "streamlit-browser-tests.log"
        )
    except harness.ServerError as exc:
        pytest.fail(f"could not start the Streamlit app: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def base_url(app_server: harness.StreamlitServer) -> str:
    """The app's address (pytest-playwright hands it to every browser context)."""
    return app_server.base_url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Every context: the default viewport, one device pixel per CSS pixel."""
    return {**browser_context_args, "viewport": VIEWPORT, "device_scale_factor": 1}


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """``test-output/screenshots/``, emptied of the previous run's PNGs."""
    for old in harness.SCREENSHOT_DIR.glob("*.png"):
        old.unlink()
    harness.SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return harness.SCREENSHOT_DIR


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """``node_modules/axe-core/axe.min.js``, installed by ``npm ci`` (``scripts/run-tests.sh``)."""
    script = harness.REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        skip_or_fail(f"{script} is missing: run `npm ci --no-audit --no-fund`")
    return script


@pytest.fixture
def js_errors() -> list[str]:
    """Uncaught JavaScript exceptions of this test's page."""
    return []


@pytest.fixture
def page(page: Page, js_errors: list[str]) -> Page:
    """pytest-playwright's page: 30 s timeouts, JS errors recorded, other hosts blocked."""
    page.set_default_timeout(harness.IDLE_TIMEOUT_MS)
    page.on("pageerror", lambda exc: js_errors.append(str(exc)))
    page.route(harness.FOREIGN_URL, lambda route: route.abort("blockedbyclient"))
    return page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """On a failure, add the tail of the server log to the report."""
    report = yield
    server = getattr(item, "funcargs", {}).get("app_server")
    if report.when == "call" and report.failed and isinstance(server, harness.StreamlitServer):
        report.sections.append(("Streamlit server log (tail)", server.log_tail(30)))
    return report
