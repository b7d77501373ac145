"""Practice cases page: a shared link gives the class the same cases; answers stay local."""

from __future__ import annotations

import pytest
from apptest_helpers import charts, open_app

from sim import Scenario
from sim.cases import PAIN_BANDS, PIGMENTATION_BANDS, Case, Protocol, cases_for, model_answer
from viz.cases import BLEEDING_LABELS, PAIN_LABELS, PIGMENTATION_LABELS, case_title

PAGE = "pages/cases.py"
SUBMIT = "Show the model's answer"


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _titles(at) -> list[str]:
    return [s.value for s in at.subheader]


def _answer(at, number: int, *, fill=(20, 40), bleeding="yes", pain="same", marks="1_to_5"):
    """Fill in case ``number``'s predictions and press its button."""
    at.slider(key=f"answer_{number}_fill_pct").set_value(fill)
    for name, value in (("bleeding", bleeding), ("pain", pain), ("pigmentation", marks)):
        if value is not None:
            at.radio(key=f"answer_{number}_{name}").set_value(value)
    [b for b in at.button if b.label == SUBMIT][number - 1].click()
    return at.run()


def _text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_a_shared_link_opens_the_same_three_cases():
    at = open_app(PAGE, {"case_set": "42"})
    _no_errors(at)
    assert _titles(at) == [case_title(c) for c in cases_for(42)]
    assert at.text_input(key="v_case_set").value == "42"
    assert at.query_params["case_set"] in ("42", ["42"])
    other = open_app(PAGE, {"case_set": "43"})
    assert _titles(other) != _titles(at)


def test_answers_bring_the_models_answer_and_stay_out_of_the_link():
    at = open_app(PAGE, {"case_set": "42"})
    case = cases_for(42)[0]
    assert SUBMIT in [b.label for b in at.button]
    assert "The model's answer" not in _text(at), "nothing before the trainee answers"
    at = _answer(at, 1)
    _no_errors(at)
    answer = model_answer(case, Protocol("office_pen", 1.5, 3, 28))
    p10, p90 = answer.fill_range_pct
    text = _text(at)
    assert "The model's answer" in text
    assert f"{p10:.0f}-{p90:.0f} % (median {answer.fill_pct:.0f} %)" in text
    assert "Nearest published protocol" in text and "Garg" in text
    assert any("Cases answered: 1 of 3" in i.value for i in at.info)
    bars = charts(at)[0]["data"]
    assert [b["y"][0] for b in bars[:2]] == ["You", "The model"]
    assert bars[0]["base"][0] == 20 and bars[0]["x"][0] == 20
    assert bars[1]["base"][0] == pytest.approx(p10) and bars[1]["x"][0] == pytest.approx(p90 - p10)
    # The other cases still wait for their answers.
    assert [b.label for b in at.button].count(SUBMIT) == 2
    # Answers are the trainee's own: neither in the link nor in the shared scenario.
    assert dict(at.query_params) in ({"case_set": "42"}, {"case_set": ["42"]})
    assert at.session_state["scenario"] == Scenario()


def test_a_raised_scar_case_says_it_does_not_fill():
    seed = next(s for s in range(1, 100) if any(c.scar == "hypertrophic" for c in cases_for(s)))
    case = next(c for c in cases_for(seed) if c.scar == "hypertrophic")
    at = open_app(PAGE, {"case_set": str(seed)})
    at = _answer(at, case.number, fill=(40, 60))
    _no_errors(at)
    text = _text(at)
    assert "no flattening (0 %)" in text
    assert "A raised scar already has too much collagen: needling adds none to fill" in text


def test_all_predictions_are_asked_for_before_the_answer():
    at = open_app(PAGE, {"case_set": "7"})
    at = _answer(at, 2, pain=None)
    _no_errors(at)
    assert any("Choose an answer for bleeding, pain and dark marks" in w.value for w in at.warning)
    assert "The model's answer" not in _text(at)


