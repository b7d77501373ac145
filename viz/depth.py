"""How deep the needles go, drawn against the skin layers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from viz.style import OKABE_ITO, apply_theme, theme


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
        (written on the bar) where it is given.
    layers_mm : mapping
        ``epidermis``, ``papillary`` and ``dermis`` bottoms (mm below the surface).
    high_contrast : bool
        Use the high-contrast theme.

    Returns
    -------
    plotly.graph_objects.Figure
        Two bar traces (``"Needle length set"``, ``"Depth reached"``); the
        depth axis points down; layers are shaded bands with labels.
    """
    t = theme(high_contrast)
    labels = [e[0] for e in entries]
    nominal = [e[1] for e in entries]
    effective = [e[2] for e in entries]
    ranges = [e[3] if len(e) > 3 else (e[2], e[2]) for e in entries]  # type: ignore[misc]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels,
            y=nominal,
            name="Needle length set",
            marker={
                "color": "rgba(255,255,255,0)",
                "line": {"color": t.text, "width": 2},
                "pattern": {"shape": "/", "fgcolor": "#777777", "size": 10},
            },
            text=[f"{v:.2f} mm set" for v in nominal],
            textposition="outside",
            hovertemplate="%{x}: needle %{y:.2f} mm<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=labels,
            y=effective,
            name="Depth reached",
            marker={"color": OKABE_ITO["vermillion"], "line": {"color": t.text, "width": 1}},
            text=[
                f"{v:.2f} mm" if lo == hi else f"{lo:.2f}-{hi:.2f} mm"
                for v, (lo, hi) in zip(effective, ranges, strict=True)
            ],
            textposition="outside",
            hovertemplate="%{x}: reaches %{y:.2f} mm<extra></extra>",
        )
    )
    bottom = max([*nominal, layers_mm["dermis"]]) * 1.12
    bands = (
        ("Epidermis", 0.0, layers_mm["epidermis"], t.epidermis),
        ("Papillary dermis", layers_mm["epidermis"], layers_mm["papillary"], t.papillary),
        ("Reticular dermis", layers_mm["papillary"], layers_mm["dermis"], t.reticular),
        ("Fat", layers_mm["dermis"], bottom, t.fat),
    )
    shapes = []
    annotations = []
    for name, top, low, colour in bands:
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": top,
                "y1": low,
                "fillcolor": colour,
                "line": {"width": 1, "color": "#888888"},
                "opacity": 1,
                "layer": "below",
            }
        )
        annotations.append(
            {
                "text": f"{name} (to {low:.2f} mm)" if name != "Fat" else name,
                "xref": "paper",
                "x": 1.01,
                "xanchor": "left",
                "y": (top + low) / 2,
                "yref": "y",
                "showarrow": False,
                "yshift": 9 if name == "Epidermis" else 0,
                "font": {"size": t.small_px},
            }
        )
    apply_theme(fig, t, height=520)
    fig.update_layout(
        barmode="group",
        shapes=shapes,
        annotations=annotations,
        margin={"r": 260, "t": 40, "b": 80},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        uniformtext={"minsize": 16, "mode": "show"},
    )
    fig.update_traces(textfont={"size": t.small_px})
    fig.update_yaxes(title_text="Depth below the surface (mm)", range=[bottom, 0], showgrid=False)
    fig.update_xaxes(showgrid=False)
    return fig
