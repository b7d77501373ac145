"""Figures built without validation (viz.style.figure_from_spec) are valid Plotly."""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from sim import Scenario, simulate
from viz.cross_section import cross_section_figure, cross_section_spec
from viz.style import PDI, RLI, TEMPLATE, figure_from_spec, figure_json, template_spec
from viz.timeline import (
    comparison_timeline_figure,
    scar_level_figure,
    timeline_figure,
    timeline_spec,
)

SCENARIOS = [
    Scenario(),
    Scenario(scar="keloid", sessions=6),
    Scenario(scar="ice_pick", sessions=0),
    Scenario(scar="rolling", sessions=10, interval_days=7, home_maintenance=True),
    Scenario(device="home_roller", needle_mm=0.3, follow_up_days=0),
]

TIMELINE_SCENARIOS = [
    *SCENARIOS,
    Scenario(scar="hypertrophic", sessions=4, home_maintenance=True),
    Scenario(scar="keloid", sessions=1, follow_up_days=0),
    Scenario(device="home_roller", needle_mm=0.25, sessions=10),
]
"""Depressed and raised scars, no session, one session, home roller and home maintenance."""


def _ids(scenario: Scenario) -> str:
    return f"{scenario.scar}-{scenario.sessions}-{scenario.device}-{scenario.home_maintenance}"


def _validated_json(fig: go.Figure) -> dict:
    """``fig`` rebuilt *with* Plotly's validation, as the JSON the browser would get.

    Raises ``ValueError`` on any invalid property.
    """
    return json.loads(pio.to_json(go.Figure(fig.to_plotly_json()), validate=False))


def _json(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=_ids)
@pytest.mark.parametrize("contrast", [False, True])
@pytest.mark.parametrize("animate", [True, False])
def test_cross_section_spec_passes_plotly_validation(scenario, contrast, animate):
    fig = cross_section_figure(simulate(scenario), high_contrast=contrast, animate=animate)
    validated = go.Figure(fig.to_plotly_json())  # raises ValueError on any invalid property
    assert len(validated.data) == len(fig.data)
    assert len(validated.frames) == len(fig.frames)


@pytest.fixture(scope="module")
def timeline_results():
    return {_ids(s): simulate(s) for s in TIMELINE_SCENARIOS}


@pytest.mark.parametrize("scenario", TIMELINE_SCENARIOS, ids=_ids)
@pytest.mark.parametrize("contrast", [False, True])
def test_timeline_spec_is_what_validation_makes(scenario, contrast, timeline_results):
    """Validating the spec raises nothing and changes nothing the browser gets."""
    result = timeline_results[_ids(scenario)]
    fig = timeline_figure(result, high_contrast=contrast)
    assert _validated_json(fig) == _json(fig)
    names = [trace["name"] for trace in _json(fig)["data"]]
    # A band only where there is one to see: not for a raised scar's height (collagen
    # induction does not flatten it) nor for an untreated scar.
    treated = result.session_days.size + result.home_days.size > 0
    banded = ["Typical range (10th-90th percentile)"] * (
        treated and not scenario.scar_type.is_raised
    )
    assert names[: len(banded) + 1] == [*banded, "Typical (median) patient"]
    assert ("Office session" in names) == (result.session_days.size > 0)
    assert ("Home roller" in names) == (result.home_days.size > 0)
    annotations = [a["text"] for a in _json(fig)["layout"].get("annotations", [])]
    assert ("height before treatment" in annotations) == (scenario.scar_type.is_raised)


@pytest.mark.parametrize("contrast", [False, True])
def test_comparison_and_scar_level_specs_are_what_validation_makes(contrast, timeline_results):
    office, keloid, _, rolling, home, *_ = timeline_results.values()
    plans = {"Office": office, "Home": home, "Both": rolling}
    comparison = comparison_timeline_figure(plans, high_contrast=contrast)
    assert _validated_json(comparison) == _json(comparison)
    level = scar_level_figure(office, keloid, high_contrast=contrast)
    assert _validated_json(level) == _json(level)


def test_timeline_carries_the_expanded_template(default_result):
    """Plotly.js knows no template names: the spec holds the template itself."""
    layout = _json(timeline_figure(default_result))["layout"]
    by_name = _json(go.Figure(layout={"template": TEMPLATE}))["layout"]["template"]
    assert layout["template"] == by_name
    assert template_spec()["layout"]["font"] == by_name["layout"]["font"]


# --- what the browser receives: viz.style.figure_json ----------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS[:3], ids=_ids)
def test_figure_json_is_what_plotly_itself_sends(scenario):
    """The app's own encoder (typed arrays, no validation, the C JSON encoder) gives
    the same JSON as ``plotly.io.to_json``, for the specs the caches keep and for
    validated figures."""
    result = simulate(scenario)
    spec = cross_section_spec(result)
    assert json.loads(figure_json(spec)) == _json(figure_from_spec(spec))
    timeline = timeline_figure(result)
    assert json.loads(figure_json(timeline_spec(result))) == _json(timeline)
    assert json.loads(figure_json(timeline)) == _json(timeline)


def test_figure_json_sends_arrays_as_typed_arrays_and_nan_as_null():
    z = np.arange(12, dtype=np.uint8).reshape(3, 4)
    spec = {
        "data": [
            {"type": "heatmap", "z": z},
            {"type": "scatter", "x": [0.0, 1.0, 2.0], "y": [1.0, float("nan"), float("inf")]},
            {"type": "scatter", "y": np.array([1.0, np.nan]), "marker": {"size": np.int64(7)}},
        ],
        "layout": {},
    }
    sent = json.loads(figure_json(spec))
    heat = sent["data"][0]["z"]
    assert heat["dtype"] == "u1"
    decoded = np.frombuffer(base64.b64decode(heat["bdata"]), dtype=np.uint8)
    np.testing.assert_array_equal(decoded.reshape(3, 4), z)
    assert sent["data"][1]["y"] == [1.0, None, None], "NaN and infinity are not JSON"
    assert np.isnan(np.frombuffer(base64.b64decode(sent["data"][2]["y"]["bdata"]))[1])
    assert sent["data"][2]["marker"]["size"] == 7
    assert spec["data"][1]["y"][1] != spec["data"][1]["y"][1], "the spec is not changed"
    with pytest.raises(TypeError, match="set"):
        figure_json({"data": [{"x": {1, 2}}]})


def test_figure_json_marks_right_to_left_text_only_when_asked(default_result):
    spec = timeline_spec(default_result)
    spec["layout"]["title"] = {"text": "العمق"}
    marked = json.loads(figure_json(spec, rtl=True))
    assert marked["layout"]["title"]["text"] == RLI + "العمق" + PDI
    plain = json.loads(figure_json(spec))
    assert plain["layout"]["title"]["text"] == "العمق"
    unmarked = {**marked, "layout": {**marked["layout"], "title": plain["layout"]["title"]}}
    assert unmarked == plain, "only the text changed"