def test_a_bad_case_set_in_the_link_falls_back_to_set_1_with_a_notice():
    at = open_app(PAGE, {"case_set": "abc"})
    _no_errors(at)
    notices = [w.value for w in at.warning]
    assert any("'case_set' must be a whole number from 1 to 9999" in n for n in notices), notices
    assert _titles(at) == [case_title(c) for c in cases_for(1)]
    assert "case_set" not in at.query_params


def test_a_bad_case_set_typed_in_keeps_the_cases():
    at = open_app(PAGE, {"case_set": "42"})
    at.text_input(key="v_case_set").input("0").run()
    _no_errors(at)
    assert any("Keeping case set 42" in w.value for w in at.warning)
    assert _titles(at) == [case_title(c) for c in cases_for(42)]
    at.text_input(key="v_case_set").input("1234").run()
    assert _titles(at) == [case_title(c) for c in cases_for(1234)]
    assert at.query_params["case_set"] in ("1234", ["1234"])


def test_next_set_clears_the_answers():
    at = open_app(PAGE, {"case_set": "42"})
    at = _answer(at, 1)
    assert "The model's answer" in _text(at)
    next(b for b in at.button if b.label == "Next set of cases").click().run()
    _no_errors(at)
    assert _titles(at) == [case_title(c) for c in cases_for(43)]
    assert "The model's answer" not in _text(at)
    assert at.query_params["case_set"] in ("43", ["43"])


def test_try_again_brings_back_the_answers_given():
    at = open_app(PAGE, {"case_set": "42"})
    at = _answer(at, 1, fill=(30, 45), bleeding="possible")
    next(b for b in at.button if b.label == "Try this case again").click().run()
    _no_errors(at)
    assert "The model's answer" not in _text(at)
    assert at.slider(key="answer_1_fill_pct").value == (30, 45)
    assert at.radio(key="answer_1_bleeding").value == "possible"


def test_a_new_device_keeps_the_needle_in_its_range():
    at = open_app(PAGE, {"case_set": "42"})
    at.selectbox(key="answer_1_device").select("home_roller").run()
    _no_errors(at)
    needle = at.slider(key="answer_1_needle_mm")
    assert (needle.min, needle.max) == (0.2, 0.3) and 0.2 <= needle.value <= 0.3


def test_every_answer_choice_has_a_label():
    assert set(BLEEDING_LABELS) == {"no", "possible", "yes"}
    assert set(PAIN_LABELS) == set(PAIN_BANDS)
    assert set(PIGMENTATION_LABELS) == set(PIGMENTATION_BANDS)


@pytest.mark.parametrize("scar", ["ice_pick", "keloid"])
def test_case_card_names_the_scar_and_the_wish(scar):
    from viz.cases import case_card

    card = case_card(Case(1, scar, 5, "worried_about_marks"))
    assert "Jacob 2001" in card or "Sullivan 1990" in card
    assert "type V " in card and "dark marks" in card


@pytest.mark.parametrize(
    ("scar", "quantity"), [("boxcar_deep", "volume"), ("hypertrophic", "height")]
)
def test_the_question_and_the_answers_chart_ask_for_the_same_quantity(scar, quantity):
    """The fill is the share of the scar's volume filled (improvement_pct), of its height
    flattened for a raised scar: the slider asks for it and the chart's axis shows it."""
    seed = next(s for s in range(1, 200) if any(c.scar == scar for c in cases_for(s)))
    case = next(c for c in cases_for(seed) if c.scar == scar)
    at = open_app(PAGE, {"case_set": str(seed)})
    question = at.slider(key=f"answer_{case.number}_fill_pct").label
    at = _answer(at, case.number)
    _no_errors(at)
    axis = charts(at)[0]["layout"]["xaxis"]["title"]["text"]
    assert quantity in question and quantity in axis, (question, axis)
    assert "depth" not in question
    assert f"**{axis}**: you said" in _text(at), "the answer names the chart's quantity"
