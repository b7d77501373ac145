"""The cross-section answers a slider's key press in the browser (``pages/_chart_ahead.js``).

The server's messages are held back (Playwright's ``route_web_socket``), so a chart that
changes can only have drawn a figure sent ahead. When they are let through, the run's
own figure must be the one already shown: the chart is not drawn a second time. A
table that may no longer describe the page (the reader touched another widget) must
draw nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, WebSocketRoute

from browser import harness
from pages._shared import BUSY_WINDOW_S

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHART = ".st-key-chart_cross_section .live-chart"
NEEDLE = ".st-key-w_needle_mm input[type=range]"

STATE_JS = """(selector) => {
    const el = document.querySelector(selector);
    return {
        drawn: Number(el.dataset.drawn),
        ahead: el.dataset.ahead ?? null,
        drawnAhead: el.dataset.drawnAhead ?? null,
        aheadCount: Number(el.dataset.aheadCount ?? 0),
        title: el.querySelector('.gtitle')?.textContent ?? '',
        label: el.getAttribute('aria-label') ?? '',
        error: el.dataset.error ?? null,
    };
}"""


class Gate:
    """Holds the server's websocket messages while ``closed``; ``open()`` lets them through."""

    def __init__(self) -> None:
        self.closed = False
        self.held: list[str | bytes] = []
        self.page_side: WebSocketRoute | None = None

    def route(self, ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        self.page_side = ws
        ws.on_message(server.send)  # the browser's messages go out at once
        server.on_message(self._from_server)

    def _from_server(self, message: str | bytes) -> None:
        if self.closed:
            self.held.append(message)
        elif self.page_side is not None:
            self.page_side.send(message)

    def open(self) -> None:
        self.closed = False
        assert self.page_side is not None
        for message in self.held:
            self.page_side.send(message)
        self.held.clear()


@pytest.fixture
def gate(page: Page) -> Iterator[Gate]:
    gate = Gate()
    page.route_web_socket("**/_stcore/stream", gate.route)
    yield gate
    gate.closed = False


def _open_and_move(page: Page) -> dict:
    """Explore after one move there and back (a first visit gets no figures ahead)."""
    harness.open_app(page, "/")
    assert page.evaluate(STATE_JS, CHART)["ahead"] == "", "a first visit got figures ahead"
    # Earlier tests' sessions make the server a shared one for a moment (others_active).
    page.wait_for_timeout(BUSY_WINDOW_S * 1000 + 100)
    for key in ("ArrowRight", "ArrowLeft"):
        page.locator(NEEDLE).focus()
        page.keyboard.press(key)
        harness.wait_for_app_idle(page)
    return _armed(page, "1.45 1.55")


def _armed(page: Page, values: str) -> dict:
    page.wait_for_function(
        "([s, v]) => document.querySelector(s)?.dataset.ahead === v", arg=[CHART, values]
    )
    return page.evaluate(STATE_JS, CHART)


def test_a_key_press_is_drawn_before_the_server_answers_and_not_drawn_again(
    page: Page, gate: Gate
) -> None:
    before = _open_and_move(page)

    gate.closed = True
    page.locator(NEEDLE).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([s, n]) => Number(document.querySelector(s).dataset.drawn) > n",
        arg=[CHART, before["drawn"]],
        timeout=5_000,
    )
    early = page.evaluate(STATE_JS, CHART)
    assert (
        gate.held
        or page.evaluate(
            "() => document.querySelector('[data-testid=stApp]').dataset.testScriptState"
        )
        == "notRunning"
    ), "the server answered through the gate"
    assert early["error"] is None, early["error"]
    assert early["drawnAhead"] == "1.55"
    assert early["aheadCount"] == before["aheadCount"] + 1
    assert early["title"] != before["title"], "the chart did not change"
    assert early["label"] != before["label"], "the chart's text alternative did not follow"

    gate.open()
    harness.wait_for_app_idle(page)
    after = _armed(page, "1.50 1.60")  # the run's own table, for the next press
    assert after["drawn"] == early["drawn"], (
        "the run's figure differed from the one drawn ahead, so the chart was drawn twice"
    )
    assert after["title"] == early["title"] and after["label"] == early["label"]


def test_after_touching_another_widget_a_press_waits_for_the_server(page: Page, gate: Gate) -> None:
    before = _open_and_move(page)

    # Opening the device's select box (and closing it unchanged) drops the table: a
    # change there reaches the server before the browser learns that a run started.
    page.locator(".st-key-w_device").get_by_role("combobox").click()
    page.keyboard.press("Escape")
    assert page.evaluate(STATE_JS, CHART)["ahead"] is None

    gate.closed = True
    page.locator(NEEDLE).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1_000)
    held = page.evaluate(STATE_JS, CHART)
    assert held["drawn"] == before["drawn"], "a table the page had dropped was drawn"
    assert held["aheadCount"] == before["aheadCount"]

    gate.open()
    harness.wait_for_app_idle(page)
    page.wait_for_function(
        "([s, n]) => Number(document.querySelector(s).dataset.drawn) > n",
        arg=[CHART, before["drawn"]],
    )
    assert page.evaluate(STATE_JS, CHART)["title"] != before["title"]
