r"""Practice cases: predict, then see what the model says.

A *case* is a patient: a scar type, a skin type and what the patient wants.
A trainee chooses a protocol (:class:`Protocol`) and predicts the outcome
(:class:`Prediction`) before the model answers (:func:`model_answer`); then
:func:`score` says which predictions fall inside the model's range, with a
short reason for each, and :func:`nearest_published` names the published
protocol closest to the trainee's.

Drawing the cases
-----------------
:func:`cases_for` draws ``n`` cases from ``numpy.random.default_rng(case_set)``,
so a class that opens the same case set gets the same cases. Per set:

* the scar types: different presets of :data:`sim.scars.SCARS`. With probability
  :data:`RAISED_SHARE` one case, at a random place, has a raised scar (hypertrophic
  or keloid, equally likely), which teaches that collagen induction gives it no
  flattening; the other cases have different depressed scars, drawn without
  replacement, all equally likely. At most one raised scar, so that most of the
  practice is on the scars needling treats;
* per case, the patient's wish: one of :data:`WISHES`, equally likely;
* per case, the skin type: Fitzpatrick I-VI equally likely, or IV-VI for a
  patient worried about dark marks (darker skin is the one at risk:
  :mod:`sim.side_effects`).

The weights are a modelling choice (no source gives how often each
scar type, skin type or wish comes to a clinic); every number a case shows
comes from :mod:`sim.scars`, :mod:`sim.side_effects` and :mod:`sim.constants`.

Scoring (modelling choices)
---------------------------
* **Fill**: the trainee's range :math:`[a, b]` (% of the volume of the scar's
  depression filled, 6 months after the last session by default) is a hit when its
  middle lies inside the model's typical range :math:`[p_{10}, p_{90}]` widened by
  :data:`FILL_TOLERANCE_PCT` on each side, **and** it is no wider than
  :data:`FILL_MAX_WIDTH_PCT` or :data:`FILL_WIDTH_FACTOR` times the model's
  range, whichever is wider (so "0-100 %" is not a hit unless the model's own range
  spans two thirds of the scale: a range that wide says nothing about the case,
  even though it contains the model's). :func:`fill_miss` names the part of the
  rule a miss breaks: too wide, too high or too low.
* **Bleeding**: a hit when the trainee's "no", "possible" or "yes" equals
  :attr:`~sim.side_effects.SideEffects.bleeding_likelihood`.
* **Pain** (relative to an office pen at 1.5 mm, Gill 2008): a hit when the
  trainee's band of :data:`PAIN_BANDS` holds the model's pain index.
* **Dark marks**: a hit when the trainee's band of
  :data:`PIGMENTATION_BANDS` overlaps the model's range of the risk.

Nearest published protocol (modelling choice)
---------------------------------------------
The distance between two protocols is

.. math:: d = \sqrt{\Bigl(\frac{\Delta L}{0.5\,\mathrm{mm}}\Bigr)^2
          + (\Delta n)^2 + \Bigl(\frac{\Delta T}{14\,\mathrm{days}}\Bigr)^2
          + [\text{other device}]}

with :math:`L` the needle length, :math:`n` the sessions and :math:`T` the
days between sessions: one unit is half a millimetre of needle (the step
between the clinical 0.5 mm and the medical 1-2 mm needles, Aust 2008 as
cited in :mod:`sim.devices`), one session, two weeks of interval (Alam's 2
against the usual 4 weeks) or another device. The protocols are the published
ones in :data:`sim.validation.PUBLISHED_PROTOCOLS`; all were done with rollers,
so a pen is always one unit away. Protocols at the same smallest distance are
all returned.

Words
-----
The reasons and notes are :class:`Text`: an English sentence marked for the app's
message catalogues (``N_``) with ``{name}`` placeholders, and the raw values that
go in them; the app translates the sentence and writes the numbers as its
language does (:func:`viz.cases.case_text`).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from sim import constants as C
from sim.devices import DEVICES
from sim.model import simulate
from sim.registry import SPECS
from sim.scars import SCARS
from sim.scenario import Scenario
from sim.text import N_
from sim.validation import PUBLISHED_PROTOCOLS, PublishedProtocol

ROMAN = ("I", "II", "III", "IV", "V", "VI")
"""Fitzpatrick skin types 1-6 as written on screen."""

NUMBER_FORMS = (".0f", ".1f", ".2f", "g", ".2g", "pct")
"""Forms of a number in a :class:`Text`: Python format specifications (fixed
decimals, or ``g``: at most 6 significant digits, ``.2g``: 2, trailing zeros dropped),
or ``pct``: a percentage, written by the app's one rule for percentages (a whole
number, "<1" for a small positive share: :func:`viz.i18n.pct_number`), so that the
same percentage reads the same in every sentence of a page."""
WORD_FORMS = ("text", "label", "lower_label", "days", "visits", "needles", "times")
"""Forms of the other values of a :class:`Text`: ``text`` is shown as it is (a
Roman numeral); ``label`` is a label marked with ``N_`` (of :mod:`sim.scars` or
:mod:`sim.devices`), translated where shown, and ``lower_label`` the same in lower
case (inside a sentence); ``days``, ``visits`` and ``needles`` are whole numbers
shown with their noun (``"180 days"``, ``"3 clinic visits"``, ``"1 needle"``), in the
plural form the number takes; ``times`` is a ratio shown with its noun to 2
significant figures (``"2.3 times"``; a whole ratio takes the plural form of its
number, ``"2 times"``)."""


@dataclass(frozen=True)
class Text:
    """A sentence for the screen, kept apart from the numbers in it.

    Attributes
    ----------
    template : str
        The English sentence, marked with ``N_``, with ``{name}`` placeholders.
    values : tuple of (str, float or str, str)
        ``(name, value, form)`` of each placeholder; ``form`` is one of
        :data:`NUMBER_FORMS` or :data:`WORD_FORMS`.
    """

    template: str
    values: tuple[tuple[str, float | str, str], ...] = ()

    def __post_init__(self) -> None:
        for name, _value, form in self.values:
            if form not in NUMBER_FORMS + WORD_FORMS:
                raise ValueError(f"form of {name!r} must be one of {NUMBER_FORMS + WORD_FORMS}")


def _text(template: str, **values: tuple[float | str, str]) -> Text:
    """``Text(template, ((name, value, form), ...))`` from ``name=(value, form)``."""
    return Text(template, tuple((name, v, form) for name, (v, form) in values.items()))


@dataclass(frozen=True)
class Wish:
    """What a patient wants from the treatment.

    Attributes
    ----------
    name : str
        Identifier.
    text : str
        The patient's words, as the case card shows them (marked with ``N_``).
    dark_skin : bool
        Whether the wish only comes with skin types IV-VI (worried about marks).
    """

    name: str
    text: str
    dark_skin: bool = False


WISHES: dict[str, Wish] = {
    w.name: w
    for w in (
        Wish("least_downtime", N_("As little downtime as possible: back at work the next day.")),
        Wish("best_result", N_("The best result, even if it takes longer or hurts more.")),
        Wish(
            "few_visits",
            N_("Cannot come to the clinic often, and asks whether rolling at home would do."),
        ),
        Wish(
            "worried_about_marks",
            N_("Has dark skin and is worried about dark marks after treatment."),
            dark_skin=True,
        ),
    )
}
"""The patients' wishes a case is drawn from (a modelling choice of what a clinic hears)."""

