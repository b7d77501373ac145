"""The Lesson page: a step per link, Next/Back, the step's scenario shared and in the URL."""

from __future__ import annotations

import numpy as np
import pytest
from apptest_helpers import charts, open_app

from sim import simulate
from sim.lesson import STEPS
from sim.scenario import scenario_to_query
from sim.side_effects import side_effects
from viz import i18n

PAGE = "pages/lesson.py"


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def shown_step(at) -> int:
    """The step the page says it shows ("Step N of 7"), checked against its heading."""
    counters = [m.value for m in at.markdown if m.value.startswith("**Step ")]
    assert len(counters) == 1, counters
    number, total = (int(v) for v in counters[0].strip("*").removeprefix("Step ").split(" of "))
    assert total == len(STEPS)
    assert [t.value for t in at.title] == [STEPS[number - 1].title]
    return number


def expect_step(at, number: int) -> None:
    """Step ``number`` is shown, its scenario is the shared one and the URL says both."""
    _no_errors(at)
    assert shown_step(at) == number
    step = STEPS[number - 1]
    assert at.session_state["scenario"] == step.scenario
    wanted = scenario_to_query(step.scenario) | ({"step": str(number)} if number > 1 else {})
    assert dict(at.query_params) == wanted
    assert at.button(key="lesson_back").disabled == (number == 1)
    assert at.button(key="lesson_next").disabled == (number == len(STEPS))


def test_a_link_opens_its_step_with_its_scenario():
    at = open_app(PAGE, {"step": "4"})
    expect_step(at, 4)
    (timeline,) = charts(at)
    median = next(t for t in timeline["data"] if t.get("name") == "Typical (median) patient")
    np.testing.assert_allclose(median["y"], simulate(STEPS[3].scenario).improvement_pct)


def test_next_moves_on_and_the_url_follows():
    at = open_app(PAGE, {"step": "4"})
    at.button(key="lesson_next").click().run()
    expect_step(at, 5)
    assert at.query_params["step"] == "5"
    at.button(key="lesson_back").click().run()
    at.button(key="lesson_back").click().run()
    expect_step(at, 3)


def test_the_whole_lesson_from_start_to_end_and_back():
    at = open_app(PAGE)
    expect_step(at, 1)
    for number in range(2, len(STEPS) + 1):
        at.button(key="lesson_next").click().run()
        expect_step(at, number)
        assert charts(at), f"step {number} shows a figure"
    for number in range(len(STEPS) - 1, 0, -1):
        at.button(key="lesson_back").click().run()
        expect_step(at, number)


def test_the_list_of_steps_jumps_to_any_step():
    at = open_app(PAGE, {"step": "2"})
    at.button(key="lesson_goto_6").click().run()
    expect_step(at, 6)
    assert not [b for b in at.button if b.key == "lesson_goto_6"], "the step shown is no button"
    at.button(key="lesson_goto_1").click().run()
    expect_step(at, 1)


@pytest.mark.parametrize("bad", ["9", "0", "four", "4.0"])
def test_a_bad_step_in_the_link_gives_a_notice_and_step_1(bad):
    at = open_app(PAGE, {"step": bad})
    expect_step(at, 1)
    notices = [w.value for w in at.warning if "'step'" in w.value]
    assert len(notices) == 1 and repr(bad) in notices[0], [w.value for w in at.warning]


def test_the_steps_scenario_replaces_another_one_from_the_link():
    # A link's scenario values belong to the step it names: the step's prepared
    # scenario is shown, and the URL is rewritten to it.
    at = open_app(PAGE, {"step": "6", "scar": "rolling", "sessions": "5"})
    expect_step(at, 6)
    assert at.session_state["scenario"].scar == "keloid"


def test_the_needle_depth_step_draws_the_depths_the_model_gives():
    at = open_app(PAGE, {"step": "2"})
    expect_step(at, 2)
    (figure,) = charts(at)
    reached = next(t for t in figure["data"] if t.get("name") == "Depth reached")
    wanted = [side_effects(s).effective_depth_mm for s in STEPS[1].scenarios]
    np.testing.assert_allclose(reached["y"], wanted)
    assert wanted[0] > 2 * wanted[1], "the pen reaches much deeper than the roller"


def test_the_raised_step_shows_the_keloid_does_not_flatten():
    at = open_app(PAGE, {"step": "6"})
    expect_step(at, 6)
    (figure,) = charts(at)
    raised = simulate(STEPS[5].scenario)
    line = next(t for t in figure["data"] if str(t.get("name", "")).endswith("above the skin"))
    np.testing.assert_allclose(line["y"], raised.raised_height_mm)
    assert any("Keloids can flare" in i.value for i in at.info)


@pytest.mark.parametrize(
    ("lang", "back", "forward"), [("en", "back", "forward"), ("ar", "forward", "back")]
)
def test_back_and_next_arrows_point_the_reading_way(lang, back, forward):
    """In Arabic the row runs right to left: Back (on the right) points right, Next left."""
    with i18n.speaking(lang):  # AppTest reads selectboxes in the test's language
        at = open_app(PAGE, {"step": "3", "lang": lang})
    _no_errors(at)
    assert at.button(key="lesson_back").proto.icon == f":material/arrow_{back}:"
    assert at.button(key="lesson_next").proto.icon == f":material/arrow_{forward}:"
