r"""Treatment plans: the courses the pages compare, and the trade-off sweep.

Office vs. home
---------------
Three courses on one scar (:func:`office_vs_home_plans`): the scenario's
course with a clinician's device, a home roller used on its own
(:data:`HOME_ROLLS` rolls ending on the office course's last day), and the
office course with the home roller between its sessions.

Trade-off sweep
---------------
A grid of courses that differ in two settings (needle length and a second
one), all compared on the **same day after the first session**: the longest
course on the grid followed for the scenario's follow-up. Counted from each
course's own last session instead, a longer course would look better only
because it is looked at later.

Each cell carries the outcome and the course totals:

* **fill** (``fill_pct``): the filled share of the depression's volume on the
  comparison day (:func:`sim.metrics.improvement_pct`), median patient, and
  with ``band=True`` the 10th and 90th percentile (``fill_p10_pct``,
  ``fill_p90_pct``). A raised scar has no deficit to fill: its outcome is the
  change of its height above the surrounding skin (``height_change_mm``),
  which collagen induction leaves at 0 (no flattening); it has no fill.
* **visits**: office sessions up to the comparison day,
  :math:`n = \#\{t_k \le T\}`.
* **course pain** (``course_pain_index``): the sum over sessions of the pain
  index of one session (:func:`sim.side_effects.pain_index`; 1 = one office-pen
  session at 1.5 mm), home rolls included,

  .. math:: P = n\,p_\text{office} + n_\text{home}\,p_\text{home}.

  That pain adds up over sessions is a modelling choice (Gill 2008 measured
  single insertions).
* **days of redness** (``redness_days``): the sum over sessions of the days of
  redness after one session (:func:`sim.side_effects.redness_days`),
  :math:`R = n\,r_\text{office} + n_\text{home}\,r_\text{home}`. Redness lasts
  at most 3 days and sessions are at least 7 days apart (registry), so the
  periods never overlap; home rolls, at least 1 day apart, redden for about
  0.5 day each, so theirs do not overlap either (modelling choice: the sum).

:func:`best_cell` finds the best cell of a measure and says whether it lies on
the grid's edge: an optimum on the edge means the best may lie outside the
range shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from sim import constants as C
from sim.devices import DEVICES
from sim.model import simulate_many
from sim.registry import SPECS
from sim.scars import SCARS
from sim.scenario import Scenario
from sim.side_effects import depth_reached_mm, pain_index, redness_days
from sim.text import N_

# --- office vs. home ------------------------------------------------------------

HOME_ROLLS = int(SPECS["sessions"].max)
"""Rolls of the home-only course: the registry's largest number of sessions (10)."""


@dataclass(frozen=True)
class OfficeHomePlans:
    """The three courses the Office vs. home page compares.

    Attributes
    ----------
    office : Scenario
        The course with a clinician's device, no home roller.
    home : Scenario
        A home roller on its own, ending on the office course's last day.
    combined : Scenario
        The office course with the home roller between its sessions.
    """

    office: Scenario
    home: Scenario
    combined: Scenario


def device_needle_range_mm(device: str) -> tuple[float, float]:
    """Needle lengths (mm) allowed for ``device``: its own range within the registry's.

    Examples
    --------
    >>> device_needle_range_mm("home_roller"), device_needle_range_mm("office_pen")
    ((0.2, 0.3), (0.25, 2.5))
    """
    spec, d = SPECS["needle_mm"], DEVICES[device]
    assert spec.min is not None and spec.max is not None
    return max(float(spec.min), d.needle_min_mm), min(float(spec.max), d.needle_max_mm)


def office_course(scenario: Scenario) -> Scenario:
    """The scenario's course with a clinician's device and no home roller.

    A scenario that names the home roller gets the office pen at its default
    needle length instead.
    """
    if scenario.device == "home_roller":
        pen = DEVICES["office_pen"]
        scenario = scenario.with_changes(device=pen.name, needle_mm=pen.default_needle_mm)
    return scenario.with_changes(home_maintenance=False)


