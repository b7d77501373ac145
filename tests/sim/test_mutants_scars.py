"""Scar shapes and their geometry on the grid (gaps found by mutation testing)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim.anatomy import Skin, band_fraction, make_grid
from sim.scars import EDGE_MM, MAX_DEFICIT, SCARS, scar_geometry, unit_profile

SKIN = Skin(epidermis_mm=0.06, dermis_mm=1.5)
GRID = make_grid(SKIN, 0.02)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Compute the geometry anew: a cached result would hide the code under test."""
    scar_geometry.cache_clear()
    yield
    scar_geometry.cache_clear()


def test_v_profile_is_a_triangle_of_the_given_base():
    x = np.array([-1.0, -0.25, 0.0, 0.25, 0.5, 0.75])
    np.testing.assert_allclose(unit_profile("V", 1.0, x), [0, 0.5, 1, 0.5, 0, 0])


def test_m_profile_is_a_cos2_bowl_of_the_given_base():
    x = np.array([0.0, 1.25, -1.25, 2.5, 3.0])
    np.testing.assert_allclose(unit_profile("M", 5.0, x), [1, 0.5, 0.5, 0, 0], atol=1e-12)
    inner = np.linspace(-2.4, 2.4, 13)
    np.testing.assert_allclose(unit_profile("M", 5.0, inner), np.cos(np.pi * inner / 5) ** 2)


@pytest.mark.parametrize("shape, edge", [("U", EDGE_MM), ("dome", 3 * EDGE_MM)])
def test_u_and_dome_have_their_width_at_half_depth_and_smoothed_walls(shape, edge):
    width = 3.0
    x = np.array([0.0, 1.5, -1.5, 1.5 + edge, 1.5 - edge, 4.0])
    u = unit_profile(shape, width, x)
    wall = 0.5 * (1 - math.tanh(1.0))
    np.testing.assert_allclose(u[:5], [1.0, 0.5, 0.5, wall, 1 - wall], atol=1e-4)
    np.testing.assert_allclose(u[1:5], [0.5, 0.5, wall, 1 - wall], atol=1e-12)
    assert u[-1] == 0.0, "exactly zero far from the scar"
    assert unit_profile(shape, width, np.array([0.0]))[0] <= 1.0


@pytest.mark.parametrize("name", [n for n, s in SCARS.items() if not s.is_raised])
def test_depressed_geometry_splits_the_depression_into_deficit_and_tether(name):
    scar = SCARS[name]
    g = scar_geometry(scar, SKIN, GRID)
    depth = -g.surface0_mm
    assert depth.max() == pytest.approx(scar.depth_mm, rel=0.02)
    filled = g.deficit.sum(axis=0) * GRID.h_mm
    np.testing.assert_allclose(filled + g.tether_mm, depth, atol=1e-12)
    np.testing.assert_allclose(filled, (1 - scar.tether_fraction) * depth, atol=1e-12)
    assert g.deficit.max() <= MAX_DEFICIT
    # The deficit lies in the dermis, from the epidermis down to the scar tract.
    above = GRID.z_mm + GRID.h_mm / 2 <= SKIN.epidermis_mm
    below = GRID.z_mm - GRID.h_mm / 2 >= min(scar.tract_mm, SKIN.dermis_bottom_mm)
    assert np.all(g.deficit[above] == 0) and np.all(g.deficit[below] == 0)
    centre = np.argmax(depth)
    column = g.deficit[:, centre] > 0
    assert GRID.z_mm[column].max() == pytest.approx(
        min(scar.tract_mm, SKIN.dermis_bottom_mm), abs=GRID.h_mm
    )
    assert np.all(g.excess == 0) and np.all(g.synthesis == 1.0)
    u = depth / depth.max()
    np.testing.assert_array_equal(g.footprint, u > 0.05)


def test_a_thin_dermis_holds_at_most_max_deficit_and_the_rest_is_tethered():
    thin = Skin(epidermis_mm=0.06, dermis_mm=0.75)
    grid = make_grid(thin, 0.02)
    g = scar_geometry(SCARS["boxcar_deep"], thin, grid)
    depth = -g.surface0_mm
    centre = np.argmax(depth)
    assert g.deficit[:, centre].max() == pytest.approx(MAX_DEFICIT)
    held = g.deficit[:, centre].sum() * grid.h_mm
    assert held == pytest.approx(MAX_DEFICIT * thin.dermis_mm, rel=1e-9)
    assert g.tether_mm[centre] == pytest.approx(depth[centre] - held)
    assert g.tether_mm[centre] > 0.0


@pytest.mark.parametrize("name", [n for n, s in SCARS.items() if s.is_raised])
def test_raised_geometry_holds_its_height_as_excess_collagen_in_the_dermis(name):
    scar = SCARS[name]
    g = scar_geometry(scar, SKIN, GRID)
    height = g.surface0_mm
    assert height.max() == pytest.approx(scar.depth_mm, rel=0.02)
    np.testing.assert_allclose(g.excess.sum(axis=0) * GRID.h_mm, height, atol=1e-12)
    dermis = band_fraction(GRID.z_mm, GRID.h_mm, SKIN.epidermis_mm, SKIN.dermis_bottom_mm)
    u = height / height.max()
    np.testing.assert_allclose(g.synthesis, 1 + (scar.synthesis - 1) * np.outer(dermis, u))
    centre = np.argmax(height)
    assert g.synthesis[dermis == 1, centre] == pytest.approx(scar.synthesis, rel=1e-6)
    assert np.all(g.deficit == 0) and np.all(g.tether_mm == 0)
    np.testing.assert_array_equal(g.footprint, u > 0.05)


def test_custom_profile_is_interpolated_across_the_width_and_its_sign_ignored():
    values = (0.0, -0.2, 0.4, 0.2, 0.0)
    g = scar_geometry(SCARS["boxcar_shallow"], SKIN, GRID, values)
    xs = np.linspace(GRID.x_mm[0], GRID.x_mm[-1], len(values))
    np.testing.assert_allclose(-g.surface0_mm, np.interp(GRID.x_mm, xs, np.abs(values)))
    raised = scar_geometry(SCARS["keloid"], SKIN, GRID, values)
    np.testing.assert_allclose(raised.surface0_mm, np.interp(GRID.x_mm, xs, np.abs(values)))