DEPRESSED_POOL = tuple(name for name, scar in SCARS.items() if not scar.is_raised)
RAISED_POOL = tuple(name for name, scar in SCARS.items() if scar.is_raised)
"""The depressed and the raised presets of :data:`sim.scars.SCARS` (in its order): the
scars the cases are drawn from."""

RAISED_SHARE = 0.5
"""Share of case sets with one raised scar (the others have none). Modelling choice."""

ALL_TYPES = (1, 2, 3, 4, 5, 6)
DARK_TYPES = (4, 5, 6)

FOLLOW_UP_DAYS = int(SPECS["follow_up_days"].default)
"""Every case is looked at this long after its last session (the registry default, 6
months: Alam 2014)."""


@dataclass(frozen=True)
class Case:
    """A practice case.

    Attributes
    ----------
    number : int
        1, 2, 3 ... within its case set.
    scar : str
        Key of :data:`sim.scars.SCARS`.
    fitzpatrick : int
        Skin type 1-6.
    wish : str
        Key of :data:`WISHES`.
    """

    number: int
    scar: str
    fitzpatrick: int
    wish: str

    @property
    def is_raised(self) -> bool:
        """Whether the case's scar stands above the skin."""
        return SCARS[self.scar].is_raised

    def scenario(self, protocol: Protocol) -> Scenario:
        """The model's scenario: this patient, ``protocol``, the registry's other defaults."""
        return Scenario(
            scar=self.scar,
            fitzpatrick=self.fitzpatrick,
            follow_up_days=FOLLOW_UP_DAYS,
            **protocol.settings(),
        )


