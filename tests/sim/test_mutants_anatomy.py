"""Grid and skin layers: exact partitions (gaps found by mutation testing)."""

from __future__ import annotations

import numpy as np
import pytest

from sim import constants as C
from sim.anatomy import Skin, band_fraction, layer_fractions, make_grid

SKIN = Skin(epidermis_mm=0.05, dermis_mm=1.2)


def test_band_fraction_is_the_covered_share_of_each_cell():
    z = np.array([0.05, 0.15, 0.25, 0.35])  # cells [0, .1], [.1, .2], [.2, .3], [.3, .4]
    got = band_fraction(z, 0.1, 0.12, 0.23)
    np.testing.assert_allclose(got, [0.0, 0.8, 0.3, 0.0], atol=1e-12)
    assert got.sum() * 0.1 == pytest.approx(0.23 - 0.12)
    np.testing.assert_allclose(band_fraction(z, 0.1, 0.0, np.inf), 1.0)
    np.testing.assert_allclose(band_fraction(z, 0.1, 0.5, 0.9), 0.0)


def test_make_grid_covers_the_whole_skin_column_with_the_default_spacing_and_width():
    grid = make_grid(SKIN)
    assert grid.h_mm == C.GRID_MM.value
    assert grid.width_mm == C.WIDTH_MM.value
    assert grid.depth_mm == pytest.approx(SKIN.epidermis_mm + SKIN.dermis_mm + SKIN.fat_mm)
    assert grid.nz * grid.h_mm >= grid.depth_mm - 1e-12
    assert grid.nx * grid.h_mm == pytest.approx(C.WIDTH_MM.value)
    other = make_grid(SKIN, 0.04, 6.0)
    assert (other.h_mm, other.width_mm) == (0.04, 6.0)


@pytest.mark.parametrize("h", [0.02, 0.03, 0.07])
def test_layers_partition_every_cell_and_have_the_skin_thicknesses(h):
    grid = make_grid(SKIN, h)
    layers = layer_fractions(SKIN, grid)
    total = layers["epidermis"] + layers["papillary"] + layers["reticular"] + layers["fat"]
    np.testing.assert_allclose(total, 1.0, atol=1e-12)
    np.testing.assert_allclose(layers["dermis"], layers["papillary"] + layers["reticular"])
    assert layers["epidermis"].sum() * h == pytest.approx(SKIN.epidermis_mm)
    assert layers["papillary"].sum() * h == pytest.approx(SKIN.papillary_fraction * SKIN.dermis_mm)
    assert layers["dermis"].sum() * h == pytest.approx(SKIN.dermis_mm)
    assert layers["fat"].sum() * h == pytest.approx(grid.nz * h - SKIN.dermis_bottom_mm)
    # Layers are stacked in order: epidermis on top, fat at the bottom.
    assert layers["epidermis"][0] > 0.5 and layers["fat"][-1] == pytest.approx(1.0)
    assert layers["reticular"][0] == 0.0 and layers["papillary"][-1] == 0.0
    assert layers["epidermis"][-1] == 0.0 and layers["fat"][0] == 0.0
