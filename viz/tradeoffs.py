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

from collections.abc import Callable, Sequence
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
from viz.i18n import N_, _, and_list, ngettext, number, unit_text
from viz.style import PHONE_CHART_PX, Theme, apply_theme, theme
from viz.timeline import text_width_px, wrap_label

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

LABEL_GAP_PX = 4
"""Least space between two labels: labels that touch, with their lines meeting at one
point, read as one list beside either point."""

WIDEST_PLOT_SCALE = 2.2
"""Widest plot a map's labels are placed for, over the plot at the nominal width: a
1920 px window with the sidebar open draws it 2.1 times as wide (measured in Chromium)."""

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
    return _("{setting} ({unit})").format(setting=label, unit=unit_text(unit))


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
    return _("{setting} {value} {unit}").format(
        setting=setting, value=_g(value), unit=unit_text(spec.unit)
    )


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
        labels += [(gx, gy, _wrapped(names).split("<br>"), "trial") for gx, gy, names in groups]

    def arrangement(chart_px: float, plot_widths: Sequence[float]) -> dict[str, object]:
        """Labels placed for plots ``plot_widths`` wide, and the title wrapped for the map
        drawn ``chart_px`` wide."""
        frames = [_Frame(_cell_range(x), _cell_range(y), w, plot_px) for w in plot_widths]
        return {
            "annotations": _place_labels(labels, markers, frames, t.small_px),
            "title": {"text": wrap_label(title, (chart_px - 8) / t.title_px)},
        }

    # The browser (pages/_live_chart.js) takes the phone's arrangement on a plot narrower
    # than 90 % of the one drawn at ``width_px``: labels placed for a wide plot overlap
    # on a narrow one, where the points lie closer together. Each arrangement is placed
    # for the narrowest and the widest plot it is drawn on (and one between).
    plot_width = max(width_px - m.left - m.right, 1)
    phone_width = max(PHONE_CHART_PX - m.left - m.right, 1)
    switch = 0.9 * plot_width
    wide = arrangement(width_px, [switch, plot_width, WIDEST_PLOT_SCALE * plot_width])
    phone_widths = [phone_width, (phone_width + switch) / 2, switch]
    arrangements = [{"min_plot_px": 0, "layout": arrangement(PHONE_CHART_PX, phone_widths)}]
    if width_px > PHONE_CHART_PX:
        arrangements.append({"min_plot_px": switch, "layout": wide})
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

    def grown(self, px: float) -> _Box:
        """This box with ``px`` more on every side."""
        return _Box(self.x0 - px, self.y0 - px, self.x1 + px, self.y1 + px)

    def distance(self, x: float, y: float) -> float:
        """Distance (px) from the point ``(x, y)`` to this box (0 inside it)."""
        dx = max(self.x0 - x, 0.0, x - self.x1)
        dy = max(self.y0 - y, 0.0, y - self.y1)
        return float(np.hypot(dx, dy))

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


MARKER_CLEARANCE_PX = 13
"""Half-width of the square kept free around every marker (a circle or star with its halo)."""

NEARER_PX = 6
"""How much nearer its own point than any other the end of a label's line must lie (px)."""

LABEL_PADDING_PX = 8
"""Width a label's padding and border add to its text (px; 2 x (2 + 1) as drawn, and 2 to spare)."""