def cases_for(case_set: int, n: int = 3) -> tuple[Case, ...]:
    """The ``n`` cases of ``case_set`` (see the module's notes for how they are drawn).

    Parameters
    ----------
    case_set : int
        Seed of :func:`numpy.random.default_rng`, 0 or more (the app offers 1-9999).
    n : int
        Number of cases, 1 to the number of depressed scar presets (each case has its
        own scar).

    Returns
    -------
    tuple of Case

    Examples
    --------
    The same set gives the same cases, every case a different scar:

    >>> cases_for(42) == cases_for(42)
    True
    >>> len({case.scar for case in cases_for(42)})
    3
    """
    if not 1 <= n <= len(DEPRESSED_POOL):
        raise ValueError(f"n (cases) must be 1 to {len(DEPRESSED_POOL)}, not {n!r}")
    if case_set < 0:
        raise ValueError(f"case_set must be a whole number of 0 or more, not {case_set!r}")
    rng = np.random.default_rng(case_set)
    raised = bool(rng.random() < RAISED_SHARE)
    picks = rng.choice(len(DEPRESSED_POOL), size=n - raised, replace=False)
    scars = [DEPRESSED_POOL[int(k)] for k in picks]
    if raised:
        scar = RAISED_POOL[int(rng.integers(len(RAISED_POOL)))]
        scars.insert(int(rng.integers(n)), scar)
    wishes = tuple(WISHES)
    cases = []
    for number, scar in enumerate(scars, start=1):
        wish = WISHES[wishes[int(rng.integers(len(wishes)))]]
        types = DARK_TYPES if wish.dark_skin else ALL_TYPES
        skin_type = int(types[int(rng.integers(len(types)))])
        cases.append(Case(number, scar, skin_type, wish.name))
    return tuple(cases)


@dataclass(frozen=True)
class Protocol:
    """The trainee's protocol.

    Attributes
    ----------
    device : str
        Key of :data:`sim.devices.DEVICES`.
    needle_mm : float
        Needle length (mm), within the device's range.
    sessions : int
        Office (or roller) sessions, 1 or more.
    interval_days : int
        Days between sessions.
    """

    device: str
    needle_mm: float
    sessions: int
    interval_days: int

    def settings(self) -> dict[str, object]:
        """Keyword arguments of :class:`~sim.scenario.Scenario`."""
        return asdict(self)


NEEDLE_UNIT_MM = 0.5
INTERVAL_UNIT_DAYS = 14.0


def protocol_distance(protocol: Protocol, published: PublishedProtocol) -> float:
    """Distance between two protocols (dimensionless; see the module's notes).

    Examples
    --------
    >>> from sim.validation import PROTOCOLS
    >>> protocol_distance(Protocol("medical_roller", 1.5, 3, 28), PROTOCOLS["Garg"])
    0.0
    >>> protocol_distance(Protocol("office_pen", 1.5, 3, 28), PROTOCOLS["Garg"])
    1.0
    """
    return math.sqrt(
        ((protocol.needle_mm - published.needle_mm) / NEEDLE_UNIT_MM) ** 2
        + (protocol.sessions - published.sessions) ** 2
        + ((protocol.interval_days - published.interval_days) / INTERVAL_UNIT_DAYS) ** 2
        + (protocol.device != published.device)
    )