def home_roller_course(office: Scenario) -> Scenario:
    """A home roller on its own: :data:`HOME_ROLLS` rolls every ``home_interval_days``.

    The roller's needle is the office scenario's ``home_needle_mm`` (within the
    roller's range); the interval is kept within the registry's range of days
    between sessions, and the follow-up is chosen so that the course ends on the
    office course's last day (no earlier than the last roll). No adjunct.
    """
    spec = SPECS["interval_days"]
    interval = int(np.clip(office.home_interval_days, spec.min, spec.max))
    last_roll = (HOME_ROLLS - 1) * interval
    follow_up = int(np.clip(office.end_day - last_roll, 0, SPECS["follow_up_days"].max))
    low, high = device_needle_range_mm("home_roller")
    return office.with_changes(
        device="home_roller",
        needle_mm=float(np.clip(office.home_needle_mm, low, high)),
        sessions=HOME_ROLLS,
        interval_days=interval,
        follow_up_days=follow_up,
        adjunct="none",
        home_maintenance=False,
    )


def office_vs_home_plans(scenario: Scenario) -> OfficeHomePlans:
    """The office course, the home roller alone, and both combined.

    Examples
    --------
    >>> plans = office_vs_home_plans(Scenario(device="home_roller", needle_mm=0.25))
    >>> plans.office.device, plans.home.device, plans.combined.home_maintenance
    ('office_pen', 'home_roller', True)
    """
    office = office_course(scenario)
    return OfficeHomePlans(
        office=office,
        home=home_roller_course(office),
        combined=office.with_changes(home_maintenance=True),
    )


# --- the sweep grid -------------------------------------------------------------

X_NAME = "needle_mm"
"""The horizontal axis of every trade-off map."""

SECOND_AXES: Mapping[str, tuple[float, ...]] = MappingProxyType(
    {
        # 1 to the registry's maximum of 10 (0 sessions is no treatment).
        "sessions": tuple(float(n) for n in range(1, int(SPECS["sessions"].max) + 1)),
        # The registry's range 7-90 days: weekly to 6 weeks, then coarser (modelling choice).
        "interval_days": (7.0, 14.0, 21.0, 28.0, 35.0, 42.0, 56.0, 70.0, 90.0),
        # The registry's range 25-1000 /cm², denser around the default 250 (modelling choice).
        "punctures_per_cm2": (25.0, 50.0, 100.0, 150.0, 250.0, 400.0, 550.0, 700.0, 850.0, 1000.0),
    }
)
"""Second settings a map can show (vertical axis) and their values on the grid."""

MAX_NEEDLE_VALUES = 25
"""Most needle lengths on one map (legible columns; modelling choice)."""

NEEDLE_STEPS_MM = (0.05, 0.1, 0.25, 0.5)
"""Round steps tried for the needle axis, finest first (modelling choice)."""


def needle_axis_mm(device: str) -> tuple[float, ...]:
    """Needle lengths (mm) of a map: the device's range on a round grid, both ends included.

    The finest step of :data:`NEEDLE_STEPS_MM` that gives at most
    :data:`MAX_NEEDLE_VALUES` values.

    Examples
    --------
    >>> needle_axis_mm("home_roller")
    (0.2, 0.25, 0.3)
    >>> axis = needle_axis_mm("office_pen")
    >>> axis[0], axis[1], axis[-1], len(axis)
    (0.25, 0.3, 2.5, 24)
    """
    low, high = device_needle_range_mm(device)
    for step in NEEDLE_STEPS_MM:
        inner = np.arange(np.ceil(low / step - 1e-9) * step, high + 1e-9, step)
        values = np.unique(np.round(np.concatenate([[low], inner, [high]]), 3))
        if values.size <= MAX_NEEDLE_VALUES:
            return tuple(float(v) for v in values)
    return (low, high)


