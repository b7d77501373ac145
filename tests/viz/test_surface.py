"""The surface view (viz.surface): scale, side light, frames, size and words."""

from __future__ import annotations

import itertools
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from sim import Scenario, goodman, simulate
from sim import patch as P
from sim.model import Result
from viz import surface as S
from viz.cross_section import TimeStep, frame_days
from viz.i18n import speaking
from viz.style import MIN_FONT_PX, PROJECTOR_MIN_FONT_PX, decoded_figure, figure_json
from viz.surface import describe_surface, outcome_markdown, surface_figure, surface_steps

SCENES = ("scene", "scene2", "scene3", "scene4")


def spec(fig: go.Figure) -> dict:
    """What the browser gets (the app's own encoder, as the app sends it)."""
    return decoded_figure(figure_json(fig))


def one_scar_patch(result: Result) -> P.Patch:
    name = result.scenario.scar
    return P.build_patch({name: result}, (P.PlacedScar(name, 0.0, 0.0),), P.ONE_SCAR_PATCH_MM)


@pytest.fixture(scope="module")
def mixed_results() -> dict[str, Result]:
    return {n: simulate(s) for n, s in P.mixed_scenarios(Scenario()).items()}


@pytest.fixture(scope="module")
def mixed_patch(mixed_results) -> P.Patch:
    return P.build_patch(mixed_results, P.MIXED_SCARS, P.MIXED_PATCH_MM)


# --- scale ----------------------------------------------------------------------------


@pytest.mark.parametrize("exaggerate", [False, True])
def test_height_is_true_to_scale_unless_exaggerated_by_five(default_result, exaggerate):
    """The box's height over its width on screen (aspect ratio z / x) equals its height in
    mm over its width in mm, times 5 when exaggerated; the same in every panel."""
    patch = one_scar_patch(default_result)
    out = spec(surface_figure(patch, exaggerate=exaggerate, high_contrast=False))
    arrays = (patch.before_mm, patch.height_mm, patch.height_p10_mm, patch.height_p90_mm)
    depth_mm = -min(float(a.min()) for a in arrays)
    assert depth_mm == pytest.approx(default_result.depression_depth_mm[0], abs=0.01)
    for name in SCENES:
        scene = out["layout"][name]
        assert scene["aspectmode"] == "manual"
        z_mm = (scene["zaxis"]["range"][1] - scene["zaxis"]["range"][0]) / 1000.0
        x_mm = scene["xaxis"]["range"][1] - scene["xaxis"]["range"][0]
        assert x_mm == pytest.approx(P.ONE_SCAR_PATCH_MM + 0.2)  # half a cell each side
        assert z_mm == pytest.approx(depth_mm + 2 * S.BOX_PAD_MM, abs=1e-3)
        ratio = scene["aspectratio"]["z"] / scene["aspectratio"]["x"]
        assert ratio == pytest.approx((z_mm / x_mm) * (5.0 if exaggerate else 1.0), rel=2e-3)
        assert scene["aspectratio"]["x"] == scene["aspectratio"]["y"]
    # At true scale a 0.3 mm deep scar in a 1 cm patch is a box 3 % as high as wide.
    if not exaggerate:
        assert out["layout"]["scene"]["aspectratio"]["z"] < 0.04
    labels = [a["text"] for a in out["layout"]["annotations"]]
    wanted = "Height exaggerated ×5" if exaggerate else "True scale"
    unwanted = "True scale" if exaggerate else "Height exaggerated"
    assert any(wanted in text for text in labels)
    assert not any(unwanted in text for text in labels)


def test_drawn_heights_are_the_patch_heights(default_result):
    """z (µm above the box's bottom) gives back the patch's heights to 0.5 µm: before in
    panel 1, and the median / lower / upper responder at the last step in panels 2-4."""
    patch = one_scar_patch(default_result)
    out = spec(surface_figure(patch, exaggerate=False, high_contrast=False))
    _, (bottom, _) = S.box_mm(patch)
    expected = (patch.before_mm, patch.height_mm[-1], patch.height_p10_mm[-1])
    expected += (patch.height_p90_mm[-1],)
    for trace, heights, scene in zip(out["data"], expected, SCENES, strict=True):
        assert trace["type"] == "surface"
        assert trace.get("scene", "scene") == scene
        np.testing.assert_allclose(trace["z"] / 1000.0 + bottom, heights, atol=5e-4)
        np.testing.assert_allclose(trace["x"], patch.x_mm, atol=1e-6)
    # The panels differ: the scar filled, more for the upper responder.
    depths = [-(t["z"].min() / 1000.0 + bottom) for t in out["data"]]
    assert depths[0] > depths[2] >= depths[1] >= depths[3]