def nearest_published(protocol: Protocol) -> tuple[tuple[PublishedProtocol, ...], float]:
    """The published protocols nearest ``protocol`` (all at the smallest distance) and
    that distance."""
    distances = [protocol_distance(protocol, p) for p in PUBLISHED_PROTOCOLS]
    best = min(distances)
    nearest = tuple(
        p for p, d in zip(PUBLISHED_PROTOCOLS, distances, strict=True) if d <= best + 1e-9
    )
    return nearest, best


# --- the model's answer ------------------------------------------------------------


@dataclass(frozen=True)
class ModelAnswer:
    """What the model says about a case treated with a protocol (small: no fields).

    Attributes
    ----------
    case : Case
    protocol : Protocol
    fill_pct : float
        Share of the scar's depression filled, median patient (%), at the end of
        the follow-up; 0 for a raised scar (no flattening).
    fill_range_pct : tuple of float
        The typical range of the same (10th-90th percentile, %).
    bleeding : {"no", "possible", "yes"}
    pain_index : float
        Pain of a session relative to an office pen at 1.5 mm (= 1; Gill 2008).
    pigmentation_pct : float
        Chance of dark marks over the course (%), central value.
    pigmentation_range_pct : tuple of float
        Range of the same (%).
    laser_pigmentation_pct : float
        The same after a fractional CO2 laser course (%), for comparison.
    laser_pigmentation_range_pct : tuple of float
    depth_range_mm : tuple of float
        Depth the needles reach (low and high end of the device's penetration).
    epidermis_mm : float
        Epidermis thickness of the scenario.
    downtime_days : float
        Days of redness after a session.
    keloid_flare_pct : tuple of float or None
        Reference range of a keloid's flare after an injury (keloids only).
    """

    case: Case
    protocol: Protocol
    fill_pct: float
    fill_range_pct: tuple[float, float]
    bleeding: str
    pain_index: float
    pigmentation_pct: float
    pigmentation_range_pct: tuple[float, float]
    laser_pigmentation_pct: float
    laser_pigmentation_range_pct: tuple[float, float]
    depth_range_mm: tuple[float, float]
    epidermis_mm: float
    downtime_days: float
    keloid_flare_pct: tuple[float, float] | None


def model_answer(case: Case, protocol: Protocol) -> ModelAnswer:
    """Run :func:`sim.simulate` on the case with ``protocol`` and keep what the page shows."""
    scenario = case.scenario(protocol)
    result = simulate(scenario)
    final = result.final
    effects = result.side_effects
    return ModelAnswer(
        case=case,
        protocol=protocol,
        fill_pct=final["improvement_pct"],
        fill_range_pct=(final["improvement_pct_p10"], final["improvement_pct_p90"]),
        bleeding=effects.bleeding_likelihood,
        pain_index=effects.pain_index,
        pigmentation_pct=effects.pigmentation_risk_pct,
        pigmentation_range_pct=effects.pigmentation_risk_range_pct,
        laser_pigmentation_pct=effects.laser_pigmentation_risk_pct,
        laser_pigmentation_range_pct=effects.laser_pigmentation_risk_range_pct,
        depth_range_mm=effects.effective_depth_range_mm,
        epidermis_mm=scenario.epidermis_mm,
        downtime_days=effects.downtime_days,
        keloid_flare_pct=effects.keloid_flare_risk_pct,
    )


# --- the trainee's prediction and its score ---------------------------------------

BLEEDING = ("no", "possible", "yes")
"""The answers to "will it bleed?" (those of :mod:`sim.side_effects`)."""

PAIN_BANDS: dict[str, tuple[float, float]] = {
    "much_less": (0.0, 0.5),
    "less": (0.5, 0.8),
    "same": (0.8, 1.25),
    "more": (1.25, 2.0),
    "much_more": (2.0, math.inf),
}
"""Bands of the pain index (a session relative to an office pen at 1.5 mm), [low, high):
under half, somewhat less, about the same (within a quarter), somewhat more, twice or
more. Modelling choice."""

PIGMENTATION_BANDS: dict[str, tuple[float, float]] = {
    "under_1": (0.0, 1.0),
    "1_to_5": (1.0, 5.0),
    "5_to_20": (5.0, 20.0),
    "over_20": (20.0, 100.0),
}
"""Bands of the chance of dark marks over a course (%). Modelling choice."""

