"""Global sensitivity analysis (Sobol' indices) and its precomputed results."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from sim import Scenario, simulate_many
from sim.registry import SPECS as REGISTRY_SPECS
from sim.sensitivity import (
    FACTORS,
    REPORTED,
    factor_row,
    improvement,
    load_results,
    ranked,
    skin_values,
    sobol_analysis,
    sobol_indices,
)
from sim.uncertainty import UNCERTAIN, ModelParams

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = REPORTED
UNUSED = {
    "office_pen": "roller_penetration",
    "medical_roller": "pen_penetration",
    "rolling_scar": "roller_penetration",
}
REGENERATE = "regenerate with: python scripts/make_sensitivity.py"


@pytest.fixture(scope="module")
def small() -> dict[str, list[dict]]:
    """Indices at a small base size (1,792 model runs per scenario: at 64 the sum of
    twelve noisy first-order indices strayed to 1.2)."""
    return {key: sobol_indices(scenario, n=128, seed=0) for key, scenario in SCENARIOS.items()}


@pytest.mark.parametrize("key", list(SCENARIOS))
def test_a_scars_tether_matters_only_for_that_scar(small, key):
    """The tethered share of a scar type is exactly inert for other scars; for a rolling
    scar its uncertainty is one of the two largest causes of the outcome's spread."""
    rows = {r["name"]: r for r in small[key]}
    own = {"rolling_scar": "rolling_tether"}.get(key)
    for name in ("ice_pick_tether", "rolling_tether"):
        if name == own:
            assert rows[name]["ST"] > 0.2
            assert name in [r["name"] for r in ranked(small[key])[:2]]
        else:
            assert rows[name]["ST"] == pytest.approx(0.0, abs=1e-12), name
            assert rows[name]["S1"] == pytest.approx(0.0, abs=1e-12), name


@pytest.mark.parametrize("key", list(SCENARIOS))
def test_indices_are_finite_and_consistent(small, key):
    rows = small[key]
    assert [r["name"] for r in rows] == [f.name for f in FACTORS]
    values = np.array([[r["S1"], r["S1_conf"], r["ST"], r["ST_conf"]] for r in rows])
    assert np.all(np.isfinite(values))
    s1, st = values[:, 0], values[:, 2]
    assert np.all(s1 <= st + 0.1), "a factor cannot act more alone than in total"
    assert s1.sum() <= 1.1, "first-order shares of the variance cannot add up to more than 1"
    assert s1.sum() >= 0.5, "the model is nearly additive over these ranges"


@pytest.mark.parametrize("key", list(SCENARIOS))
def test_penetration_of_the_other_device_has_no_effect(small, key):
    # Why it must be exactly 0: the office sessions use the penetration of the
    # scenario's own device, and the home roller (which uses the roller's) is off.
    scenario = SCENARIOS[key]
    assert not scenario.home_maintenance and scenario.home_days == ()
    own = "pen_penetration" if scenario.device == "office_pen" else "roller_penetration"
    assert scenario.device_spec.penetration == own
    row = {r["name"]: r for r in small[key]}[UNUSED[key]]
    assert row["ST"] == pytest.approx(0.0, abs=1e-12)
    assert row["S1"] == pytest.approx(0.0, abs=1e-12)
    # ... while the device's own penetration does matter for the roller.
    if key == "medical_roller":
        assert {r["name"]: r for r in small[key]}["roller_penetration"]["ST"] > 0.1


def test_one_sample_reproduces_simulate_many():
    for scenario in SCENARIOS.values():
        for params in (ModelParams(), ModelParams(signal_length_mm=0.3, pen_penetration=0.8)):
            expected = simulate_many([scenario], params=params)["improvement_pct"][0]
            got = improvement(scenario, factor_row(scenario, params)[None])[0]
            assert got == pytest.approx(expected, abs=0.05)


