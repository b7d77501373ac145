"""The lesson's words in the reader's language: translated templates, numbers as the
language writes them (viz/lesson.py)."""

from __future__ import annotations

import pytest

from sim.lesson import STEPS
from viz.lesson import sentence_text, step_message, step_rest, step_title


def skin_sentence():
    return STEPS[0].sentences[1]


def test_english_writes_the_numbers_as_the_model_gives_them():
    said = sentence_text(skin_sentence())
    scenario = STEPS[0].scenario
    assert f"about {scenario.epidermis_mm * 1000:.0f} µm thick" in said
    assert f"about {scenario.dermis_mm:g} mm thick" in said
    tone = sentence_text(STEPS[6].sentences[-1])
    assert "3.04 times as common" in tone and "(95 % CI 1.49-6.21," in tone


@pytest.mark.parametrize("lesson_step", STEPS, ids=lambda s: s.name)
def test_every_placeholder_is_filled(lesson_step):
    for sentence in lesson_step.sentences:
        said = sentence_text(sentence)
        assert "{" not in said and "}" not in said, said
    assert step_message(lesson_step) == sentence_text(lesson_step.sentences[0])
    assert step_rest(lesson_step).startswith(sentence_text(lesson_step.sentences[1]))


def test_another_language_translates_the_template_and_writes_its_own_decimals(spanish):
    said = sentence_text(skin_sentence())
    assert said.startswith("«On top lies the epidermis") and said.endswith("»")
    assert "about 1,5 mm thick" in said, "Spanish writes a decimal comma"
    assert "about 1.5 mm" not in said
    tone = sentence_text(STEPS[6].sentences[-1])
    assert "3,04 times" in tone and "CI 1,49-6,21," in tone
    assert "skin type V." in tone, "the Roman numeral is written as is"
    assert step_title(STEPS[1]) == "«How deep the needles go»"
