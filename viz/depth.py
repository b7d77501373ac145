"""How deep the needles go, drawn against the skin layers.

The layers' names and depths stand left of the plot area on their layer's
colour, where the depth axis's numbers would be (a fixed margin as wide as the
names, so the bars keep the rest of a phone's width). Each device is one column:
the depth reached is a bar inside the needle-length bar, and both depths are
written under the bars' ends.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from viz.i18n import MILLIMETRE, _, number
from viz.style import OKABE_ITO, PHONE_CHART_PX, Theme, apply_theme, theme
from viz.timeline import below_plot, line_count, text_px, text_width_px, wrap_label

PLOT_HEIGHT_PX = (380, 600)
"""Smallest and largest height of the plot area (px); within them, the papillary
dermis is drawn tall enough for its three-line name."""

LABEL_GAP_PX = 8
"""Space on each side of a layer's name in the left margin, and of a text under a bar."""

MARGIN_R_PX = 16
"""Right margin of the chart."""

TICK_EM = 6.5
"""Longest line of a device's name under its bars (em of the axis font): a phone
gives each of two devices about 130 px at 18 px."""

BAR_WIDTHS = (0.7, 0.4)
"""Widths (in devices) of the needle-length bar and of the depth-reached bar drawn
inside it: one column per device, so that its two depths, written under the bars'
ends, share the device's width (side by side, each text was twice as wide as its bar
on a phone)."""

NARROWEST_CHART_PX = {False: PHONE_CHART_PX, True: 600}
"""Narrowest width (px) the chart is drawn at: a 390 px phone, and in
projector mode a 1024 px screen with the sidebar open. A device's name and the texts
under its bars are wrapped to fit its column there; wider screens give more room."""

TEXT_BACKGROUND = "rgba(255,255,255,0.85)"
"""Behind a bar's depth, which may lie on the needle-length bar's hatching."""


def layer_bands(
    layers_mm: Mapping[str, float], bottom_mm: float, t: Theme
) -> list[tuple[str, float, float, str]]:
    """Name (in the current language), top, bottom (mm below the surface) and colour of
    each layer drawn, top down: epidermis, papillary and reticular dermis, fat (last)."""
    return [
        (_("Epidermis"), 0.0, layers_mm["epidermis"], t.epidermis),
        (_("Papillary dermis"), layers_mm["epidermis"], layers_mm["papillary"], t.papillary),
        (_("Reticular dermis"), layers_mm["papillary"], layers_mm["dermis"], t.reticular),
        (_("Fat"), layers_mm["dermis"], bottom_mm, t.fat),
    ]


def layer_label(name: str, bottom_mm: float | None) -> str:
    """A layer's name over its depth, in lines no wider than the depth:
    ``Papillary<br>dermis<br>to 0.36 mm`` (the fat has no bottom: its name alone,
    in lines as wide)."""
    # TRANSLATORS: under a skin layer's name: the depth of the layer's bottom.
    depth = _("to {depth} mm").format(depth=number(bottom_mm or 0.0, 2))
    if bottom_mm is None:  # as wide as the others' depths ("Subcutaneous<br>fat")
        return wrap_label(name, text_width_px(depth, 1.0))
    return f"{wrap_label(name, text_width_px(depth, 1.0))}<br>{depth}"


def tick_label(label: str, max_em: float = TICK_EM) -> str:
    """A device's name under its bars: the length (``1.50 mm``, or ``1,50 mm`` in
    Spanish) on a line of its own, the name wrapped to ``max_em``."""
    match = re.fullmatch(r"(.*\S)\s+(\d+(?:[.,]\d+)?\s*mm)", label)
    if match is None:
        return wrap_label(label, max_em)
    return f"{wrap_label(match[1], max_em)}<br>{match[2]}"


def _label_bottoms(
    bands: Sequence[tuple[str, float, float, str]],
    names: Sequence[str],
    px_per_mm: float,
    font_px: int,
) -> list[float]:
    """Depth (mm) of the bottom of each layer's name.

    A name stands on its layer's bottom line, so that "to 0.36 mm" is written
    at 0.36 mm (the epidermis's name, taller than its layer, reaches up into the
    top margin); the fat's name hangs from its top line. A name that would reach
    into the one above it is moved down below it (a thin papillary dermis in a
    deep chart). Each name is anchored at its bottom, which lies inside the
    depth range (Plotly.js hides a text anchored outside it).
    """
    bottoms: list[float] = []
    above = -np.inf
    fat = len(bands) - 1
    for k, ((_name, top, low, _colour), text) in enumerate(zip(bands, names, strict=True)):
        height_mm = text_px(font_px, line_count(text)) / px_per_mm
        bottom = max(top + height_mm if k == fat else low, above + height_mm)
        bottoms.append(bottom)
        above = bottom
    return bottoms


