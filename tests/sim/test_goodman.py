"""The Goodman & Baron grade rule (sim/goodman.py): boundaries, monotonicity, the
published score table's arithmetic, and the grade of simulated courses."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim import Scenario, goodman, simulate
from sim import constants as C

FLAT = C.GB_FLAT_MM.value
VISIBLE = C.GB_VISIBLE_MM.value
DEEP = C.GB_DEEP_MM.value
SEVERE = C.GB_RAISED_SEVERE_MM.value


def test_visibility_threshold_is_one_minute_of_arc_at_fifty_centimetres():
    """0.145 mm: what a 6/6 eye resolves at Goodman & Baron's social distance."""
    assert VISIBLE == pytest.approx(goodman.SOCIAL_DISTANCE_MM * math.pi / (180 * 60), rel=1e-6)
    assert VISIBLE == pytest.approx(0.1454, abs=1e-4)
    assert FLAT < VISIBLE < DEEP < SEVERE


@pytest.mark.parametrize(
    ("size_mm", "raised", "grade"),
    [
        (0.0, False, 1),
        (FLAT - 1e-9, False, 1),
        (FLAT, False, 2),
        (VISIBLE - 1e-9, False, 2),
        (VISIBLE, False, 3),
        (DEEP - 1e-9, False, 3),
        (DEEP, False, 4),
        (3.0, False, 4),
        (0.0, True, 1),
        (VISIBLE, True, 3),
        (DEEP, True, 3),  # a 0.5 mm bump is moderate, not severe
        (SEVERE - 1e-9, True, 3),
        (SEVERE, True, 4),
    ],
)
def test_grade_boundaries(size_mm, raised, grade):
    """A size exactly at a threshold takes the higher grade; just below, the lower."""
    assert int(goodman.grade_of_size(size_mm, raised=raised)) == grade


def test_flat_skin_is_grade_one():
    """No dip and no bump: grade 1 (a flat mark at most), on either kind of scar."""
    flat = np.zeros((3, 50))
    assert goodman.grade_of_surface(flat, raised=False).tolist() == [1, 1, 1]
    assert goodman.grade_of_surface(flat, raised=True).tolist() == [1, 1, 1]


@given(st.floats(0, 3), st.floats(0, 3), st.booleans())
def test_grade_is_monotone_in_depth(a, b, raised):
    low, high = sorted((a, b))
    assert goodman.grade_of_size(low, raised=raised) <= goodman.grade_of_size(high, raised=raised)


@pytest.mark.parametrize("bad", [-0.01, float("nan"), float("inf")])
def test_bad_size_names_the_quantity_and_unit(bad):
    with pytest.raises(ValueError, match=r"size_mm .* mm"):
        goodman.grade_of_size(bad, raised=False)


def test_surface_grade_reads_depth_below_and_height_above():
    x = np.linspace(-4, 4, 401)
    dip = -0.3 * (np.abs(x) < 1.5)
    bump = 2.5 * (np.abs(x) < 2.5)
    assert int(goodman.grade_of_surface(dip, raised=False)) == 3
    assert int(goodman.grade_of_surface(bump, raised=True)) == 4
    # A depressed scar's grade ignores the skin's thickening around it (heights > 0).
    assert int(goodman.grade_of_surface(dip + 0.02 * (np.abs(x) > 2), raised=False)) == 3


def test_presets_start_on_the_grades_goodman_gives_their_types():
    """Goodman & Baron's examples: shallow boxcar and rolling scars are moderate (3);
    deep punched-out (deep boxcar) and ice-pick scars severe (4); a keloid severe."""
    expected = {
        "boxcar_shallow": 3,
        "rolling": 3,
        "boxcar_deep": 4,
        "ice_pick": 4,
        "hypertrophic": 3,
        "keloid": 4,
    }
    for scar, grade in expected.items():
        result = simulate(Scenario(scar=scar, sessions=1, follow_up_days=30))
        assert goodman.grade_series(result).grade[0] == grade, scar


