"""The parameter registry: defaults, ranges, errors, URL round trips."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.devices import DEVICES
from sim.registry import REGISTRY, SPECS
from sim.scenario import Scenario, scenario_from, scenario_from_query, scenario_to_query

NUMERIC = [s for s in REGISTRY if s.kind in ("float", "int")]


@pytest.mark.parametrize("spec", REGISTRY, ids=lambda s: s.name)
def test_default_is_valid_and_documented(spec):
    assert spec.validate(spec.default) == spec.default
    assert spec.label and spec.help and spec.source
    if spec.kind in ("float", "int"):
        assert spec.min < spec.max
        steps = (float(spec.default) - spec.min) / spec.step
        assert math.isclose(steps, round(steps), abs_tol=1e-9), "default is on the slider's grid"
    if spec.kind == "choice":
        assert len(spec.choices) == len(spec.choice_labels)


@pytest.mark.parametrize("spec", NUMERIC, ids=lambda s: s.name)
@pytest.mark.parametrize("where", ["below", "above", "nan", "text"])
def test_bad_value_error_names_parameter_unit_and_range(spec, where):
    value = {
        "below": spec.min - 1,
        "above": spec.max + 1,
        "nan": float("nan"),
        "text": "lots",
    }[where]
    with pytest.raises(ValueError) as info:
        Scenario(**{spec.name: value})
    message = str(info.value)
    assert spec.name in message
    assert spec.range_text() in message
    if spec.unit:
        assert spec.unit in message


@pytest.mark.parametrize("name", ["scar", "device", "adjunct"])
def test_unknown_choice_lists_choices(name):
    with pytest.raises(ValueError, match="one of"):
        Scenario(**{name: "laser"})


@pytest.mark.parametrize("device", DEVICES.values(), ids=lambda d: d.name)
def test_needle_range_depends_on_device(device):
    Scenario(device=device.name, needle_mm=device.needle_min_mm)
    Scenario(device=device.name, needle_mm=device.needle_max_mm)
    too_long = min(device.needle_max_mm + 0.05, SPECS["needle_mm"].max)
    if too_long > device.needle_max_mm:
        with pytest.raises(ValueError, match=f"{device.needle_max_mm:g} mm"):
            Scenario(device=device.name, needle_mm=too_long)


def test_whole_numbers_required():
    with pytest.raises(ValueError, match="whole number"):
        Scenario(sessions=2.5)


def test_cli_style_strings_are_parsed():
    scenario = scenario_from({"needle_mm": "2.0", "sessions": "4", "home_maintenance": "yes"})
    assert scenario.needle_mm == 2.0 and scenario.sessions == 4 and scenario.home_maintenance
    with pytest.raises(ValueError, match="unknown parameter"):
        scenario_from({"needle": "2"})


@pytest.mark.parametrize("spec", REGISTRY, ids=lambda s: s.name)
def test_text_round_trip(spec):
    assert spec.parse(spec.to_text(spec.default)) == spec.default


def test_query_round_trip_of_every_field():
    scenario = Scenario(
        scar="rolling",
        device="medical_roller",
        needle_mm=2.0,
        sessions=6,
        interval_days=21,
        follow_up_days=365,
        adjunct="prp",
        home_maintenance=True,
        home_needle_mm=0.3,
        home_interval_days=3,
        fitzpatrick=5,
        punctures_per_cm2=500.0,
        epidermis_mm=0.08,
        dermis_mm=1.2,
        seed=7,
    )
    query = scenario_to_query(scenario)
    assert set(query) == {s.name for s in REGISTRY}
    back, notices = scenario_from_query(query)
    assert back == scenario and notices == []
    assert scenario_to_query(Scenario()) == {}


@given(st.dictionaries(st.sampled_from([*SPECS, "junk"]), st.text(max_size=12), max_size=6))
def test_malformed_query_never_raises(query):
    scenario, notices = scenario_from_query(query)
    assert isinstance(scenario, Scenario)
    for key, text in query.items():
        if key not in SPECS:
            assert any(repr(key) in n for n in notices)
            continue
        try:
            SPECS[key].parse(text)
        except ValueError:
            assert getattr(scenario, key) == SPECS[key].default or key == "needle_mm"
            assert notices


def test_device_and_needle_conflict_in_link_falls_back_with_notice():
    scenario, notices = scenario_from_query({"device": "home_roller", "needle_mm": "2.0"})
    assert scenario.needle_mm == DEVICES["home_roller"].default_needle_mm
    assert any("Home roller" in n for n in notices)
    (notice,) = notices
    assert (notice.key, notice.value, notice.kind) == ("needle_mm", "2.0", "device_needle")


def test_link_notices_say_what_they_are_about():
    """The app writes each notice in the user's language from what it is about."""
    _, notices = scenario_from_query({"bogus": "1", "sessions": "99", "scar": "rolling"})
    about = sorted((n.key, n.value, n.kind) for n in notices)
    assert about == [("bogus", "1", "unknown"), ("sessions", "99", "invalid")]
    assert all(isinstance(n, str) for n in notices), "still plain English sentences"


def test_model_never_imports_the_screen():
    code = (
        "import sys, pkgutil, importlib, sim\n"
        "for m in pkgutil.iter_modules(sim.__path__):\n"
        "    if m.name != '__main__': importlib.import_module('sim.' + m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('streamlit', 'plotly')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
