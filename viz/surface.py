r"""A patch of skin in 3-D, as a person sees it under light from the side.

Four panels of the same patch (:class:`sim.patch.Patch`): before treatment,
now for the typical (median) patient, and now for a patient who responds less
(lower responder, 10th percentile of improvement) and more (upper responder,
90th). Every panel has the same camera, box and colours, so the four compare
point by point.

Side light
----------
Scars show best under light from a low angle. Each point's colour is the
light it gets from a distant lamp on the left, :data:`LIGHT_ELEVATION_DEG`
above the skin's plane (Lambert's law, computed here in millimetres):

.. math:: I = \max\!\left(0,\ \frac{h_x\cos e + \sin e}{\sqrt{1 + h_x^2 + h_y^2}}\right),

with :math:`h_x, h_y` the slopes of the drawn surface and :math:`e` the
elevation; a point whose view of the lamp is blocked by the surface to its
left is in shadow (:math:`I = 0`). A skin-coloured scale turns :math:`I` into
colour: flat skin gets the skin tone, slopes facing the lamp are lighter,
slopes facing away and shadows darker. Plotly's own ``lighting`` is switched
off (ambient light only): Plotly lights the scene's box after stretching the
heights to fill it, so its light would look the same at true scale as
exaggerated, and a scar 0.1 mm deep as bold as one 1 mm deep.

Scale
-----
Heights are drawn **true to scale** (the box's height over its width is the
height range in mm over the patch's width in mm), or exaggerated
:data:`EXAGGERATION` times, as the figure says under the panels; the light
falls on the drawn surface. The animation runs in the browser: one Plotly
frame per time step (:func:`viz.cross_section.time_steps`, same names), so
the page's time controls drive it like the cross-section.

Size
----
Heights go to the browser as whole micrometres above the bottom of the box
(uint16) and the light as 0-255 (uint8), a third of what 32-bit floats
would take: the mixed patch's figure is about 0.6 MB of JSON (8 frames; 0.78 MB
with 10 sessions, 11 frames).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from sim.goodman import GRADES, scale_sources
from sim.model import Result
from sim.patch import JACOB_PROPORTIONS_PCT, Patch, jacob_type
from sim.registry import choice_label
from viz.cross_section import TimeStep, fill_range_text, frame_days, frame_label
from viz.describe import duration_text, protocol_text
from viz.i18n import N_, _, comma_list, ngettext, number, pct_text, semicolon_list
from viz.style import Theme, figure_from_spec, merged, template_spec, theme, theme_layout

EXAGGERATION = 5.0
"""Height exaggeration of the switch "Exaggerate height ×5" (a display choice)."""

PANELS = (
    # TRANSLATORS: title of a 3-D panel, in two lines: "Before" / "treatment".
    ("before", N_("Before"), N_("treatment")),
    # TRANSLATORS: title of a 3-D panel, in two lines: "Now" / "typical patient".
    ("median", N_("Now"), N_("typical patient")),
    # TRANSLATORS: title of a 3-D panel, in two lines: "Now" / "weaker response".
    ("p10", N_("Now"), N_("weaker response")),
    # TRANSLATORS: title of a 3-D panel, in two lines: "Now" / "stronger response".
    ("p90", N_("Now"), N_("stronger response")),
)
"""Key and on-screen title (two lines, marked with ``N_``: translated where drawn) of
each panel, in order (scene, scene2, ...)."""

PANEL_HEIGHT_PX = 195
"""Height of one 3-D panel on a phone. Plotly sizes a 3-D scene by its height, so the
box is about 0.85 times as wide as this: it fits half of a phone's 390 px, where the
2 x 2 grid leaves each panel about 180 px."""

GRIDS = ((0, 2, PANEL_HEIGHT_PX), (600, 2, 280), (900, 4, 260))
"""The panels' arrangement by the plot's width: ``(from this many px of plot width,
columns, panel height in px)``, narrowest first. A display choice: on a phone a 2 x 2
grid of 195 px panels; from 600 px (a 1024 px projector with the sidebar open) larger
panels; from 900 px (a laptop) the four panels in one row, so that *before* and
*after* are compared at a glance without scrolling. The server draws the first; the
browser picks by the chart's width (``layout.meta.layouts``, read by
``pages/_live_chart.js``)."""

CAMERA = {
    "eye": {"x": 0.0, "y": -0.6, "z": 1.55},
    "center": {"x": 0.0, "y": 0.0, "z": -0.1},
    "up": {"x": 0.0, "y": 0.0, "z": 1.0},
}
"""One camera for all panels: in front of the patch, about 69° above its plane, as
close as lets the box fit half of a phone's width (checked in screenshots at 390 px)."""

