"""The lesson's words in the reader's language (``sim.lesson``'s titles and sentences).

A step's sentence is an English template with named placeholders and the
numbers that fill them (:class:`sim.lesson.Sentence`): the template is
translated, and each number written with the language's decimal separator.
"""

from __future__ import annotations

from sim.lesson import LessonStep, Sentence, Shown
from viz.i18n import _, number


def sentence_text(sentence: Sentence) -> str:
    """``sentence`` translated, its numbers written as the current language writes them.

    Examples
    --------
    >>> from sim.lesson import STEPS
    >>> sentence_text(STEPS[0].sentences[2])[:56]
    'In the middle is a shallow boxcar acne scar, 3 mm wide a'
    """
    values = {
        name: number(value.value, value.digits) if isinstance(value, Shown) else value
        for name, value in sentence.named
    }
    return _(sentence.template).format(**values)


def step_title(step: LessonStep) -> str:
    """The step's heading in the current language."""
    return _(step.title)


def step_message(step: LessonStep) -> str:
    """The step's message, shown above its figure (its first sentence)."""
    return sentence_text(step.sentences[0])


def step_rest(step: LessonStep) -> str:
    """What the teacher says after the figure: the step's other sentences, one paragraph."""
    return " ".join(sentence_text(s) for s in step.sentences[1:])
