r"""The clinic's scale: Goodman & Baron grades estimated from the model's surface.

Trials of microneedling report acne scars on the two scales of Goodman & Baron
(2006): a **qualitative** grade of the whole face, 1 (macular) to 4 (severe),
and a **quantitative** score that counts scars by type. Both are judged by
eye; the model has a surface profile. The rule below turns the profile into a
grade. It is a modelling choice, written down here and in ``docs/model.md``
with its reasons.

Qualitative grade (Goodman & Baron, Dermatol Surg 2006;32:1458)
----------------------------------------------------------------
With :math:`d` the deepest point of a depressed scar below the surrounding
skin (or the highest point of a raised scar above it), in mm:

=====  ==============================  ==========================================
grade  rule                            why
=====  ==============================  ==========================================
1      :math:`d < d_\mathrm{flat}`     no contour beyond the skin's own furrows:
                                       only a flat (macular) mark is left
2      :math:`d < d_\mathrm{vis}`      a contour, but not obvious at 50 cm
3      :math:`d < d_\mathrm{deep}`     obvious at 50 cm; shallow enough to
                                       flatten when the skin is stretched
4      otherwise                       obvious at 50 cm; does not flatten
=====  ==============================  ==========================================

:math:`d_\mathrm{flat}` = :data:`sim.constants.GB_FLAT_MM`,
:math:`d_\mathrm{vis}` = :data:`sim.constants.GB_VISIBLE_MM` (1 minute of arc
at 50 cm), :math:`d_\mathrm{deep}` = :data:`sim.constants.GB_DEEP_MM` (Jacob's
shallow/deep boundary) for depressed scars and
:data:`sim.constants.GB_RAISED_SEVERE_MM` (Vancouver Scar Scale) for raised
ones. A scar never grades below 1: a filled scar is still a mark. The grade is
monotone in :math:`d` by construction.

Quantitative score (Goodman & Baron, J Cosmet Dermatol 2006;5:48)
------------------------------------------------------------------
Each scar is put in one row of the published table from its shape (the
preset's: V ice pick, U boxcar, M rolling, dome raised), its width and its
current depth (the thresholds above). A row scores its points if it holds
1-10 scars, twice its points for 11-20 and three times for more than 20;
hypertrophic and keloidal scars score by area instead. The score is the sum
over rows (0 to 84).

The table could not be re-read for this release (only the paper's abstract
could): its rows and points are given as the table is widely reproduced, and
:data:`QUANTITATIVE_CAVEAT` says so wherever a score is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim import constants as C
from sim import metrics
from sim.scars import SCARS, Shape
from sim.text import N_

if TYPE_CHECKING:
    from sim.model import Result

SOURCE_QUALITATIVE = "Goodman & Baron, Dermatol Surg 2006;32:1458"
"""Citation of the qualitative scale (not translated)."""
QUALITATIVE_NAME = N_("qualitative global grading")
SOURCE_QUANTITATIVE = "Goodman & Baron, J Cosmet Dermatol 2006;5:48"
"""Citation of the quantitative scale (not translated)."""
QUANTITATIVE_NAME = N_("quantitative global grading")
QUANTITATIVE_CAVEAT = N_(
    "The rows, points and count classes are those of the published table as it is widely "
    "reproduced; the table itself could not be re-read for this release (its abstract "
    "could), so check it before relying on a score"
)
"""Said wherever a quantitative score is shown (see the module's notes)."""


def scale_sources(translate: Callable[[str], str], *, quantitative: bool) -> str:
    """The scales' citations with what each scale is, in ``translate``'s language: the
    qualitative one, and with ``quantitative`` the quantitative one and its caveat."""
    text = f"{SOURCE_QUALITATIVE} ({translate(QUALITATIVE_NAME)})"
    if quantitative:
        text += (
            f"; {SOURCE_QUANTITATIVE} ({translate(QUANTITATIVE_NAME)}). "
            f"{translate(QUANTITATIVE_CAVEAT)}"
        )
    return text


SOCIAL_DISTANCE_MM = 500.0
"""Goodman & Baron's social distance, 50 cm."""


@dataclass(frozen=True)
class Grade:
    """One grade of the qualitative scale.

    Attributes
    ----------
    number : int
        1-4.
    name : str
        Goodman & Baron's name of the grade.

    The words are marked with ``N_``: the app shows them translated.
    definition : str
        The published definition, shortened (Goodman & Baron 2006).
    plain : str
        The same in words a patient understands (a depressed scar).
    plain_raised : str
        The same for a raised scar (stretching is part of the grade only for dips).
    """

    number: int
    name: str
    definition: str
    plain: str
    plain_raised: str

    def words(self, *, raised: bool) -> str:
        """:attr:`plain` or :attr:`plain_raised`."""
        return self.plain_raised if raised else self.plain


GRADES: dict[int, Grade] = {
    g.number: g
    for g in (
        Grade(
            1,
            # TRANSLATORS: grade 1 of the Goodman & Baron scale of acne scars
            N_("macular"),
            N_(
                "Flat marks, red or darker or lighter than the skin around; a change of colour, "
                "not of contour."
            ),
            N_("A flat mark: no dip or bump, only its colour may show."),
            N_("A flat mark: no bump, only its colour may show."),
        ),
        Grade(
            2,
            # TRANSLATORS: grade 2 of the Goodman & Baron scale of acne scars
            N_("mild"),
            N_(
                "Mild dips or bumps, not obvious at a social distance of 50 cm; make-up (or a "
                "beard's shadow) covers them."
            ),
            N_("Hard to notice across a table; make-up can cover it."),
            N_("A slight bump, hard to notice across a table; make-up can cover it."),
        ),
        Grade(
            3,
            # TRANSLATORS: grade 3 of the Goodman & Baron scale of acne scars
            N_("moderate"),
            N_(
                "Obvious at 50 cm and not easily covered by make-up, but a dip still flattens "
                "when the skin is stretched by hand."
            ),
            N_("Visible across a table; it flattens when the skin is stretched."),
            N_("A bump visible across a table; make-up does not hide it."),
        ),
        Grade(
            4,
            # TRANSLATORS: grade 4 of the Goodman & Baron scale of acne scars
            N_("severe"),
            N_(
                "Obvious at 50 cm, not covered by make-up, and a dip does not flatten when the "
                "skin is stretched."
            ),
            N_("Visible across a table; it stays when the skin is stretched."),
            N_("A high bump, clearly visible across a table; make-up does not hide it."),
        ),
    )
}


def _bins(raised: bool) -> np.ndarray:
    top = C.GB_RAISED_SEVERE_MM.value if raised else C.GB_DEEP_MM.value
    return np.array([C.GB_FLAT_MM.value, C.GB_VISIBLE_MM.value, top])


def grade_of_size(size_mm: np.ndarray | float, *, raised: bool) -> np.ndarray:
    """Qualitative grade (1-4) of a scar whose deepest dip (or highest rise) is ``size_mm``.

    ``grade = 1 + #{thresholds <= size}`` with the thresholds
    ``(gb_flat_mm, gb_visible_mm, gb_deep_mm)`` for a depressed scar and
    ``(gb_flat_mm, gb_visible_mm, gb_raised_severe_mm)`` for a raised one: a size
    exactly at a threshold gets the higher grade.

    Raises
    ------
    ValueError
        If a size is negative or not finite.
    """
    size = np.asarray(size_mm, dtype=float)
    if not np.all(np.isfinite(size)) or np.any(size < 0):
        raise ValueError("size_mm (scar depth or height) must be finite and at least 0 mm")
    return (1 + np.digitize(size, _bins(raised))).astype(int)


def grade_of_surface(surface_mm: np.ndarray, *, raised: bool) -> np.ndarray:
    """Qualitative grade of each surface profile (last axis lateral, heights in mm
    relative to the surrounding skin, negative where depressed)."""
    if raised:
        return grade_of_size(metrics.raised_height_mm(surface_mm), raised=True)
    return grade_of_size(metrics.depression_depth_mm(surface_mm), raised=False)


@dataclass(frozen=True)
class GradeSeries:
    """Qualitative grade of a scar over a course.

    Attributes
    ----------
    times_days : ndarray, shape (n_t,)
        Output times, days after the first session.
    grade : ndarray of int, shape (n_t,)
        Grade of the median curve.
    grade_p10, grade_p90 : ndarray of int, shape (n_t,)
        Grade of the lower responder (10th percentile of improvement) and of the
        upper responder (90th): ``grade_p90 <= grade <= grade_p10``.
    """

    times_days: np.ndarray
    grade: np.ndarray
    grade_p10: np.ndarray
    grade_p90: np.ndarray

    def at(self, day: float) -> tuple[int, int, int]:
        """Grade, lower-responder grade and upper-responder grade at the time nearest ``day``."""
        i = int(np.argmin(np.abs(self.times_days - day)))
        return int(self.grade[i]), int(self.grade_p10[i]), int(self.grade_p90[i])


def grade_series(result: Result) -> GradeSeries:
    """Goodman & Baron qualitative grade of ``result``'s scar at every output time."""
    raised = result.scenario.scar_type.is_raised
    series = GradeSeries(
        np.asarray(result.times_days),
        grade_of_surface(result.surface_mm, raised=raised),
        grade_of_surface(result.surface_p10_mm, raised=raised),
        grade_of_surface(result.surface_p90_mm, raised=raised),
    )
    for array in vars(series).values():
        array.setflags(write=False)
    return series


# --- quantitative score -------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    """A row of Goodman & Baron's quantitative table.

    Attributes
    ----------
    key : str
        Row label, category letter and number (``"A1"`` ... ``"D2"``).
    description : str
        The scar type as the table names it.
    points : int
        Points for 1-10 scars of this type (x2 for 11-20, x3 for more than 20).
    """

    key: str
    description: str
    points: int


SCORE_ROWS: dict[str, ScoreRow] = {
    r.key: r
    for r in (
        ScoreRow("A1", "macular (flat) marks, red or pigmented", 1),
        ScoreRow("A2", "mildly atrophic dish-like scars", 1),
        ScoreRow("B1", "moderately atrophic dish-like scars", 2),
        ScoreRow("B2", "punched-out scars with shallow bases, small (< 5 mm)", 2),
        ScoreRow("B3", "shallow but broad atrophic areas (> 5 mm)", 2),
        ScoreRow("C1", "punched-out scars with deep but normal bases, small (< 5 mm)", 3),
        ScoreRow("C2", "punched-out scars with deep abnormal bases, small (< 5 mm)", 3),
        ScoreRow("C3", "linear or troughed dermal scarring", 3),
        ScoreRow("C4", "deep broad atrophic areas (> 5 mm)", 3),
        ScoreRow("D1", "papular scars", 2),
        ScoreRow("D2", "keloidal or hypertrophic scars (scored by area)", 6),
    )
}
BROAD_MM = 5.0
"""Goodman & Baron's boundary between small and broad scars (5 mm)."""
KELOID_AREA_CLASSES_CM2 = (5.0, 20.0)
"""Area classes of keloidal or hypertrophic scars: < 5, 5-20, > 20 cm² (6, 12, 18 points)."""


def score_row(shape: Shape, width_mm: float, size_mm: float, *, raised: bool) -> str:
    """Row of the quantitative table for one scar (a modelling choice of mapping).

    A raised scar is ``D2``. A depressed scar shallower than ``gb_flat_mm`` is a
    flat mark (``A1``); shallower than ``gb_visible_mm`` it is mildly atrophic
    (``A2``). Deeper, its preset's shape decides: a V (ice pick, an epithelial
    tract) is a punched-out scar with an abnormal base; a U (boxcar) is
    punched out with a normal base; an M (rolling) is dish-like, or a broad
    area when wider than 5 mm. Below ``gb_deep_mm`` the base is shallow (row B),
    at or beyond it deep (row C).
    """
    if raised:
        return "D2"
    grade = int(grade_of_size(size_mm, raised=False))
    if grade == 1:
        return "A1"
    if grade == 2:
        return "A2"
    deep = grade == 4
    if shape == "V":
        return "C2" if deep else "B2"
    if shape == "U":
        return "C1" if deep else "B2"
    if width_mm > BROAD_MM:
        return "C4" if deep else "B3"
    return "C1" if deep else "B1"


def _count_factor(n: int) -> int:
    """1 for 1-10 scars of a type, 2 for 11-20, 3 for more (0 for none)."""
    return 0 if n <= 0 else 1 if n <= 10 else 2 if n <= 20 else 3


def _area_points(area_cm2: float) -> int:
    if area_cm2 <= 0:
        return 0
    low, high = KELOID_AREA_CLASSES_CM2
    return 6 if area_cm2 < low else 12 if area_cm2 <= high else 18


def quantitative_score(counts: Mapping[str, int], keloid_area_cm2: float = 0.0) -> int:
    """Goodman & Baron quantitative score from the number of scars in each row.

    ``score = sum_rows points(row) * factor(n_row)`` with ``factor`` 1 for 1-10
    scars, 2 for 11-20 and 3 for more; row ``D2`` scores 6, 12 or 18 by the
    total area of keloidal or hypertrophic scars (< 5, 5-20, > 20 cm²) instead.

    Raises
    ------
    ValueError
        For an unknown row or a negative count or area.
    """
    if keloid_area_cm2 < 0:
        raise ValueError("keloid_area_cm2 (area of raised scars) must be at least 0 cm²")
    total = 0
    for key, n in counts.items():
        if key not in SCORE_ROWS:
            raise ValueError(f"unknown row {key!r}: rows are {', '.join(SCORE_ROWS)}")
        if n < 0:
            raise ValueError(f"count of row {key} must be at least 0 scars, not {n}")
        if key != "D2":
            total += SCORE_ROWS[key].points * _count_factor(int(n))
    return total + _area_points(keloid_area_cm2)


def score_of_scars(
    scars: Iterable[tuple[str, float]], *, keloid_area_cm2: float = 0.0
) -> tuple[int, Counter[str]]:
    """Quantitative score of scars given as ``(preset name, size in mm)`` pairs.

    Returns the score and the count of scars in each row.
    """
    rows: Counter[str] = Counter()
    for name, size_mm in scars:
        scar = SCARS[name]
        rows[score_row(scar.shape, scar.width_mm, size_mm, raised=scar.is_raised)] += 1
    return quantitative_score(rows, keloid_area_cm2), rows
