"""Metrics of a course against hand-computed values (gaps found by mutation testing)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.metrics import (
    depression_area,
    depression_depth_mm,
    depth_improvement_pct,
    improvement_pct,
    raised_height_mm,
)

H = 0.5
SURFACE0 = np.array([0.0, -0.2, -0.4, -0.2, 0.1])  # depression area (0.2+0.4+0.2) h = 0.4


def test_depression_area_counts_only_the_depressed_part_times_the_cell_width():
    assert depression_area(SURFACE0, H) == pytest.approx(0.4)
    rows = np.stack([SURFACE0, np.zeros(5), -SURFACE0])
    np.testing.assert_allclose(depression_area(rows, H), [0.4, 0.0, 0.05])
    assert depression_area(SURFACE0, 2 * H) == pytest.approx(0.8), "scales with the cell size"


def test_improvement_is_the_filled_share_of_the_original_volume():
    half = SURFACE0 * np.array([1, 0.5, 0.5, 0.5, 1])  # half the depression filled
    course = np.stack([SURFACE0, half, np.minimum(SURFACE0, 0) * 0 + 0.0])
    np.testing.assert_allclose(improvement_pct(course, SURFACE0, H), [0.0, 50.0, 100.0])
    deeper = SURFACE0 * 1.5
    assert improvement_pct(deeper[None], SURFACE0, H)[0] == pytest.approx(-50.0)
    # Independent of the cell size (a ratio of two areas on the same grid).
    np.testing.assert_allclose(improvement_pct(course, SURFACE0, 0.02), [0.0, 50.0, 100.0])


def test_no_depression_gives_exactly_zero_improvement_with_the_right_shape():
    raised0 = np.array([0.0, 0.3, 0.5, 0.3, 0.0])
    course = np.stack([raised0, raised0 * 2, raised0 * 0.5])
    out = improvement_pct(course, raised0, H)
    assert out.shape == (3,)
    np.testing.assert_array_equal(out, 0.0)
    out = depth_improvement_pct(course, raised0)
    assert out.shape == (3,)
    np.testing.assert_array_equal(out, 0.0)


def test_depth_and_height_are_the_extremes_clipped_at_the_surrounding_skin():
    assert depression_depth_mm(SURFACE0) == pytest.approx(0.4)
    assert raised_height_mm(SURFACE0) == pytest.approx(0.1)
    rows = np.stack([SURFACE0, np.full(5, 0.2), np.full(5, -0.3)])
    np.testing.assert_allclose(depression_depth_mm(rows), [0.4, 0.0, 0.3])
    np.testing.assert_allclose(raised_height_mm(rows), [0.1, 0.2, 0.0])


def test_depth_improvement_is_the_reduction_of_the_deepest_point():
    course = np.stack([SURFACE0, SURFACE0 * 0.25, np.zeros(5), SURFACE0 * 2])
    np.testing.assert_allclose(depth_improvement_pct(course, SURFACE0), [0, 75, 100, -100])


def test_a_single_profile_gives_scalar_metrics():
    raised0 = np.array([0.0, 0.3, 0.0])
    assert np.shape(depth_improvement_pct(raised0, raised0)) == ()
    assert np.shape(improvement_pct(raised0, raised0, H)) == ()
    assert np.shape(depth_improvement_pct(SURFACE0 * 0.5, SURFACE0)) == ()
    assert depth_improvement_pct(SURFACE0 * 0.5, SURFACE0) == pytest.approx(50.0)
    assert improvement_pct(SURFACE0 * 0.5, SURFACE0, H) == pytest.approx(50.0)
