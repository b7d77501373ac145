"""A lesson for teachers: seven prepared steps, from the skin to skin tone.

Each step is a title, a few plain sentences and a prepared
:class:`~sim.scenario.Scenario`, plus the kind of figure that shows it
(:data:`FIGURES`). The order follows issue #9: the skin, how deep the needles
go, the healing cascade, filling a scar, office vs. home, raised scars, skin
tone. Every number in the sentences is taken from the model's own registry,
presets and constants (:mod:`sim.registry`, :mod:`sim.scars`,
:mod:`sim.devices`, :mod:`sim.constants`, :mod:`sim.uncertainty`), with the
source that is given there.

The titles and sentences are English templates marked for the app's message
catalogues (:func:`sim.text.N_`): a sentence keeps its numbers as data
(:class:`Sentence`, :class:`Shown`), and the app translates the template and
writes the numbers as the reader's language does (``viz/lesson.py``).

This module holds data only: the pages draw it (``pages/lesson.py``).

Examples
--------
The needle-depth step compares devices that reach different depths:

>>> from sim.side_effects import depth_reached_mm
>>> step = STEPS[1]
>>> depths = [depth_reached_mm(s.device, s.needle_mm)[0] for s in step.scenarios]
>>> bool(max(depths) > 2 * min(depths))  # same needle, a pen and a roller
True

A sentence is a template and the numbers that fill it:

>>> skin = STEPS[0].sentences[2]
>>> skin.values["width"]
Shown(value=3.0, digits=0)
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, get_args

from sim import constants as C
from sim.registry import SPECS
from sim.scars import SCARS
from sim.scenario import Scenario
from sim.text import N_
from sim.uncertainty import SPECS as UNCERTAIN

Figure = Literal[
    "cross_section",
    "needle_depth",
    "animated_cross_section",
    "timeline",
    "office_vs_home",
    "scar_level",
    "pigmentation",
]
FIGURES: tuple[Figure, ...] = get_args(Figure)
"""What a step can show:

* ``cross_section``: the skin slice at the end of the course, not animated;
* ``needle_depth``: needle length set against depth reached, one column per
  scenario of the step (:attr:`LessonStep.scenarios`);
* ``animated_cross_section``: the skin slice with its time controls;
* ``timeline``: the filled share of the scar over time, with its typical range;
* ``office_vs_home``: the office course, a home roller alone and both together
  (:func:`sim.plans.office_vs_home_plans`) on one time axis;
* ``scar_level``: the depressed scar of :attr:`LessonStep.compare` and the
  step's raised scar, their distance from the skin's level over time;
* ``pigmentation``: the chance of dark marks after needling and after a
  fractional laser, by skin type, the step's skin type marked.
"""


@dataclass(frozen=True)
class Shown:
    """A number as a sentence shows it.

    Attributes
    ----------
    value : float
        The number, in the unit the sentence writes after it.
    digits : int
        Decimals shown (``0.3`` has 1).
    """

    value: float
    digits: int = 0


def _as_g(value: float) -> Shown:
    """``value`` with as many decimals as Python's ``:g`` writes it (1.5, 3, 3.04)."""
    written = f"{value:g}"
    return Shown(float(value), len(written.partition(".")[2]))


@dataclass(frozen=True)
class Sentence:
    """One sentence of a step: an English template and the values it names.

    Attributes
    ----------
    template : str
        The sentence, marked for the catalogues, with a ``{name}`` placeholder
        for each value (numbers are not written into it, so each language writes
        them its own way).
    named : tuple of (str, Shown or str)
        The values, by placeholder name: a :class:`Shown` number, or a
        ``str`` written as is (a Roman numeral).
    """

    template: str
    named: tuple[tuple[str, Shown | str], ...] = ()

    def __post_init__(self) -> None:
        wanted = {name for _, name, _, _ in string.Formatter().parse(self.template) if name}
        if wanted != set(self.values):
            raise ValueError(
                f"placeholders {sorted(wanted)} and values {sorted(self.values)} differ "
                f"in {self.template!r}"
            )

    @property
    def values(self) -> MappingProxyType[str, Shown | str]:
        """The values by name (read-only)."""
        return MappingProxyType(dict(self.named))


def _sentence(template: str, **values: Shown | str) -> Sentence:
    return Sentence(template, tuple(values.items()))


@dataclass(frozen=True)
class LessonStep:
    """One step of the lesson.

    Attributes
    ----------
    name : str
        Short identifier (``"needle_depth"``).
    title : str
        The step's heading (marked for the catalogues).
    sentences : tuple of Sentence
        What the teacher says, in plain words; every number with its source. The
        first one is the step's message (the page shows it above the figure).
    scenario : Scenario
        The prepared scenario: the step puts it into the app's shared scenario
        (and so into the link).
    figure : str
        One of :data:`FIGURES`.
    compare : tuple of Scenario
        Further scenarios the figure shows next to ``scenario`` (the needle
        depth's other device, the depressed scar beside a raised one).
    outcome : bool
        Whether the step states the scenario's outcome in one sentence.
    """

    name: str
    title: str
    sentences: tuple[Sentence, ...]
    scenario: Scenario
    figure: Figure
    compare: tuple[Scenario, ...] = ()
    outcome: bool = False

    def __post_init__(self) -> None:
        if self.figure not in FIGURES:
            raise ValueError(f"figure must be one of {', '.join(FIGURES)}, not {self.figure!r}")

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        """The step's scenario, then those it is compared with."""
        return (self.scenario, *self.compare)


