"""Skin tone: pigmentation risk of needling vs fractional laser, and why."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from viz.i18n import N_, _, and_list, number
from viz.style import OKABE_ITO, Theme, apply_theme, panel_titles, theme
from viz.timeline import below_plot, line_count, text_px, wrap_label, x_title_px

ROMAN = ("I", "II", "III", "IV", "V", "VI")

EXTRAPOLATED_TYPES = (1, 2, 6)
"""Skin types whose pigmentation risks are extrapolations.

The laser curve (and the needling risk derived from it) is anchored at type IV
(fractional CO2 courses) and extended by an odds ratio per skin type; the
pigmentation studies are mostly of types III-V. Types I, II and VI lie
furthest from them.
"""

EXTRAPOLATED_NOTE = N_("* extrapolated beyond the published skin types")
"""Note under the pigmentation chart (English; shown through ``_()``)."""

PIGMENTATION_PLOT_PX = 330
"""Height of the pigmentation chart's plot area (px)."""

EXTRAPOLATED_OPACITY = 0.45
"""Opacity of the bars of extrapolated skin types (published ones are opaque)."""


def extrapolated_types_text(types: Sequence[int] = EXTRAPOLATED_TYPES) -> str:
    """Skin types in Roman numerals, in words.

    Examples
    --------
    >>> extrapolated_types_text()
    'I, II and VI'
    """
    return and_list([ROMAN[f - 1] for f in sorted(types)])


SKIN_TONES = ("#f5dcc8", "#e8c1a0", "#cf9e77", "#a8754f", "#7b5034", "#4a2f1f")
"""Illustrative epidermis colours of Fitzpatrick types I-VI (drawing only)."""


