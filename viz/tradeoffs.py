"""Protocol trade-off maps: one measure of a :class:`sim.plans.SweepResult` over two settings.

A trainee compares maps of different scars and devices side by side, so a
colour must mean the same on every map:

* **One fixed colour scale per measure** (:func:`colour_axis`): fill 0-100 %;
  course pain, days of redness and sessions each from 0 to the largest value
  the registry allows (:data:`sim.plans.MEASURES`), never rescaled to the data.
* **Bright yellow is better on every map.** The scale is Viridis (perceptually
  uniform and readable with every common colour-vision deficiency: van der
  Walt & Smith, matplotlib 2015), dark for worse and yellow for better:
  reversed for the measures where less is better. The ends of the colour bar
  say "better" and "worse". A raised scar's change in height is on a labelled
  diverging scale (flatter = yellow, no change = grey, higher = dark).
* **The best cell is marked**, and its label says "(edge of the range shown)"
  when it lies on the grid's edge: the best may then lie outside the map.
* **Published acne trials** are drawn as white stars on depressed scars only:
  those trials excluded raised scars.

Colour bar and legend sit below the plot area; the figure's height follows the
width it is drawn at (``width_px``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sequential

from sim.plans import (
    IMPROVEMENT_TARGETS_PCT,
    MEASURES,
    BestCell,
    CheapestSetting,
    SweepGrid,
    SweepResult,
    cheapest_settings,
)
from sim.registry import SPECS
from sim.validation import PUBLISHED_PROTOCOLS, PublishedProtocol
from viz.i18n import N_, _, and_list, ngettext, number
from viz.style import PHONE_CHART_PX, Theme, apply_theme, theme
from viz.timeline import wrap_label

__all__ = [
    "IMPROVEMENT_TARGETS_PCT",
    "CheapestSetting",
    "cheapest_settings",
    "colour_axis",
    "describe_tradeoff_map",
    "map_height_px",
    "tradeoff_map_figure",
]

BETTER_COLOUR = sequential.Viridis[-1]
"""Colour of "better" on every map (Viridis' bright yellow)."""

WORSE_COLOUR = sequential.Viridis[0]
"""Colour of "worse" on every map (Viridis' dark purple)."""

NO_CHANGE_COLOUR = "#bdbdbd"
"""Centre of the diverging scale of a raised scar's change in height (neutral grey)."""

EDGE_NOTE = N_("edge of the range shown")
"""Said of a best cell on the grid's edge: the best may lie outside the map."""

TITLES = {
    "fill_pct": (N_("Scar volume filled"), N_("% of the scar's volume filled")),
    "fill_p10_pct": (N_("Scar volume filled, 10th percentile"), N_("% filled")),
    "fill_p90_pct": (N_("Scar volume filled, 90th percentile"), N_("% filled")),
    "height_change_mm": (N_("Change in height above the skin"), N_("change in height (mm)")),
    "course_pain_index": (N_("Course pain"), N_("pain index, all sessions added")),
    "redness_days": (N_("Days of redness"), N_("days, all sessions added")),
    "visits": (N_("Sessions (visits)"), N_("sessions in the course")),
}
"""Map title and colour-bar title of each measure (English; shown through ``_()``)."""

BEST_WORDS = {
    "fill_pct": N_("Most filled"),
    "fill_p10_pct": N_("Most filled"),
    "fill_p90_pct": N_("Most filled"),
    "height_change_mm": N_("Flattest"),
    "course_pain_index": N_("Least course pain"),
    "redness_days": N_("Fewest days of redness"),
    "visits": N_("Fewest sessions"),
}
"""Label of the best cell of each measure (English; shown through ``_()``)."""

DECIMALS = {
    "fill_pct": 0,
    "fill_p10_pct": 0,
    "fill_p90_pct": 0,
    "height_change_mm": 2,
    "course_pain_index": 1,
    "redness_days": 1,
    "visits": 0,
}
"""Decimals of each measure in texts (rounded numbers in the text alternatives)."""

MARK_SIZE_PX = 18
"""Diameter of the circles around the least painful settings."""

BEST_SIZE_PX = 20
"""Size of the best cell's diamond."""

STAR_SIZE_PX = 20
"""Size of a published trial's star."""

LABEL_OFFSET_PX = 26
"""Horizontal offset of a target label from its circle."""

NOMINAL_WIDTH_PX = 660
"""Width a map is drawn at unless told otherwise: one map across the page at 1024 px
with the sidebar open (measured in Chromium); wider pages only give labels more room."""

PLOT_ASPECT = 0.75
"""Height of the plot area over its width (modelling choice: cells a little wider than tall)."""

PLOT_HEIGHT_PX = (340, 560)
"""Smallest and largest height of the plot area (px): readable on a phone and a projector."""

MARGIN_RIGHT_PX = 30
"""Right margin: the colour bar lies below the plot, so only the last tick label needs room."""

LINE_HEIGHT = 1.3
"""Height of a line of text over its font size (modelling choice, as rendered in Chromium)."""


@dataclass(frozen=True)
class Margins:
    """Margins of a map (px), from its theme's font sizes.

    Attributes
    ----------
    top, left, right : int
        Room for the title; for the y ticks and title; for the last x tick label.
    axis : int
        Under the plot area: the x ticks and the x-axis title.
    gap : int
        Between the x-axis title and the colour bar's title (they must not read as one).
    colour_bar : int
        The colour bar's title, the bar and its tick labels.
    legend : int
        One row per legend entry.
    """

    top: int
    left: int
    right: int
    axis: int
    gap: int
    colour_bar: int
    legend: int

    @property
    def bottom(self) -> int:
        """Everything under the plot area."""
        return self.axis + self.gap + self.colour_bar + self.legend


COLOURBAR_THICKNESS_PX = 14
"""Height of the colour bar itself (px)."""


def margins(t: Theme, legend_rows: int) -> Margins:
    """Margins of a map with ``legend_rows`` legend entries in theme ``t``.

    Each is a number of text lines of the theme's font sizes plus padding
    (layout choices, checked in screenshots at 1024 and 1366 px, normal and
    projector mode), so larger text gets more room.

    Examples
    --------
    >>> from viz.style import theme
    >>> margins(theme(True), 3).bottom > margins(theme(False), 3).bottom
    True
    """
    line = LINE_HEIGHT
    return Margins(
        top=round(2 * line * t.title_px + 8),
        left=round(3 * t.font_px + 36),
        right=MARGIN_RIGHT_PX,
        axis=round(2 * line * t.font_px + 17),
        gap=round(0.9 * line * t.font_px),
        colour_bar=round(line * t.font_px + COLOURBAR_THICKNESS_PX + line * t.small_px + 14),
        legend=(round(1.2 * line * t.small_px) * legend_rows + 8) if legend_rows else 0,
    )


# --- colour ---------------------------------------------------------------------


def _scale(colours: Sequence[str]) -> list[list[object]]:
    """Evenly spaced Plotly colour scale from a list of colours."""
    n = len(colours) - 1
    return [[k / n, c] for k, c in enumerate(colours)]


def _nice_step(span: float, most: int = 5) -> float:
    """A step of 1, 2 or 5 x 10^k that cuts ``span`` into at most ``most`` parts."""
    for exponent in range(-3, 6):
        for mantissa in (1, 2, 5):
            step = mantissa * 10.0**exponent
            if span / step <= most:
                return step
    return span


def _rounded(value: float, decimals: int) -> float:
    """``value`` rounded as ``f"{value:.{decimals}f}"`` rounds it (no ``-0``)."""
    return float(f"{value:.{decimals}f}") + 0.0


def _tick_number(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals in the current language; ``0`` if it rounds to 0."""
    rounded = _rounded(value, decimals)
    return number(0) if rounded == 0 else number(rounded, decimals)


def _g(value: float) -> str:
    """``value`` as ``f"{value:g}"`` writes it (no trailing zeros), in the current language."""
    text = f"{float(value):g}"
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return number(float(value), decimals)


def colour_axis(measure: str) -> dict[str, object]:
    """Fixed colour settings of a measure's map (the same for every scar and device).

    Parameters
    ----------
    measure : str
        A name in :data:`sim.plans.MEASURES`.

    Returns
    -------
    dict
        ``zmin``, ``zmax`` (the measure's fixed range), ``colorscale`` (a list
        of ``[position, colour]``, :data:`BETTER_COLOUR` at the better end) and
        ``colorbar`` (ticks at round values, the better end labelled
        "better", the other "worse"). Values beyond the range take the end
        colour.

    Examples
    --------
    >>> axis = colour_axis("course_pain_index")
    >>> axis["zmin"], axis["colorscale"][0][1] == BETTER_COLOUR  # less pain is better
    (0.0, True)
    >>> colour_axis("fill_pct")["colorscale"][-1][1] == BETTER_COLOUR
    True
    """
    m = MEASURES[measure]
    if measure == "height_change_mm":
        colours = [BETTER_COLOUR, NO_CHANGE_COLOUR, WORSE_COLOUR]
        ticks = [m.low, 0.0, m.high]
        texts = [
            # TRANSLATORS: the end of the colour bar of a raised scar's change in height (mm)
            _("{value} flatter: better").format(value=_g(m.low)),
            _("no change"),
            # TRANSLATORS: the end of the colour bar of a raised scar's change in height (mm)
            _("+{value} higher: worse").format(value=_g(m.high)),
        ]
    else:
        colours = list(sequential.Viridis)
        if not m.higher_is_better:
            colours = colours[::-1]
        span = m.high - m.low
        # Few labels, flat: "0 worse", "50", "100 better" fit a phone's colour bar in
        # every language (more of them turned, and ran into the legend below).
        step = _nice_step(span, most=2)
        ticks = list(np.arange(m.low, m.high + 1e-9, step))
        if m.high - ticks[-1] > 1e-9:
            if m.high - ticks[-1] < 0.4 * step:
                ticks.pop()  # too close to the end to label both
            ticks.append(m.high)
        decimals = 0 if step >= 1 else 1
        texts = [_tick_number(t, decimals) for t in ticks]
        # TRANSLATORS: the ends of a map's colour bar: a value, then "better" or "worse"
        better, worse = _("{value} better"), _("{value} worse")
        if not m.higher_is_better:
            better, worse = worse, better
        texts[0] = worse.format(value=texts[0])
        texts[-1] = better.format(value=texts[-1])
    return {
        "zmin": m.low,
        "zmax": m.high,
        "colorscale": _scale(colours),
        "colorbar": {
            "tickvals": [float(t) for t in ticks],
            "ticktext": texts,
            **({} if measure == "height_change_mm" else {"tickangle": 0}),
        },
    }


# --- text -----------------------------------------------------------------------


def _axis_title(name: str) -> str:
    """``Needle length (mm)``; no unit where the label already says it."""
    spec = SPECS[name]
    unit = spec.unit
    label = _(spec.label)
    # "Punctures per cm² per session" already says its unit, 1/cm².
    if not unit or unit.replace("1/", "").lower() in spec.label.lower():
        return label
    if unit == "days":
        # TRANSLATORS: an axis title: a setting and its unit, e.g. "Days between sessions (days)"
        return _("{setting} (days)").format(setting=label)
    # TRANSLATORS: an axis title: a setting and its unit, e.g. "Needle length (mm)"
    return _("{setting} ({unit})").format(setting=label, unit=unit)


def setting_text(name: str, value: float) -> str:
    """A value of a setting in words.

    Examples
    --------
    >>> setting_text("needle_mm", 1.5), setting_text("sessions", 3), setting_text("sessions", 1)
    ('1.5 mm', '3 sessions', '1 session')
    >>> setting_text("interval_days", 28), setting_text("punctures_per_cm2", 250)
    ('sessions every 28 days', '250 punctures per cm²')
    """
    if name == "needle_mm":
        return _("{length} mm").format(length=_g(value))
    if name == "sessions":
        n = round(value)
        return ngettext("{n} session", "{n} sessions", n).format(n=number(n))
    if name == "interval_days":
        return _("sessions every {days} days").format(days=_g(value))
    if name == "punctures_per_cm2":
        return _("{punctures} punctures per cm²").format(punctures=_g(value))
    spec = SPECS[name]
    setting = _(spec.label).lower()
    if not spec.unit:
        # TRANSLATORS: a setting and its value, e.g. "home roller needle 0.25"
        return _("{setting} {value}").format(setting=setting, value=_g(value))
    # TRANSLATORS: a setting, its value and unit, e.g. "home roller needle 0.25 mm"
    return _("{setting} {value} {unit}").format(setting=setting, value=_g(value), unit=spec.unit)


def cell_text(grid: SweepGrid, row: int, col: int) -> str:
    """The settings of a cell in words, e.g. ``1.5 mm, 3 sessions``."""
    # TRANSLATORS: the two settings of a cell of a map, e.g. "1.5 mm, 3 sessions"
    return _("{x_setting}, {y_setting}").format(
        x_setting=setting_text(grid.x_name, grid.x_values[col]),
        y_setting=setting_text(grid.y_name, grid.y_values[row]),
    )


def value_text(measure: str, value: float) -> str:
    """A measure's value rounded for reading, with its unit: ``32 %``, ``3.0``, ``6.5 days``.

    Examples
    --------
    >>> value_text("fill_pct", 31.6), value_text("redness_days", 6.54), value_text("visits", 3)
    ('32 %', '6.5 days', '3')

    A small value never reads as an exact 0:

    >>> value_text("fill_pct", 0.12), value_text("course_pain_index", 0.04)
    ('<1 %', '<0.1')
    """
    m = MEASURES[measure]
    value = float(value)
    decimals = DECIMALS[measure]
    text = _tick_number(value, decimals)
    if value != 0 and _rounded(value, decimals) == 0:
        text = ("<" if value > 0 else ">-") + _tick_number(10.0**-decimals, decimals)
    elif measure == "height_change_mm" and value > 0:
        text = "+" + text
    if m.unit == "%":
        return _("{value} %").format(value=text)
    if m.unit == "days":
        return _("{value} days").format(value=text)
    if m.unit == "mm":
        return _("{value} mm").format(value=text)
    return f"{text} {m.unit}".rstrip()


def best_label(measure: str, best: BestCell) -> str:
    """Legend label of the best cell: ``Most filled (edge of the range shown)``."""
    words = _(BEST_WORDS[measure])
    if not best.on_edge:
        return words
    # TRANSLATORS: legend label of a map's best cell, e.g. "Most filled (edge of the range
    # shown)": the best cell lies on the map's edge, so the best may lie outside the map
    return _("{best} (edge of the range shown)").format(best=words)


EDGE_WORDS = {
    "needle_mm": (N_("the shortest needle"), N_("the longest needle")),
    "sessions": (N_("the fewest sessions"), N_("the most sessions")),
    "interval_days": (N_("the shortest interval"), N_("the longest interval")),
    "punctures_per_cm2": (N_("the sparsest punctures"), N_("the densest punctures")),
}
"""The two ends of each setting's axis, in words (English; shown through ``_()``)."""


def _edge_words(grid: SweepGrid, edges: Sequence[str]) -> str:
    """Which edges, in words: ``the longest needle and the most sessions``."""
    words = {}
    for axis, name in (("x", grid.x_name), ("y", grid.y_name)):
        if name in EDGE_WORDS:
            low, high = (_(w) for w in EDGE_WORDS[name])
        else:
            setting = _(SPECS[name].label).lower()
            # TRANSLATORS: an end of a map's axis, e.g. "the smallest needle depth"
            low = _("the smallest {setting}").format(setting=setting)
            # TRANSLATORS: an end of a map's axis, e.g. "the largest needle depth"
            high = _("the largest {setting}").format(setting=setting)
        words[f"{axis}_min"], words[f"{axis}_max"] = low, high
    return and_list([words[e] for e in edges])


def best_sentence(sweep: SweepResult, measure: str) -> str:
    """Where the map is best, in words, with the edge flag.

    E.g. "Most filled: 48 % at 2.5 mm, 10 sessions, on the edge of the range
    shown (the largest needle length and the largest sessions): the best may
    lie outside it."
    """
    best = sweep.best(measure)
    if best is None:
        value = float(np.nanmax(sweep[measure]))
        # TRANSLATORS: {measure} is a map's title, e.g. "Course pain: 3.0 on every setting..."
        return _("{measure}: {value} on every setting of this map, so none is better.").format(
            measure=_(TITLES[measure][0]), value=value_text(measure, value)
        )
    where = cell_text(sweep.grid, best.row, best.col)
    ties = len(best.cells)
    if ties > 1:
        where = ngettext(
            "{settings} (and {n} other setting as good)",
            "{settings} (and {n} other settings as good)",
            ties - 1,
        ).format(settings=where, n=number(ties - 1))
    fields = {
        "best": _(BEST_WORDS[measure]),
        "value": value_text(measure, best.value),
        "settings": where,
    }
    ranged = measure == "fill_pct" and "fill_p10_pct" in sweep.measures
    if ranged:
        fields["low"] = value_text(measure, sweep["fill_p10_pct"][best.row, best.col])
        fields["high"] = value_text(measure, sweep["fill_p90_pct"][best.row, best.col])
    if best.on_edge:
        fields["edges"] = _edge_words(sweep.grid, best.edges)
        if ranged:
            # TRANSLATORS: e.g. "Most filled: 48 % at 2.5 mm, 10 sessions, on the edge of the
            # range shown (the longest needle and the most sessions): the best may lie outside
            # it (typical range 30 % to 60 %)."
            message = _(
                "{best}: {value} at {settings}, on the edge of the range shown ({edges}): "
                "the best may lie outside it (typical range {low} to {high})."
            )
        else:
            # TRANSLATORS: e.g. "Least course pain: 1.0 at 0.25 mm, 1 session, on the edge
            # of the range shown (the shortest needle and the fewest sessions): ..."
            message = _(
                "{best}: {value} at {settings}, on the edge of the range shown ({edges}): "
                "the best may lie outside it."
            )
    elif ranged:
        # TRANSLATORS: e.g. "Most filled: 48 % at 2.0 mm, 6 sessions (typical range 30 % to 60 %)."
        message = _("{best}: {value} at {settings} (typical range {low} to {high}).")
    else:
        # TRANSLATORS: e.g. "Most filled: 48 % at 2.0 mm, 6 sessions."
        message = _("{best}: {value} at {settings}.")
    return message.format(**fields)


def describe_tradeoff_map(sweep: SweepResult, measure: str) -> str:
    """Text alternative of :func:`tradeoff_map_figure`, with rounded numbers.

    States the measure, the comparison day, the axes, the lowest and highest
    value and where they lie, the best cell (with the edge flag), and whether
    the second setting changes the measure at all.
    """
    grid = sweep.grid
    values = np.asarray(sweep[measure], dtype=float)
    title = _(TITLES[measure][0])
    lo = np.unravel_index(np.nanargmin(values), values.shape)
    hi = np.unravel_index(np.nanargmax(values), values.shape)
    x, y = grid.x_values, grid.y_values
    # TRANSLATORS: {measure}, {x_axis} and {y_axis} are a map's title and axis titles in
    # lower case, e.g. "Map of scar volume filled on day 432 after the first session, over
    # needle length (mm) (0.25 to 2.5) and sessions (1 to 10); yellow is better."
    text = _(
        "Map of {measure} on day {day} after the first session, over {x_axis} "
        "({x_low} to {x_high}) and {y_axis} ({y_low} to {y_high}); yellow is better."
    ).format(
        measure=title.lower(),
        day=number(grid.comparison_day),
        x_axis=_axis_title(grid.x_name).lower(),
        x_low=_g(x[0]),
        x_high=_g(x[-1]),
        y_axis=_axis_title(grid.y_name).lower(),
        y_low=_g(y[0]),
        y_high=_g(y[-1]),
    )
    if sweep.best(measure) is None:
        return f"{text} {best_sentence(sweep, measure)}"
    # TRANSLATORS: the lowest and highest value of a map and the settings of their cells
    extremes = _("Lowest {low} at {low_settings}; highest {high} at {high_settings}.").format(
        low=value_text(measure, values[lo]),
        low_settings=cell_text(grid, *lo),
        high=value_text(measure, values[hi]),
        high_settings=cell_text(grid, *hi),
    )
    text = f"{text} {extremes} {best_sentence(sweep, measure)}"
    if not sweep.depends_on_y(measure):
        # TRANSLATORS: {setting} is the map's second setting in lower case, e.g. "sessions"
        flat = _(
            "Changing the {setting} does not change it in this model: each column has one colour."
        ).format(setting=_(SPECS[grid.y_name].label).lower())
        text = f"{text} {flat}"
    return text


def bleeding_sentence(sweep: SweepResult) -> str:
    """From which needle length on the sessions draw pinpoint bleeding, in words."""
    grid = sweep.grid
    bleeds = np.asarray(sweep["bleeding"], dtype=bool).all(axis=0)
    if not bleeds.any():
        return _(
            "No needle length on this map reaches the capillaries of the dermis: "
            "no pinpoint bleeding."
        )
    first = int(np.argmax(bleeds))
    if first == 0:
        return _("Every needle length on this map draws pinpoint bleeding (it reaches the dermis).")
    return _(
        "Needles of {length} mm or longer draw pinpoint bleeding (they reach the capillaries "
        "of the dermis); {shorter} mm and shorter do not."
    ).format(length=_g(grid.x_values[first]), shorter=_g(grid.x_values[first - 1]))


def _hover_texts(sweep: SweepResult) -> np.ndarray:
    """One hover text per cell: the settings and every measure of the sweep, rounded."""
    grid = sweep.grid
    names = [
        n
        for n in (sweep.outcome, "course_pain_index", "redness_days", "visits")
        if n in sweep.measures
    ]
    titles = {name: _(TITLES[name][0]) for name in names}
    # TRANSLATORS: a line of a map's hover text, e.g. "Course pain: 3.0"
    single = _("{measure}: {value}")
    # TRANSLATORS: a line of a map's hover text, e.g. "Scar volume filled: 32 % (typical 20 %
    # to 45 %)"
    ranged = _("{measure}: {value} (typical {low} to {high})")
    texts = np.empty(grid.shape, dtype=object)
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            lines = [cell_text(grid, i, j)]
            for name in names:
                fields = {"measure": titles[name], "value": value_text(name, sweep[name][i, j])}
                if name == "fill_pct" and "fill_p10_pct" in sweep.measures:
                    fields["low"] = value_text(name, sweep["fill_p10_pct"][i, j])
                    fields["high"] = value_text(name, sweep["fill_p90_pct"][i, j])
                    lines.append(ranged.format(**fields))
                else:
                    lines.append(single.format(**fields))
            texts[i, j] = "<br>".join(lines)
    return texts


# --- figure ---------------------------------------------------------------------


def map_height_px(width_px: float, legend_rows: int, *, high_contrast: bool = False) -> int:
    """Height of a map drawn ``width_px`` wide with ``legend_rows`` legend entries.

    The plot area is :data:`PLOT_ASPECT` times as tall as it is wide, within
    :data:`PLOT_HEIGHT_PX`; above it the title, below it the axis title, the
    colour bar and the legend (:func:`margins`).

    Examples
    --------
    >>> map_height_px(700, 0) < map_height_px(700, 3) < map_height_px(1400, 3)
    True
    """
    m = margins(theme(high_contrast), legend_rows)
    plot_width = max(width_px - m.left - m.right, 1)
    plot = int(np.clip(PLOT_ASPECT * plot_width, *PLOT_HEIGHT_PX))
    return m.top + plot + m.bottom


def tradeoff_map_figure(
    sweep: SweepResult,
    measure: str,
    *,
    cheapest: Sequence[CheapestSetting] = (),
    protocols: Sequence[PublishedProtocol] = PUBLISHED_PROTOCOLS,
    label_protocols: bool = False,
    high_contrast: bool = False,
    width_px: float = NOMINAL_WIDTH_PX,
) -> go.Figure:
    """Heatmap of one measure of a sweep over its two settings.

    Parameters
    ----------
    sweep : SweepResult
        The map's grid and measures (:func:`sim.plans.evaluate_sweep`).
    measure : str
        The measure drawn (a name in :data:`sim.plans.MEASURES`).
    cheapest : sequence of CheapestSetting
        Settings to mark with an open circle and their target (``≥30 %``).
    protocols : sequence of PublishedProtocol
        Published acne trials to mark with a star where their needle length
        lies on the map; none on a raised scar (those trials excluded them).
    label_protocols : bool
        Write the trials' first authors next to their stars.
    high_contrast : bool
        Use the high-contrast theme.
    width_px : float
        Width the figure will be drawn at; its height follows
        (:func:`map_height_px`).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 is the heatmap (``z`` = ``sweep[measure]``, fixed ``zmin``,
        ``zmax`` and colour scale from :func:`colour_axis`); then, if any, the
        least painful settings (a white halo, then ``"Least pain for a
        target"``), the best cell (a halo, then the label of
        :func:`best_label`) and the published trials (``"Published acne
        trials"``). Colour bar and legend lie below the plot area.
    """
    t = theme(high_contrast)
    grid = sweep.grid
    x, y = list(grid.x_values), list(grid.y_values)
    x_title, y_title = _axis_title(grid.x_name), _axis_title(grid.y_name)
    axis = colour_axis(measure)
    title, colour_title = (_(text) for text in TITLES[measure])
    outline = 3.0 if high_contrast else 2.0
    traces: list[go.BaseTraceType] = [
        go.Heatmap(
            z=np.asarray(sweep[measure], dtype=float),
            x=x,
            y=y,
            zmin=axis["zmin"],
            zmax=axis["zmax"],
            colorscale=axis["colorscale"],
            text=_hover_texts(sweep),
            hovertemplate="%{text}<extra></extra>",
            colorbar={
                **axis["colorbar"],
                "orientation": "h",
                "len": 0.9,
                "x": 0.5,
                "xanchor": "center",
                "yref": "paper",
                "yanchor": "top",
                "title": {"text": colour_title, "side": "top", "font": {"size": t.font_px}},
                "thickness": COLOURBAR_THICKNESS_PX,
                "tickfont": {"size": t.small_px},
                "outlinecolor": t.text,
                "outlinewidth": 1,
            },
        )
    ]
    marks = _target_marks(cheapest, x, y)
    if marks:
        traces += _ringed(
            [m[0] for m in marks],
            [m[1] for m in marks],
            _("Least pain for a target"),
            "circle-open",
            MARK_SIZE_PX,
            outline,
            text=[m[2] for m in marks],
            # TRANSLATORS: hover text of a circle on a map; {target} is e.g. "≥30 %"
            hover=_("Least course pain to fill {target}").format(target="%{text}")
            + "<extra></extra>",
        )
    best = sweep.best(measure)
    if best is not None:
        label = best_label(measure, best)
        traces += _ringed(
            [x[c] for _, c in best.cells],
            [y[r] for r, _ in best.cells],
            label,
            "diamond-open",
            BEST_SIZE_PX,
            outline,
            # TRANSLATORS: hover text of a map's best cell, e.g. "Most filled: 48 %"
            hover=_("{best}: {value}").format(best=label, value=value_text(measure, best.value))
            + "<extra></extra>",
        )
    shown = [] if sweep.raised else _on_map(protocols, grid)
    if shown:
        traces.append(
            go.Scatter(
                x=[p.needle_mm for p in shown],
                y=[protocol_position(p, grid.y_name) for p in shown],
                mode="markers",
                marker={
                    "symbol": "star",
                    "size": STAR_SIZE_PX,
                    "color": "white",
                    "line": {"color": "black", "width": outline},
                },
                name=_("Published acne trials"),
                text=[p.label for p in shown],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig = go.Figure(traces)
    legend_rows = sum(1 for trace in traces[1:] if trace.showlegend is not False)
    height = map_height_px(width_px, legend_rows, high_contrast=high_contrast)
    m = margins(t, legend_rows)
    apply_theme(fig, t, height=height)
    if measure == sweep.outcome:
        # TRANSLATORS: a map's title, e.g. "Scar volume filled on day 432"
        title = _("{measure} on day {day}").format(measure=title, day=number(grid.comparison_day))
    # Under the x-axis title, in the plot area's coordinates (a colour bar placed
    # in the container's coordinates draws its title over the bar: plotly.js).
    plot_px = height - m.top - m.bottom
    fig.update_traces(colorbar_y=-(m.axis + m.gap) / plot_px, selector={"type": "heatmap"})
    markers = [(float(tr.x[k]), float(tr.y[k])) for tr in traces[1:] for k in range(len(tr.x))]
    labels = [(mx, my, [text], "target") for mx, my, text in marks]
    if shown and label_protocols:
        groups = _protocol_groups(shown, grid.y_name, y)
        labels = [(gx, gy, _wrapped(names).split("<br>"), "trial") for gx, gy, names in groups]
        labels += [(mx, my, [text], "target") for mx, my, text in marks]

    def arrangement(chart_px: float) -> dict[str, object]:
        """Labels placed, and the title wrapped, for the map drawn ``chart_px`` wide."""
        plot_width = max(chart_px - m.left - m.right, 1)
        frame = _Frame(_cell_range(x), _cell_range(y), plot_width, plot_px)
        return {
            "annotations": _place_labels(labels, markers, frame, t.small_px),
            "title": {"text": wrap_label(title, (chart_px - 8) / t.title_px)},
        }

    # The browser (pages/_live_chart.js) takes the phone's arrangement on a plot narrower
    # than 90 % of the one drawn at ``width_px``: labels placed for a wide plot overlap
    # on a narrow one, where the points lie closer together.
    wide = arrangement(width_px)
    arrangements = [{"min_plot_px": 0, "layout": arrangement(PHONE_CHART_PX)}]
    if width_px > PHONE_CHART_PX:
        arrangements.append({"min_plot_px": 0.9 * (width_px - m.left - m.right), "layout": wide})
    fig.update_layout(
        **wide,
        meta={"layouts": arrangements},
        showlegend=legend_rows > 0,
        legend={
            "orientation": "v",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "x": 0,
            "xanchor": "left",
            "font": {"size": t.small_px},
        },
        margin={"t": m.top, "l": m.left, "r": m.right, "b": m.bottom},
    )
    fig.update_xaxes(title_text=x_title, showgrid=False, range=_cell_range(x))
    fig.update_yaxes(title_text=y_title, showgrid=False, range=_cell_range(y))
    return fig


def _ringed(
    xs: Sequence[float],
    ys: Sequence[float],
    name: str,
    symbol: str,
    size: float,
    width: float,
    *,
    hover: str,
    text: Sequence[str] | None = None,
) -> list[go.Scatter]:
    """A black open marker on a white halo, visible on dark and on yellow cells."""
    return [
        go.Scatter(
            x=list(xs),
            y=list(ys),
            mode="markers",
            marker={
                "symbol": symbol,
                "size": size,
                "color": colour,
                "line": {"color": colour, "width": line},
            },
            name=label,
            showlegend=shown,
            text=None if text is None else list(text),
            hovertemplate=hover,
            cliponaxis=False,
        )
        for colour, line, label, shown in (
            ("white", width + 3.5, f"{name} (halo)", False),
            ("black", width, name, True),
        )
    ]


def _on_map(protocols: Sequence[PublishedProtocol], grid: SweepGrid) -> list[PublishedProtocol]:
    """The protocols whose needle length and second setting lie within the map."""
    x0, x1 = grid.x_values[0], grid.x_values[-1]
    y0, y1 = grid.y_values[0], grid.y_values[-1]
    return [
        p
        for p in protocols
        if x0 <= p.needle_mm <= x1 and y0 <= protocol_position(p, grid.y_name) <= y1
    ]


def target_label(targets_pct: Sequence[float]) -> str:
    """Label of a marked cell, e.g. ``≥30 %`` (``≥20 %, ≥30 %`` for two targets)."""
    # TRANSLATORS: separator between the items of a list, e.g. "I, II and VI"
    separator = _(", ")
    # TRANSLATORS: a fill target on a map, e.g. "≥30 %" (at least 30 % of the scar filled)
    return separator.join(_("≥{target} %").format(target=_g(t)) for t in targets_pct)


def protocol_position(protocol: PublishedProtocol, y_name: str) -> float:
    """The protocol's value of the map's second setting."""
    return float(getattr(protocol, y_name))


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

    Stars at the same needle length whose second settings differ by less than
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


@dataclass(frozen=True)
class _Frame:
    """The plot area: axis ranges (data units) and its size (px) as drawn at ``width_px``."""

    x_range: list[float]
    y_range: list[float]
    width_px: float
    height_px: float

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        """Pixel position of a data point, from the plot area's top left corner (y down)."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (x - x0) / (x1 - x0) * self.width_px, (y1 - y) / (y1 - y0) * self.height_px


@dataclass(frozen=True)
class _Box:
    """A rectangle in pixels (y down)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: _Box) -> float:
        """Area shared with ``other`` (px²)."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(w, 0.0) * max(h, 0.0)

    def cut_by(self, segment: tuple[float, float, float, float]) -> bool:
        """Whether the line ``segment`` (x0, y0, x1, y1) passes through this box
        (an end on the box's edge, where a label's line meets its own label, does not)."""
        x0, y0, x1, y1 = segment
        if any(self.x0 < x < self.x1 and self.y0 < y < self.y1 for x, y in ((x0, y0), (x1, y1))):
            return True
        edges = (
            (self.x0, self.y0, self.x1, self.y0),
            (self.x1, self.y0, self.x1, self.y1),
            (self.x1, self.y1, self.x0, self.y1),
            (self.x0, self.y1, self.x0, self.y0),
        )
        return any(_crosses(segment, edge) for edge in edges)

    def outside(self, width: float, height: float) -> float:
        """Area lying outside a ``width`` x ``height`` plot area (px²)."""
        inside = _Box(0.0, 0.0, width, height).overlap(self)
        return (self.x1 - self.x0) * (self.y1 - self.y0) - inside


CHAR_WIDTH_EM = 0.6
"""Average width of a character over the font size (Arial; a generous estimate)."""

MARKER_CLEARANCE_PX = 13
"""Half-width of the square kept free around every marker (a circle or star with its halo)."""


def _label_size(lines: Sequence[str], font_px: int) -> tuple[float, float]:
    """Estimated width and height (px) of a label of ``lines`` with its padding."""
    return (
        max(len(line) for line in lines) * CHAR_WIDTH_EM * font_px + 8,
        len(lines) * LINE_HEIGHT * font_px + 6,
    )


def _label_box(
    px: float, py: float, ax: float, ay: float, xanchor: str, yanchor: str, size: tuple
) -> _Box:
    """Box of a label whose anchor lies ``(ax, ay)`` px from the point ``(px, py)``."""
    w, h = size
    cx, cy = px + ax, py + ay
    x0 = {"left": cx, "right": cx - w, "center": cx - w / 2}[xanchor]
    y0 = {"top": cy, "bottom": cy - h, "middle": cy - h / 2}[yanchor]
    return _Box(x0, y0, x0 + w, y0 + h)


def _crosses(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether segments ``a`` and ``b`` (x0, y0, x1, y1) cross at a point inside both
    (touching at an end does not count)."""

    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    a0, a1, b0, b1 = (a[0], a[1]), (a[2], a[3]), (b[0], b[1]), (b[2], b[3])
    return side(a0, a1, b0) * side(a0, a1, b1) < 0 and side(b0, b1, a0) * side(b0, b1, a1) < 0


def _candidates(kind: str, font_px: int) -> list[tuple[float, float, str, str]]:
    """Offsets (px) and anchors to try for a label, nearest first.

    A trial's label prefers the upper left of its star (the map's upper right
    holds the best fills); a target's label prefers the right of its circle.
    """
    r = LABEL_OFFSET_PX
    d = round(LINE_HEIGHT * font_px + 8)
    near = {
        "right": (r, 0, "left", "middle"),
        "left": (-r, 0, "right", "middle"),
        "up": (0, -d, "center", "bottom"),
        "down": (0, d, "center", "top"),
        "up-left": (-r, -d, "right", "bottom"),
        "up-right": (r, -d, "left", "bottom"),
        "down-left": (-r, d, "right", "top"),
        "down-right": (r, d, "left", "top"),
    }
    order = (
        ["up-left", "left", "down-left", "up-right", "right", "down-right", "up", "down"]
        if kind == "trial"
        else ["right", "left", "up-right", "down-right", "up-left", "down-left", "up", "down"]
    )
    first = [near[name] for name in order]
    farther = [(2 * ax, 2 * ay, xa, ya) for ax, ay, xa, ya in first]
    return first + farther


def _place_labels(
    labels: Sequence[tuple[float, float, list[str], str]],
    markers: Sequence[tuple[float, float]],
    frame: _Frame,
    font_px: int,
) -> list[dict]:
    """Annotations for ``labels`` placed so that they overlap nothing, where they can.

    Each label ``(x, y, lines, kind)`` is linked to its point by a short line.
    Labels are placed one after another (trials first: their labels are the
    largest), each at the first offset of :func:`_candidates` whose box stays
    inside the plot area and covers no marker and no label placed before;
    where none is free, at the one that covers least. Sizes are estimated
    (:data:`CHAR_WIDTH_EM`, :data:`LINE_HEIGHT`) for the plot area as drawn at
    the figure's nominal width: a wider page only moves the points apart.
    """
    c = MARKER_CLEARANCE_PX
    points = [frame.to_px(mx, my) for mx, my in markers]
    taken = [_Box(px - c, py - c, px + c, py + c) for px, py in points]
    leaders: list[tuple[float, float, float, float]] = []  # each label's line
    placed: list[_Box] = []  # each label's box
    annotations = []
    for x, y, lines, kind in labels:
        px, py = frame.to_px(x, y)
        size = _label_size(lines, font_px)
        options = _candidates(kind, font_px)
        boxes = [_label_box(px, py, *option, size) for option in options]
        # A line crossing another label's line, or passing through another label (or
        # another's through this one), costs as much as covering a whole label: the
        # reader could not tell which point each label names.
        costs = [
            sum(box.overlap(b) for b in taken)
            + box.outside(frame.width_px, frame.height_px)
            + size[0]
            * size[1]
            * (
                sum(_crosses((px, py, px + ax, py + ay), line) for line in leaders)
                + sum(b.cut_by((px, py, px + ax, py + ay)) for b in placed)
                + sum(box.cut_by(line) for line in leaders)
            )
            for box, (ax, ay, _xa, _ya) in zip(boxes, options, strict=True)
        ]
        best = int(np.argmin(costs))  # the first of the cheapest: nearest first
        ax, ay, xanchor, yanchor = options[best]
        taken.append(boxes[best])
        placed.append(boxes[best])
        leaders.append((px, py, px + ax, py + ay))
        annotations.append(
            {
                "x": x,
                "y": y,
                "text": "<br>".join(lines),
                "showarrow": True,
                "arrowhead": 0,
                "arrowwidth": 1.5,
                "arrowcolor": "black",
                "standoff": MARK_SIZE_PX / 2,
                "ax": ax,
                "ay": ay,
                "xanchor": xanchor,
                "yanchor": yanchor,
                "bgcolor": "rgba(255,255,255,0.9)",
                "bordercolor": "black",
                "borderpad": 2,
                "font": {"size": font_px, "color": "black"},
            }
        )
    return annotations


def _cell_range(values: Sequence[float]) -> list[float]:
    """Axis range covering the heatmap's outer cells exactly."""
    v = np.asarray(values, dtype=float)
    if v.size < 2:
        return [float(v[0]) - 0.5, float(v[0]) + 0.5]
    return [float(v[0] - (v[1] - v[0]) / 2), float(v[-1] + (v[-1] - v[-2]) / 2)]
