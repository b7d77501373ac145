"""Fixtures for the deployment tests (helpers: ``deploy_helpers.py``).

Without Debian's nginx the tests that need it are skipped locally and fail when
the environment variable ``CI`` is set (to anything but ``false``/``0``/``no``),
like the browser tests without Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest
from deploy_helpers import LOAD_TEST, OUTPUT_DIR, App, in_ci, nginx_path, start_run_app


@pytest.fixture(scope="session", autouse=True)
def _fresh_logs() -> None:
    """Remove the logs of the previous run (``test-output/deploy-<port>.log``)."""
    for old in OUTPUT_DIR.glob("deploy-*.log"):
        old.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def nginx() -> str:
    """Path of nginx; skip (locally) or fail (in CI) without it."""
    path = nginx_path()
    if path is None:
        reason = "Debian's nginx is missing (apt-get install nginx; scripts/run-tests.sh does)"
        if in_ci():
            pytest.fail(f"CI=true and the deployment tests cannot run: {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def load_test() -> ModuleType:
    """``benchmarks/load_test.py`` as a module (its Streamlit protocol client)."""
    return LOAD_TEST


@pytest.fixture(scope="module")
def classroom(nginx: str) -> Iterator[App]:
    """``run-app.sh --workers 2`` on free ports, for the tests of one module."""
    app = start_run_app(2)
    try:
        app.wait_healthy()
        yield app
    finally:
        app.stop()