LIGHT_ELEVATION_DEG = 25.0
"""Height of the lamp above the skin's plane (a display choice: low enough that
dips and bumps throw shadows, as under a clinic's side light)."""

NO_LIGHTING = {"ambient": 1.0, "diffuse": 0.0, "specular": 0.0, "roughness": 1.0, "fresnel": 0.0}
"""Plotly's lighting off: the colours carry the side light (:func:`side_light`)."""

SKIN_COLOURS = {
    False: {"shadow": "#6b4535", "skin": "#e2b592", "lit": "#fbe7d6"},
    True: {"shadow": "#3d2219", "skin": "#dba57c", "lit": "#fff1e4"},
}
"""Colours of skin in shadow, of flat skin and of skin facing the lamp (normal
and projector mode: a projected picture loses contrast, so its shadows are darker)."""


def side_light(height_mm: np.ndarray, step_mm: float) -> np.ndarray:
    """Light (0-1) at each point of a surface ``[y, x]`` from a lamp far to the left.

    Lambert's law with the lamp :data:`LIGHT_ELEVATION_DEG` above the plane, in
    the direction of +x; 0 in cast shadow (the surface to the left rises above
    the ray to the lamp by more than the ray rises over one grid step; less
    than that is half-shadow). Flat skin gets ``sin(elevation)``.

    Parameters
    ----------
    height_mm : ndarray, shape (..., ny, nx)
        Heights of the drawn surface (mm), on a square grid.
    step_mm : float
        Grid spacing (mm).
    """
    h = np.asarray(height_mm, dtype=float)
    e = np.radians(LIGHT_ELEVATION_DEG)
    dh_dy, dh_dx = np.gradient(h, step_mm, axis=(-2, -1))
    light = (dh_dx * np.cos(e) + np.sin(e)) / np.sqrt(1.0 + dh_dx**2 + dh_dy**2)
    # Shadow: the ray to the lamp rises tan(e) per mm towards -x; a point is shaded
    # when some point to its left stands above that ray.
    # The shadow's edge is softened over one grid step of the ray's rise, so that it
    # does not show the grid's steps ...
    rise_mm = np.tan(e) * step_mm
    g = h + np.arange(h.shape[-1]) * rise_mm
    below_mm = np.maximum.accumulate(g, axis=-1) - g
    lit = np.clip(1.0 - below_mm / rise_mm, 0.0, 1.0)
    # ... and across the rows (weights 1/4, 1/2, 1/4 along y).
    padded = np.concatenate([lit[..., :1, :], lit, lit[..., -1:, :]], axis=-2)
    lit = 0.25 * padded[..., :-2, :] + 0.5 * padded[..., 1:-1, :] + 0.25 * padded[..., 2:, :]
    return np.clip(light, 0.0, 1.0) * lit


def _frame_indices(patch: Patch, steps: Sequence[TimeStep]) -> list[int]:
    """Index in ``patch.frame_days`` of each step's day; ValueError if a day is missing."""
    indices = []
    for step in steps:
        hits = np.flatnonzero(np.isclose(patch.frame_days, step.day))
        if hits.size == 0:
            raise ValueError(f"the patch has no frame on day {step.day:g} (step {step.name!r})")
        indices.append(int(hits[0]))
    return indices


MAX_FRAMES = 8
"""Animation frames of the surface (more when there are more sessions: every session
day is one): each frame carries two arrays per panel, so fewer than the
cross-section's keep the mixed patch's figure near 0.6 MB."""


def surface_steps(result: Result) -> tuple[TimeStep, ...]:
    """The surface's animation frames (:data:`MAX_FRAMES`, the first and last day and
    every session day among them), named and labelled like the cross-section's."""
    return tuple(
        TimeStep(name=f"{day:g}", day=float(day), label=frame_label(result, float(day)))
        for day in frame_days(result, MAX_FRAMES)
    )


def default_steps(patch: Patch) -> tuple[TimeStep, ...]:
    """One step per frame of the patch, named by its day like the cross-section's."""
    return tuple(
        TimeStep(name=f"{day:g}", day=float(day), label=_("Day {day}").format(day=number(day)))
        for day in patch.frame_days
    )