@dataclass(frozen=True)
class SweepGrid:
    """The courses of a trade-off map and the day they are compared on.

    Attributes
    ----------
    x_name, y_name : str
        Registry names of the horizontal and vertical settings (their units are
        in the names: ``needle_mm``, ``interval_days``, ``punctures_per_cm2``;
        ``sessions`` is a count).
    x_values, y_values : tuple of float
        Values of the two settings, increasing, in the registry's units.
    comparison_day : float
        Day after the first session on which every cell is compared (days).

    Raises
    ------
    ValueError
        If a name is not a registry setting, both names are the same, an axis
        is empty or not increasing, or the day is negative.
    """

    x_name: str
    x_values: tuple[float, ...]
    y_name: str
    y_values: tuple[float, ...]
    comparison_day: float

    def __post_init__(self) -> None:
        for name in (self.x_name, self.y_name):
            if name not in SPECS or SPECS[name].kind not in ("int", "float"):
                raise ValueError(f"{name!r} is not a numeric setting of the registry")
        if self.x_name == self.y_name:
            raise ValueError(f"both axes are {self.x_name!r}: a map needs two settings")
        for name, values in ((self.x_name, self.x_values), (self.y_name, self.y_values)):
            v = np.asarray(values, dtype=float)
            if v.ndim != 1 or v.size == 0 or np.any(np.diff(v) <= 0):
                raise ValueError(f"values of {name!r} must be a non-empty increasing sequence")
        if not np.isfinite(self.comparison_day) or self.comparison_day < 0:
            raise ValueError(f"comparison_day = {self.comparison_day!r} days: must be >= 0")

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) = (len(y_values), len(x_values))."""
        return len(self.y_values), len(self.x_values)

    @property
    def x_unit(self) -> str:
        """Unit of the horizontal setting (from the registry)."""
        return SPECS[self.x_name].unit

    @property
    def y_unit(self) -> str:
        """Unit of the vertical setting (from the registry)."""
        return SPECS[self.y_name].unit


def _cell(base: Scenario, name: str, value: float, other: str, other_value: float) -> Scenario:
    """``base`` with two settings changed (integers stay integers)."""
    changes = {
        n: round(v) if SPECS[n].kind == "int" else float(v)
        for n, v in ((name, value), (other, other_value))
    }
    return base.with_changes(**changes)


def grid_scenarios(grid: SweepGrid, base: Scenario) -> tuple[tuple[Scenario, ...], ...]:
    """The courses of the grid, one tuple per row (``y``) of one scenario per column (``x``)."""
    return tuple(
        tuple(_cell(base, grid.x_name, x, grid.y_name, y) for x in grid.x_values)
        for y in grid.y_values
    )


def sweep_grid(
    base: Scenario,
    y_name: str,
    *,
    x_values: Sequence[float] | None = None,
    y_values: Sequence[float] | None = None,
) -> SweepGrid:
    """The grid of a map: needle length by ``y_name``, compared on one day.

    Parameters
    ----------
    base : Scenario
        Every other setting (scar, device, follow-up, adjunct, ...).
    y_name : str
        The second setting (default values from :data:`SECOND_AXES`).
    x_values, y_values : sequence of float, optional
        Needle lengths (mm; default :func:`needle_axis_mm` of the device) and
        values of the second setting.

    Returns
    -------
    SweepGrid
        Its ``comparison_day`` is the last day of the longest course on the
        grid: :math:`T = \\max_\\text{cells}(t_\\text{last session}) +
        \\text{follow-up}` (days after the first session).

    Examples
    --------
    >>> grid = sweep_grid(Scenario(), "sessions")
    >>> grid.shape, grid.comparison_day  # 10 sessions 28 days apart, then 180 days
    ((10, 24), 432.0)
    """
    if y_name not in SECOND_AXES and y_values is None:
        raise ValueError(f"no default values for {y_name!r}; known: {', '.join(SECOND_AXES)}")
    xs = tuple(float(v) for v in (needle_axis_mm(base.device) if x_values is None else x_values))
    ys = tuple(float(v) for v in (SECOND_AXES[y_name] if y_values is None else y_values))
    cells = grid_scenarios(SweepGrid(X_NAME, xs, y_name, ys, 0.0), base)
    day = max(s.end_day for row in cells for s in row)
    return SweepGrid(X_NAME, xs, y_name, ys, float(day))


# --- measures -------------------------------------------------------------------


def _max_session_pain() -> float:
    """Largest pain index of one session over every device's allowed needles."""
    return max(
        pain_index(device_needle_range_mm(name)[1], device.needles)
        for name, device in DEVICES.items()
    )


