"""The Explore animation from the keyboard, and Tab past the chart toolbars (issue #7).

The contract: below the cross-section, ``[role=group][aria-label="Time controls"]``
holds the buttons "Previous step", "Play" (named "Pause" while playing) and
"Next step", an ``input[type=range]`` labelled "Day after the first session"
and an ``output`` showing "Day N"; the group's ``data-frame`` is the index of
the frame shown. The chart's title or an annotation shows the same "Day N".
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GROUP = '[role="group"][aria-label="Time controls"]'
CHART = ".st-key-chart_cross_section"
DAY = re.compile(r"\bDay (\d+)\b")
# 25 before issue #9 added three pages to the menu and #10 a language selector.
MAX_TABS_TO_PLAY = 29

# The element that has the focus, inside shadow roots too; None for the page itself.
ACTIVE_JS = """() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el === document.body || el === document.documentElement ? null : el;
}"""


def wait_until(
    condition: Callable[[], object], message: Callable[[], str], timeout_s: float = 5.0
) -> None:
    """Poll ``condition`` until it is true; fail with ``message()`` after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(message(), pytrace=False)
        time.sleep(0.05)


class TimeControls:
    """The Explore page's time controls and what its chart shows."""

    def __init__(self, page: Page) -> None:
        self.page = page
        group = page.locator(GROUP)
        if group.count() == 0:
            pytest.fail(f"the Explore page has no {GROUP} (issue #7 keyboard contract)")
        self.group = group.first
        self.play = self.group.get_by_role("button", name=re.compile(r"^(Play|Pause)$"))
        self.previous = self.group.get_by_role("button", name="Previous step", exact=True)
        self.next = self.group.get_by_role("button", name="Next step", exact=True)
        self.range = self.group.locator('input[type="range"]')
        self.output = self.group.locator("output")

    def frame(self) -> int:
        value = self.group.get_attribute("data-frame")
        assert value is not None and value.isdigit(), f"data-frame is {value!r}"
        return int(value)

    def shown_day(self) -> str | None:
        """The "Day N" of the output element."""
        match = DAY.search(self.output.first.inner_text())
        return match.group() if match else None

    def chart_days(self) -> list[str]:
        """Every "Day N" in the cross-section's title and annotations."""
        texts = self.page.locator(f"{CHART} .gtitle, {CHART} .annotation-text").all_text_contents()
        return [m.group() for text in texts for m in DAY.finditer(text)]

    def expect_frame(self, wanted: int, after: str) -> None:
        """Wait until frame ``wanted`` is shown, by the group and by the chart."""
        wait_until(
            lambda: self.frame() == wanted,
            lambda: f"after {after}: data-frame is {self.frame()}, expected {wanted}",
        )
        wait_until(
            lambda: self.shown_day() is not None and self.shown_day() in self.chart_days(),
            lambda: (
                f"after {after}: the output shows {self.shown_day()!r}, "
                f"the chart {self.chart_days()}"
            ),
        )


def open_time_controls(page: Page) -> TimeControls:
    """Open the Explore page and find its time controls (the test fails without them)."""
    harness.open_app(page, "/")
    return TimeControls(page)


def test_time_controls_have_their_parts(page: Page) -> None:
    controls = open_time_controls(page)
    for part in (controls.play, controls.previous, controls.next):
        expect(part).to_have_count(1)
    expect(controls.play).to_have_accessible_name("Play")
    expect(controls.range).to_have_accessible_name("Day after the first session")
    expect(controls.output).to_have_count(1)
    controls.expect_frame(controls.frame(), "loading the page")