def height_range_mm(patch: Patch) -> tuple[float, float]:
    """Lowest and highest height of every panel at every frame, with the skin's level (0)."""
    arrays = (patch.before_mm, patch.height_mm, patch.height_p10_mm, patch.height_p90_mm)
    low = min(0.0, *(float(a.min()) for a in arrays))
    high = max(0.0, *(float(a.max()) for a in arrays))
    return low, high


BOX_PAD_MM = 0.01
"""Room between the heights and the top and bottom of the drawn box (10 µm).

Plotly clips a surface at its box: a surface lying exactly on the box's top
(the skin around a depressed scar) was clipped at random pixels, which showed
as white streaks."""


def box_mm(patch: Patch) -> tuple[tuple[float, float], tuple[float, float]]:
    """The drawn box: its lateral range (x and y, mm) and its height range (mm).

    Laterally half a grid cell beyond the outer cell centres; in height
    :data:`BOX_PAD_MM` beyond the lowest and highest point of any panel.
    """
    half = float(patch.x_mm[1] - patch.x_mm[0]) / 2 if patch.x_mm.size > 1 else 0.5
    low, high = height_range_mm(patch)
    lateral = (float(patch.x_mm[0]) - half, float(patch.x_mm[-1]) + half)
    return lateral, (low - BOX_PAD_MM, high + BOX_PAD_MM)


def z_aspect(patch: Patch, exaggerate: bool) -> float:
    """Height of the drawn box over its width: true scale (the box's height in mm over
    its width in mm), times :data:`EXAGGERATION` when exaggerated."""
    (left, right), (bottom, top) = box_mm(patch)
    return (top - bottom) / (right - left) * (EXAGGERATION if exaggerate else 1.0)


SCALE_LABELS = {False: N_("True scale"), True: N_("Height exaggerated ×5")}
"""What the figure says under its panels about the height scale (marked with ``N_``)."""


def scale_note(exaggerate: bool) -> str:
    """The height scale in a sentence (for the text description)."""
    if exaggerate:
        return _("height exaggerated 5 times (dips and bumps are drawn 5 times deeper or higher)")
    return _("true scale (dips and bumps are drawn as deep or as high as they are)")


def patch_name(patch: Patch) -> str:
    """``"1 × 1 cm"``, ``"1.4 × 1.4 cm"``: the patch's size."""
    side_cm = float(patch.x_mm[-1] - patch.x_mm[0]) / 10.0
    decimals = next((d for d in range(3) if round(side_cm, d) == round(side_cm, 3)), 3)
    side = number(side_cm, decimals)
    return _("{side} × {side} cm").format(side=side)


def drawn_z(height_mm: np.ndarray, low_mm: float) -> np.ndarray:
    """What the figure sends as ``z``: height above ``low_mm`` (the bottom of the drawn
    box, :func:`box_mm`) in whole µm, as uint16.

    Not signed heights: the base64 of small negative integers is full of "/",
    which Plotly's JSON writes as six characters (the mixed patch's figure was
    0.91 MB instead of 0.56 MB).
    """
    return np.round((np.asarray(height_mm) - low_mm) * 1000.0).astype(np.uint16)


def light_colourscale(t: Theme) -> list[list]:
    """Colour of the light level 0-1 (:func:`side_light`): shadow, flat skin (at
    ``sin(elevation)``), skin facing the lamp."""
    colours = SKIN_COLOURS[t.high_contrast]
    flat = float(np.sin(np.radians(LIGHT_ELEVATION_DEG)))
    return [[0.0, colours["shadow"]], [flat, colours["skin"]], [1.0, colours["lit"]]]


def drawn_light(height_mm: np.ndarray, step_mm: float, exaggeration: float) -> np.ndarray:
    """What the figure sends as ``surfacecolor``: the side light on the drawn surface
    (heights times ``exaggeration``) as 0-255, uint8."""
    light = side_light(np.asarray(height_mm) * exaggeration, step_mm)
    return np.round(light * 255.0).astype(np.uint8)


def _title_row_px(t: Theme) -> int:
    """Height of a row of panel titles (two lines)."""
    return round(2.5 * t.font_px) + 8


