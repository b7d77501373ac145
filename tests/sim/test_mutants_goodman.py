"""The Goodman & Baron rule (sim/goodman.py) against hand-computed values (gaps found by
mutation testing). Thresholds: flat 0.05 mm, visible 0.1454 mm (1 minute of arc at
50 cm), deep 0.5 mm (depressed) and 2.0 mm (raised); see sim/constants.py."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pytest

from sim import goodman


def _flat_dip(depths_mm):
    """Profiles ``[0, -d, 0]``: a dip of depth ``d`` mm in each row."""
    d = np.asarray(depths_mm, dtype=float)
    return np.stack([np.zeros_like(d), -d, np.zeros_like(d)], axis=-1)


def _result(times, median, p10, p90, *, raised):
    """The parts of a sim.model.Result that grade_series reads."""
    return SimpleNamespace(
        scenario=SimpleNamespace(scar_type=SimpleNamespace(is_raised=raised)),
        times_days=np.asarray(times, dtype=float),
        surface_mm=median,
        surface_p10_mm=p10,
        surface_p90_mm=p90,
    )


def test_grade_words_are_the_raised_wording_only_for_a_raised_scar():
    """Stretching flattens only a dip: a bump's grade is told in other words."""
    for grade in goodman.GRADES.values():
        assert grade.plain != grade.plain_raised
        assert grade.words(raised=True) == grade.plain_raised
        assert grade.words(raised=False) == grade.plain


def test_grades_are_integers_one_to_four():
    """A grade is a category number, not a measurement: 1-4 as integers."""
    grades = goodman.grade_of_size(np.array([0.0, 0.1, 0.3, 0.7]), raised=False)
    assert np.issubdtype(grades.dtype, np.integer)
    assert grades.tolist() == [1, 2, 3, 4]


def test_bad_size_message_names_the_quantity_unit_and_limit():
    message = "size_mm (scar depth or height) must be finite and at least 0 mm"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        goodman.grade_of_size(-0.1, raised=True)


def test_grade_series_grades_all_three_curves_of_a_raised_scar_on_the_raised_scale():
    """A 1.0 mm bump is moderate (3) on the raised scale (severe from 2.0 mm); on the
    depressed scale (severe from 0.5 mm) it would be 4. The lower responder keeps more
    height, the upper responder less."""
    heights = {"median": [2.5, 1.0, 0.1], "p10": [2.5, 2.2, 1.0], "p90": [2.5, 0.12, 0.03]}
    surfaces = {k: -_flat_dip(v) for k, v in heights.items()}
    series = goodman.grade_series(
        _result([0, 30, 90], surfaces["median"], surfaces["p10"], surfaces["p90"], raised=True)
    )
    np.testing.assert_array_equal(series.times_days, [0.0, 30.0, 90.0])
    assert series.grade.tolist() == [4, 3, 2]
    assert series.grade_p10.tolist() == [4, 4, 3]
    assert series.grade_p90.tolist() == [4, 2, 1]
    assert series.at(40.0) == (3, 4, 2), "nearest output time to day 40 is day 30"
    for array in (series.times_days, series.grade, series.grade_p10, series.grade_p90):
        assert not array.flags.writeable


def test_grade_series_of_a_depressed_scar_uses_the_depressed_scale():
    depths = _flat_dip([0.6, 0.3, 0.04])
    series = goodman.grade_series(_result([0, 30, 90], depths, depths, depths, raised=False))
    assert series.grade.tolist() == series.grade_p10.tolist() == [4, 3, 1]


@pytest.mark.parametrize(("size_mm", "row"), [(0.7, "C4"), (0.3, "B3"), (0.1, "A2")])
def test_a_broad_rolling_scar_is_a_broad_atrophic_area(size_mm, row):
    """An M-shaped (rolling) scar wider than 5 mm is a broad area: deep (>= 0.5 mm) C4,
    shallow B3; exactly 5 mm wide is not broad (B1/C1)."""
    assert goodman.score_row("M", 6.0, size_mm, raised=False) == row
    assert goodman.score_row("M", 5.0, 0.3, raised=False) == "B1"
    assert goodman.score_row("M", 5.0, 0.7, raised=False) == "C1"


def test_any_keloid_area_above_zero_scores_six():
    """Less than 5 cm² of keloidal scars scores 6 points, however small."""
    assert goodman.quantitative_score({}, keloid_area_cm2=0.5) == 6
    assert goodman.quantitative_score({}, keloid_area_cm2=1.0) == 6
    assert goodman.quantitative_score({"D2": 3}, keloid_area_cm2=0.0) == 0


def test_score_error_messages_name_quantity_and_rows():
    message = "keloid_area_cm2 (area of raised scars) must be at least 0 cm²"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        goodman.quantitative_score({}, keloid_area_cm2=-1.0)
    message = "unknown row 'E1': rows are A1, A2, B1, B2, B3, C1, C2, C3, C4, D1, D2"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        goodman.quantitative_score({"E1": 1})


def test_score_of_scars_counts_each_scar_and_passes_the_keloid_area():
    """11 deep ice pick scars are row C2 (3 points) in the 11-20 class: 6 points;
    a keloid adds its area's points (5-20 cm²: 12), not a count."""
    score, rows = goodman.score_of_scars([("ice_pick", 0.7)] * 11 + [("rolling", 0.3)] * 2)
    assert rows == {"C2": 11, "B1": 2}
    assert score == 3 * 2 + 2 * 1
    score, rows = goodman.score_of_scars([("keloid", 2.5)], keloid_area_cm2=6.0)
    assert rows == {"D2": 1}
    assert score == 12
