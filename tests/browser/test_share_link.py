"""The link carries the whole view (issue #7, item 5): what a teacher changes on a page
is in the address at once, the sidebar's box shows that address, and opening it again
brings the same view back."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _href(page: Page) -> str:
    """The address bar (``page.url`` lags behind ``history.replaceState``)."""
    return page.evaluate("location.href")


def test_a_changed_view_is_in_the_link_and_the_link_reopens_it(page: Page) -> None:
    harness.open_app(page, "/depressed_vs_raised?depressed=ice_pick")
    page.get_by_role("combobox", name="Depressed scar").click()
    page.get_by_role("option", name="Rolling").click()
    harness.wait_for_app_idle(page)
    harness.set_projector(page, True)
    href = _href(page)
    assert "depressed=rolling" in href and "projector=true" in href, href
    # The box refreshes itself every second (it lives in a shadow root: Playwright's
    # locator looks inside it, document.querySelector would not).
    expect(page.locator(".st-key-share_link input")).to_have_value(href, timeout=5_000)

    fresh = page.context.new_page()
    harness.open_app(fresh, "/" + href.split("/", 3)[3])  # the same path and query
    shown = fresh.get_by_role("combobox", name="Depressed scar").input_value()
    assert shown == "Rolling"
    assert fresh.get_by_role("switch", name=harness.PROJECTOR_TOGGLE).is_checked()
    fresh.close()


def test_a_malformed_view_value_falls_back_with_a_notice(page: Page) -> None:
    harness.open_app(page, "/protocol_trade_offs?tradeoff_axis=volcano")
    notice = page.get_by_text("'tradeoff_axis' must be one of")
    assert notice.first.is_visible()
    assert "tradeoff_axis" not in _href(page)