@dataclass(frozen=True)
class Measure:
    """A quantity on a trade-off map.

    Attributes
    ----------
    name, label, unit : str
        Key in :attr:`SweepResult.measures`, words on screen (English, marked with
        ``N_``: the app shows ``_(label)``), unit.
    higher_is_better : bool
        Whether more of it is better for the patient.
    low, high : float
        Fixed range of the quantity (the same for every scar and device), in
        ``unit``; the colour scale of a map spans it.
    source : str
        Where the range comes from.
    """

    name: str
    label: str
    unit: str
    higher_is_better: bool
    low: float
    high: float
    source: str


TALLEST_RAISED_MM = max(s.depth_mm for s in SCARS.values() if s.is_raised)
"""Height of the tallest raised preset (keloid, 2.5 mm; :data:`sim.scars.SCARS`)."""

_FILL = {
    "unit": "%",
    "higher_is_better": True,
    "low": 0.0,
    "high": 100.0,
    "source": "share of the depression's volume: 0-100 % by definition (sim.metrics)",
}
MEASURES: Mapping[str, Measure] = MappingProxyType(
    {
        m.name: m
        for m in (
            Measure("fill_pct", N_("Scar volume filled"), **_FILL),
            Measure("fill_p10_pct", N_("Scar volume filled (10th percentile)"), **_FILL),
            Measure("fill_p90_pct", N_("Scar volume filled (90th percentile)"), **_FILL),
            Measure(
                "height_change_mm",
                N_("Change in height above the skin"),
                "mm",
                False,
                -TALLEST_RAISED_MM,
                TALLEST_RAISED_MM,
                "± the tallest raised preset (keloid 2.5 mm, sim.scars; modelling choice)",
            ),
            Measure(
                "visits",
                N_("Sessions (visits)"),
                "",
                False,
                0.0,
                float(SPECS["sessions"].max),
                "0 to the registry's maximum number of sessions",
            ),
            Measure(
                "course_pain_index",
                N_("Course pain"),
                "",
                False,
                0.0,
                float(SPECS["sessions"].max) * _max_session_pain(),
                "the registry's maximum number of sessions x the most painful session "
                "(any device at its longest needle; Gill 2008). Home rolls between "
                "sessions can go beyond it",
            ),
            Measure(
                "redness_days",
                N_("Days of redness"),
                "days",
                False,
                0.0,
                float(SPECS["sessions"].max) * C.REDNESS_DEEP_DAYS.value,
                "the registry's maximum number of sessions x the redness after the "
                "deepest setting (3 days). Home rolls between sessions can go beyond it",
            ),
        )
    }
)
"""Every quantity a trade-off map can show, with its fixed range."""

OUTCOME_DEPRESSED = "fill_pct"
OUTCOME_RAISED = "height_change_mm"
COURSE_TOTALS = ("course_pain_index", "redness_days", "visits")
"""The burden of a course (less is better), in the order the page offers them."""


def evaluate_scenarios(
    scenarios: Sequence[Scenario], day: float, *, band: bool = False
) -> dict[str, np.ndarray]:
    """Outcome and course totals of some scenarios, all on ``day`` after the first session.

    Parameters
    ----------
    scenarios : sequence of Scenario
        Courses on one scar: all depressed or all raised.
    day : float
        Day after the first session (days); sessions and home rolls after it
        do not count.
    band : bool
        Also the 10th and 90th percentile of the fill (depressed scars only;
        about 100 times slower).

    Returns
    -------
    dict of str to ndarray, each of shape (len(scenarios),)
        ``fill_pct`` (and ``fill_p10_pct``, ``fill_p90_pct``) for depressed
        scars or ``height_change_mm`` for raised ones; ``visits``,
        ``course_pain_index``, ``redness_days``; ``bleeding`` (bool: whether
        a session reaches the capillaries) and ``effective_depth_mm``.

    Raises
    ------
    ValueError
        If the scenarios mix raised and depressed scars.
    """
    raised = {s.scar_type.is_raised for s in scenarios}
    if len(raised) > 1:
        raise ValueError("a sweep is on one scar: these scenarios mix raised and depressed scars")
    is_raised = raised == {True}
    model = simulate_many(list(scenarios), day=day, band=band and not is_raised)
    out: dict[str, np.ndarray] = {}
    if is_raised:
        out[OUTCOME_RAISED] = model["raised_height_change_mm"]
    else:
        out[OUTCOME_DEPRESSED] = model["improvement_pct"]
        if band:
            out["fill_p10_pct"] = model["improvement_pct_p10"]
            out["fill_p90_pct"] = model["improvement_pct_p90"]
    office = np.array([sum(d <= day for d in s.session_days) for s in scenarios], dtype=float)
    home = np.array([sum(d <= day for d in s.home_days) for s in scenarios], dtype=float)
    home_pain = np.array([_home_roll_pain(s) for s in scenarios])
    home_red = np.array([_home_roll_redness_days(s) for s in scenarios])
    out["visits"] = office
    out["course_pain_index"] = office * model["pain_index"] + home * home_pain
    out["redness_days"] = office * model["downtime_days"] + home * home_red
    out["bleeding"] = model["bleeding"]
    out["effective_depth_mm"] = model["effective_depth_mm"]
    return out