FILL_TOLERANCE_PCT = 5.0
"""The model's fill range is widened by this on each side before scoring (one step of
the app's slider). Modelling choice."""

FILL_MAX_WIDTH_PCT = 30.0
FILL_WIDTH_FACTOR = 1.5
"""A fill range counts only if no wider than 30 points or 1.5 times the model's range,
whichever is wider. Modelling choice."""

ITEMS = ("fill", "bleeding", "pain", "pigmentation")


@dataclass(frozen=True)
class Prediction:
    """The trainee's prediction, made before the model answers.

    Attributes
    ----------
    fill_pct : tuple of float
        Low and high end of the share of the depression filled (%).
    bleeding : {"no", "possible", "yes"}
    pain : str
        Key of :data:`PAIN_BANDS`.
    pigmentation : str
        Key of :data:`PIGMENTATION_BANDS`.
    """

    fill_pct: tuple[float, float]
    bleeding: str
    pain: str
    pigmentation: str

    def __post_init__(self) -> None:
        low, high = (float(v) for v in self.fill_pct)
        if not 0.0 <= low <= high <= 100.0:
            raise ValueError(f"fill_pct must be 0 <= low <= high <= 100 (%), not {self.fill_pct}")
        object.__setattr__(self, "fill_pct", (low, high))
        for name, allowed in (
            ("bleeding", BLEEDING),
            ("pain", tuple(PAIN_BANDS)),
            ("pigmentation", tuple(PIGMENTATION_BANDS)),
        ):
            if getattr(self, name) not in allowed:
                raise ValueError(
                    f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}"
                )


@dataclass(frozen=True)
class Check:
    """One prediction against the model.

    Attributes
    ----------
    item : {"fill", "bleeding", "pain", "pigmentation"}
    hit : bool
        Whether the prediction falls inside the model's range (rules in the module notes).
    reason : tuple of Text
        Why the model says what it says, in plain words with sources; for a miss,
        what was missed (one or more sentences).
    """

    item: str
    hit: bool
    reason: tuple[Text, ...]


def pain_band(pain_index: float) -> str:
    """The key of :data:`PAIN_BANDS` that holds ``pain_index``."""
    return next(k for k, (low, high) in PAIN_BANDS.items() if low <= pain_index < high)


def fill_width_limit_pct(model_range: tuple[float, float]) -> float:
    """The widest predicted fill range that can count (percentage points): the larger of
    :data:`FILL_MAX_WIDTH_PCT` and :data:`FILL_WIDTH_FACTOR` times the model's range,
    ``max(30, 1.5 * (p90 - p10))``.

    Examples
    --------
    >>> fill_width_limit_pct((40, 55)), fill_width_limit_pct((10, 80))
    (30.0, 105.0)
    """
    p10, p90 = model_range
    return max(FILL_MAX_WIDTH_PCT, FILL_WIDTH_FACTOR * (p90 - p10))


def fill_miss(predicted: tuple[float, float], model_range: tuple[float, float]) -> str | None:
    """Which part of the fill rule (module notes) a predicted range breaks.

    Parameters
    ----------
    predicted : tuple of float
        The trainee's low and high end (% of the depression's volume filled).
    model_range : tuple of float
        The model's typical range :math:`(p_{10}, p_{90})` (%).

    Returns
    -------
    str or None
        ``None`` for a hit; ``"too_wide"`` for a range wider than
        :func:`fill_width_limit_pct` (whatever its middle); otherwise ``"too_high"``
        or ``"too_low"`` for a middle more than :data:`FILL_TOLERANCE_PCT` above
        :math:`p_{90}` or below :math:`p_{10}`.

    Examples
    --------
    A range that holds the model's but spans the whole scale is too wide:

    >>> fill_miss((30, 50), (25, 60)), fill_miss((0, 100), (25, 60)), fill_miss((70, 90), (25, 60))
    (None, 'too_wide', 'too_high')
    """
    low, high = predicted
    p10, p90 = model_range
    middle = (low + high) / 2
    if high - low > fill_width_limit_pct(model_range):
        return "too_wide"
    if middle > p90 + FILL_TOLERANCE_PCT:
        return "too_high"
    if middle < p10 - FILL_TOLERANCE_PCT:
        return "too_low"
    return None


