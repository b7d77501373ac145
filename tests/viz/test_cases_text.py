"""The words of the practice cases (viz/cases.py): each verdict says what its rule
decided, the question asks for what the chart shows, a percentage is written one way,
a ratio reads naturally and a label stands in lower case inside a sentence."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import pytest

from sim.cases import (
    FILL_TOLERANCE_PCT,
    Case,
    Prediction,
    Protocol,
    Text,
    fill_hit,
    fill_width_limit_pct,
    model_answer,
    score,
    wish_note,
)
from sim.scars import SCARS
from viz import i18n
from viz.cases import (
    answer_table,
    case_text,
    case_title,
    describe_fill_ranges,
    fill_question,
    fill_ranges_figure,
    item_label,
)
from viz.i18n import _, speaking

PEN = Protocol("office_pen", 1.5, 3, 28)


@pytest.fixture(scope="module")
def rolling():
    """A depressed scar's answer, whose fill range the tests replace by hand."""
    return model_answer(Case(1, "rolling", 4, "best_result"), PEN)


def _fill_row(answer, predicted: tuple[float, float]) -> str:
    prediction = Prediction(predicted, answer.bleeding, "same", "1_to_5")
    return answer_table(answer, prediction, score(answer, prediction)).splitlines()[0]


# --- 1. the fill's verdict says what its rule decided ------------------------------------

VERDICTS = [
    # (guess, model's range, words the verdict must hold, words it must not)
    ((30, 50), (25, 60), ["✓ close enough", "at most 5 points outside"], ["✗"]),
    ((45, 65), (30, 50), ["✓ close enough"], ["✗"]),  # middle 55: on the widened edge
    (
        (0, 100),
        (6, 6),  # the audit's "0-100 %" against a model's 6-6 %
        ["✗ contains the model's range but is too wide to be useful", "30 points", "1.5 times"],
        ["outside", "✓"],
    ),
    ((0, 40), (60, 70), ["✗ too wide to count", "30 points", "1.5 times"], ["contains", "✓"]),
    ((70, 90), (25, 60), ["✗ above the model's range", "more than 5 points above"], ["✓"]),
    ((0, 10), (30, 50), ["✗ below the model's range", "more than 5 points below"], ["✓"]),
]


@pytest.mark.parametrize(("guess", "model", "says", "never"), VERDICTS)
def test_each_branch_of_the_fill_rule_has_true_words(rolling, guess, model, says, never):
    answer = replace(rolling, fill_range_pct=model, fill_pct=sum(model) / 2)
    row = _fill_row(answer, guess)
    for words in says:
        assert words in row, row
    for words in never:
        assert words not in row, row


def test_fill_verdicts_are_true_over_a_grid_of_guesses(rolling):
    """Whatever the guess, the verdict's words are facts about the two ranges."""
    ends = range(0, 101, 10)
    guesses = [(a, b) for a, b in itertools.combinations_with_replacement(ends, 2)]
    for model in [(6.0, 6.0), (30.0, 50.0), (10.0, 80.0), (0.0, 0.0)]:
        answer = replace(rolling, fill_range_pct=model, fill_pct=sum(model) / 2)
        p10, p90 = model
        for low, high in guesses:
            row = _fill_row(answer, (low, high))
            middle = (low + high) / 2
            assert ("✓" in row) == fill_hit((low, high), model), row
            if "✗ too wide" in row or "but is too wide" in row:
                assert high - low > fill_width_limit_pct(model), row
            if "contains the model's range" in row:
                assert low <= p10 and p90 <= high, row
            if "above the model's range" in row:
                assert middle > p90 + FILL_TOLERANCE_PCT, row
            if "below the model's range" in row:
                assert middle < p10 - FILL_TOLERANCE_PCT, row
            assert "outside the model's range" not in row, "a fill verdict names its reason"


# --- 2. the question and the chart measure the same thing --------------------------------


@pytest.mark.parametrize("scar", list(SCARS))
def test_the_question_the_answer_and_the_chart_name_the_same_quantity(scar):
    answer = model_answer(Case(1, scar, 3, "best_result"), PEN)
    prediction = Prediction((20, 40), answer.bleeding, "same", "1_to_5")
    axis = fill_ranges_figure(answer, prediction).layout.xaxis.title.text
    question = fill_question(answer.case)
    row = answer_table(answer, prediction, score(answer, prediction)).splitlines()[0]
    noun, other = ("height", "volume") if answer.case.is_raised else ("volume", "depth")
    for text in (axis, question, row, describe_fill_ranges(answer, prediction)):
        assert noun in text and other not in text, text
    assert item_label("fill", answer.case) == axis