def _home_roll_pain(scenario: Scenario) -> float:
    """Pain index of one home roll (Gill 2008, as for an office session)."""
    return pain_index(scenario.home_needle_mm, DEVICES["home_roller"].needles)


def _home_roll_redness_days(scenario: Scenario) -> float:
    """Days of redness after one home roll (depth reached by the home roller)."""
    depth, _, _ = depth_reached_mm("home_roller", scenario.home_needle_mm)
    return redness_days(depth, scenario.epidermis_mm)


@dataclass(frozen=True, eq=False)
class SweepResult:
    """Every measure of a trade-off map. Arrays are read-only.

    Attributes
    ----------
    grid : SweepGrid
        Axes and comparison day.
    raised : bool
        Whether the scar is raised (outcome ``height_change_mm``, no fill).
    measures : mapping of str to ndarray, each of shape ``grid.shape``
        Row ``i``, column ``j`` is the course with ``y_values[i]`` and
        ``x_values[j]``; names as in :func:`evaluate_scenarios`.
    """

    grid: SweepGrid
    raised: bool
    measures: Mapping[str, np.ndarray] = field(repr=False)

    def __post_init__(self) -> None:
        arrays = {}
        for name, values in self.measures.items():
            array = np.array(values)
            if array.shape != self.grid.shape:
                raise ValueError(f"{name} has shape {array.shape}, the grid {self.grid.shape}")
            array.setflags(write=False)
            arrays[name] = array
        object.__setattr__(self, "measures", MappingProxyType(arrays))

    @property
    def outcome(self) -> str:
        """Name of the outcome measure: ``fill_pct``, or ``height_change_mm`` if raised."""
        return OUTCOME_RAISED if self.raised else OUTCOME_DEPRESSED

    def __getitem__(self, name: str) -> np.ndarray:
        return self.measures[name]

    def best(self, name: str) -> BestCell | None:
        """:func:`best_cell` of measure ``name``."""
        return best_cell(self[name], higher_is_better=MEASURES[name].higher_is_better)

    def depends_on_y(self, name: str) -> bool:
        """Whether measure ``name`` changes with the second setting (not every column is flat)."""
        values = np.asarray(self[name], dtype=float)
        return not np.allclose(values, values[:1], rtol=1e-9, atol=1e-12, equal_nan=True)


def assemble(
    grid: SweepGrid, base: Scenario, rows: Sequence[Mapping[str, np.ndarray]]
) -> SweepResult:
    """A :class:`SweepResult` from the rows of :func:`evaluate_scenarios`, one per ``y`` value."""
    if len(rows) != grid.shape[0]:
        raise ValueError(f"{len(rows)} rows for a grid of {grid.shape[0]}")
    names = rows[0].keys() if rows else ()
    measures = {name: np.stack([np.asarray(row[name]) for row in rows]) for name in names}
    return SweepResult(grid=grid, raised=base.scar_type.is_raised, measures=measures)


def evaluate_sweep(grid: SweepGrid, base: Scenario, *, band: bool = False) -> SweepResult:
    """Every measure of every cell of ``grid``, on its comparison day.

    Examples
    --------
    Course pain is the sum of the sessions' pain:

    >>> grid = sweep_grid(Scenario(), "sessions", x_values=[1.5], y_values=[1, 3])
    >>> [round(float(v), 6) for v in evaluate_sweep(grid, Scenario())["course_pain_index"][:, 0]]
    [1.0, 3.0]
    """
    rows = [
        evaluate_scenarios(row, grid.comparison_day, band=band)
        for row in grid_scenarios(grid, base)
    ]
    return assemble(grid, base, rows)