def test_grade_series_orders_the_responders_and_never_worsens_a_depressed_scar():
    result = simulate(Scenario(scar="boxcar_deep"))
    series = goodman.grade_series(result)
    assert series.grade.shape == result.times_days.shape
    assert np.all(series.grade_p90 <= series.grade) and np.all(series.grade <= series.grade_p10)
    assert np.all(np.diff(series.grade) <= 0)
    assert series.at(0.0)[0] == 4 and series.at(float(result.times_days[-1]))[0] == 3


def test_deeper_needles_never_give_a_worse_grade():
    """Monotone in needle depth: a longer pen needle fills at least as much."""
    grades = [
        goodman.grade_series(simulate(Scenario(scar="boxcar_shallow", needle_mm=n))).grade[-1]
        for n in (0.5, 1.0, 1.5, 2.0, 2.5)
    ]
    assert grades == sorted(grades, reverse=True)
    assert grades[0] > grades[-1]


def test_untreated_scar_keeps_its_grade():
    """No session reaches the dermis with the shortest home needle on an ice pick scar:
    the grade does not move (acne scars are mostly permanent)."""
    result = simulate(Scenario(scar="ice_pick", device="home_roller", needle_mm=0.2))
    assert set(goodman.grade_series(result).grade.tolist()) == {4}


# --- quantitative score -------------------------------------------------------------


def test_score_table_maximum_is_84():
    """Every row at its top count class and > 20 cm² of keloids: the published maximum 84."""
    counts = {key: 21 for key in goodman.SCORE_ROWS if key != "D2"}
    assert goodman.quantitative_score(counts, keloid_area_cm2=25.0) == 84


@pytest.mark.parametrize(
    ("n", "factor"), [(0, 0), (1, 1), (10, 1), (11, 2), (20, 2), (21, 3), (200, 3)]
)
def test_count_classes(n, factor):
    assert goodman.quantitative_score({"C2": n}) == 3 * factor
    assert goodman.quantitative_score({"A1": n}) == factor


@pytest.mark.parametrize(
    ("area", "points"), [(0.0, 0), (4.9, 6), (5.0, 12), (20.0, 12), (20.1, 18)]
)
def test_keloid_area_classes(area, points):
    assert goodman.quantitative_score({}, keloid_area_cm2=area) == points


def test_score_rejects_unknown_rows_and_negative_counts():
    with pytest.raises(ValueError, match="unknown row"):
        goodman.quantitative_score({"E1": 1})
    with pytest.raises(ValueError, match="at least 0"):
        goodman.quantitative_score({"A1": -1})


@pytest.mark.parametrize(
    ("scar", "size_mm", "row"),
    [
        ("ice_pick", 0.78, "C2"),
        ("ice_pick", 0.3, "B2"),
        ("boxcar_deep", 0.7, "C1"),
        ("boxcar_shallow", 0.3, "B2"),
        ("rolling", 0.3, "B1"),
        ("rolling", 0.6, "C1"),
        ("boxcar_shallow", 0.1, "A2"),
        ("rolling", 0.01, "A1"),
        ("keloid", 2.5, "D2"),
    ],
)
def test_each_scar_falls_in_its_row(scar, size_mm, row):
    score, rows = goodman.score_of_scars([(scar, size_mm)])
    assert rows == {row: 1}
    assert score == (goodman.SCORE_ROWS[row].points if row != "D2" else 0)


def test_filling_a_scar_never_raises_the_score():
    """Shallower scars score the same or less (rows move from C to B to A)."""
    sizes = np.linspace(0.8, 0.0, 40)
    for scar in ("ice_pick", "boxcar_deep", "boxcar_shallow", "rolling"):
        scores = [goodman.score_of_scars([(scar, s)] * 3)[0] for s in sizes]
        assert scores == sorted(scores, reverse=True), scar
