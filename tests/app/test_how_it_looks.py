"""The page "How it looks": view settings from the link, the surface chart, the words."""

from __future__ import annotations

import numpy as np
import pytest
from apptest_helpers import charts, open_app

from sim import Scenario, goodman, simulate
from sim import patch as P
from viz.surface import EXAGGERATION, MAX_FRAMES

PAGE = "pages/how_it_looks.py"


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _surface(at) -> dict:
    (chart,) = [c for c in charts(at) if "scene4" in c["layout"]]
    return chart


def test_link_opens_the_mixed_patch_exaggerated():
    at = open_app(PAGE, {"patch": "mixed", "exaggerate": "true"})
    _no_errors(at)
    assert at.session_state["v_patch"] == "mixed"
    assert at.toggle(key="v_exaggerate").value is True
    (group,) = [g for g in at.get("button_group") if g.key == "v_patch"]
    assert group.value == "mixed"
    # The mixed patch has its own scars: no scar selector.
    assert "w_scar" not in [s.key for s in at.selectbox]
    chart = _surface(at)
    scene = chart["layout"]["scene"]
    width_mm = scene["xaxis"]["range"][1] - scene["xaxis"]["range"][0]
    height_mm = (scene["zaxis"]["range"][1] - scene["zaxis"]["range"][0]) / 1000
    assert width_mm == pytest.approx(P.MIXED_PATCH_MM + P.STEP_MM)
    assert scene["aspectratio"]["z"] == pytest.approx(EXAGGERATION * height_mm / width_mm, rel=2e-3)
    assert any("Height exaggerated ×5" in a["text"] for a in chart["layout"]["annotations"])
    assert at.query_params["patch"] == ["mixed"] or at.query_params["patch"] == "mixed"

    text = " ".join(i.value for i in at.info)
    assert "Ice pick, 8 of 13 scars" in text
    assert "Scar score" in text and "before" in text
    assert any(f"“{g.plain}”" in text for g in goodman.GRADES.values())


def test_default_is_one_scar_at_true_scale_with_the_grade_in_words():
    at = open_app(PAGE)
    _no_errors(at)
    assert at.toggle(key="v_exaggerate").value is False
    chart = _surface(at)
    assert any("True scale" in a["text"] for a in chart["layout"]["annotations"])
    result = simulate(Scenario())
    assert len(chart["frames"]) == MAX_FRAMES
    assert chart["frames"][-1]["name"] == f"{result.fields.times_days[-1]:g}"
    series = goodman.grade_series(result)
    before, now = int(series.grade[0]), int(series.grade[-1])
    text = " ".join(i.value for i in at.info)
    assert f"Grade {before} → {now}: “{goodman.GRADES[now].plain}”" in text
    assert "typical range" in text
    # The chart's description (for screen readers) says the same.
    captions = " ".join(c.value for c in at.caption)
    assert f"Grade {before} → {now}" in captions


def test_a_raised_scar_is_shown_without_flattening():
    at = open_app(PAGE, {"scar": "keloid"})
    _no_errors(at)
    chart = _surface(at)
    before = np.asarray(chart["data"][0]["z"])
    for trace in chart["data"][1:]:
        assert np.asarray(trace["z"]).max() >= before.max()
    text = " ".join(i.value for i in at.info)
    assert "no flattening" in text


def test_exaggeration_changes_only_the_drawn_height():
    """Same scenario, with and without ``exaggerate=true``: same heights, box 5 times taller."""
    flat, tall = (_surface(open_app(PAGE, query)) for query in ({}, {"exaggerate": "true"}))
    np.testing.assert_array_equal(flat["data"][1]["z"], tall["data"][1]["z"])
    aspect = [chart["layout"]["scene"]["aspectratio"]["z"] for chart in (flat, tall)]
    assert aspect[1] == pytest.approx(EXAGGERATION * aspect[0])


def test_bad_link_values_fall_back_with_a_notice():
    at = open_app(PAGE, {"patch": "bogus", "exaggerate": "maybe"})
    _no_errors(at)
    assert at.session_state["v_patch"] == "one_scar"
    assert at.toggle(key="v_exaggerate").value is False
    notices = " ".join(w.value for w in at.warning)
    assert "'patch' must be one of one_scar, mixed" in notices
    assert "'exaggerate' must be true or false" in notices