def fill_hit(predicted: tuple[float, float], model_range: tuple[float, float]) -> bool:
    """Whether a predicted fill range counts as inside the model's range (module notes):
    :func:`fill_miss` finds nothing wrong.

    Examples
    --------
    >>> fill_hit((30, 50), (25, 60)), fill_hit((0, 100), (25, 60)), fill_hit((70, 90), (25, 60))
    (True, False, False)
    """
    return fill_miss(predicted, model_range) is None


def _fill_reason(
    answer: ModelAnswer, predicted: tuple[float, float], hit: bool
) -> tuple[Text, ...]:
    case, scar = answer.case, SCARS[answer.case.scar]
    p10, p90 = answer.fill_range_pct
    low, high = predicted
    if case.is_raised:
        raised = Text(
            N_(
                "A raised scar already has too much collagen: needling adds none to fill, so "
                "the model shows no flattening (overactive fibroblasts: Craig 1975, secondary)."
            )
        )
        if case.scar == "keloid" and answer.keloid_flare_pct is not None:
            flare_low, flare_high = answer.keloid_flare_pct
            flare = _text(
                N_(
                    "A keloid can even flare after the injury: {low}-{high} % after excision "
                    "or ear piercing (Lemperle 2020; Lane 2005); trials of needling for acne "
                    "scars exclude keloids (Alam 2014)."
                ),
                low=(flare_low, "pct"),
                high=(flare_high, "pct"),
            )
            return raised, flare
        return (raised,)
    model = _text(
        N_("The model's typical range is {low}-{high} % (median {median} %)."),
        low=(p10, "pct"),
        high=(p90, "pct"),
        median=(answer.fill_pct, "pct"),
    )
    yours = {"low": (low, "pct"), "high": (high, "pct")}
    if hit:
        return model, _text(N_("Your {low}-{high} % lies within it."), **yours)
    miss = fill_miss(predicted, answer.fill_range_pct)
    too_wide, too_high = miss == "too_wide", miss == "too_high"
    if too_wide:
        why = _text(N_("Your {low}-{high} % is too wide a range to say much."), **yours)
    elif too_high:
        why = _text(N_("Your {low}-{high} % is more than the model fills."), **yours)
    else:
        why = _text(N_("Your {low}-{high} % is less than the model fills."), **yours)
    # What holds the fill down explains an estimate that was too high (or too wide).
    if (too_wide or too_high) and answer.protocol.device == "home_roller":
        depth_low, depth_high = answer.depth_range_mm
        cause = _text(
            N_(
                "A home roller's {needle} mm needles reach only {low}-{high} mm, hardly into "
                "the dermis, where new collagen is made (roller penetration measured in rat "
                "and pig skin; see Office vs. home)."
            ),
            needle=(answer.protocol.needle_mm, "g"),
            low=(depth_low, ".2f"),
            high=(depth_high, ".2f"),
        )
    elif (too_wide or too_high) and scar.tether_fraction > 0.5:
        cause = _text(
            # TRANSLATORS: {scar} is a scar type in lower case, e.g. "ice pick" or "rolling".
            N_(
                "These {scar} scars are held down: about {tethered} % of the depth is tethered "
                "by a scar tract or fibrous bands that new collagen cannot lift (Jacob 2001; "
                "share calibrated to Garg & Chaudhary's scar counts)."
            ),
            scar=(scar.label, "lower_label"),
            tethered=(100 * scar.tether_fraction, "pct"),
        )
    elif too_wide or too_high:
        cause = Text(
            N_(
                "New collagen comes slowly, over months, and each extra session or puncture "
                "adds less than the one before (Alam 2014's time course; Lotfi 2013's "
                "collagen gain)."
            )
        )
    else:
        cause = Text(
            N_(
                "A depressed scar lacks collagen, and needles that reach the dermis start new "
                "collagen under it: with this protocol the model fills more than you expected "
                "(Lotfi 2013; Alam 2014)."
            )
        )
    return why, model, cause


