"""Skin tone: pigmentation risk of needling vs fractional laser, and why."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from viz.style import OKABE_ITO, apply_theme, theme

ROMAN = ("I", "II", "III", "IV", "V", "VI")

EXTRAPOLATED_TYPES = (1, 2, 6)
"""Skin types whose pigmentation risks are extrapolations.

The laser curve (and the needling risk derived from it) is anchored at type IV
(fractional CO2 courses) and extended by an odds ratio per skin type; the
pigmentation studies are mostly of types III-V. Types I, II and VI lie
furthest from them.
"""

EXTRAPOLATED_NOTE = "* extrapolated beyond the published skin types"

EXTRAPOLATED_OPACITY = 0.45
"""Opacity of the bars of extrapolated skin types (published ones are opaque)."""


def extrapolated_types_text(types: Sequence[int] = EXTRAPOLATED_TYPES) -> str:
    """Skin types in Roman numerals, in words.

    Examples
    --------
    >>> extrapolated_types_text()
    'I, II and VI'
    """
    names = [ROMAN[f - 1] for f in sorted(types)]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


SKIN_TONES = ("#f5dcc8", "#e8c1a0", "#cf9e77", "#a8754f", "#7b5034", "#4a2f1f")
"""Illustrative epidermis colours of Fitzpatrick types I-VI (drawing only)."""


def _range_bars(
    values: Sequence[float], ranges: Sequence[tuple[float, float]] | None, colour: str
) -> dict[str, object] | None:
    """Plotly ``error_y`` for a (low, high) range around each value, or None."""
    if ranges is None:
        return None
    return {
        "type": "data",
        "symmetric": False,
        "array": [hi - v for v, (_, hi) in zip(values, ranges, strict=True)],
        "arrayminus": [v - lo for v, (lo, _) in zip(values, ranges, strict=True)],
        "color": colour,
        "thickness": 2,
        "width": 6,
    }


def pigmentation_figure(
    needling_pct: Sequence[float],
    laser_pct: Sequence[float],
    fitzpatrick: int,
    *,
    needling_range_pct: Sequence[tuple[float, float]] | None = None,
    laser_range_pct: Sequence[tuple[float, float]] | None = None,
    high_contrast: bool = False,
) -> go.Figure:
    """Chance of dark marks after a course, needling vs fractional laser, types I-VI.

    Parameters
    ----------
    needling_pct, laser_pct : sequence of float
        Central risk (%) for types I-VI.
    fitzpatrick : int
        The chosen skin type (outlined).
    needling_range_pct, laser_range_pct : sequence of (low, high), optional
        Range of each risk (%), drawn as error bars; then no value is printed on
        the bars, because the central value is not a confident point.

    Returns
    -------
    plotly.graph_objects.Figure
        Two bar traces, ``"Microneedling"`` and ``"Fractional laser"``, with
        ``y`` in %; the chosen skin type is outlined. Types in
        :data:`EXTRAPOLATED_TYPES` have faded bars and a ``*`` after their
        label, explained by a note below the axis.
    """
    t = theme(high_contrast)
    labels = [
        f"Type {r}*" if k + 1 in EXTRAPOLATED_TYPES else f"Type {r}" for k, r in enumerate(ROMAN)
    ]
    opacity = [EXTRAPOLATED_OPACITY if f in EXTRAPOLATED_TYPES else 1.0 for f in range(1, 7)]
    ranged = needling_range_pct is not None and laser_range_pct is not None
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels,
            y=list(needling_pct),
            name="Microneedling",
            marker={"color": OKABE_ITO["blue"], "opacity": opacity},
            text=None if ranged else [f"{v:.1f} %" for v in needling_pct],
            textposition="outside",
            error_y=_range_bars(needling_pct, needling_range_pct, t.text),
            hovertemplate="%{x}, needling: %{y:.1f} %<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=labels,
            y=list(laser_pct),
            name="Fractional laser",
            marker={
                "color": OKABE_ITO["vermillion"],
                "opacity": opacity,
                "pattern": {"shape": "x", "fgcolor": "white"},
            },
            text=None if ranged else [f"{v:.1f} %" for v in laser_pct],
            textposition="outside",
            error_y=_range_bars(laser_pct, laser_range_pct, t.text),
            hovertemplate="%{x}, laser: %{y:.1f} %<extra></extra>",
        )
    )
    highs = [hi for pair in (laser_range_pct or ()) for hi in pair[1:]]
    top = max(max(laser_pct), max(needling_pct), *highs, 1.0) * 1.2
    k = fitzpatrick - 1
    apply_theme(fig, t, height=510)
    fig.update_layout(
        barmode="group",
        shapes=[
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": k - 0.5,
                "x1": k + 0.5,
                "y0": 0,
                "y1": 1,
                "line": {"color": t.text, "width": 3, "dash": "dot"},
                "fillcolor": "rgba(0,0,0,0)",
                "opacity": 1,
            }
        ],
        annotations=[
            {
                "x": k,
                "y": 1.0,
                "xref": "x",
                "yref": "paper",
                "text": "<b>your choice</b>",
                "showarrow": False,
                "yanchor": "bottom",
                "font": {"size": t.small_px},
            },
            {
                "x": 0,
                "y": 0,
                "xref": "paper",
                "yref": "paper",
                "yshift": -78,
                "text": EXTRAPOLATED_NOTE,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": t.small_px},
            },
        ],
        legend={"orientation": "h", "y": 1.08, "yanchor": "bottom", "x": 0},
        margin={"t": 80, "b": 110},
        uniformtext={"minsize": 16, "mode": "show"},
    )
    fig.update_traces(textfont={"size": t.small_px})
    fig.update_yaxes(title_text="Chance of dark marks (%)", range=[0, top])
    fig.update_xaxes(title_text="Skin type (Fitzpatrick)", showgrid=False)
    return fig


def needling_vs_laser_figure(fitzpatrick: int, *, high_contrast: bool = False) -> go.Figure:
    """Schematic: needling keeps the epidermis, a fractional laser removes or heats it.

    Two panels of the same skin (epidermis coloured for the chosen type):
    thin needle channels through an intact epidermis, and wide laser columns
    where the epidermis is vaporised or coagulated.
    """
    t = theme(high_contrast)
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=("Microneedling", "Fractional laser"),
        horizontal_spacing=0.08,
    )
    epidermis = SKIN_TONES[fitzpatrick - 1]
    shapes: list[dict] = []
    for col in (1, 2):
        xref, yref = ("x", "y") if col == 1 else ("x2", "y2")
        shapes += [
            _rect(xref, yref, 0, 3, 0, 0.1, epidermis),
            _rect(xref, yref, 0, 3, 0.1, 0.5, t.papillary),
            _rect(xref, yref, 0, 3, 0.5, 1.6, t.reticular),
        ]
    for x in (0.4, 0.9, 1.4, 1.9, 2.4):
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "y",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 0.35,
                "line": {"color": t.text, "width": 2},
                "opacity": 1,
            }
        )
    for x in (0.5, 1.5, 2.5):
        shapes.append(_rect("x2", "y2", x - 0.15, x + 0.15, 0, 0.9, "#fff4e0", line="#8b0000"))
        shapes.append(_rect("x2", "y2", x - 0.22, x + 0.22, 0, 0.1, OKABE_ITO["grey"]))
    fig.add_trace(
        _label_trace(
            "x", "y", 1.5, 1.35, "Epidermis stays;<br>70 µm channels close in a day", t.small_px
        ),
        1,
        1,
    )
    fig.add_trace(
        _label_trace(
            "x2",
            "y2",
            1.5,
            1.35,
            "Columns of epidermis and<br>dermis removed or heated",
            t.small_px,
        ),
        1,
        2,
    )
    apply_theme(fig, t, height=380)
    fig.update_layout(shapes=shapes, showlegend=False, margin={"t": 60, "b": 30, "l": 70, "r": 20})
    fig.update_annotations(font_size=18)
    for axis in ("xaxis", "xaxis2"):
        fig.layout[axis].update(range=[0, 3], visible=False)
    for axis in ("yaxis", "yaxis2"):
        fig.layout[axis].update(range=[1.6, -0.05], title_text="Depth (mm)", showgrid=False)
    return fig


def _rect(
    xref: str, yref: str, x0: float, x1: float, y0: float, y1: float, colour: str, line: str = ""
) -> dict:
    return {
        "type": "rect",
        "xref": xref,
        "yref": yref,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "fillcolor": colour,
        "line": {"width": 2 if line else 0, "color": line or colour},
        "opacity": 1,
        "layer": "below",
    }


def _label_trace(xref: str, yref: str, x: float, y: float, text: str, size_px: int) -> go.Scatter:
    return go.Scatter(
        x=[x],
        y=[y],
        mode="text",
        text=[text],
        textfont={"size": size_px},
        hoverinfo="skip",
        xaxis=xref,
        yaxis=yref,
    )
