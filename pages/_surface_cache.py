"""Caches of the page "How it looks": the patch, its figure and its texts, per scenario.

Like the cross-section's caches in ``pages/_shared.py``: what is drawn (the
figure, under 1 MB; the texts) is kept for :data:`DRAWN_KEPT` scenarios; the
patch itself (the heights of every frame, up to 4 MB for the mixed patch) only
for the few being drawn now. The figure and the texts are in words, so their
caches also take the language's code (``lang``): each language has its own entry.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from pages._shared import (
    DRAWN_HASH,
    DRAWN_KEPT,
    RESULTS_KEPT,
    drawn,
    release_free_memory,
    scenario_key,
    simulate_cached,
)
from sim import Scenario
from sim.model import Result
from sim.patch import (
    MIXED_PATCH_MM,
    MIXED_SCARS,
    ONE_SCAR_PATCH_MM,
    Patch,
    PlacedScar,
    build_patch,
    mixed_scenarios,
)
from viz.cross_section import TimeStep
from viz.surface import describe_surface, outcome_markdown, surface_spec, surface_steps


def _results(scenario: Scenario, kind: str) -> dict[str, Result]:
    """The model results the patch is made of: the scenario's scar, or every scar type
    of the mixed patch treated like the scenario."""
    if kind == "mixed":
        return {name: simulate_cached(s) for name, s in mixed_scenarios(scenario).items()}
    return {scenario.scar: simulate_cached(scenario)}


@st.cache_resource(
    max_entries=RESULTS_KEPT, show_spinner=False, hash_funcs={Scenario: scenario_key}
)
def patch_cached(scenario: Scenario, kind: str) -> Patch:
    """The patch of ``scenario``: ``kind`` is ``"one_scar"`` or ``"mixed"``."""
    results = _results(scenario, kind)
    if kind == "mixed":
        patch = build_patch(results, MIXED_SCARS, MIXED_PATCH_MM)
    else:
        patch = build_patch(results, (PlacedScar(scenario.scar, 0.0, 0.0),), ONE_SCAR_PATCH_MM)
    release_free_memory()
    return patch


@dataclass(frozen=True)
class SurfaceTexts:
    """What the page says about one patch.

    Attributes
    ----------
    description : str
        Text description of the figure (:func:`viz.surface.describe_surface`).
    outcome : str
        The outcome per scar type in plain words, as Markdown.
    steps : tuple of TimeStep
        The animation's frames as the time controls name them.
    """

    description: str
    outcome: str
    steps: tuple[TimeStep, ...]


@st.cache_resource(max_entries=DRAWN_KEPT, show_spinner=False, hash_funcs=DRAWN_HASH)
def surface_texts_cached(scenario: Scenario, kind: str, exaggerate: bool) -> SurfaceTexts:
    """The texts of the patch of ``scenario`` (cached with its figure, per language
    like every drawing: ``DRAWN_HASH``)."""
    results = _results(scenario, kind)
    patch = patch_cached(scenario, kind)
    return SurfaceTexts(
        description=describe_surface(patch, results, exaggerate=exaggerate),
        outcome=outcome_markdown(patch, results),
        steps=surface_steps(next(iter(results.values()))),
    )


@st.cache_resource(max_entries=DRAWN_KEPT, show_spinner=False, hash_funcs=DRAWN_HASH)
def surface_figure_cached(scenario: Scenario, kind: str, exaggerate: bool, contrast: bool) -> str:
    """The surface figure of ``scenario`` as drawn (``pages._shared.drawn``), cached
    per language."""
    steps = surface_texts_cached(scenario, kind, exaggerate).steps
    return drawn(
        surface_spec(
            patch_cached(scenario, kind), exaggerate=exaggerate, high_contrast=contrast, steps=steps
        )
    )
