"""Protocol trade-off maps: a metric over two protocol settings.

The best trade-offs between improvement and pain form the Pareto front: the
settings for which no other setting gives more improvement with no more
pain. Published protocols are placed on the maps where their settings fall.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from sim.validation import PUBLISHED_PROTOCOLS, PublishedProtocol
from viz.style import OKABE_ITO, apply_theme, theme


def pareto_front(benefit: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Mask of the non-dominated points (maximise ``benefit``, minimise ``cost``).

    A point is dominated if another has at least its benefit and at most its
    cost, and is strictly better in one of the two.

    Examples
    --------
    >>> pareto_front(np.array([1.0, 2.0, 2.0, 3.0]), np.array([1.0, 1.0, 2.0, 3.0])).tolist()
    [False, True, False, True]
    """
    b = np.asarray(benefit, dtype=float).ravel()
    c = np.asarray(cost, dtype=float).ravel()
    better_or_equal = (b[None, :] >= b[:, None]) & (c[None, :] <= c[:, None])
    strictly = (b[None, :] > b[:, None]) | (c[None, :] < c[:, None])
    dominated = (better_or_equal & strictly).any(axis=1)
    return (~dominated).reshape(np.shape(benefit))


def protocol_position(protocol: PublishedProtocol, y_name: str) -> float:
    """The protocol's value of the map's second setting."""
    return float(getattr(protocol, y_name))


def tradeoff_map_figure(
    values: np.ndarray,
    x_values: Sequence[float],
    y_values: Sequence[float],
    *,
    title: str,
    colour_title: str,
    x_title: str,
    y_title: str,
    y_name: str,
    front: np.ndarray | None = None,
    protocols: Sequence[PublishedProtocol] = PUBLISHED_PROTOCOLS,
    binary_labels: tuple[str, str] | None = None,
    reverse_scale: bool = False,
    label_protocols: bool = False,
    high_contrast: bool = False,
) -> go.Figure:
    """Heatmap of one metric over two protocol settings.

    Parameters
    ----------
    values : ndarray, shape (len(y_values), len(x_values))
        Metric at each setting.
    x_values, y_values : sequence of float
        Needle depth (mm) and the second setting.
    title, colour_title, x_title, y_title : str
        Texts on screen.
    y_name : str
        Registry name of the second setting (``sessions``, ``interval_days``
        or ``punctures_per_cm2``), used to place the published protocols.
    front : ndarray of bool, optional
        Best trade-offs to mark (same shape as ``values``).
    protocols : sequence of PublishedProtocol
        Published protocols to mark.
    binary_labels : (str, str), optional
        For a yes/no metric: labels of 0 and 1 (two colours, no scale).
    reverse_scale : bool
        Reverse the colour scale (for "lower is better" metrics).
    label_protocols : bool
        Write the protocols' first authors next to their stars (one label per position).
    high_contrast : bool
        Use the high-contrast theme.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 is the heatmap (``z`` = ``values``); then the trade-off front
        (``"Best trade-offs"``) and the published protocols, if any.
    """
    t = theme(high_contrast)
    z = np.asarray(values, dtype=float)
    fig = go.Figure()
    if binary_labels is not None:
        heat = go.Heatmap(
            z=z,
            x=list(x_values),
            y=list(y_values),
            zmin=0,
            zmax=1,
            colorscale=[
                [0.0, OKABE_ITO["sky_blue"]],
                [0.5, OKABE_ITO["sky_blue"]],
                [0.5, OKABE_ITO["vermillion"]],
                [1.0, OKABE_ITO["vermillion"]],
            ],
            colorbar={
                "tickvals": [0.25, 0.75],
                "ticktext": list(binary_labels),
                "tickfont": {"size": 16},
                "title": {"text": colour_title, "font": {"size": 16}},
            },
            hovertemplate=f"{x_title}: %{{x}}<br>{y_title}: %{{y}}<br>%{{z}}<extra></extra>",
        )
    else:
        heat = go.Heatmap(
            z=z,
            x=list(x_values),
            y=list(y_values),
            colorscale="Viridis",
            reversescale=reverse_scale,
            colorbar={
                "title": {"text": colour_title, "font": {"size": 16}, "side": "top"},
                "tickfont": {"size": 16},
            },
            hovertemplate=(
                f"{x_title}: %{{x}}<br>{y_title}: %{{y}}<br>"
                f"{colour_title}: %{{z:.2f}}<extra></extra>"
            ),
        )
    fig.add_trace(heat)
    if front is not None and np.any(front):
        rows, cols = np.nonzero(front)
        order = np.argsort(np.asarray(x_values)[cols] * 1000 + np.asarray(y_values)[rows])
        fig.add_trace(
            go.Scatter(
                x=np.asarray(x_values)[cols][order],
                y=np.asarray(y_values)[rows][order],
                mode="markers",
                marker={
                    "symbol": "circle",
                    "size": 10,
                    "color": "white",
                    "line": {"color": "black", "width": 2},
                },
                name="Best trade-offs (improvement vs pain over the course)",
                hoverinfo="skip",
            )
        )
    if protocols:
        xs = [p.needle_mm for p in protocols]
        ys = [protocol_position(p, y_name) for p in protocols]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                marker={
                    "symbol": "star",
                    "size": 20,
                    "color": OKABE_ITO["yellow"],
                    "line": {"color": "black", "width": 2},
                },
                name="Published protocols",
                text=[p.label for p in protocols],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    annotations = []
    if protocols and label_protocols:
        groups: dict[tuple[float, float], list[str]] = {}
        for p in protocols:
            key = (p.needle_mm, protocol_position(p, y_name))
            groups.setdefault(key, []).append(p.label.split(" ")[0])
        for (x, y), names in groups.items():
            annotations.append(
                {
                    "x": x,
                    "y": y,
                    "text": ", ".join(names),
                    "showarrow": True,
                    "arrowhead": 0,
                    "ax": -30,
                    "ay": -26,
                    "xanchor": "right",
                    "bgcolor": "rgba(255,255,255,0.85)",
                    "bordercolor": "black",
                    "font": {"size": 16, "color": "black"},
                }
            )
    apply_theme(fig, t, height=460)
    fig.update_layout(
        annotations=annotations,
        title={"text": title},
        legend={"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0},
        margin={"t": 60, "b": 130, "l": 90, "r": 20},
    )
    fig.update_xaxes(title_text=x_title, showgrid=False, range=_cell_range(x_values))
    fig.update_yaxes(title_text=y_title, showgrid=False, range=_cell_range(y_values))
    return fig


def _cell_range(values: Sequence[float]) -> list[float]:
    """Axis range covering the heatmap's outer cells exactly."""
    v = np.asarray(values, dtype=float)
    if v.size < 2:
        return [float(v[0]) - 0.5, float(v[0]) + 0.5]
    return [float(v[0] - (v[1] - v[0]) / 2), float(v[-1] + (v[-1] - v[-2]) / 2)]