# --- 3. one rule writes every percentage ---------------------------------------------------

PERCENT = re.compile(r"(?:<?\d+(?:[.,]\d+)?-)?<?\d+(?:[.,]\d+)? ?%")


def test_a_percentage_is_written_the_same_way_everywhere_on_a_case():
    """Skin type IV: dark marks 4.6 % (2.3-34 %), laser 14 % (14-50 %), once written
    "5 %" in the table and "4.6 %" in the reason."""
    answer = model_answer(Case(1, "ice_pick", 4, "worried_about_marks"), PEN)
    assert answer.pigmentation_pct == pytest.approx(4.6, abs=0.05)
    prediction = Prediction((0, 100), "yes", "same", "1_to_5")
    checks = score(answer, prediction)
    table = answer_table(answer, prediction, checks)
    reasons = [case_text(c.reason) for c in checks]
    texts = [
        table,
        *reasons,
        case_text(wish_note(answer)),
        describe_fill_ranges(answer, prediction),
    ]
    percentages = [m for text in texts for m in PERCENT.findall(text)]
    assert percentages and not [p for p in percentages if re.search(r"\d[.,]\d", p)], percentages
    assert "(central 5 %)" in table and "about 5 % (range 2-34 %)" in reasons[3]
    assert "5 % (range 2-34 %)" in case_text(wish_note(answer))


def test_a_small_percentage_is_under_one_never_zero():
    text = case_text(Text("about {share} %", (("share", 0.3, "pct"),)))
    assert text == "about <1 %"


# --- 4. a ratio near 1 reads "about as much", a count takes its plural --------------------


def test_pain_near_the_pens_reads_about_as_much_and_twice_reads_two_times():
    pen = model_answer(Case(1, "rolling", 3, "best_result"), PEN)
    assert pen.pain_index == pytest.approx(1.0)
    prediction = Prediction((20, 40), "yes", "same", "1_to_5")
    same = case_text(score(pen, prediction)[2].reason)
    assert "with 12 needles hurts about as much as a 1.5 mm pen" in same
    assert "times" not in same
    double = case_text(score(replace(pen, pain_index=2.0), prediction)[2].reason)
    assert "hurts about 2 times as much as a 1.5 mm pen" in double
    more = case_text(score(replace(pen, pain_index=2.34), prediction)[2].reason)
    assert "hurts about 2.3 times as much" in more


class _Plurals:
    """A catalogue that keeps every ``ngettext`` call (English words)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.calls.append((singular, n))
        return singular if n == 1 else plural


def test_counts_take_their_plural_form_from_ngettext(monkeypatch):
    plurals = _Plurals()
    monkeypatch.setattr(i18n, "translations", lambda code: plurals)
    counts = Text("{a}; {b}; {c}", (("a", 1, "needles"), ("b", 192, "needles"), ("c", 2, "times")))
    assert case_text(counts) == "1 needle; 192 needles; 2 times"
    assert plurals.calls == [
        ("{needles} needle", 1),
        ("{needles} needle", 192),
        ("{times} time", 2),
    ]
    plurals.calls.clear()
    assert case_text(Text("{r}", (("r", 0.0964, "times"),))) == "0.096 times"
    assert plurals.calls == [], "a ratio with decimals is not a count"


# --- 5. a label inside a sentence stands in lower case -------------------------------------


def test_a_case_title_writes_the_scar_in_lower_case_inside_the_sentence():
    assert case_title(Case(2, "boxcar_deep", 4, "best_result")) == (
        "Case 2: boxcar (deep) scars, skin type IV"
    )
    with speaking("es"):
        title = case_title(Case(2, "boxcar_deep", 4, "best_result"))
        assert "«en furgón (profunda)»" in title and "En furgón" not in title
        for scar in SCARS:
            label = _(SCARS[scar].label)
            title = case_title(Case(1, scar, 4, "best_result"))
            assert f"«{label.lower()}»" in title and f"«{label}»" not in title, title


@pytest.mark.parametrize("scar", ["ice_pick", "rolling"])
def test_a_tethered_scars_reason_writes_its_label_in_lower_case(scar):
    answer = model_answer(Case(1, scar, 3, "best_result"), PEN)
    fill = score(answer, Prediction((60, 80), "yes", "same", "1_to_5"))[0]
    english = case_text(fill.reason)
    assert f"These {SCARS[scar].label.lower()} scars are held down" in english
    with speaking("es"):
        label = _(SCARS[scar].label)
        spanish = case_text(fill.reason)
        assert label.lower() in spanish and label not in spanish, spanish