# --- reading a map --------------------------------------------------------------

EDGES = ("x_min", "x_max", "y_min", "y_max")
"""Names of the grid's edges: first and last column, first and last row."""


@dataclass(frozen=True)
class BestCell:
    """The best cell(s) of a map.

    Attributes
    ----------
    value : float
        The best value.
    cells : tuple of (int, int)
        (row, column) of every cell that equals the best (ties), first the
        first in row-major order.
    edges : tuple of str
        The grid's edges (:data:`EDGES`) these cells lie on; empty if all lie
        inside the grid.
    """

    value: float
    cells: tuple[tuple[int, int], ...]
    edges: tuple[str, ...]

    @property
    def on_edge(self) -> bool:
        """Whether the best lies on the grid's edge, so the best may lie outside the range shown."""
        return bool(self.edges)

    @property
    def row(self) -> int:
        """Row of the first best cell."""
        return self.cells[0][0]

    @property
    def col(self) -> int:
        """Column of the first best cell."""
        return self.cells[0][1]


def best_cell(values: np.ndarray, *, higher_is_better: bool, rtol: float = 1e-9) -> BestCell | None:
    """The best cell(s) of a 2-D map and whether they lie on its edge.

    Cells within ``rtol`` times the map's largest magnitude of the best tie.
    NaN cells are ignored.

    Parameters
    ----------
    values : ndarray, shape (rows, columns)
    higher_is_better : bool
    rtol : float
        Relative tolerance of a tie.

    Returns
    -------
    BestCell or None
        None if the map is flat (every cell ties), has one cell with a value, or is all
        NaN: no cell is better than another.

    Examples
    --------
    >>> best_cell(np.array([[1.0, 2.0, 1.0], [1.0, 5.0, 1.0], [0.0, 1.0, 0.0]]),
    ...           higher_is_better=True)
    BestCell(value=5.0, cells=((1, 1),), edges=())
    >>> best_cell(np.array([[1.0, 2.0], [3.0, 4.0]]), higher_is_better=False).edges
    ('x_min', 'y_min')
    """
    v = np.asarray(values, dtype=float)
    if v.ndim != 2:
        raise ValueError(f"a map has two dimensions, got shape {v.shape}")
    finite = np.isfinite(v)
    if not finite.any():
        return None
    best = np.max(v[finite]) if higher_is_better else np.min(v[finite])
    tol = rtol * max(float(np.max(np.abs(v[finite]))), 1e-300)
    tied = finite & (np.abs(v - best) <= tol)
    if tied.sum() == finite.sum():
        return None  # one cell with a value, or a flat map: no cell is better than another
    rows, cols = np.nonzero(tied)
    n_rows, n_cols = v.shape
    touches = {
        "x_min": np.any(cols == 0),
        "x_max": np.any(cols == n_cols - 1),
        "y_min": np.any(rows == 0),
        "y_max": np.any(rows == n_rows - 1),
    }
    return BestCell(
        value=float(best),
        cells=tuple((int(r), int(c)) for r, c in zip(rows, cols, strict=True)),
        edges=tuple(name for name in EDGES if touches[name]),
    )


IMPROVEMENT_TARGETS_PCT = (20, 30, 40, 50)
"""Fill targets (% of the scar's volume) whose least painful setting a map marks."""


@dataclass(frozen=True)
class CheapestSetting:
    """The setting that reaches a fill target with the least course pain.

    Attributes
    ----------
    target_pct : float
        Fill target (% of the scar's volume filled).
    row, col : int
        Cell of the map (index into the second setting and into needle length).
    improvement_pct : float
        Fill reached there (at least ``target_pct``).
    course_pain : float
        Course pain there (sum of the sessions' pain index).
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
        Fill (%) and course pain index of each cell of the map.
    targets_pct : sequence of float
        Fill targets (%).

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
        # lexsort sorts by the last key first: least pain, then most fill.
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