def test_better_responders_fill_more():
    scenario = Scenario()
    rows = np.stack([factor_row(scenario, z=z) for z in (-1.6, 0.0, 1.6)])
    values = improvement(scenario, rows)
    assert values[0] < values[1] < values[2]


def test_skin_values_are_the_registry_steps_equally_often():
    u = (np.arange(2100) + 0.5) / 2100
    X = np.tile(factor_row(Scenario()), (u.size, 1))
    for name in ("epidermis_mm", "dermis_mm"):
        spec = REGISTRY_SPECS[name]
        X[:, [f.name for f in FACTORS].index(name)] = spec.min + (spec.max - spec.min) * u
    skins = skin_values(X)
    for j, name in enumerate(("epidermis_mm", "dermis_mm")):
        spec = REGISTRY_SPECS[name]
        levels, counts = np.unique(skins[:, j], return_counts=True)
        expected = np.round(np.arange(spec.min, spec.max + spec.step / 2, spec.step), 9)
        np.testing.assert_allclose(levels, expected)
        assert counts.max() - counts.min() <= 1
        for value in (levels[0], levels[-1]):
            Scenario(**{name: float(value)})  # valid registry values


def test_deterministic_for_a_seed():
    a = sobol_analysis(Scenario(), n=8, seed=3)
    b = sobol_analysis(Scenario(), n=8, seed=3)
    c = sobol_analysis(Scenario(), n=8, seed=4)
    assert a.indices == b.indices
    np.testing.assert_array_equal(a.Y, b.Y)
    assert not np.array_equal(a.X, c.X)


def test_bad_inputs_are_rejected():
    with pytest.raises(ValueError, match="power of 2"):
        sobol_indices(Scenario(), n=48)
    with pytest.raises(ValueError, match="seed"):
        sobol_indices(Scenario(), n=8, seed=-1)
    with pytest.raises(ValueError, match="no variance"):
        sobol_indices(Scenario(scar="hypertrophic"), n=4)
    with pytest.raises(ValueError, match="shape"):
        improvement(Scenario(), np.zeros((3, len(FACTORS) - 1)))


def test_precomputed_results_list_every_factor_and_match_a_fresh_run(small):
    data = load_results()
    names = [u.name for u in UNCERTAIN] + ["patient_response", "epidermis_mm", "dermis_mm"]
    assert data["factors"] == names, REGENERATE
    assert [s["key"] for s in data["scenarios"]] == list(SCENARIOS), REGENERATE
    for entry in data["scenarios"]:
        scenario = SCENARIOS[entry["key"]]
        assert entry["scenario"] == {k: getattr(scenario, k) for k in entry["scenario"]}, REGENERATE
        rows = entry["indices"]
        assert sorted(r["name"] for r in rows) == sorted(names)
        ranges = {f.name: [f.low, f.high] for f in FACTORS}
        assert {r["name"]: [r["low"], r["high"]] for r in rows} == ranges, REGENERATE
        assert rows == ranked(rows), "rows are sorted by total index"
        for r in rows:
            assert all(np.isfinite(r[k]) for k in ("S1", "S1_conf", "ST", "ST_conf"))
        fresh = ranked(small[entry["key"]])
        # The leading factors are far apart, so a small fresh run ranks them alike.
        top = 2 if entry["key"] == "medical_roller" else 1
        assert [r["name"] for r in rows[:top]] == [r["name"] for r in fresh[:top]], REGENERATE
        stored = {r["name"]: r["ST"] for r in rows}
        for r in fresh:
            assert abs(r["ST"] - stored[r["name"]]) < 0.25, (r["name"], REGENERATE)


def test_precomputed_results_are_shipped_with_the_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.json" in config["tool"]["setuptools"]["package-data"]["sim"]
    extras = config["project"]["optional-dependencies"]
    for extra in ("analysis", "test"):
        assert any(dep.lower().startswith("salib") for dep in extras[extra]), extra
    # The app reads the stored results and does not need SALib installed.
    assert not any(dep.lower().startswith("salib") for dep in config["project"]["dependencies"])
