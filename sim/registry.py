"""One registry of every user-facing parameter.

Each :class:`ParamSpec` declares a parameter exactly once: its name (the
field of :class:`sim.scenario.Scenario`, the URL key and, with dashes, the CLI
option), the label and unit shown on screen, default, range, step, help text
and the published source of its default. Sliders, URL parsing, validation
errors, the CLI options and the parameter table in ``docs/model.md`` are all
generated from :data:`REGISTRY`.

Units are fixed inside the model: millimetres for lengths, days for times.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from sim.text import N_

Value = float | int | str | bool
Kind = Literal["float", "int", "choice", "bool"]


@dataclass(frozen=True)
class ParamSpec:
    """Declaration of one adjustable parameter.

    Parameters
    ----------
    name : str
        Field name in :class:`~sim.scenario.Scenario`; carries the unit
        (``needle_mm``, ``interval_days``).
    label : str
        Plain-words label shown on screen (marked with ``N_``: the app shows it
        translated; ``help``, ``choice_labels`` and word units likewise).
    unit : str
        Unit shown after the value (``"mm"``, ``"days"``); ``""`` if none.
    kind : {"float", "int", "choice", "bool"}
        Value type.
    default : float, int, str or bool
        Default value; lies inside the range.
    help : str
        One or two sentences for a tooltip.
    source : str
        Where the default and range come from.
    min, max, step : float, optional
        Allowed closed range and slider step for numeric kinds.
    choices : tuple of str
        Allowed values for ``kind == "choice"``.
    choice_labels : tuple of str
        Plain-words labels of ``choices``, same order.
    basic : bool
        True for the few controls a patient sees; False for advanced ones.
    """

    name: str
    label: str
    unit: str
    kind: Kind
    default: Value
    help: str
    source: str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()
    choice_labels: tuple[str, ...] = ()
    basic: bool = False

    @property
    def cli_option(self) -> str:
        """Command-line option, e.g. ``--needle-mm``."""
        return "--" + self.name.replace("_", "-")

    def range_text(self) -> str:
        """Human-readable allowed values, e.g. ``0.2 to 2.5 mm``."""
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "bool":
            return "true or false"
        unit = f" {self.unit}" if self.unit else ""
        return f"{_fmt(self.min)} to {_fmt(self.max)}{unit}"

    def error(self, value: object, detail: str = "") -> ValueError:
        """A ValueError naming the parameter, its unit and the allowed range."""
        unit = f" {self.unit}" if self.unit and self.kind in ("float", "int") else ""
        extra = f" ({detail})" if detail else ""
        return ValueError(
            f"{self.name} ({self.label}) = {value!r}{unit} is not allowed{extra}: "
            f"allowed values are {self.range_text()}"
        )

    def validate(self, value: object) -> Value:
        """Return ``value`` coerced to this parameter's type, or raise.

        Raises
        ------
        ValueError
            If the value has the wrong type, is not finite, or lies outside
            the allowed range; the message names the parameter, its unit and
            the allowed range.
        """
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.choices:
                raise self.error(value)
            return value
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            raise self.error(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(value, "not a number")
        number = float(value)
        if not math.isfinite(number):
            raise self.error(value, "not a finite number")
        if self.kind == "int":
            if number != round(number):
                raise self.error(value, "not a whole number")
            number = float(round(number))
        assert self.min is not None and self.max is not None
        if not self.min <= number <= self.max:
            raise self.error(value)
        return int(number) if self.kind == "int" else number

    def parse(self, text: str) -> Value:
        """Parse a string (URL or CLI value) and validate it.

        Raises
        ------
        ValueError
            As :meth:`validate`, also for text that is not a number.
        """
        text = text.strip()
        if self.kind == "choice":
            return self.validate(text)
        if self.kind == "bool":
            lowered = text.lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise self.error(text)
        try:
            number = float(text)
        except ValueError:
            raise self.error(text, "not a number") from None
        try:
            return self.validate(number)
        except ValueError as error:
            raise ValueError(str(error).replace(repr(number), text, 1)) from None

    def to_text(self, value: Value) -> str:
        """Inverse of :meth:`parse` (round-trips exactly)."""
        if self.kind == "bool":
            return "true" if value else "false"
        if self.kind == "float":
            return repr(float(value))
        return str(value)


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    if float(x).is_integer():
        return str(int(x))
    return f"{x:g}"


SCAR_CHOICES = (
    "ice_pick",
    "boxcar_shallow",
    "boxcar_deep",
    "rolling",
    "hypertrophic",
    "keloid",
)
SCAR_LABELS = (
    # TRANSLATORS: acne scar type: narrow (< 2 mm), V-shaped, deep
    N_("Ice pick"),
    # TRANSLATORS: acne scar type: U-shaped with steep walls, 0.1-0.5 mm deep
    N_("Boxcar (shallow)"),
    # TRANSLATORS: acne scar type: U-shaped with steep walls, 0.5 mm deep or more
    N_("Boxcar (deep)"),
    # TRANSLATORS: acne scar type: broad, shallow, wavy dip tethered by fibrous bands
    N_("Rolling"),
    N_("Hypertrophic (raised)"),
    N_("Keloid (raised)"),
)
DEVICE_CHOICES = ("office_pen", "medical_roller", "home_roller")
DEVICE_LABELS = (N_("Office pen"), N_("Medical roller"), N_("Home roller"))
ADJUNCT_CHOICES = ("none", "prp")
# TRANSLATORS: "None" is the choice of no treatment combined with needling
ADJUNCT_LABELS = (N_("None"), N_("Platelet-rich plasma (PRP)"))

REGISTRY: tuple[ParamSpec, ...] = (
    ParamSpec(
        name="scar",
        label=N_("Scar type"),
        unit="",
        kind="choice",
        default="boxcar_shallow",
        choices=SCAR_CHOICES,
        choice_labels=SCAR_LABELS,
        help=N_(
            "Shape of the scar. Ice pick, boxcar and rolling scars are depressed; "
            "hypertrophic and keloid scars are raised."
        ),
        source="Jacob, Dover & Kaminer, J Am Acad Dermatol 2001;45:109",
        basic=True,
    ),
    ParamSpec(
        name="device",
        label=N_("Device"),
        unit="",
        kind="choice",
        default="office_pen",
        choices=DEVICE_CHOICES,
        choice_labels=DEVICE_LABELS,
        help=N_(
            "Office pens and medical rollers are used by clinicians; home rollers "
            "have needles of 0.2-0.3 mm."
        ),
        source="Sci Rep 2022 (s41598-022-22481-w); FDA 510(k) K182407",
        basic=True,
    ),
    ParamSpec(
        name="needle_mm",
        label=N_("Needle length"),
        unit="mm",
        kind="float",
        default=1.5,
        min=0.2,
        max=2.5,
        step=0.05,
        help=N_(
            "Needle length set on the device. Pens reach close to it in human skin; "
            "rollers reach less (see depth reached). Each device allows its own range."
        ),
        source="Median needle 1.5 mm over 10 studies: Harris, Naidoo & Murrell, "
        "Int J Womens Dermatol 2015;1:77; pens 0.25-2.5 mm (trade pages, secondary)",
        basic=True,
    ),
    ParamSpec(
        name="sessions",
        # TRANSLATORS: number of treatment sessions (a slider label)
        label=N_("Sessions"),
        unit="",
        kind="int",
        default=3,
        min=0,
        max=10,
        step=1,
        help=N_("Number of office (or roller) treatment sessions."),
        source="Median 3 sessions: Harris 2015",
        basic=True,
    ),
    ParamSpec(
        name="interval_days",
        label=N_("Days between sessions"),
        unit=N_("days"),
        kind="int",
        default=28,
        min=7,
        max=90,
        step=1,
        help=N_("Time from one session to the next."),
        source="Median interval 4 weeks: Harris 2015; Alam 2014 used 2 weeks",
        basic=True,
    ),
    ParamSpec(
        name="follow_up_days",
        label=N_("Follow-up after last session"),
        unit=N_("days"),
        kind="int",
        default=180,
        min=0,
        max=730,
        step=1,
        help=N_("How long after the last session the skin is looked at."),
        source="Alam et al., JAMA Dermatol 2014;150:844 (3 and 6 months)",
    ),
    ParamSpec(
        name="adjunct",
        label=N_("Combined with"),
        unit="",
        kind="choice",
        default="none",
        choices=ADJUNCT_CHOICES,
        choice_labels=ADJUNCT_LABELS,
        help=N_("Platelet-rich plasma applied at each session adds growth factors."),
        source="Asif, Kanodia & Singh, J Cosmet Dermatol 2016; Kang & Lu, Front Med 2022",
    ),
    ParamSpec(
        name="home_maintenance",
        label=N_("Home roller between sessions"),
        unit="",
        kind="bool",
        default=False,
        help=N_("Use a home roller between office sessions and during follow-up."),
        source="Device classes: Sci Rep 2022 (home rollers < 0.5 mm)",
    ),
    ParamSpec(
        name="home_needle_mm",
        label=N_("Home roller needle"),
        unit="mm",
        kind="float",
        default=0.25,
        min=0.2,
        max=0.3,
        step=0.05,
        help=N_("Needle length of the home roller."),
        source="Home rollers 0.2-0.3 mm (lecture slides citing Aust 2008, secondary)",
    ),
    ParamSpec(
        name="home_interval_days",
        label=N_("Days between home rolls"),
        unit=N_("days"),
        kind="int",
        default=7,
        min=1,
        max=28,
        step=1,
        help=N_("How often the home roller is used."),
        source="User's choice; instructions vary between makers (no trial data)",
    ),
    ParamSpec(
        name="fitzpatrick",
        label=N_("Skin type (Fitzpatrick)"),
        unit="",
        kind="int",
        default=3,
        min=1,
        max=6,
        step=1,
        help=N_(
            "I = always burns, never tans; VI = deeply pigmented, never burns. "
            "Darker skin is more prone to dark marks after injury to the epidermis."
        ),
        source="Fitzpatrick scale; outcomes in types I-VI: Fabbrocini 2014",
    ),
    ParamSpec(
        name="punctures_per_cm2",
        label=N_("Punctures per cm² per session"),
        unit="1/cm²",
        kind="float",
        default=250.0,
        min=25.0,
        max=1000.0,
        step=25.0,
        help=N_("How densely the skin is punctured in one session."),
        source="~15 roller passes give ~250 punctures/cm² (manufacturer text, secondary)",
    ),
    ParamSpec(
        name="epidermis_mm",
        label=N_("Epidermis thickness"),
        unit="mm",
        kind="float",
        default=0.06,
        min=0.03,
        max=0.13,
        step=0.005,
        help=N_("Outer, blood-free layer of the skin."),
        source="30-63 µm across 39 facial sites: Chopra et al., Aesthet Surg J "
        "2015;35:1007; 66-123 µm in six face regions: Selcuk Med J biopsy study",
    ),
    ParamSpec(
        name="dermis_mm",
        label=N_("Dermis thickness"),
        unit="mm",
        kind="float",
        default=1.5,
        min=0.75,
        max=2.0,
        step=0.05,
        help=N_("Collagen-rich layer under the epidermis."),
        source="759-1969 µm: Chopra 2015; female 1.15-1.50 mm, male 1.11-1.94 mm: "
        "Selcuk study; cheekbone 0.87-1.14 mm by ultrasound: Meng, BMC Med Imaging 2022",
    ),
    ParamSpec(
        name="seed",
        # TRANSLATORS: seed of the random numbers behind the simulated group of patients
        label=N_("Cohort seed"),
        unit="",
        kind="int",
        default=20140844,
        min=0,
        max=2**31 - 1,
        step=1,
        help=N_("Seed of the simulated patient cohort behind the typical range."),
        source="Modelling choice (reproducibility only)",
    ),
)

SPECS: dict[str, ParamSpec] = {spec.name: spec for spec in REGISTRY}


def spec(name: str) -> ParamSpec:
    """Return the spec called ``name``.

    Raises
    ------
    KeyError
        If no parameter has that name; the message lists the known names.
    """
    try:
        return SPECS[name]
    except KeyError:
        raise KeyError(
            f"unknown parameter {name!r}; known parameters: {', '.join(SPECS)}"
        ) from None


def defaults() -> dict[str, Value]:
    """Registry defaults as a plain dict."""
    return {s.name: s.default for s in REGISTRY}


def choice_label(name: str, value: str) -> str:
    """Plain-words label of a choice value (``"boxcar_shallow"`` → ``"Boxcar (shallow)"``)."""
    s = spec(name)
    return s.choice_labels[s.choices.index(value)]