def test_raised_scar_is_drawn_unflattened(keloid_result):
    patch = one_scar_patch(keloid_result)
    out = spec(surface_figure(patch, exaggerate=False, high_contrast=False))
    before = out["data"][0]["z"]
    for trace in out["data"][1:]:
        assert trace["z"].max() >= before.max()
    for frame in out["frames"]:
        for trace in frame["data"]:
            assert trace["z"].max() >= before.max()


# --- side light ---------------------------------------------------------------------


def test_side_light_flat_skin_slopes_and_shadow():
    e = np.radians(S.LIGHT_ELEVATION_DEG)
    step = 0.1
    flat = np.zeros((5, 40))
    np.testing.assert_allclose(S.side_light(flat, step), np.sin(e))
    # A wall rising towards +x faces the lamp (on the left): lighter than flat skin;
    # one falling towards +x faces away: darker.
    x = np.arange(40) * step
    rising = np.tile(0.2 * x, (5, 1))
    falling = -rising
    assert np.all(S.side_light(rising, step)[:, 1:-1] > np.sin(e))
    assert np.all(S.side_light(falling, step)[:, 1:-1] < np.sin(e))
    # A pit 0.5 mm deep with vertical walls: just inside its left wall is in shadow
    # for depth / tan(e) = 1.07 mm; its far side is lit like flat skin.
    pit = np.zeros((5, 60))
    pit[:, 20:50] = -0.5
    light = S.side_light(pit, step)
    assert np.all(light[:, 22:29] == 0.0)
    np.testing.assert_allclose(light[:, 34:48], np.sin(e))
    assert light.min() >= 0.0 and light.max() <= 1.0


def test_exaggeration_deepens_the_shadows(default_result):
    """The light falls on the drawn surface: 5 times higher walls cast longer shadows."""
    patch = one_scar_patch(default_result)
    true = spec(surface_figure(patch, exaggerate=False, high_contrast=False))
    tall = spec(surface_figure(patch, exaggerate=True, high_contrast=False))
    dark_true = int(np.sum(true["data"][0]["surfacecolor"] < 40))
    dark_tall = int(np.sum(tall["data"][0]["surfacecolor"] < 40))
    assert dark_tall > 2 * dark_true
    # At true scale the scar is still visible: part of it darker than flat skin.
    flat = round(np.sin(np.radians(S.LIGHT_ELEVATION_DEG)) * 255)
    assert int(true["data"][0]["surfacecolor"].min()) < flat - 60
    for trace in true["data"]:
        assert trace["lighting"]["diffuse"] == 0  # the colours carry the light
        assert trace["cmin"] == 0 and trace["cmax"] == 255


# --- animation ----------------------------------------------------------------------


def test_frames_are_the_time_steps(default_result):
    patch = one_scar_patch(default_result)
    steps = surface_steps(default_result)
    out = spec(surface_figure(patch, exaggerate=False, high_contrast=False, steps=steps))
    assert [f["name"] for f in out["frames"]] == [s.name for s in steps]
    # Named like the cross-section's frames: the day, e.g. "28".
    assert [s.name for s in steps] == [f"{d:g}" for d in frame_days(default_result, S.MAX_FRAMES)]
    assert {float(s.name) for s in steps} >= set(default_result.session_days.tolist())
    assert len(steps) == S.MAX_FRAMES
    for frame, step in zip(out["frames"], steps, strict=True):
        assert frame["traces"] == [1, 2, 3]
        assert f"Day {step.day:.0f}" in frame["layout"]["title"]["text"]
        f = int(np.flatnonzero(np.isclose(patch.frame_days, step.day))[0])
        _, (bottom, _) = S.box_mm(patch)
        np.testing.assert_allclose(
            frame["data"][0]["z"] / 1000.0 + bottom, patch.height_mm[f], atol=5e-4
        )
    # The first frame is before any fill; the last shows the end of follow-up.
    first = out["frames"][0]["data"][0]["z"]
    assert first.min() == out["data"][0]["z"].min()
    assert out["frames"][-1]["data"][0]["z"].min() > first.min()