def _domains(t: Theme, columns: int, panel_px: int) -> tuple[list[dict], int]:
    """Scene domains of the panels in a grid of ``columns`` (paper fractions) and the
    plot area's height (px): each row is a line of titles above panels ``panel_px`` high."""
    rows = -(-len(PANELS) // columns)
    row_px = _title_row_px(t) + panel_px
    plot_px = rows * row_px
    domains = []
    for k in range(len(PANELS)):
        row, col = divmod(k, columns)
        top_px = row * row_px + _title_row_px(t)
        domains.append(
            {
                "x": [col / columns, (col + 1) / columns],
                "y": [1.0 - (top_px + panel_px) / plot_px, 1.0 - top_px / plot_px],
            }
        )
    return domains, plot_px


def _panel_titles(domains: Sequence[dict], t: Theme) -> list[dict]:
    """Each panel's two-line title, centred above it."""
    return [
        {
            "text": f"<b>{_(title)}</b><br>{_(detail)}",
            "xref": "paper",
            "yref": "paper",
            "x": (domain["x"][0] + domain["x"][1]) / 2,
            "xanchor": "center",
            "y": domain["y"][1],
            "yanchor": "bottom",
            "align": "center",
            "showarrow": False,
            "font": {"size": t.font_px},
        }
        for (_key, title, detail), domain in zip(PANELS, domains, strict=True)
    ]


def _grid_layout(t: Theme, columns: int, panel_px: int, margin: dict, note: dict) -> dict:
    """What one arrangement of :data:`GRIDS` sets in the layout: the height, each
    scene's domain and the titles (with the note under the panels)."""
    domains, plot_px = _domains(t, columns, panel_px)
    return {
        "height": margin["t"] + plot_px + margin["b"],
        "annotations": [*_panel_titles(domains, t), note],
        **{_scene_name(k): {"domain": domain} for k, domain in enumerate(domains)},
    }


def _scene_name(k: int) -> str:
    """Plotly's name of the ``k``-th 3-D scene: ``scene``, ``scene2``, ..."""
    return "scene" if k == 0 else f"scene{k + 1}"


def _frame_title(step: TimeStep) -> str:
    day = step.day
    return _("Day {day} (week {week})").format(day=number(day), week=number(day / 7))


def surface_figure(
    patch: Patch,
    *,
    exaggerate: bool,
    high_contrast: bool,
    steps: Sequence[TimeStep] | None = None,
) -> go.Figure:
    """:func:`surface_spec` as a figure (built without validation, see
    :func:`viz.style.figure_from_spec`)."""
    return figure_from_spec(
        surface_spec(patch, exaggerate=exaggerate, high_contrast=high_contrast, steps=steps)
    )


def surface_spec(
    patch: Patch,
    *,
    exaggerate: bool,
    high_contrast: bool,
    steps: Sequence[TimeStep] | None = None,
) -> dict[str, object]:
    """The patch in four 3-D panels (before, now, lower and upper responder), animated,
    as a Plotly spec ``{"data", "layout", "frames"}``.

    Parameters
    ----------
    patch : sim.patch.Patch
        Heights of the patch over the course.
    exaggerate : bool
        Draw heights :data:`EXAGGERATION` times their true scale (the figure says so).
    high_contrast : bool
        Projector mode: larger text, stronger colours.
    steps : sequence of TimeStep, optional
        The animation's frames (:func:`surface_steps` of one of the patch's
        results); default: every frame of the patch. The figure itself
        shows the last step.

    Returns
    -------
    dict
        Four ``surface`` traces in scenes ``scene`` ... ``scene4`` (order of
        :data:`PANELS`): ``z`` in µm above the box's bottom (:func:`drawn_z`),
        ``surfacecolor`` the side light (:func:`drawn_light`); the box's aspect ratio is
        ``(1, 1, z_aspect(patch, exaggerate))``, so heights are true to scale
        unless exaggerated. One frame per step, named as the step, updating
        traces 1-3 and the title.
    """
    t = theme(high_contrast)
    steps = tuple(steps) if steps is not None else default_steps(patch)
    if not steps:
        raise ValueError("surface_figure needs at least one time step")
    frames_at = _frame_indices(patch, steps)
    lateral, (low, high) = box_mm(patch)
    x = patch.x_mm.astype(np.float32)
    y = patch.y_mm.astype(np.float32)
    x_range = list(lateral)
    z_range = [0, round((high - low) * 1000.0)]
    aspect = z_aspect(patch, exaggerate)
    factor = EXAGGERATION if exaggerate else 1.0
    step_mm = float(patch.x_mm[1] - patch.x_mm[0])
    series = (patch.height_mm, patch.height_p10_mm, patch.height_p90_mm)

    def surface(z: np.ndarray, k: int, full: bool) -> dict:
        trace: dict[str, object] = {
            "type": "surface",
            "z": drawn_z(z, low),
            "surfacecolor": drawn_light(z, step_mm, factor),
        }
        if full:
            trace.update(
                x=x,
                y=y,
                scene=_scene_name(k),
                name=f"{_(PANELS[k][1])}, {_(PANELS[k][2])}",
                colorscale=light_colourscale(t),
                cmin=0,
                cmax=255,
                showscale=False,
                lighting=NO_LIGHTING,
                hoverinfo="skip",
                contours={axis: {"highlight": False, "show": False} for axis in ("x", "y", "z")},
            )
        return trace

    last = frames_at[-1]
    data = [surface(patch.before_mm, 0, True)] + [
        surface(s[last], k + 1, True) for k, s in enumerate(series)
    ]
    hidden_axis = {
        "visible": False,
        "showspikes": False,
        "showgrid": False,
        "zeroline": False,
        "showbackground": False,
    }
    scene = {
        "aspectmode": "manual",
        "aspectratio": {"x": 1.0, "y": 1.0, "z": aspect},
        "xaxis": {**hidden_axis, "range": x_range},
        "yaxis": {**hidden_axis, "range": x_range},
        "zaxis": {**hidden_axis, "range": z_range},
        "camera": CAMERA,
        "dragmode": False,
        "hovermode": False,
        "bgcolor": t.background,
    }
    note = {
        "text": f"<b>{_(SCALE_LABELS[exaggerate])}</b><br>"
        # TRANSLATORS: {patch} is a size, e.g. "1 × 1 cm".
        + _("{patch} of cheek, lit from the side").format(patch=patch_name(patch)),
        "xref": "paper",
        "yref": "paper",
        "x": 0.0,
        "xanchor": "left",
        "y": 0.0,
        "yanchor": "top",
        "yshift": -6,
        "align": "left",
        "showarrow": False,
        "font": {"size": t.small_px},
    }
    margin = {"l": 4, "r": 4, "t": t.title_px + 24, "b": 2 * t.small_px + 30}
    grids = [
        {"min_plot_px": width_px, "layout": _grid_layout(t, columns, panel_px, margin, note)}
        for width_px, columns, panel_px in GRIDS
    ]
    layout = merged(
        {
            **theme_layout(t),
            "template": template_spec(),
            "margin": margin,
            "showlegend": False,
            "title": {
                "text": _frame_title(steps[-1]),
                "font": {"size": t.title_px},
                "x": 0.0,
                "xanchor": "left",
                "xref": "paper",
            },
            **{_scene_name(k): scene for k in range(len(PANELS))},
            # The arrangement for each screen width (GRIDS); the browser picks one.
            "meta": {"layouts": grids},
        },
        grids[0]["layout"],
    )
    for axis in ("xaxis", "yaxis"):
        layout.pop(axis)
    frames = [
        {
            "name": step.name,
            "data": [surface(s[f], k + 1, False) for k, s in enumerate(series)],
            "traces": [1, 2, 3],
            "layout": {"title": {"text": _frame_title(step)}},
        }
        for step, f in zip(steps, frames_at, strict=True)
    ]
    return {"data": data, "layout": layout, "frames": frames}


# --- words --------------------------------------------------------------------------


def grade_words(grade: int, *, raised: bool = False) -> str:
    """The grade's patient words in quotes: ``“Hard to notice across a table; ...”``
    (words about a bump for a raised scar)."""
    # TRANSLATORS: a patient's words in quotation marks (use your language's marks).
    return _("“{words}”").format(words=_(GRADES[grade].words(raised=raised)))


def _type_groups(patch: Patch) -> dict[str, list[int]]:
    """Scar preset → indices of its scars in the patch (order of first appearance)."""
    groups: dict[str, list[int]] = {}
    for i, placed in enumerate(patch.scars):
        groups.setdefault(placed.scar, []).append(i)
    return groups


BARELY_PCT = 15.0
"""A depressed scar "barely changes" when even the upper responder's fill is below
this (%; a choice of wording, not a clinical threshold)."""


def grade_text(before: int, now: int, worse: int, better: int, *, raised: bool = False) -> str:
    """``Grade 3 → 2: “...”`` with the typical range of the grade and its words.

    ``worse`` and ``better`` are the lower and upper responder's grades now.
    """
    if before == now == worse == better:
        return _("Grade {grade}, unchanged: {words}").format(
            grade=now, words=grade_words(now, raised=raised)
        )
    text = _("Grade {before} → {now}: {words}").format(
        before=before, now=now, words=grade_words(now, raised=raised)
    )
    if worse != better:
        others = semicolon_list(
            _("grade {grade}: {words}").format(grade=g, words=grade_words(g, raised=raised))
            for g in sorted({better, worse} - {now})
        )
        text += " " + _("Typical range: grade {better} to {worse} ({others}).").format(
            better=better, worse=worse, others=others
        )
    return text


def scar_outcome(patch: Patch, result: Result, index: int) -> str:
    """One scar's outcome in plain words: how much it fills (with the typical range),
    then its grade before → now in a patient's words, with the grade's typical range.

    A raised scar: its height, unchanged, and why (no flattening).
    """
    grade = grade_text(
        int(patch.grades[index, 0]),
        int(patch.grades[index, -1]),
        int(patch.grades_p10[index, -1]),
        int(patch.grades_p90[index, -1]),
        raised=result.scenario.scar_type.is_raised,
    )
    f = result.final
    if result.scenario.scar_type.is_raised:
        change = _(
            "Still {now} mm above the skin (it was {before} mm): needling gives a raised scar "
            "no flattening, because it already has too much collagen."
        ).format(now=number(f["raised_height_mm"], 1), before=number(result.raised_height_mm[0], 1))
    elif result.scenario.sessions == 0:
        change = _("No treatment: the scar stays as it is.")
    elif f["improvement_pct_p90"] < BARELY_PCT:
        # TRANSLATORS: {filled} e.g. "8 %"; {spread} e.g. "typical range 5 % to 12 %".
        change = _("Barely changes: about {filled} filled ({spread}).").format(
            filled=pct_text(f["improvement_pct"]),
            spread=fill_range_text(f["improvement_pct_p10"], f["improvement_pct_p90"]),
        )
    else:
        # TRANSLATORS: {filled} e.g. "40 %"; {spread} e.g. "typical range 25 % to 55 %".
        change = _("About {filled} filled ({spread}).").format(
            filled=pct_text(f["improvement_pct"]),
            spread=fill_range_text(f["improvement_pct_p10"], f["improvement_pct_p90"]),
        )
    return f"{change} {grade}"


def outcome_lines(patch: Patch, results: Mapping[str, Result]) -> list[tuple[str, str]]:
    """Per scar type of the patch: (name with count, outcome in plain words)."""
    lines = []
    for name, indices in _type_groups(patch).items():
        count = len(indices)
        label = _(choice_label("scar", name))
        total = len(patch.scars)
        if total == 1:
            title = label
        else:
            # TRANSLATORS: {scar} is a scar type, e.g. "Ice pick".
            title = ngettext(
                "{scar}, {count} of {total} scar", "{scar}, {count} of {total} scars", total
            ).format(scar=label, count=number(count), total=number(total))
        lines.append((title, scar_outcome(patch, results[name], indices[0])))
    return lines


def score_text(patch: Patch) -> str:
    """The patch's quantitative score before and now, with its range."""
    before, now = int(patch.score[0]), int(patch.score[-1])
    low, high = int(patch.score_p90[-1]), int(patch.score_p10[-1])
    if low == high:
        return _(
            "Scar score (Goodman & Baron's quantitative scale, 0-84, lower is better): "
            "{before} before, {now} now (the same across the typical range)."
        ).format(before=number(before), now=number(now))
    return _(
        "Scar score (Goodman & Baron's quantitative scale, 0-84, lower is better): "
        "{before} before, {now} now (typical range {low} to {high})."
    ).format(before=number(before), now=number(now), low=number(low), high=number(high))


def _when(result: Result) -> str:
    s = result.scenario
    if s.sessions == 0:
        return _("Without treatment")
    if s.follow_up_days == 0:
        # TRANSLATORS: {protocol} is e.g. "3 sessions 4 weeks apart".
        return _("After {protocol}, on the day of the last session").format(
            protocol=protocol_text(result)
        )
    # TRANSLATORS: {protocol} is e.g. "3 sessions 4 weeks apart"; {duration} e.g. "6 months".
    return _("After {protocol}, {duration} after the last session").format(
        protocol=protocol_text(result), duration=duration_text(s.follow_up_days)
    )


JACOB_WORDS = {
    # TRANSLATORS: a type of acne scar (Jacob 2001), in lower case.
    "ice_pick": N_("ice pick"),
    # TRANSLATORS: a type of acne scar (Jacob 2001), in lower case.
    "boxcar": N_("boxcar"),
    # TRANSLATORS: a type of acne scar (Jacob 2001), in lower case.
    "rolling": N_("rolling"),
}
"""Jacob's scar types (keys of :data:`sim.patch.JACOB_PROPORTIONS_PCT`) in words."""


def mix_text(patch: Patch) -> str:
    """What the mixed patch holds, with Jacob's proportions."""
    counts: dict[str, int] = {}
    for placed in patch.scars:
        counts[jacob_type(placed.scar)] = counts.get(jacob_type(placed.scar), 0) + 1
    n = len(patch.scars)
    parts = comma_list(
        # TRANSLATORS: {count} scars of type {kind} (e.g. "9 ice pick"), their share and
        # the share Jacob, Dover & Kaminer published.
        _("{count} {kind} ({share} %; published {low}-{high} %)").format(
            count=number(counts.get(kind, 0)),
            kind=_(JACOB_WORDS.get(kind, kind)),
            share=number(100 * counts.get(kind, 0) / n),
            low=number(low),
            high=number(high),
        )
        for kind, (low, high) in JACOB_PROPORTIONS_PCT.items()
    )
    # TRANSLATORS: {parts} lists the scar types with their counts and shares.
    return ngettext(
        "{n} scar: {parts}; the proportions of acne scar types Jacob, Dover & Kaminer "
        "report (J Am Acad Dermatol 2001). Where they sit is a modelling choice.",
        "{n} scars: {parts}; the proportions of acne scar types Jacob, Dover & Kaminer "
        "report (J Am Acad Dermatol 2001). Where they sit is a modelling choice.",
        n,
    ).format(n=number(n), parts=parts)


def describe_surface(
    patch: Patch, results: Mapping[str, Result], *, exaggerate: bool = False
) -> str:
    """Text description of :func:`surface_figure` and of the outcome, for screen readers.

    Says what the four panels show, the scale, and for each scar type how much
    it fills (with the typical range) and its grade before and now in a
    patient's words; for the mixed patch also the quantitative score with its range.
    """
    first = next(iter(results.values()))
    days = float(patch.frame_days[-1])
    # TRANSLATORS: {patch} is a size, e.g. "1 × 1 cm"; {scale} e.g. "true scale (...)".
    head = _(
        "Four 3-D views of a {patch} patch of cheek, lit from the side: before treatment; "
        "day {day} for a typical patient; and day {day} for a patient whose skin responds "
        "less and one whose skin responds more (8 in 10 patients fall between these two). "
        "Drawn at {scale}."
    ).format(patch=patch_name(patch), day=number(days), scale=scale_note(exaggerate))
    if len(patch.scars) > 1:
        head += " " + mix_text(patch)
    body = " ".join(f"{title}: {text}" for title, text in outcome_lines(patch, results))
    text = f"{head} {_when(first)}: {body}"
    if len(patch.scars) > 1:
        text += " " + score_text(patch)
    return text


def outcome_markdown(patch: Patch, results: Mapping[str, Result]) -> str:
    """The outcome as a Markdown list (one item per scar type), then the score of a
    mixed patch and the sources of the scales."""
    first = next(iter(results.values()))
    items = "\n".join(f"- **{title}**: {text}" for title, text in outcome_lines(patch, results))
    text = f"{_when(first)}:\n\n{items}"
    if len(patch.scars) > 1:
        text += f"\n\n{score_text(patch)}"
    sources = scale_sources(_, quantitative=len(patch.scars) > 1)
    # TRANSLATORS: {sources} are citations of Goodman & Baron's scales, each with its
    # name in words (translated separately).
    grades = _(
        "Grades: {sources}. The grade is estimated from the model's surface "
        "(a modelling choice); clinicians grade by eye."
    ).format(sources=sources)
    return f"{text}\n\n{grades}"
