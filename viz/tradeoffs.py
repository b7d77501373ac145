"""Protocol trade-off maps: a metric over two protocol settings.

For a few improvement targets (20, 30, 40, 50 % of the scar's volume filled),
the map marks the one setting that reaches the target with the least pain
over the whole course (pain per session x sessions). Published protocols
are placed on the maps where their settings fall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from sim.validation import PUBLISHED_PROTOCOLS, PublishedProtocol
from viz.style import OKABE_ITO, apply_theme, theme

IMPROVEMENT_TARGETS_PCT = (20, 30, 40, 50)
"""Improvement targets (% of the scar's volume filled) whose cheapest setting is marked."""

MARK_SIZE_PX = 18
"""Diameter of the circles around the cheapest settings."""

LABEL_OFFSET_PX = 26
LABEL_STACK_PX = 28
"""Horizontal offset of a target label from its circle; vertical spacing of stacked labels."""

MAP_HEIGHT_PX = 560
"""Height of one map (two maps side by side must read on a projector)."""


@dataclass(frozen=True)
class CheapestSetting:
    """The setting that reaches an improvement target with the least course pain.

    Attributes
    ----------
    target_pct : float
        Improvement target (% of the scar's volume filled).
    row, col : int
        Cell of the map (index into the second setting and into needle depth).
    improvement_pct : float
        Improvement reached there (at least ``target_pct``).
    course_pain : float
        Pain over the course there (pain index per session x sessions).
    """

    target_pct: float
    row: int
    col: int
    improvement_pct: float
    course_pain: float


def cheapest_settings(
    improvement_pct: np.ndarray,
    course_pain: np.ndarray,
    targets_pct: Sequence[float] = IMPROVEMENT_TARGETS_PCT,
) -> list[CheapestSetting]:
    """For each target, the cell that reaches it with the least course pain.

    Among the cells with ``improvement_pct >= target``, the one with the least
    ``course_pain``; of equally painful cells, the one that fills more.
    Targets that no cell reaches are left out.

    Parameters
    ----------
    improvement_pct, course_pain : ndarray, same shape (rows, columns)
        Improvement (%) and course pain index of each cell of the map.
    targets_pct : sequence of float
        Improvement targets (%).

    Returns
    -------
    list of CheapestSetting
        One per reachable target, in the order of ``targets_pct``.

    Examples
    --------
    >>> imp = np.array([[10.0, 25.0], [35.0, 45.0]])
    >>> pain = np.array([[1.0, 2.0], [3.0, 6.0]])
    >>> [(s.target_pct, s.row, s.col) for s in cheapest_settings(imp, pain, (20, 30, 50))]
    [(20, 0, 1), (30, 1, 0)]
    """
    improvement = np.asarray(improvement_pct, dtype=float)
    pain = np.asarray(course_pain, dtype=float)
    out = []
    for target in targets_pct:
        reached = np.flatnonzero(improvement.ravel() >= target)
        if reached.size == 0:
            continue
        # lexsort sorts by the last key first: least pain, then most improvement.
        best = reached[np.lexsort((-improvement.ravel()[reached], pain.ravel()[reached]))[0]]
        row, col = np.unravel_index(best, improvement.shape)
        out.append(
            CheapestSetting(
                target_pct=target,
                row=int(row),
                col=int(col),
                improvement_pct=float(improvement[row, col]),
                course_pain=float(pain[row, col]),
            )
        )
    return out


def target_label(targets_pct: Sequence[float]) -> str:
    """Label of a marked cell, e.g. ``≥30 %`` (``≥20 %, ≥30 %`` for two targets)."""
    return ", ".join(f"≥{t:g} %" for t in targets_pct)


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
    cheapest: Sequence[CheapestSetting] = (),
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
        Needle length (mm) and the second setting.
    title, colour_title, x_title, y_title : str
        Texts on screen.
    y_name : str
        Registry name of the second setting (``sessions``, ``interval_days``
        or ``punctures_per_cm2``), used to place the published protocols.
    cheapest : sequence of CheapestSetting
        Settings to mark with an open circle and their target (``≥30 %``).
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
        Trace 0 is the heatmap (``z`` = ``values``); then, if any, the cheapest
        settings (a white halo, then ``"Least pain for a target"``, one point
        per marked cell) and the published protocols (``"Published protocols"``).
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
    marks = _target_marks(cheapest, x_values, y_values)
    if marks:
        # A white ring under the dark one keeps the mark visible on dark and light cells.
        for name, colour, width in (
            ("Least pain for a target (halo)", "white", 6),
            ("Least pain for a target", "black", 2.5),
        ):
            fig.add_trace(
                go.Scatter(
                    x=[m[0] for m in marks],
                    y=[m[1] for m in marks],
                    mode="markers",
                    marker={
                        "symbol": "circle-open",
                        "size": MARK_SIZE_PX,
                        "color": colour,
                        "line": {"color": colour, "width": width},
                    },
                    name=name,
                    text=[m[2] for m in marks],
                    hovertemplate="Least course pain to fill %{text}<extra></extra>",
                    cliponaxis=False,
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
        for x, y, names in _protocol_groups(protocols, y_name, y_values):
            annotations.append(
                {
                    "x": x,
                    "y": y,
                    "text": _wrapped(names),
                    "showarrow": True,
                    "arrowhead": 0,
                    "ax": -30,
                    "ay": -30,
                    "xanchor": "right",
                    "bgcolor": "rgba(255,255,255,0.85)",
                    "bordercolor": "black",
                    "font": {"size": 16, "color": "black"},
                }
            )
    annotations += _target_labels(marks, x_values, y_values)
    apply_theme(fig, t, height=MAP_HEIGHT_PX)
    fig.update_layout(
        annotations=annotations,
        title={"text": title},
        showlegend=False,
        margin={"t": 60, "b": 80, "l": 90, "r": 20},
    )
    fig.update_xaxes(title_text=x_title, showgrid=False, range=_cell_range(x_values))
    fig.update_yaxes(title_text=y_title, showgrid=False, range=_cell_range(y_values))
    return fig


def _target_marks(
    cheapest: Sequence[CheapestSetting], x_values: Sequence[float], y_values: Sequence[float]
) -> list[tuple[float, float, str]]:
    """One (x, y, label) per marked cell; targets sharing a cell share its label."""
    cells: dict[tuple[int, int], list[float]] = {}
    for s in cheapest:
        cells.setdefault((s.row, s.col), []).append(s.target_pct)
    return [
        (float(x_values[col]), float(y_values[row]), target_label(targets))
        for (row, col), targets in cells.items()
    ]


def _protocol_groups(
    protocols: Sequence[PublishedProtocol], y_name: str, y_values: Sequence[float]
) -> list[tuple[float, float, list[str]]]:
    """Protocols sharing one label: (x, y of the top star, first authors).

    Stars at the same needle depth whose second settings differ by less than
    5 % of the axis span overlap on screen, so they share one label.
    """
    span = float(np.ptp(np.asarray(y_values, dtype=float))) or 1.0
    points = sorted(
        ((p.needle_mm, protocol_position(p, y_name), p.label.split(" ")[0]) for p in protocols),
        key=lambda point: (point[0], -point[1]),
    )
    groups: list[tuple[float, float, list[str]]] = []
    last_y = np.inf
    for x, y, name in points:
        if groups and groups[-1][0] == x and last_y - y < 0.05 * span:
            if name not in groups[-1][2]:
                groups[-1][2].append(name)
        else:
            groups.append((x, y, [name]))
        last_y = y
    return groups


def _wrapped(names: Sequence[str], per_line: int = 2) -> str:
    """Names separated by commas, ``per_line`` to a line (long labels stay inside the map)."""
    lines = [", ".join(names[k : k + per_line]) for k in range(0, len(names), per_line)]
    return ",<br>".join(lines)


def _target_labels(
    marks: Sequence[tuple[float, float, str]],
    x_values: Sequence[float],
    y_values: Sequence[float],
) -> list[dict]:
    """Labels of the marked cells, each linked to its circle by a short line.

    A circle alone in its row gets its label beside it (to the right, or to
    the left in the right third of the map). Circles sharing a row get their
    labels in a staircase below the row (above it in the lower half of the
    map), the leftmost circle's label farthest away, so no line crosses a label.
    """
    x_all = np.asarray(x_values, dtype=float)
    y_all = np.asarray(y_values, dtype=float)
    right_third = float(np.quantile(x_all, 2 / 3))
    middle = float(np.mean(y_all[[0, -1]]))
    rows: dict[float, list[int]] = {}
    for k, (_, y, _) in enumerate(marks):
        rows.setdefault(y, []).append(k)
    labels = []
    for k, (x, y, text) in enumerate(marks):
        same_row = sorted(rows[y], key=lambda j: -marks[j][0])
        if len(same_row) == 1:
            left = x > right_third
            ax, ay = (-LABEL_OFFSET_PX if left else LABEL_OFFSET_PX), 0
            xanchor = "right" if left else "left"
        else:
            step = same_row.index(k) + 1
            downwards = y >= middle
            ax, ay = 0, (1 if downwards else -1) * step * LABEL_STACK_PX
            xanchor = "left"
        labels.append(
            {
                "x": x,
                "y": y,
                "text": text,
                "showarrow": True,
                "arrowhead": 0,
                "arrowwidth": 1.5,
                "arrowcolor": "black",
                "standoff": MARK_SIZE_PX / 2,
                "ax": ax,
                "ay": ay,
                "xanchor": xanchor,
                "bgcolor": "rgba(255,255,255,0.9)",
                "bordercolor": "black",
                "borderpad": 2,
                "font": {"size": 16, "color": "black"},
            }
        )
    return labels


def _cell_range(values: Sequence[float]) -> list[float]:
    """Axis range covering the heatmap's outer cells exactly."""
    v = np.asarray(values, dtype=float)
    if v.size < 2:
        return [float(v[0]) - 0.5, float(v[0]) + 0.5]
    return [float(v[0] - (v[1] - v[0]) / 2), float(v[-1] + (v[-1] - v[-2]) / 2)]