def test_a_step_on_a_day_without_a_frame_is_refused(default_result):
    patch = one_scar_patch(default_result)
    with pytest.raises(ValueError, match=r"no frame on day 3\.5"):
        surface_figure(
            patch, exaggerate=False, high_contrast=False, steps=[TimeStep("3.5", 3.5, "x")]
        )


# --- the figure as Plotly gets it ---------------------------------------------------------


@pytest.mark.parametrize("contrast", [False, True])
def test_spec_is_valid_four_scenes_and_fonts_are_large_enough(mixed_patch, contrast):
    fig = surface_figure(mixed_patch, exaggerate=True, high_contrast=contrast)
    validated = go.Figure(fig.to_plotly_json())  # raises ValueError on any invalid property
    assert len(validated.data) == 4 and len(validated.frames) == len(fig.frames)
    layout = spec(fig)["layout"]
    assert [k for k in SCENES if k in layout] == list(SCENES)
    domains = [layout[k]["domain"] for k in SCENES]
    assert {tuple(d["x"]) for d in domains} == {(0.0, 0.5), (0.5, 1.0)}  # a 2 x 2 grid
    for k in SCENES:
        assert layout[k]["camera"] == layout["scene"]["camera"]
        assert layout[k]["dragmode"] is False
    sizes = [layout["font"]["size"], layout["title"]["font"]["size"]]
    sizes += [a["font"]["size"] for a in layout["annotations"]]
    assert min(sizes) >= (PROJECTOR_MIN_FONT_PX if contrast else MIN_FONT_PX)
    titles = " ".join(a["text"] for a in layout["annotations"])
    for words in ("Before", "typical patient", "weaker response", "stronger response"):
        assert words in titles


def test_mixed_patch_spec_is_well_under_a_megabyte(mixed_patch, mixed_results):
    steps = surface_steps(next(iter(mixed_results.values())))
    fig = surface_figure(mixed_patch, exaggerate=False, high_contrast=True, steps=steps)
    size = len(pio.to_json(fig, validate=False))
    assert size < 700_000, f"{size / 1e6:.2f} MB"


# --- words ----------------------------------------------------------------------------


def test_one_scar_text_gives_the_grade_in_words_with_its_range(default_result):
    patch = one_scar_patch(default_result)
    text = describe_surface(patch, {"boxcar_shallow": default_result})
    before, now = int(patch.grades[0, 0]), int(patch.grades[0, -1])
    better, worse = int(patch.grades_p90[0, -1]), int(patch.grades_p10[0, -1])
    assert before > now  # the default course improves the shallow boxcar's grade
    assert f"Grade {before} → {now}: “{goodman.GRADES[now].plain}”" in text
    assert better < worse and f"Typical range: grade {better} to {worse}" in text
    f = default_result.final
    assert (
        f"typical range {f['improvement_pct_p10']:.0f} % to {f['improvement_pct_p90']:.0f} %"
        in text
    )
    assert "true scale" in text
    assert "exaggerated" in describe_surface(
        patch, {"boxcar_shallow": default_result}, exaggerate=True
    )


def test_raised_scar_text_says_no_flattening(keloid_result):
    patch = one_scar_patch(keloid_result)
    text = outcome_markdown(patch, {"keloid": keloid_result})
    assert "no flattening" in text
    grade = int(patch.grades[0, 0])
    # A raised scar gets the words about a bump, not about stretching a dip.
    assert f"Grade {grade}, unchanged: “{goodman.GRADES[grade].plain_raised}”" in text
    assert "filled" not in text