def _label_size(lines: Sequence[str], font_px: int) -> tuple[float, float]:
    """Estimated width and height (px) of a label of ``lines`` with its padding and border.

    Widths from :func:`viz.timeline.text_width_px` (in every language); the height
    is :data:`LINE_HEIGHT` a line and 2 px (measured in Chromium: 32 px for a line
    at 24 px, 43 px for two at 16 px).
    """
    return (
        text_width_px("<br>".join(lines), font_px) + LABEL_PADDING_PX,
        len(lines) * LINE_HEIGHT * font_px + 2,
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
    Between beside and diagonal, a label half a line up or down
    (``"right-up"``) fits between rows of points about a line apart; one half a
    line straight above or below its point (``"up-near"``, or reaching right or
    left from it) fits a point at the plot's edge or close beside another.
    """
    r = LABEL_OFFSET_PX
    d = round(LINE_HEIGHT * font_px + 8)
    h = round(d / 2 + LABEL_GAP_PX)  # clears a label beside a point in the same row
    near = {
        "right": (r, 0, "left", "middle"),
        "left": (-r, 0, "right", "middle"),
        "up": (0, -d, "center", "bottom"),
        "down": (0, d, "center", "top"),
        "up-left": (-r, -d, "right", "bottom"),
        "up-right": (r, -d, "left", "bottom"),
        "down-left": (-r, d, "right", "top"),
        "down-right": (r, d, "left", "top"),
        "left-up": (-r, -h, "right", "bottom"),
        "right-up": (r, -h, "left", "bottom"),
        "left-down": (-r, h, "right", "top"),
        "right-down": (r, h, "left", "top"),
        "up-near": (0, -h, "center", "bottom"),
        "down-near": (0, h, "center", "top"),
        "up-near-right": (0, -h, "left", "bottom"),
        "down-near-right": (0, h, "left", "top"),
        "up-near-left": (0, -h, "right", "bottom"),
        "down-near-left": (0, h, "right", "top"),
    }
    above = ["up-near", "down-near", "up-near-right", "down-near-right"]
    above += ["up-near-left", "down-near-left", "up", "down"]
    if kind == "trial":
        order = ["up-left", "left", "left-up", "left-down", "down-left", "up-right"]
        order += ["right", "right-up", "right-down", "down-right", *above]
    else:
        order = ["right", "left", "right-up", "right-down", "left-up", "left-down"]
        order += ["up-right", "down-right", "up-left", "down-left", *above]
    first = [near[name] for name in order]
    farther = [(2 * ax, 2 * ay, xa, ya) for ax, ay, xa, ya in first]
    return first + farther


_Placed = tuple[float, float, tuple[float, float, str, str], tuple[float, float]]
"""A label placed: its point (data units), its offset and anchors, its size (px)."""

_Segment = tuple[float, float, float, float]
"""A line from (x0, y0) to (x1, y1), in px."""


def _drawn(label: _Placed, frame: _Frame) -> tuple[_Box, _Segment]:
    """Box and line (from its point to its anchor) of ``label`` drawn in ``frame`` (px)."""
    x, y, (ax, ay, xanchor, yanchor), size = label
    px, py = frame.to_px(x, y)
    return _label_box(px, py, ax, ay, xanchor, yanchor, size), (px, py, px + ax, py + ay)


def _clash_alone(label: _Placed, markers: Sequence[tuple[float, float]], frame: _Frame) -> float:
    """How badly ``label``, drawn in ``frame``, clashes with the markers and the plot's edge (px²).

    By the area it covers of a marker's clearance square and the area outside the
    plot; as much as a whole label when the end of its line lies less than
    :data:`NEARER_PX` nearer its own point than another point: the reader could
    not tell which point it names (markers within two clearances of its point,
    a group of stars sharing one label, count as its own).
    """
    box, (px, py, ex, ey) = _drawn(label, frame)
    c = MARKER_CLEARANCE_PX
    points = {frame.to_px(mx, my) for mx, my in markers}  # a halo and its marker are one
    cost = sum(box.overlap(_Box(qx - c, qy - c, qx + c, qy + c)) for qx, qy in points)
    cost += box.outside(frame.width_px, frame.height_px)
    reach = np.hypot(ex - px, ey - py) + NEARER_PX
    others = [(qx, qy) for qx, qy in points if np.hypot(qx - px, qy - py) > 2 * c]
    nearer = sum(np.hypot(qx - ex, qy - ey) < reach for qx, qy in others)
    return cost + nearer * (box.x1 - box.x0) * (box.y1 - box.y0)


def _beside_another(label: _Placed, markers: Sequence[tuple[float, float]], frame: _Frame) -> bool:
    """Whether ``label``'s box, drawn in ``frame``, lies nearer another point than its own
    (above another circle, say, with only its line leading to its own)."""
    box, (px, py, _ex, _ey) = _drawn(label, frame)
    own = box.distance(px, py)
    points = {frame.to_px(mx, my) for mx, my in markers}
    c = MARKER_CLEARANCE_PX
    return any(
        box.distance(qx, qy) < own - 0.5 for qx, qy in points if np.hypot(qx - px, qy - py) > 2 * c
    )


def _clash_pair(label: _Placed, other: _Placed, frame: _Frame) -> float:
    """How badly two labels drawn in ``frame`` clash (px²): by the area they share with
    :data:`LABEL_GAP_PX` between them, and as much as a whole label when one's line
    crosses the other's line or label."""
    box, line = _drawn(label, frame)
    other_box, other_line = _drawn(other, frame)
    crossings = _crosses(line, other_line) + other_box.cut_by(line) + box.cut_by(other_line)
    whole = (box.x1 - box.x0) * (box.y1 - box.y0)
    return box.grown(LABEL_GAP_PX).overlap(other_box) + crossings * whole


SEARCH_STEPS = 20_000
"""Most partial arrangements :func:`_place_labels` tries before it settles for one that clashes."""


def _place_labels(
    labels: Sequence[tuple[float, float, list[str], str]],
    markers: Sequence[tuple[float, float]],
    frames: Sequence[_Frame],
    font_px: int,
) -> list[dict]:
    """Annotations for ``labels`` placed so that they clash with nothing, where they can.

    Each label ``(x, y, lines, kind)`` is linked to its point by a short line at
    one of the offsets of :func:`_candidates`. An arrangement is clean when no
    label clashes (:func:`_clash_alone`, :func:`_clash_pair`) in any of
    ``frames``, the plot areas it will be drawn in (the points move apart on a
    wider plot; the offsets stay). The first clean arrangement is searched for
    (:func:`_clean_arrangement`: targets first, each at its nearest free offset,
    preferring those beside no other point); a trial's label may be left out (its
    star keeps its hover text) where it leaves no room for the others: on a phone
    in projector mode, say. Where no arrangement is
    clean within :data:`SEARCH_STEPS`, labels are placed one after another,
    each where it clashes least, and a trial's label that would clash is left
    out. Sizes are estimated (:func:`_label_size`).
    """
    spots = [
        [(x, y, option, _label_size(lines, font_px)) for option in _candidates(kind, font_px)]
        for x, y, lines, kind in labels
    ]
    alone = [
        [sum(_clash_alone(spot, markers, frame) for frame in frames) for spot in choices]
        for choices in spots
    ]
    # The free offsets of each label, nearest first; but first those where its box, not
    # only its line's end, lies nearest its own point (:func:`_beside_another`).
    free = [
        sorted(
            (k for k, cost in enumerate(costs) if cost == 0),
            key=lambda k, i=i: any(_beside_another(spots[i][k], markers, f) for f in frames),
        )
        for i, costs in enumerate(alone)
    ]
    trial = [kind == "trial" for *_, kind in labels]
    pairs: dict[tuple[int, int, int, int], float] = {}

    def pair(i: int, k: int, j: int, n: int) -> float:
        key = (i, k, j, n) if i < j else (j, n, i, k)
        if key not in pairs:
            a, b = spots[key[0]][key[1]], spots[key[2]][key[3]]
            pairs[key] = sum(_clash_pair(a, b, frame) for frame in frames)
        return pairs[key]

    chosen = _clean_arrangement(trial, free, pair)
    if chosen is None:
        chosen = _greedy_arrangement(trial, alone, pair)
    annotations = []
    for i, k in sorted(chosen.items()):
        ax, ay, xanchor, yanchor = spots[i][k][2]
        annotations.append(
            {
                "x": labels[i][0],
                "y": labels[i][1],
                "text": "<br>".join(labels[i][2]),
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


def _clean_arrangement(
    trial: Sequence[bool],
    free: Sequence[Sequence[int]],
    pair: Callable[[int, int, int, int], float],
) -> dict[int, int] | None:
    """The first arrangement (label -> offset) in which nothing clashes, or None.

    A depth-first search over each label's ``free`` offsets, in their order:
    targets before trials, among them the labels with the fewest free offsets
    first; a trial's label is left out only after all its offsets failed.
    """
    order = sorted(range(len(free)), key=lambda i: (trial[i], len(free[i])))
    chosen: dict[int, int] = {}
    steps = 0

    def search(depth: int) -> bool:
        nonlocal steps
        if depth == len(order):
            return True
        steps += 1
        if steps > SEARCH_STEPS:
            return False
        i = order[depth]
        for k in free[i]:
            if all(pair(i, k, j, n) == 0 for j, n in chosen.items()):
                chosen[i] = k
                if search(depth + 1):
                    return True
                del chosen[i]
        return trial[i] and search(depth + 1)

    return dict(chosen) if search(0) else None


def _greedy_arrangement(
    trial: Sequence[bool],
    alone: Sequence[Sequence[float]],
    pair: Callable[[int, int, int, int], float],
) -> dict[int, int]:
    """Labels placed one after another (targets first), each at the offset where it clashes
    least (the nearest of those); a trial's label that would clash is left out."""
    chosen: dict[int, int] = {}
    for i in sorted(range(len(alone)), key=lambda i: trial[i]):
        costs = [
            cost + sum(pair(i, k, j, n) for j, n in chosen.items())
            for k, cost in enumerate(alone[i])
        ]
        best = int(np.argmin(costs))
        if not trial[i] or costs[best] == 0:
            chosen[i] = best
    return chosen


def _cell_range(values: Sequence[float]) -> list[float]:
    """Axis range covering the heatmap's outer cells exactly."""
    v = np.asarray(values, dtype=float)
    if v.size < 2:
        return [float(v[0]) - 0.5, float(v[0]) + 0.5]
    return [float(v[0] - (v[1] - v[0]) / 2), float(v[-1] + (v[-1] - v[-2]) / 2)]
