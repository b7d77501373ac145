"""The lesson from a presentation clicker, in Chromium (issue #9, part 4).

A clicker sends PageDown/PageUp (some send ArrowRight/ArrowLeft): anywhere on the
page they press the lesson's Next and Back buttons, except in a control that uses
those keys itself (a text field, a slider, the cross-section's time controls).
Every step is a link of its own: the URL carries ``step`` and the step's scenario.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser import harness
from sim.lesson import STEPS
from sim.scenario import scenario_to_query

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}
TIME_CONTROLS = '[role="group"][aria-label="Time controls"]'
COUNTER = re.compile(r"^Step (\d) of (\d)$")


def url_query(page: Page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query))


def expect_step(page: Page, number: int, *, projector: bool = False) -> None:
    """Step ``number`` is on screen, and the URL holds it with its scenario."""
    step = STEPS[number - 1]
    main = page.get_by_test_id("stMain")
    expect(main.locator("h1")).to_have_text(step.title)
    expect(main.get_by_text(COUNTER)).to_have_text(f"Step {number} of {len(STEPS)}")
    harness.wait_for_app_idle(page)
    assert not harness.exception_texts(page), harness.exception_texts(page)
    wanted = scenario_to_query(step.scenario)
    if number > 1:
        wanted["step"] = str(number)
    if projector:
        wanted["projector"] = "true"
    assert url_query(page) == wanted, page.url
    charts = page.locator(".js-plotly-plot").evaluate_all(
        "(cs) => cs.filter((c) => c.getBoundingClientRect().width > 0).length"
    )
    assert charts >= 1, f"step {number}: no chart drawn"


def focus_page(page: Page) -> None:
    """Focus on the page itself, as after a click on its background."""
    page.evaluate(
        """() => {
            document.activeElement?.blur();
            document.body.tabIndex = -1;
            document.body.focus();
            document.body.removeAttribute('tabindex');
        }"""
    )


def test_a_clicker_runs_the_whole_lesson(
    page: Page, js_errors: list[str], screenshot_dir: Path
) -> None:
    page.set_viewport_size(LAPTOP)
    harness.open_app(page, "/lesson")
    expect_step(page, 1)
    harness.screenshot(page, "lesson_1366_step1", full_page=False)
    for number in range(2, len(STEPS) + 1):
        page.keyboard.press("PageDown")
        expect_step(page, number)
        top = page.get_by_test_id("stMain").evaluate("(m) => m.scrollTop")
        assert top == 0, f"step {number} opened {top} px down the page"
        harness.screenshot(page, f"lesson_1366_step{number}", full_page=False)
    page.keyboard.press("PageDown")  # Next is disabled on the last step
    page.wait_for_timeout(500)
    expect_step(page, len(STEPS))
    page.keyboard.press("PageUp")
    expect_step(page, len(STEPS) - 1)
    assert not js_errors, js_errors


def test_arrow_keys_step_too_and_a_link_opens_its_step(page: Page, js_errors: list[str]) -> None:
    page.set_viewport_size(LAPTOP)
    harness.open_app(page, "/lesson?step=4")
    expect_step(page, 4)
    page.keyboard.press("ArrowRight")
    expect_step(page, 5)
    # Screen readers hear the step that is shown now (the text comes from the page, translated).
    expect(page.locator(".lesson-keys[role=status]")).to_have_text(
        f"Step 5 of {len(STEPS)}: {STEPS[4].title}"
    )
    page.keyboard.press("ArrowLeft")
    expect_step(page, 4)
    page.keyboard.press("ArrowLeft")
    expect_step(page, 3)
    assert not js_errors, js_errors


def test_the_time_controls_keep_their_own_keys(page: Page) -> None:
    page.set_viewport_size(LAPTOP)
    harness.open_app(page, "/lesson?step=3")
    expect_step(page, 3)
    group = page.locator(TIME_CONTROLS)
    expect(group).to_have_count(1)
    group.get_by_role("button", name="Play").focus()
    page.keyboard.press("Home")
    expect(group).to_have_attribute("data-frame", "0")
    for key, frame in (("PageDown", "1"), ("ArrowRight", "2"), ("PageUp", "1")):
        page.keyboard.press(key)
        expect(group).to_have_attribute("data-frame", frame)
    page.wait_for_timeout(500)
    expect_step(page, 3)  # the lesson did not move
    focus_page(page)
    page.keyboard.press("PageDown")
    expect_step(page, 4)


def test_a_text_field_keeps_its_arrow_keys(page: Page) -> None:
    page.set_viewport_size(LAPTOP)
    harness.open_app(page, "/lesson?step=2")
    page.get_by_role("textbox", name="Link to this view").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(500)
    expect_step(page, 2)


def test_next_and_back_are_buttons_that_tab_and_enter_reach(page: Page) -> None:
    page.set_viewport_size(LAPTOP)
    harness.open_app(page, "/lesson")
    main = page.get_by_test_id("stMain")
    back = main.get_by_role("button", name="Back", exact=True)
    following = main.get_by_role("button", name="Next", exact=True)
    expect(back).to_be_disabled()
    harness.focus_top_of_page(page)
    for _ in range(30):
        page.keyboard.press("Tab")
        if following.evaluate("(b) => b === document.activeElement"):
            break
    else:
        pytest.fail("30 Tab presses did not reach Next")
    page.keyboard.press("Enter")
    expect_step(page, 2)
    back.focus()
    page.keyboard.press("Enter")
    expect_step(page, 1)
    # The list of steps jumps anywhere.
    main.get_by_role("button", name=f"7. {STEPS[6].title}").click()
    expect_step(page, 7)
    expect(following).to_be_disabled()


@pytest.mark.parametrize(
    ("size", "name"), [(PROJECTOR, "projector_1024"), (PHONE, "phone_390")], ids=["1024", "390"]
)
def test_projector_mode_and_a_phone(
    page: Page, js_errors: list[str], screenshot_dir: Path, size: dict, name: str
) -> None:
    page.set_viewport_size(size)
    harness.open_app(page, "/lesson?step=2&projector=true")
    expect_step(page, 2, projector=True)
    for number in range(2, len(STEPS) + 1):
        if number > 2:
            page.keyboard.press("PageDown")
            expect_step(page, number, projector=True)
        width = page.get_by_test_id("stMain").evaluate("(m) => [m.scrollWidth, m.clientWidth]")
        assert width[0] <= width[1], f"step {number}: the page scrolls sideways {width}"
        harness.screenshot(page, f"lesson_{name}_step{number}", full_page=False)
    assert not js_errors, js_errors