def test_mixed_text_names_which_types_fill_and_gives_the_score_range(mixed_patch, mixed_results):
    text = describe_surface(mixed_patch, mixed_results)
    lines = dict(S.outcome_lines(mixed_patch, mixed_results))
    ice = next(v for k, v in lines.items() if k.startswith("Ice pick"))
    boxcar = next(v for k, v in lines.items() if k.startswith("Boxcar (shallow)"))
    assert ice.startswith("Barely changes")
    assert boxcar.startswith("About") and "Barely" not in boxcar
    assert "Ice pick, 8 of 13 scars" in lines
    low, high = int(mixed_patch.score_p90[-1]), int(mixed_patch.score_p10[-1])
    score = f"{int(mixed_patch.score[0])} before, {int(mixed_patch.score[-1])} now"
    assert score in text
    assert (f"typical range {low} to {high}" in text) or (low == high)
    assert "Jacob, Dover & Kaminer" in text
    for kind, (lo, hi) in P.JACOB_PROPORTIONS_PCT.items():
        assert f"published {lo}-{hi} %" in text, kind


def test_no_treatment_text_says_nothing_changes():
    result = simulate(Scenario(scar="rolling", sessions=0))
    patch = one_scar_patch(result)
    text = describe_surface(patch, {"rolling": result})
    assert "Without treatment" in text and "unchanged" in text


def test_the_app_sends_the_surface_as_plotly_would(default_result):
    """``figure_json`` of the spec (what the page caches) is ``plotly.io.to_json`` of the figure."""
    patch = one_scar_patch(default_result)
    options = {"exaggerate": True, "high_contrast": False}
    sent = json.loads(figure_json(S.surface_spec(patch, **options)))
    assert sent == json.loads(pio.to_json(surface_figure(patch, **options), validate=False))


@pytest.mark.parametrize("contrast", [False, True])
def test_every_arrangement_places_four_panels_side_by_side_without_overlap(
    default_result, contrast
):
    """``layout.meta.layouts`` (the browser picks one by width): narrowest first, the
    figure drawn with the first; in each, the panels lie inside the plot, do not overlap,
    and each title stands on its panel."""
    spec = S.surface_spec(one_scar_patch(default_result), exaggerate=False, high_contrast=contrast)
    layouts = spec["layout"]["meta"]["layouts"]
    widths = [option["min_plot_px"] for option in layouts]
    assert widths == sorted(widths) and widths[0] == 0
    assert layouts[0]["layout"]["height"] == spec["layout"]["height"], "drawn with the first"
    for option in layouts:
        shape = option["layout"]
        boxes = [shape[S._scene_name(k)]["domain"] for k in range(len(S.PANELS))]
        for box in boxes:
            assert 0 <= box["x"][0] < box["x"][1] <= 1 and 0 <= box["y"][0] < box["y"][1] <= 1
        for a, b in itertools.combinations(boxes, 2):
            apart_x = a["x"][1] <= b["x"][0] + 1e-9 or b["x"][1] <= a["x"][0] + 1e-9
            apart_y = a["y"][1] <= b["y"][0] + 1e-9 or b["y"][1] <= a["y"][0] + 1e-9
            assert apart_x or apart_y, f"panels overlap in {option['min_plot_px']}: {a} {b}"
        titles = shape["annotations"][: len(S.PANELS)]
        for title, box in zip(titles, boxes, strict=True):
            assert title["y"] == box["y"][1] and title["yanchor"] == "bottom"
            assert title["x"] == pytest.approx((box["x"][0] + box["x"][1]) / 2)
    one_row = layouts[-1]["layout"]
    assert len({one_row[S._scene_name(k)]["domain"]["y"][0] for k in range(4)}) == 1


@pytest.mark.parametrize("code", ["es", "ar"])
def test_outcome_text_translates_all_but_the_citations(mixed_patch, mixed_results, code):
    """Only the citations stay in English ("Goodman & Baron, J Cosmet Dermatol 2006;5:48"):
    the scales' names and the caveat on the quantitative table are translated (they were
    part of an untranslated citation text)."""
    with speaking(code):
        text = outcome_markdown(mixed_patch, mixed_results)
    assert "Goodman & Baron, Dermatol Surg 2006;32:1458" in text
    assert "Goodman & Baron, J Cosmet Dermatol 2006;5:48" in text
    for english in ("grading", "published table", "re-read", "relying on a score"):
        assert english not in text, english