def test_tab_from_the_top_reaches_play(page: Page) -> None:
    controls = open_time_controls(page)
    harness.focus_top_of_page(page)
    visited = []
    for _ in range(MAX_TABS_TO_PLAY):
        page.keyboard.press("Tab")
        if controls.play.evaluate("(el) => el.matches(':focus')"):
            return
        visited.append(
            page.evaluate_handle(ACTIVE_JS).evaluate(
                "(el) => el ? (el.getAttribute('aria-label') || el.innerText || el.tagName)"
                ".trim().slice(0, 40) : '(page)'"
            )
        )
    pytest.fail(f"{MAX_TABS_TO_PLAY} Tab presses did not reach Play; focus went to {visited}")


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_play_key_starts_and_stops_the_animation(page: Page, key: str) -> None:
    controls = open_time_controls(page)
    controls.play.focus()
    page.keyboard.press("Home")
    controls.expect_frame(0, "Home")
    page.keyboard.press(key)
    wait_until(
        lambda: controls.frame() > 0,
        lambda: f"{key} on Play: still frame {controls.frame()} after 3 s",
        timeout_s=3,
    )
    expect(controls.play).to_have_accessible_name("Pause")
    expect(controls.play).to_be_focused()
    page.keyboard.press(key)
    expect(controls.play).to_have_accessible_name("Play")
    stopped_at = controls.frame()
    page.wait_for_timeout(1500)
    assert controls.frame() == stopped_at, f"{key} on Pause did not stop the animation"


def test_keys_step_through_the_frames(page: Page) -> None:
    controls = open_time_controls(page)
    controls.play.focus()
    for key, wanted in [
        ("Home", 0),
        ("ArrowRight", 1),
        ("PageDown", 2),
        ("ArrowLeft", 1),
        ("PageUp", 0),
        ("ArrowLeft", 0),
    ]:
        page.keyboard.press(key)
        controls.expect_frame(wanted, key)
    page.keyboard.press("End")
    wait_until(lambda: controls.frame() > 0, lambda: "End did not go to the last frame")
    last = controls.frame()
    controls.expect_frame(last, "End")
    page.keyboard.press("ArrowRight")
    controls.expect_frame(last, "ArrowRight on the last frame")
    assert controls.range.evaluate("(r) => r.value === r.max"), "End: the slider is not at its end"


def test_step_buttons_step_one_frame(page: Page) -> None:
    controls = open_time_controls(page)
    controls.play.focus()
    page.keyboard.press("Home")
    controls.expect_frame(0, "Home")
    controls.next.focus()
    page.keyboard.press("Enter")
    controls.expect_frame(1, "Enter on Next step")
    controls.previous.focus()
    page.keyboard.press("Enter")
    controls.expect_frame(0, "Enter on Previous step")


MODEBAR_JS = """(el) => {
    if (!el) return null;
    const chart = el.closest('.modebar-btn') ? el.closest('.js-plotly-plot') : null;
    const charts = Array.from(document.querySelectorAll('.js-plotly-plot'));
    window.__tabIds = window.__tabIds || new WeakMap();
    if (!window.__tabIds.has(el)) {
        window.__tabN = (window.__tabN || 0) + 1;
        window.__tabIds.set(el, window.__tabN);
    }
    return {id: window.__tabIds.get(el), chart: chart ? charts.indexOf(chart) : null,
            button: el.getAttribute('data-title') || el.getAttribute('aria-label') || ''};
}"""


def test_tab_meets_each_chart_toolbar_at_most_once(page: Page) -> None:
    harness.open_app(page, "/")
    harness.focus_top_of_page(page)
    stops: dict[int, list[str]] = {}
    first = None
    for _ in range(150):
        page.keyboard.press("Tab")
        info = page.evaluate_handle(ACTIVE_JS).evaluate(MODEBAR_JS)
        if info is None or info["id"] == first:
            break
        first = first or info["id"]
        if info["chart"] is not None:
            stops.setdefault(info["chart"], []).append(info["button"])
    too_many = {chart: buttons for chart, buttons in stops.items() if len(buttons) > 1}
    assert not too_many, f"Tab stops on the Plotly toolbar of chart (index: buttons): {too_many}"
