"""Model against published results (rows of ``sim.validation.validation_rows``)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from viz.style import OKABE_ITO, apply_theme, theme


def row_label(row: Mapping[str, object], width: int = 38) -> str:
    """Short two-line label of a validation row: study, then protocol."""
    study = str(row["study"]).split(",")[0].split(" (")[0]
    protocol = textwrap.shorten(str(row["protocol"]), width=width, placeholder="…")
    return f"{study}<br>{protocol}"


def validation_figure(
    rows: Sequence[Mapping[str, object]], *, high_contrast: bool = False
) -> go.Figure:
    """Published vs model value per row: percentages on top, ratios below.

    Returns
    -------
    plotly.graph_objects.Figure
        Four traces: published and model (percentages), published and model
        (ratios); rows used for calibration get open model markers.
    """
    t = theme(high_contrast)
    groups = (
        [r for r in rows if str(r["unit"]) != "ratio"],
        [r for r in rows if str(r["unit"]) == "ratio"],
    )
    heights = [max(len(g), 1) for g in groups]
    fig = make_subplots(
        rows=2,
        cols=1,
        row_heights=[h / sum(heights) for h in heights],
        vertical_spacing=0.12,
        subplot_titles=("Percentages (%)", "Ratios"),
    )
    for row_index, group in enumerate(groups, start=1):
        labels = [row_label(r, width=60) for r in group]
        fig.add_trace(
            go.Scatter(
                x=[float(r["published"]) for r in group],
                y=labels,
                mode="markers",
                marker={"symbol": "diamond", "size": 16, "color": OKABE_ITO["black"]},
                name="Published",
                showlegend=row_index == 1,
                hovertemplate="%{y}<br>published %{x:.3g}<extra></extra>",
            ),
            row_index,
            1,
        )
        fig.add_trace(
            go.Scatter(
                x=[float(r["model"]) for r in group],
                y=labels,
                mode="markers",
                marker={
                    "symbol": ["circle-open" if r["calibrated"] else "circle" for r in group],
                    "size": t.small_px,
                    "color": OKABE_ITO["vermillion"],
                    "line": {"width": 3, "color": OKABE_ITO["vermillion"]},
                },
                name="Model (open circle: row used for calibration)",
                showlegend=row_index == 1,
                hovertemplate="%{y}<br>model %{x:.3g}<extra></extra>",
            ),
            row_index,
            1,
        )
    apply_theme(fig, t, height=200 + 62 * sum(heights))
    fig.update_layout(
        legend={"orientation": "h", "y": -0.04, "yanchor": "top", "x": 0},
        margin={"l": 20, "r": 30, "t": 60, "b": 110},
    )
    fig.update_annotations(font_size=18)
    fig.update_yaxes(autorange="reversed", tickfont={"size": t.small_px}, automargin=True)
    fig.update_xaxes(rangemode="tozero")
    return fig
