"""The lesson's steps: the issue's order, valid scenarios that tell the story, sourced numbers."""

from __future__ import annotations

import re
import string
from dataclasses import fields

import pytest

from sim import Scenario, simulate
from sim.lesson import FIGURES, STEPS, LessonStep, Sentence, Shown
from sim.scenario import scenario_from_query, scenario_to_query
from sim.side_effects import depth_reached_mm, needling_pigmentation_risk

# Issue #9: skin → needle depth → healing cascade → filling a scar → office vs. home →
# raised scars → skin tone.
ISSUE_ORDER = (
    "skin",
    "needle_depth",
    "healing",
    "filling",
    "office_vs_home",
    "raised",
    "skin_tone",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI")


def step(name: str) -> LessonStep:
    return next(s for s in STEPS if s.name == name)


def english(sentence: Sentence) -> str:
    """The sentence as the English app shows it (viz/lesson.py with the locale's
    separators: here plain Python formatting)."""
    values = {
        name: f"{v.value:.{v.digits}f}" if isinstance(v, Shown) else v for name, v in sentence.named
    }
    return sentence.template.format(**values)


def text(lesson_step: LessonStep) -> list[str]:
    return [english(s) for s in lesson_step.sentences]


def test_seven_steps_in_the_issues_order():
    assert tuple(s.name for s in STEPS) == ISSUE_ORDER
    assert len({s.title for s in STEPS}) == len(STEPS), "every step has a title of its own"
    assert all(s.figure in FIGURES for s in STEPS)


@pytest.mark.parametrize("lesson_step", STEPS, ids=lambda s: s.name)
def test_each_scenario_is_valid_and_travels_in_a_link(lesson_step):
    for scenario in lesson_step.scenarios:
        values = {f.name: getattr(scenario, f.name) for f in fields(Scenario)}
        assert Scenario(**values) == scenario  # validated again, unchanged
        reopened, notices = scenario_from_query(scenario_to_query(scenario))
        assert notices == []
        assert reopened == scenario


@pytest.mark.parametrize("lesson_step", STEPS, ids=lambda s: s.name)
def test_a_few_plain_sentences(lesson_step):
    assert 2 <= len(lesson_step.sentences) <= 4
    for sentence in text(lesson_step):
        assert sentence.strip() == sentence and sentence.endswith("."), sentence


@pytest.mark.parametrize("lesson_step", STEPS, ids=lambda s: s.name)
def test_sentences_are_templates_filled_from_data(lesson_step):
    # Each placeholder has its value and each value its placeholder, named (a
    # translator moves it), and every number is a finite number, not a formatted string.
    for sentence in lesson_step.sentences:
        parts = list(string.Formatter().parse(sentence.template))
        names = [name for _, name, spec, _ in parts if name is not None]
        assert all(name.isidentifier() for name in names), sentence.template
        assert set(names) == set(sentence.values), sentence.template
        assert all(not spec for _, name, spec, _ in parts if name is not None)
        for value in sentence.values.values():
            if isinstance(value, Shown):
                assert value.value == value.value and abs(value.value) < float("inf")
                assert value.digits >= 0
            else:
                assert isinstance(value, str) and not re.search(r"\d", value)


def test_a_template_and_its_values_must_agree():
    with pytest.raises(ValueError, match="placeholders"):
        Sentence("About {depth} mm deep.", (("width", Shown(3.0)),))
    with pytest.raises(ValueError, match="placeholders"):
        Sentence("About 3 mm deep.", (("depth", Shown(3.0)),))


# What is not a measured number: a citation's year, an ordinal, a molecule's name.
NOT_A_NUMBER = re.compile(r"\b(19|20)\d\d\b|\b\d+th\b|TGF-β1|CO2")
SOURCED = re.compile(r"\b(19|20)\d\d\b|modelling choice")


@pytest.mark.parametrize("lesson_step", STEPS, ids=lambda s: s.name)
def test_every_number_has_its_source(lesson_step):
    for sentence in lesson_step.sentences:
        # A number written in the template or filled in from the data.
        has_number = bool(sentence.values) or re.search(
            r"\d", NOT_A_NUMBER.sub("", sentence.template)
        )
        if has_number:
            assert SOURCED.search(sentence.template), (
                f"a number without its source: {sentence.template!r}"
            )


def test_steps_have_scenarios_of_their_own_where_the_story_changes():
    # The needle-depth step shows the same course as "filling a scar" (only the device
    # matters there); every other step changes something.
    others = [s.scenario for s in STEPS if s.name != "needle_depth"]
    assert len(set(others)) == len(others)


def test_the_skin_step_is_the_untreated_scar_its_text_describes():
    first = step("skin")
    scenario = first.scenario
    assert scenario.sessions == 0
    assert not scenario.scar_type.is_raised
    said = " ".join(text(first))
    assert f"{scenario.scar_type.width_mm:g} mm wide" in said
    assert f"{scenario.scar_type.depth_mm:g} mm deep" in said
    assert f"about {scenario.epidermis_mm * 1000:.0f} µm thick" in said
    result = simulate(scenario)
    assert result.final["improvement_pct"] == pytest.approx(0.0, abs=1e-9)


def test_the_needle_depth_step_shows_the_same_needle_reaching_different_depths():
    shown = step("needle_depth").scenarios
    assert len(shown) >= 2
    assert len({s.needle_mm for s in shown}) == 1, "same needle length: only the device differs"
    pen = next(s for s in shown if s.device == "office_pen")
    roller = next(s for s in shown if s.device == "medical_roller")
    _, pen_low, _ = depth_reached_mm(pen.device, pen.needle_mm)
    _, _, roller_high = depth_reached_mm(roller.device, roller.needle_mm)
    assert pen_low > roller_high, "the two depth ranges do not even overlap"


def test_the_healing_step_is_one_session_that_lays_down_collagen():
    scenario = step("healing").scenario
    assert scenario.sessions == 1
    assert step("healing").figure == "animated_cross_section"
    result = simulate(scenario)
    assert result.final["improvement_pct"] > 0


def test_the_filling_step_is_the_course_its_text_names_and_fills_more_than_one_session():
    filling = step("filling")
    scenario = filling.scenario
    said = english(filling.sentences[0])
    assert (
        f"{scenario.sessions} sessions {scenario.interval_days} days apart with "
        f"{scenario.needle_mm:g} mm needles" in said
    )
    assert scenario.sessions > step("healing").scenario.sessions
    more = simulate(scenario).final["improvement_pct"]
    one = simulate(step("healing").scenario).final["improvement_pct"]
    assert more > one > 0


def test_the_office_vs_home_step_adds_the_home_roller_to_an_office_course():
    scenario = step("office_vs_home").scenario
    assert scenario.home_maintenance
    assert scenario.device != "home_roller"
    assert len(scenario.home_days) > 0


def test_the_raised_step_compares_a_raised_scar_with_a_depressed_one_on_the_same_course():
    raised_step = step("raised")
    raised, (depressed,) = raised_step.scenario, raised_step.compare
    assert raised.scar_type.is_raised and not depressed.scar_type.is_raised
    assert raised.with_changes(scar=depressed.scar) == depressed, "only the scar differs"
    r_raised, r_depressed = simulate(raised), simulate(depressed)
    # Collagen induction does not flatten a raised scar; it fills a depressed one.
    assert r_raised.raised_height_mm[-1] >= r_raised.raised_height_mm[0] - 1e-6
    assert r_depressed.depression_depth_mm[-1] < 0.9 * r_depressed.depression_depth_mm[0]


def test_the_skin_tone_step_is_a_dark_skin_type_its_text_names():
    tone = step("skin_tone")
    scenario = tone.scenario
    assert scenario.fitzpatrick >= 5
    assert f"skin type {ROMAN[scenario.fitzpatrick - 1]}." in english(tone.sentences[-1])
    assert needling_pigmentation_risk(scenario.fitzpatrick) > needling_pigmentation_risk(
        Scenario().fitzpatrick
    )


def test_an_unknown_figure_is_refused():
    with pytest.raises(ValueError, match="figure"):
        LessonStep("x", "X", (Sentence("A sentence."),), Scenario(), "pie_chart")  # type: ignore[arg-type]


def test_steps_are_frozen():
    with pytest.raises(AttributeError):
        STEPS[0].title = "Other"  # type: ignore[misc]