def _range_bars(
    values: Sequence[float],
    ranges: Sequence[tuple[float, float]] | None,
    colour: str,
    thickness: float = 2,
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
        "thickness": thickness,
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
        ``y`` in % and ``x`` the labels ``"Type IV"`` (ticks show ``"IV"`` under
        the axis title "Skin type"); the chosen skin type is outlined. Types in
        :data:`EXTRAPOLATED_TYPES` have faded bars and a ``*`` after their
        label, explained by a note below the axis title; the legend is below it.
    """
    t = theme(high_contrast)
    # Category names (not shown: the ticks show the numeral alone, ``ticktext``).
    labels = [
        f"Type {r}*" if k + 1 in EXTRAPOLATED_TYPES else f"Type {r}" for k, r in enumerate(ROMAN)
    ]
    # TRANSLATORS: a skin type (Fitzpatrick) in a hover text, e.g. "Type IV" or "Type VI*"
    # (* = extrapolated)
    hover_types = [_("Type {numeral}").format(numeral=label[5:]) for label in labels]
    opacity = [EXTRAPOLATED_OPACITY if f in EXTRAPOLATED_TYPES else 1.0 for f in range(1, 7)]
    ranged = needling_range_pct is not None and laser_range_pct is not None
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels,
            y=list(needling_pct),
            name=_("Microneedling"),
            marker={"color": OKABE_ITO["blue"], "opacity": opacity},
            text=None if ranged else [_pct_text(v) for v in needling_pct],
            textposition="outside",
            error_y=_range_bars(needling_pct, needling_range_pct, t.text, _thin_px(t)),
            customdata=hover_types,
            # TRANSLATORS: hover text of a bar: {skin_type} is e.g. "Type IV", {risk} the
            # chance of dark marks in %
            hovertemplate=_("{skin_type}, needling: {risk} %").format(
                skin_type="%{customdata}", risk="%{y:.1f}"
            )
            + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=labels,
            y=list(laser_pct),
            name=_("Fractional laser"),
            marker={
                "color": OKABE_ITO["vermillion"],
                "opacity": opacity,
                "pattern": {"shape": "x", "fgcolor": "white"},
            },
            text=None if ranged else [_pct_text(v) for v in laser_pct],
            textposition="outside",
            error_y=_range_bars(laser_pct, laser_range_pct, t.text, _thin_px(t)),
            customdata=hover_types,
            # TRANSLATORS: hover text of a bar: {skin_type} is e.g. "Type IV", {risk} the
            # chance of dark marks in %
            hovertemplate=_("{skin_type}, laser: {risk} %").format(
                skin_type="%{customdata}", risk="%{y:.1f}"
            )
            + "<extra></extra>",
        )
    )
    highs = [hi for pair in (laser_range_pct or ()) for hi in pair[1:]]
    top = max(max(laser_pct), max(needling_pct), *highs, 1.0) * 1.2
    k = fitzpatrick - 1
    note = wrap_label(_(EXTRAPOLATED_NOTE))
    margin_l = 2 * t.font_px + 44  # y tick labels and title
    apply_theme(fig, t)
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
                # TRANSLATORS: label above the bars of the skin type the user chose
                "text": "<b>{}</b>".format(_("your choice")),
                "showarrow": False,
                "yanchor": "bottom",
                "font": {"size": t.small_px},
            },
            {
                # Under the axis title, from the chart's left edge (as the legend under it).
                "x": 0,
                "y": 0,
                "xref": "paper",
                "yref": "paper",
                "xshift": -margin_l + 4,
                "yshift": -x_title_px(t),
                "text": note,
                "align": "left",
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": t.small_px},
            },
        ],
        uniformtext={"minsize": 16, "mode": "show"},
        **below_plot(
            t,
            top_px=text_px(t.small_px) + 12,
            plot_px=PIGMENTATION_PLOT_PX,
            legend=[trace.name for trace in fig.data],
            note_px=text_px(t.small_px, line_count(note)) + 6,
        ),
    )
    fig.update_layout(margin={"l": margin_l})
    fig.update_traces(textfont={"size": t.small_px})
    fig.update_yaxes(title_text=_("Chance of dark marks (%)"), range=[0, top])
    # Short ticks ("IV", "VI*") under the axis title "Skin type": "Type IV" did not fit a phone.
    fig.update_xaxes(
        title_text=_("Skin type (Fitzpatrick)"),
        showgrid=False,
        tickvals=labels,
        ticktext=[label.removeprefix("Type ") for label in labels],
    )
    return fig


def needling_vs_laser_figure(fitzpatrick: int, *, high_contrast: bool = False) -> go.Figure:
    """Schematic: needling keeps the epidermis, a fractional laser removes or heats it.

    Two panels of the same skin (epidermis coloured for the chosen type), one
    above the other (side by side, each was a third of a phone's width):
    thin needle channels through an intact epidermis, and wide laser columns
    where the epidermis is vaporised or coagulated. One depth axis title serves both.
    """
    t = theme(high_contrast)
    panel_px = 8 * t.font_px + 40
    title_px = text_px(t.font_px) + 8
    gap_px = title_px + 16
    plot_px = 2 * panel_px + gap_px
    lower = panel_px / plot_px
    domains = ([lower + gap_px / plot_px, 1.0], [0.0, lower])
    epidermis = SKIN_TONES[fitzpatrick - 1]
    shapes: list[dict] = []
    for xref, yref in (("x", "y"), ("x2", "y2")):
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
                "line": {"color": t.text, "width": _thin_px(t)},
                "opacity": 1,
            }
        )
    for x in (0.5, 1.5, 2.5):
        shapes.append(_rect("x2", "y2", x - 0.15, x + 0.15, 0, 0.9, "#fff4e0", line="#8b0000"))
        shapes.append(_rect("x2", "y2", x - 0.22, x + 0.22, 0, 0.1, OKABE_ITO["grey"]))
    fig = go.Figure(
        [
            _label_trace(
                "x",
                "y",
                1.5,
                1.25,
                wrap_label(_("Epidermis stays; 70 µm channels close in a day")),
                t.small_px,
            ),
            _label_trace(
                "x2",
                "y2",
                1.5,
                1.25,
                wrap_label(_("Columns of epidermis and dermis removed or heated")),
                t.small_px,
            ),
        ]
    )
    margin_l = 2 * t.font_px + 34
    titles = panel_titles([(_("Microneedling"), "y"), (_("Fractional laser"), "y2")], t)
    depth_title = {
        "text": _("Depth (mm)"),
        "textangle": -90,
        "xref": "paper",
        "x": 0,
        "xanchor": "left",
        "xshift": -margin_l + 2,
        "yref": "paper",
        "y": 0.5,
        "showarrow": False,
        "font": {"size": t.font_px},
    }
    apply_theme(fig, t)
    fig.update_layout(
        shapes=shapes,
        annotations=[*titles, depth_title],
        showlegend=False,
        height=title_px + plot_px + 12,
        margin={"t": title_px, "b": 12, "l": margin_l, "r": 16},
    )
    for n, domain in ((1, domains[0]), (2, domains[1])):
        suffix = "" if n == 1 else str(n)
        fig.layout[f"xaxis{suffix}"] = {"range": [0, 3], "visible": False, "anchor": f"y{suffix}"}
        fig.layout[f"yaxis{suffix}"] = {
            **fig.layout.yaxis.to_plotly_json(),
            "range": [1.6, -0.05],
            "showgrid": False,
            "anchor": f"x{suffix}",
            "domain": domain,
        }
    return fig


def _pct_text(value: float) -> str:
    """A risk on a bar, one decimal: ``4.7 %`` (rounded as ``f"{value:.1f}"``)."""
    return _("{value} %").format(value=number(float(f"{value:.1f}"), 1))


def _thin_px(t: Theme) -> float:
    """Width of thin lines (needle channels, whiskers): 3 px on a projector."""
    return 3 if t.high_contrast else 2


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