def _bar_texts(texts: list[tuple[int, float, str]], line_mm: float) -> list[tuple[int, float, str]]:
    """Bar-end texts (device, depth in mm, text), each moved down below a higher
    text of the same device that it would overlap (in depth order); a text of
    ``n`` lines is ``n * line_mm`` high."""
    placed: list[tuple[int, float, str]] = []
    for x, y, text in sorted(texts, key=lambda item: item[1]):
        for px, py, above in placed:
            if px == x and y < py + line_mm * line_count(above):
                y = py + line_mm * line_count(above)
        placed.append((x, y, text))
    return placed


def needle_depth_figure(
    entries: Sequence[tuple[str, float, float]],
    layers_mm: Mapping[str, float],
    *,
    high_contrast: bool = False,
) -> go.Figure:
    """Nominal and effective needle depth of each device against the layers.

    Parameters
    ----------
    entries : sequence of (label, nominal_mm, effective_mm[, (low_mm, high_mm)])
        One pair of bars per device: the needle length set on the device and
        the depth the needles actually reach, with the range of that depth
        (written under the bar) where it is given.
    layers_mm : mapping
        ``epidermis``, ``papillary`` and ``dermis`` bottoms (mm below the surface).
    high_contrast : bool
        Use the high-contrast theme.

    Returns
    -------
    plotly.graph_objects.Figure
        Two bar traces (``"Needle length set"``, ``"Depth reached"``, ``x`` the
        labels), the second narrower and drawn over the first; the depth axis
        points down. Layers are shaded bands, named with their depth
        (``Papillary<br>dermis<br>to 0.36 mm``) left of the plot area; each
        bar's depth is an annotation under its end (``1.50 mm set``,
        ``1.12-1.50 mm``), moved down when it would overlap the text of the
        other bar of its device. The legend lies below the plot.
    """
    t = theme(high_contrast)
    labels = [e[0] for e in entries]
    nominal = [e[1] for e in entries]
    effective = [e[2] for e in entries]
    ranges = [e[3] if len(e) > 3 else (e[2], e[2]) for e in entries]  # type: ignore[misc]

    bottom = max([*nominal, layers_mm["dermis"]]) * 1.12
    papillary_mm = layers_mm["papillary"] - layers_mm["epidermis"]
    plot_px = int(np.clip(text_px(t.small_px, 3) / papillary_mm * bottom, *PLOT_HEIGHT_PX))
    layers = layer_bands(layers_mm, bottom, t)  # their names do not depend on ``bottom``
    names = [
        layer_label(name, None if k == len(layers) - 1 else low)
        for k, (name, _top, low, _colour) in enumerate(layers)
    ]
    margin_l = math.ceil(max(text_width_px(n, t.small_px) for n in names)) + 2 * LABEL_GAP_PX
    # One device's column on the narrowest screen, less a gap on each side.
    column_px = (NARROWEST_CHART_PX[t.high_contrast] - margin_l - MARGIN_R_PX) / len(labels)
    column_px -= 2 * LABEL_GAP_PX
    # TRANSLATORS: under the needle-length bar: the needle length set on the device.
    texts = [(k, v, _("{depth} mm set").format(depth=number(v, 2))) for k, v in enumerate(nominal)]
    texts += [
        (
            k,
            v,
            _("{depth} mm").format(depth=number(v, 2))
            if lo == hi
            else _("{low}-{high} mm").format(low=number(lo, 2), high=number(hi, 2)),
        )
        for k, (v, (lo, hi)) in enumerate(zip(effective, ranges, strict=True))
    ]
    # A number keeps its unit on its line ("0.05-0.15 mm" may then reach into the gap).
    mm = _(MILLIMETRE)
    texts = [
        (k, v, wrap_label(text.replace(" " + mm, "\u00a0" + mm), column_px / t.small_px))
        for k, v, text in texts
    ]
    line_height_px = text_px(t.small_px) + 6
    for _attempt in range(3):  # the lowest text sets the depth range, which sets the scale
        line_mm = line_height_px * bottom / plot_px
        placed = _bar_texts(texts, line_mm)
        lowest = max(y + line_mm * line_count(text) for _x, y, text in placed)
        if lowest <= bottom:
            break
        bottom = lowest * 1.03

    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels,
            y=nominal,
            name=_("Needle length set"),
            width=BAR_WIDTHS[0],
            marker={
                "color": "rgba(255,255,255,0)",
                "line": {"color": t.text, "width": 3 if t.high_contrast else 2},
                "pattern": {"shape": "/", "fgcolor": "#777777", "size": 10},
            },
            # TRANSLATORS: hover text of a bar: {device} is the device's name.
            hovertemplate=_("{device}: needle {depth} mm").format(device="%{x}", depth="%{y:.2f}")
            + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=labels,
            y=effective,
            name=_("Depth reached"),
            width=BAR_WIDTHS[1],
            marker={
                "color": OKABE_ITO["vermillion"],
                "line": {"color": t.text, "width": 3 if t.high_contrast else 1},
            },
            hovertemplate=_("{device}: reaches {depth} mm").format(device="%{x}", depth="%{y:.2f}")
            + "<extra></extra>",
        )
    )

    bands = layer_bands(layers_mm, bottom, t)
    px_per_mm = plot_px / bottom
    # The epidermis is thin: its name reaches up into the top margin.
    label_bottoms = _label_bottoms(bands, names, px_per_mm, t.small_px)
    epidermis_top_px = label_bottoms[0] * px_per_mm - text_px(t.small_px, line_count(names[0]))
    top_px = max(int(-epidermis_top_px), 0) + 10
    shapes = []
    annotations = []
    for (_name, top, low, colour), text, label_bottom in zip(
        bands, names, label_bottoms, strict=True
    ):
        band = {
            "type": "rect",
            "yref": "y",
            "y0": top,
            "y1": low,
            "fillcolor": colour,
            "line": {"width": 1, "color": "#888888"},
            "opacity": 1,
            "layer": "below",
        }
        shapes.append({**band, "xref": "paper", "x0": 0, "x1": 1})
        # The same colour behind the name, in the left margin.
        shapes.append(
            {
                **band,
                "xref": "paper",
                "xsizemode": "pixel",
                "xanchor": 0,
                "x0": -margin_l + 2,
                "x1": 0,
            }
        )
        annotations.append(
            {
                "text": text,
                "xref": "paper",
                "x": 0,
                "xanchor": "right",
                "xshift": -LABEL_GAP_PX,
                "align": "right",
                "yref": "y",
                "y": label_bottom,
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": t.small_px},
            }
        )
    annotations += [
        {
            "text": text,
            "xref": "x",
            "x": x,
            "yref": "y",
            "y": y,
            "yanchor": "top",
            "yshift": -3,
            "showarrow": False,
            "bgcolor": TEXT_BACKGROUND,
            "borderpad": 1,
            "font": {"size": t.small_px},
        }
        for x, y, text in placed
    ]
    ticks = [tick_label(label, min(TICK_EM, column_px / t.font_px)) for label in labels]
    apply_theme(fig, t)
    fig.update_layout(
        barmode="overlay",
        shapes=shapes,
        annotations=annotations,
        **below_plot(
            t,
            top_px=top_px,
            plot_px=plot_px,
            legend=[trace.name for trace in fig.data],
            tick_lines=max(line_count(tick) for tick in ticks),
            title_lines=0,
        ),
    )
    fig.update_layout(margin={"l": margin_l, "r": MARGIN_R_PX})
    fig.update_yaxes(
        title_text=None,
        range=[bottom, 0],
        showgrid=False,
        showticklabels=False,
        ticks="",
    )
    # A fixed range: Plotly would otherwise widen it until every bar's text fits inside
    # the plot, and narrow the bars (and turn the device names) to make room.
    fig.update_xaxes(
        showgrid=False,
        tickvals=labels,
        ticktext=ticks,
        tickangle=0,
        range=[-0.5, len(labels) - 0.5],
    )
    return fig
