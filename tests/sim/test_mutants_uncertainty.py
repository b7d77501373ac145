"""Uncertain parameters and their sampling (gaps found by mutation testing)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from scipy.special import ndtr

from sim.uncertainty import (
    CENTRAL,
    SPECS,
    UNCERTAIN,
    ModelParams,
    Uncertain,
    band_samples,
    params_samples,
)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Draw the samples anew: a cached result would hide the code under test."""
    band_samples.cache_clear()
    yield
    band_samples.cache_clear()


def _spec(low, central, high):
    return Uncertain("x", "A thing", "mm", central, low, high, "test")


def test_an_uncertain_range_must_hold_its_central_value():
    _spec(1.0, 1.0, 2.0)  # central at an end is allowed
    _spec(1.0, 2.0, 2.0)
    for low, central, high in [(1.0, 0.5, 2.0), (1.0, 2.5, 2.0), (1.0, 1.0, 1.0), (2.0, 1.5, 1.0)]:
        with pytest.raises(ValueError, match=r"x: need low <= central <= high.*mm"):
            _spec(low, central, high)


def test_at_maps_the_unit_interval_linearly_onto_the_range():
    spec = _spec(2.0, 3.0, 6.0)
    np.testing.assert_allclose(spec.at(np.array([0.0, 0.25, 0.5, 1.0])), [2.0, 3.0, 4.0, 6.0])


@pytest.mark.parametrize("name", [u.name for u in UNCERTAIN])
@pytest.mark.parametrize("bad", [0.0, -0.1, float("nan"), float("inf"), "0.3"])
def test_model_params_must_be_positive_finite_numbers(name, bad):
    with pytest.raises(ValueError, match=re.escape(f"{name} ({SPECS[name].label}) = ")):
        ModelParams(**{name: bad})


def test_penetration_shares_are_at_most_one():
    ModelParams(pen_penetration=1.0, roller_penetration=1.0)
    for name in ("pen_penetration", "roller_penetration"):
        with pytest.raises(ValueError, match=rf"{name} = 1.01 is not allowed: at most 1"):
            CENTRAL.with_changes(**{name: 1.01})
    # Integers are numbers too, and other parameters may exceed 1.
    assert ModelParams(healing_window_days=30).healing_window_days == 30


def test_params_samples_are_one_median_patient():
    samples = params_samples(CENTRAL)
    assert samples.size == 1
    np.testing.assert_array_equal(samples.response, [1.0])
    for u in UNCERTAIN:
        np.testing.assert_array_equal(samples.values[u.name], [u.central])
    changed = params_samples(CENTRAL.with_changes(signal_length_mm=0.2))
    np.testing.assert_array_equal(changed.values["signal_length_mm"], [0.2])


def test_band_samples_cover_each_range_uniformly_and_the_response_is_lognormal():
    s = band_samples(3, 256)
    assert s.size == 256
    for u in UNCERTAIN:
        v = s.values[u.name]
        assert np.all((v >= u.low) & (v <= u.high)), u.name
        # A uniform over [low, high]: mean and quartiles of the range (QMC: close).
        q = (v - u.low) / (u.high - u.low)
        assert q.mean() == pytest.approx(0.5, abs=0.01)
        np.testing.assert_allclose(np.quantile(q, [0.25, 0.75]), [0.25, 0.75], atol=0.02)
    # log r / sigma is standard normal: its normal CDF is uniform on (0, 1).
    z = np.log(s.response) / s.values["response_spread"]
    u = ndtr(z)
    assert u.mean() == pytest.approx(0.5, abs=0.01)
    np.testing.assert_allclose(np.quantile(u, [0.1, 0.5, 0.9]), [0.1, 0.5, 0.9], atol=0.02)
    assert np.all(s.response > 0)
    # Seeded: the same seed gives the same cohort, another seed another one.
    np.testing.assert_array_equal(band_samples(3, 256).response, s.response)
    assert not np.array_equal(band_samples(4, 256).response, s.response)