_DEFAULT = Scenario()
_SHALLOW = SCARS["boxcar_shallow"]
_PEN = UNCERTAIN["pen_penetration"]
_ROLLER = UNCERTAIN["roller_penetration"]
_HOME = SPECS["home_needle_mm"]
_DARK_TYPE = 5  # the darkest type inside the published range (types I, II and VI are extrapolated)
_ROMAN = ("I", "II", "III", "IV", "V", "VI")

# The sentences' own cited numbers (30-63 µm, 0.76-1.97 mm, ...) are part of the
# templates: a translator writes them as the language does.
STEPS: tuple[LessonStep, ...] = (
    LessonStep(
        name="skin",
        # TRANSLATORS: a step of the lesson for teachers (its heading).
        title=N_("The skin"),
        sentences=(
            _sentence(
                N_(
                    "This is a slice through cheek skin, seen from the side, with depth drawn "
                    "taller than width."
                )
            ),
            _sentence(
                # TRANSLATORS: write the cited numbers (30-63, 0.76-1.97) as your language
                # writes decimals; the citations (Chopra 2015) stay as they are.
                N_(
                    "On top lies the epidermis, about {epidermis} µm thick (30-63 µm across "
                    "the face, Chopra 2015). Below it is the dermis, about {dermis} mm thick "
                    "(0.76-1.97 mm, Chopra 2015): its collagen keeps the skin firm. The top "
                    "fifth of the dermis is the papillary dermis (Sorrell & Caplan 2004, "
                    "secondary); under the dermis lies fat."
                ),
                epidermis=Shown(_DEFAULT.epidermis_mm * 1000, 0),
                dermis=_as_g(_DEFAULT.dermis_mm),
            ),
            _sentence(
                # TRANSLATORS: "boxcar" is an acne scar type (U-shaped, steep walls).
                N_(
                    "In the middle is a shallow boxcar acne scar, {width} mm wide and {depth} mm "
                    "deep (boxcar scars are 1.5-4 mm wide and 0.1-0.5 mm deep, Jacob 2001). "
                    "The dermis under it has lost collagen."
                ),
                width=_as_g(_SHALLOW.width_mm),
                depth=_as_g(_SHALLOW.depth_mm),
            ),
        ),
        scenario=_DEFAULT.with_changes(sessions=0),
        figure="cross_section",
        outcome=True,
    ),
    LessonStep(
        name="needle_depth",
        # TRANSLATORS: a step of the lesson for teachers (its heading).
        title=N_("How deep the needles go"),
        sentences=(
            _sentence(
                N_(
                    "New collagen is made in the dermis, so the needles have to get through "
                    "the epidermis."
                )
            ),
            _sentence(
                # TRANSLATORS: {low}-{high} is a range of percentages, e.g. 75-100.
                N_(
                    "The length set on the device is not the depth reached. In human skin, a "
                    "pen's channels came close to its setting (Sasaki 2019): the model lets a "
                    "pen reach {low}-{high} % of its needle length (the lower end is a "
                    "modelling choice)."
                ),
                low=Shown(100 * _PEN.low, 0),
                high=Shown(100 * _PEN.high, 0),
            ),
            _sentence(
                # TRANSLATORS: {low}-{high} is a range of percentages, e.g. 20-60.
                N_(
                    "How deep a roller reaches in human skin nobody has measured. In rat skin, "
                    "a 770 µm roller made channels of about 150 µm (Kalluri 2011), so the model "
                    "gives rollers a wide range, {low}-{high} % of the needle length (the upper "
                    "end is a modelling choice)."
                ),
                low=Shown(100 * _ROLLER.low, 0),
                high=Shown(100 * _ROLLER.high, 0),
            ),
        ),
        scenario=_DEFAULT,
        figure="needle_depth",
        compare=(_DEFAULT.with_changes(device="medical_roller", needle_mm=_DEFAULT.needle_mm),),
    ),
    LessonStep(
        name="healing",
        # TRANSLATORS: a step of the lesson for teachers (its heading).
        title=N_("The healing cascade"),
        sentences=(
            _sentence(
                N_(
                    "Each puncture is a tiny wound, and the skin heals it in a fixed order. "
                    "This is one session."
                )
            ),
            _sentence(
                N_(
                    "First comes inflammation: growth factors such as TGF-β1 are released and "
                    "fade within days (35 % was left after 24 hours in a rat wound, "
                    "Zioncheck 1994)."
                )
            ),
            _sentence(
                N_(
                    "From about day {recruit}, fibroblasts multiply and lay down young collagen, "
                    "type III (wound-healing references). Over months it matures into the "
                    "stronger type I (Gay 1978; the model's mean time of {maturation} days is "
                    "a modelling choice)."
                ),
                recruit=_as_g(C.RECRUIT_DAYS.value),
                maturation=_as_g(C.MATURATION_DAYS.value),
            ),
            _sentence(
                # TRANSLATORS: "Play" is the label of the button under the picture.
                N_(
                    "Press ▶ Play under the picture to watch the new collagen form. Inside "
                    "those controls the arrow keys step through the days."
                )
            ),
        ),
        scenario=_DEFAULT.with_changes(sessions=1),
        figure="animated_cross_section",
    ),
    LessonStep(
        name="filling",
        # TRANSLATORS: a step of the lesson for teachers (its heading).
        title=N_("Filling a scar"),
        sentences=(
            _sentence(
                # TRANSLATORS: {sessions} is always more than one (3 in the lesson).
                N_(
                    "A typical course: {sessions} sessions {interval} days apart with {needle} "
                    "mm needles, the medians of 10 studies (Harris 2015)."
                ),
                sessions=Shown(_DEFAULT.sessions, 0),
                interval=Shown(_DEFAULT.interval_days, 0),
                needle=_as_g(_DEFAULT.needle_mm),
            ),
            _sentence(
                N_(
                    "The new collagen lifts the floor of the scar over weeks and months, and it "
                    "goes on after the last session."
                )
            ),
            _sentence(
                N_(
                    "The line is the typical patient. The shaded band is the typical range "
                    "(10th to 90th percentile): patients differ, and some of the model's "
                    "numbers nobody has measured."
                )
            ),
        ),
        scenario=_DEFAULT,
        figure="timeline",
        outcome=True,
    ),
    LessonStep(
        name="office_vs_home",
        # TRANSLATORS: a step of the lesson for teachers (its heading).
        title=N_("Office vs. home"),
        sentences=(
            _sentence(
                N_(
                    "Home rollers have needles of {home_min}-{home_max} mm (Aust 2008, "
                    "secondary): they reach at most the top of the dermis. Office pens are set "
                    "up to {office_max} mm (trade pages, secondary)."
                ),
                home_min=_as_g(_HOME.min),
                home_max=_as_g(_HOME.max),
                office_max=_as_g(_DEFAULT.device_spec.needle_max_mm),
            ),
            _sentence(
                N_(
                    "The chart follows the same scar with three plans: office sessions, a home "
                    "roller on its own, and office sessions with the home roller between them."
                )
            ),
            _sentence(
                N_(
                    "How deep a roller reaches in human skin has not been measured, so the home "
                    "roller's effect is shown as a wide range."
                )
            ),
        ),
        scenario=_DEFAULT.with_changes(home_maintenance=True),
        figure="office_vs_home",
    ),
    LessonStep(
        name="raised",
        # TRANSLATORS: a step of the lesson for teachers (its heading).
        title=N_("Raised scars"),
        sentences=(
            _sentence(
                N_(
                    "Hypertrophic scars and keloids stand above the skin. They do not lack "
                    "collagen: they have too much."
                )
            ),
            _sentence(
                N_(
                    "Fibroblasts in an active keloid make collagen about {factor} times as fast "
                    "as normal skin (Craig 1975, secondary). Needling has nothing to fill "
                    "there, so the model shows no flattening, while the same course fills a "
                    "depressed scar."
                ),
                factor=_as_g(C.KELOID_SYNTHESIS.value),
            ),
            _sentence(
                N_("Needling trials for acne scars exclude people with keloids (Alam 2014).")
            ),
        ),
        scenario=_DEFAULT.with_changes(scar="keloid"),
        figure="scar_level",
        compare=(_DEFAULT,),
        outcome=True,
    ),
    LessonStep(
        name="skin_tone",
        # TRANSLATORS: a step of the lesson for teachers (its heading).
        title=N_("Skin tone"),
        sentences=(
            _sentence(
                N_(
                    "Dark marks after treatment (post-inflammatory hyperpigmentation) come from "
                    "injury to the pigment-making epidermis, and darker skin gets them more "
                    "easily."
                )
            ),
            _sentence(
                N_(
                    "Needling leaves the epidermis in place between its channels; a fractional "
                    "laser removes or heats columns of it."
                )
            ),
            _sentence(
                # TRANSLATORS: {ratio} times, with its 95 % confidence interval {low}-{high};
                # {skin_type} is a Fitzpatrick skin type in Roman numerals (V).
                N_(
                    "Over a course, dark marks were {ratio} times as common after a fractional "
                    "CO2 laser as after microneedling (95 % CI {low}-{high}, 17 studies, Lasers "
                    "Med Sci 2026). The chart marks skin type {skin_type}."
                ),
                ratio=_as_g(C.PIH_RISK_RATIO.value),
                low=_as_g(C.PIH_RISK_RATIO_LOW.value),
                high=_as_g(C.PIH_RISK_RATIO_HIGH.value),
                skin_type=_ROMAN[_DARK_TYPE - 1],
            ),
        ),
        scenario=_DEFAULT.with_changes(fitzpatrick=_DARK_TYPE),
        figure="pigmentation",
    ),
)
"""The lesson, in the order it is taught."""
