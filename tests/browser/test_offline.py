"""Nothing is loaded from another host: the app works in a classroom without internet (issue #7).

Every request of the browser is recorded while each page is opened and a few
widgets are used; all must go to the app's own host (``data:`` and ``blob:``
URLs are fine). The page fixture blocks the others, so the test does not
depend on the network either.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_nothing_is_loaded_from_another_host(page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda websocket: requested.append(websocket.url))

    for path in harness.PAGES:
        harness.open_app(page, path)
        try:  # late requests: icons, fonts, images in view
            page.wait_for_load_state("networkidle", timeout=10_000)
        except PlaywrightTimeoutError:
            pass
    # Use the widgets on Explore: a slider, the expander, the projector toggle.
    harness.open_app(page, "/")
    page.locator(".st-key-w_sessions").locator(harness.SLIDER_THUMB_SELECTOR).focus()
    page.keyboard.press("ArrowRight")
    harness.wait_for_app_idle(page)
    page.get_by_text("More settings").click()
    harness.set_projector(page, True)
    try:
        page.wait_for_load_state("networkidle", timeout=10_000)
    except PlaywrightTimeoutError:
        pass

    foreign = sorted({url for url in requested if not harness.is_local(url)})
    assert requested, "no request was recorded"
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
