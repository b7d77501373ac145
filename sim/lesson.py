"""A lesson for teachers: seven prepared steps, from the skin to skin tone.

Each step is a title, a few plain sentences and a prepared
:class:`~sim.scenario.Scenario`, plus the kind of figure that shows it
(:data:`FIGURES`). The order follows issue #9: the skin, how deep the needles
go, the healing cascade, filling a scar, office vs. home, raised scars, skin
tone. Every number in the sentences is taken from the model's own registry,
presets and constants (:mod:`sim.registry`, :mod:`sim.scars`,
:mod:`sim.devices`, :mod:`sim.constants`, :mod:`sim.uncertainty`), with the
source that is given there.

This module holds data only: the pages draw it (``pages/lesson.py``).

Examples
--------
The needle-depth step compares devices that reach different depths:

>>> from sim.side_effects import depth_reached_mm
>>> step = STEPS[1]
>>> depths = [depth_reached_mm(s.device, s.needle_mm)[0] for s in step.scenarios]
>>> bool(max(depths) > 2 * min(depths))  # same needle, a pen and a roller
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from sim import constants as C
from sim.registry import SPECS
from sim.scars import SCARS
from sim.scenario import Scenario
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
class LessonStep:
    """One step of the lesson.

    Attributes
    ----------
    name : str
        Short identifier (``"needle_depth"``).
    title : str
        The step's heading.
    sentences : tuple of str
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
    sentences: tuple[str, ...]
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

STEPS: tuple[LessonStep, ...] = (
    LessonStep(
        name="skin",
        title="The skin",
        sentences=(
            "This is a slice through cheek skin, seen from the side, with depth drawn "
            "taller than width.",
            f"On top lies the epidermis, about {_DEFAULT.epidermis_mm * 1000:.0f} µm thick "
            "(30-63 µm across the face, Chopra 2015). Below it is the dermis, about "
            f"{_DEFAULT.dermis_mm:g} mm thick (0.76-1.97 mm, Chopra 2015): its collagen keeps "
            "the skin firm. The top fifth of the dermis is the papillary dermis (Sorrell & "
            "Caplan 2004, secondary); under the dermis lies fat.",
            f"In the middle is a shallow boxcar acne scar, {_SHALLOW.width_mm:g} mm wide and "
            f"{_SHALLOW.depth_mm:g} mm deep (boxcar scars are 1.5-4 mm wide and 0.1-0.5 mm "
            "deep, Jacob 2001). The dermis under it has lost collagen.",
        ),
        scenario=_DEFAULT.with_changes(sessions=0),
        figure="cross_section",
        outcome=True,
    ),
    LessonStep(
        name="needle_depth",
        title="How deep the needles go",
        sentences=(
            "New collagen is made in the dermis, so the needles have to get through the epidermis.",
            "The length set on the device is not the depth reached. In human skin, a pen's "
            "channels came close to its setting (Sasaki 2019): the model lets a pen reach "
            f"{100 * _PEN.low:.0f}-{100 * _PEN.high:.0f} % of its needle length (the lower "
            "end is a modelling choice).",
            "How deep a roller reaches in human skin nobody has measured. In rat skin, a "
            "770 µm roller made channels of about 150 µm (Kalluri 2011), so the model gives "
            f"rollers a wide range, {100 * _ROLLER.low:.0f}-{100 * _ROLLER.high:.0f} % of "
            "the needle length (the upper end is a modelling choice).",
        ),
        scenario=_DEFAULT,
        figure="needle_depth",
        compare=(_DEFAULT.with_changes(device="medical_roller", needle_mm=_DEFAULT.needle_mm),),
    ),
    LessonStep(
        name="healing",
        title="The healing cascade",
        sentences=(
            "Each puncture is a tiny wound, and the skin heals it in a fixed order. This is "
            "one session.",
            "First comes inflammation: growth factors such as TGF-β1 are released and fade "
            "within days (35 % was left after 24 hours in a rat wound, Zioncheck 1994).",
            f"From about day {C.RECRUIT_DAYS.value:g}, fibroblasts multiply and lay down young "
            "collagen, type III (wound-healing references). Over months it matures into the "
            "stronger type I (Gay 1978; the model's mean time of "
            f"{C.MATURATION_DAYS.value:g} days is a modelling choice).",
            "Press ▶ Play under the picture to watch the new collagen form. Inside those "
            "controls the arrow keys step through the days.",
        ),
        scenario=_DEFAULT.with_changes(sessions=1),
        figure="animated_cross_section",
    ),
    LessonStep(
        name="filling",
        title="Filling a scar",
        sentences=(
            f"A typical course: {_DEFAULT.sessions} sessions {_DEFAULT.interval_days} days "
            f"apart with {_DEFAULT.needle_mm:g} mm needles, the medians of 10 studies "
            "(Harris 2015).",
            "The new collagen lifts the floor of the scar over weeks and months, and it "
            "goes on after the last session.",
            "The line is the typical patient. The shaded band is the typical range (10th to "
            "90th percentile): patients differ, and some of the model's numbers nobody has "
            "measured.",
        ),
        scenario=_DEFAULT,
        figure="timeline",
        outcome=True,
    ),
    LessonStep(
        name="office_vs_home",
        title="Office vs. home",
        sentences=(
            f"Home rollers have needles of {_HOME.min:g}-{_HOME.max:g} mm (Aust 2008, "
            "secondary): they reach at most the top of the dermis. Office pens are set up to "
            f"{_DEFAULT.device_spec.needle_max_mm:g} mm (trade pages, secondary).",
            "The chart follows the same scar with three plans: office sessions, a home "
            "roller on its own, and office sessions with the home roller between them.",
            "How deep a roller reaches in human skin has not been measured, so the home "
            "roller's effect is shown as a wide range.",
        ),
        scenario=_DEFAULT.with_changes(home_maintenance=True),
        figure="office_vs_home",
    ),
    LessonStep(
        name="raised",
        title="Raised scars",
        sentences=(
            "Hypertrophic scars and keloids stand above the skin. They do not lack "
            "collagen: they have too much.",
            "Fibroblasts in an active keloid make collagen about "
            f"{C.KELOID_SYNTHESIS.value:g} times as fast as normal skin (Craig 1975, "
            "secondary). Needling has nothing to fill there, so the model shows no "
            "flattening, while the same course fills a depressed scar.",
            "Needling trials for acne scars exclude people with keloids (Alam 2014).",
        ),
        scenario=_DEFAULT.with_changes(scar="keloid"),
        figure="scar_level",
        compare=(_DEFAULT,),
        outcome=True,
    ),
    LessonStep(
        name="skin_tone",
        title="Skin tone",
        sentences=(
            "Dark marks after treatment (post-inflammatory hyperpigmentation) come from "
            "injury to the pigment-making epidermis, and darker skin gets them more easily.",
            "Needling leaves the epidermis in place between its channels; a fractional "
            "laser removes or heats columns of it.",
            "Over a course, dark marks were "
            f"{C.PIH_RISK_RATIO.value:g} times as common after a fractional CO2 laser as "
            f"after microneedling (95 % CI {C.PIH_RISK_RATIO_LOW.value:g}-"
            f"{C.PIH_RISK_RATIO_HIGH.value:g}, 17 studies, Lasers Med Sci 2026). The chart "
            f"marks skin type {_ROMAN[_DARK_TYPE - 1]}.",
        ),
        scenario=_DEFAULT.with_changes(fitzpatrick=_DARK_TYPE),
        figure="pigmentation",
    ),
)
"""The lesson, in the order it is taught."""