def _bleeding_reason(answer: ModelAnswer) -> tuple[Text, ...]:
    low, high = answer.depth_range_mm
    values = {
        "device": (DEVICES[answer.protocol.device].label, "lower_label"),
        "needle": (answer.protocol.needle_mm, "g"),
        "low": (low, ".2f"),
        "high": (high, ".2f"),
        "epidermis": (answer.epidermis_mm, ".2f"),
    }
    if answer.bleeding == "yes":
        return (
            _text(
                # TRANSLATORS: {device} is a device in lower case, e.g. "office pen".
                N_(
                    "The {device} at {needle} mm reaches {low}-{high} mm, past the {epidermis} mm "
                    "epidermis into the dermis with its capillary loops: pinpoint bleeding is "
                    'expected (StatPearls "Microneedling").'
                ),
                **values,
            ),
        )
    if answer.bleeding == "no":
        return (
            _text(
                # TRANSLATORS: {device} is a device in lower case, e.g. "office pen".
                N_(
                    "The {device} at {needle} mm reaches at most {high} mm and stays in the "
                    "{epidermis} mm epidermis, which has no blood vessels: no bleeding is "
                    'expected (StatPearls "Microneedling").'
                ),
                **values,
            ),
        )
    return (
        _text(
            # TRANSLATORS: {device} is a device in lower case, e.g. "office pen".
            N_(
                "The {device} at {needle} mm reaches {low}-{high} mm: how deep it really goes "
                "decides whether it passes the {epidermis} mm epidermis, so bleeding is "
                'possible (StatPearls "Microneedling"; roller penetration from rat and pig '
                "skin)."
            ),
            **values,
        ),
    )


def _pain_reason(answer: ModelAnswer) -> tuple[Text, ...]:
    """The pain index as a ratio to the 1.5 mm pen: "about as much as" within the band
    "about the same" of :data:`PAIN_BANDS` (a ratio near 1), "about {times} as much"
    outside it."""
    device = DEVICES[answer.protocol.device]
    values = {
        "device": (device.label, "lower_label"),
        "needle": (answer.protocol.needle_mm, "g"),
        "needles": (device.needles, "needles"),
        "length_exponent": (C.PAIN_LENGTH_EXPONENT.value, ".2f"),
        "count_exponent": (C.PAIN_COUNT_EXPONENT.value, ".2f"),
    }
    if pain_band(answer.pain_index) == "same":
        return (
            _text(
                # TRANSLATORS: {device} is a device in lower case, e.g. "office pen";
                # {needles} e.g. "12 needles".
                N_(
                    "The {device} at {needle} mm with {needles} hurts about as much as a 1.5 mm "
                    "pen: pain grows as needle length to the power {length_exponent} and "
                    "needle count to the power {count_exponent} (Gill 2008)."
                ),
                **values,
            ),
        )
    return (
        _text(
            # TRANSLATORS: {device} is a device in lower case, e.g. "office pen";
            # {needles} e.g. "12 needles"; {times} a ratio, e.g. "2.3 times".
            N_(
                "The {device} at {needle} mm with {needles} hurts about {times} as much as a "
                "1.5 mm pen: pain grows as needle length to the power {length_exponent} and "
                "needle count to the power {count_exponent} (Gill 2008)."
            ),
            times=(answer.pain_index, "times"),
            **values,
        ),
    )


def _pigmentation_reason(answer: ModelAnswer) -> tuple[Text, ...]:
    low, high = answer.pigmentation_range_pct
    return (
        _text(
            # TRANSLATORS: {skin} is a Fitzpatrick skin type in Roman numerals (I to VI).
            N_(
                "For skin type {skin} the model's chance of dark marks after a needling course "
                "is about {chance} % (range {low}-{high} %): a fractional CO2 laser's risk "
                "divided by {ratio} (meta-analysis of 17 studies, Lasers Med Sci 2026). "
                "Darker skin makes pigment more readily after an injury."
            ),
            skin=(ROMAN[answer.case.fitzpatrick - 1], "text"),
            chance=(answer.pigmentation_pct, "pct"),
            low=(low, "pct"),
            high=(high, "pct"),
            ratio=(C.PIH_RISK_RATIO.value, "g"),
        ),
    )


