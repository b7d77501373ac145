"""Figures built without validation (viz.style.figure_from_spec) are valid Plotly."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from sim import Scenario, simulate
from viz.cross_section import cross_section_figure

SCENARIOS = [
    Scenario(),
    Scenario(scar="keloid", sessions=6),
    Scenario(scar="ice_pick", sessions=0),
    Scenario(scar="rolling", sessions=10, interval_days=7, home_maintenance=True),
    Scenario(device="home_roller", needle_mm=0.3, follow_up_days=0),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.scar}-{s.sessions}")
@pytest.mark.parametrize("contrast", [False, True])
@pytest.mark.parametrize("animate", [True, False])
def test_cross_section_spec_passes_plotly_validation(scenario, contrast, animate):
    fig = cross_section_figure(simulate(scenario), high_contrast=contrast, animate=animate)
    validated = go.Figure(fig.to_plotly_json())  # raises ValueError on any invalid property
    assert len(validated.data) == len(fig.data)
    assert len(validated.frames) == len(fig.frames)