def score(answer: ModelAnswer, prediction: Prediction) -> tuple[Check, ...]:
    """Each prediction against the model's answer, in the order of :data:`ITEMS`.

    Examples
    --------
    A raised scar does not fill, whatever the protocol:

    >>> case = Case(1, "hypertrophic", 3, "best_result")
    >>> answer = model_answer(case, Protocol("office_pen", 1.5, 3, 28))
    >>> fill = score(answer, Prediction((40, 60), "yes", "same", "1_to_5"))[0]
    >>> fill.hit, "adds none to fill" in fill.reason[0].template
    (False, True)
    """
    fill = fill_hit(prediction.fill_pct, answer.fill_range_pct)
    pigment_low, pigment_high = PIGMENTATION_BANDS[prediction.pigmentation]
    model_low, model_high = answer.pigmentation_range_pct
    return (
        Check("fill", fill, _fill_reason(answer, prediction.fill_pct, fill)),
        Check("bleeding", prediction.bleeding == answer.bleeding, _bleeding_reason(answer)),
        Check("pain", prediction.pain == pain_band(answer.pain_index), _pain_reason(answer)),
        Check(
            "pigmentation",
            pigment_low <= model_high and model_low <= pigment_high,
            _pigmentation_reason(answer),
        ),
    )


def wish_note(answer: ModelAnswer) -> Text:
    """What the model says about the patient's wish, in one or two sentences."""
    case, protocol = answer.case, answer.protocol
    p10, p90 = answer.fill_range_pct
    fill = {
        "fill": (answer.fill_pct, "pct"),
        "low": (p10, "pct"),
        "high": (p90, "pct"),
    }
    if case.wish == "least_downtime":
        return _text(
            N_(
                "Redness lasts about {days} days after each session in the model: {shallow} "
                "day when the needles stay in the epidermis, up to {deep} days at the deepest "
                "pen setting (a modelling interpolation between reported ranges)."
            ),
            days=(answer.downtime_days, ".1f"),
            shallow=(C.REDNESS_SHALLOW_DAYS.value, "g"),
            deep=(C.REDNESS_DEEP_DAYS.value, "g"),
        )
    if case.wish == "best_result":
        if case.is_raised:
            return Text(
                N_(
                    "No needling protocol flattens a raised scar in the model; silicone and "
                    "steroid injections are what is used for raised scars (see Depressed vs. "
                    "raised)."
                )
            )
        return _text(
            # TRANSLATORS: {follow_up} is a number of days, e.g. "180 days".
            N_(
                "With this protocol the model fills {fill} % for the median patient (typical "
                "range {low}-{high} %), {follow_up} after the last session."
            ),
            **fill,
            follow_up=(FOLLOW_UP_DAYS, "days"),
        )
    if case.wish == "few_visits":
        if protocol.device == "home_roller":
            return _text(
                N_(
                    "A home roller needs no clinic visit, but the model fills only {fill} % "
                    "(typical range {low}-{high} %) with it."
                ),
                **fill,
            )
        if protocol.sessions == 1:
            return Text(N_("This plan needs 1 clinic visit."))
        return _text(
            # TRANSLATORS: {visits} is e.g. "3 clinic visits", {span} e.g. "56 days".
            N_("This plan needs {visits} over {span}."),
            visits=(protocol.sessions, "visits"),
            span=((protocol.sessions - 1) * protocol.interval_days, "days"),
        )
    laser_low, laser_high = answer.laser_pigmentation_range_pct
    low, high = answer.pigmentation_range_pct
    return _text(
        N_(
            "Needling leaves the epidermis in place: the model's chance of dark marks is "
            "{chance} % (range {low}-{high} %), against {laser} % (range {laser_low}-"
            "{laser_high} %) after a fractional CO2 laser course."
        ),
        chance=(answer.pigmentation_pct, "pct"),
        low=(low, "pct"),
        high=(high, "pct"),
        laser=(answer.laser_pigmentation_pct, "pct"),
        laser_low=(laser_low, "pct"),
        laser_high=(laser_high, "pct"),
    )
