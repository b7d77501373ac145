"""What every page shares: the scenario (session state + URL), widgets and caches.

The scenario lives in ``st.session_state["scenario"]`` and in the URL
(``st.query_params``, only values that differ from the defaults). On the
first run of a session the URL is parsed with
:func:`sim.scenario.scenario_from_query`, which never raises: malformed or
out-of-range values fall back to their defaults and leave a notice that the
page shows. Every widget is generated from :data:`sim.registry.REGISTRY`.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from sim import Scenario, simulate, simulate_many
from sim.devices import DEVICES
from sim.model import Result
from sim.registry import SPECS, ParamSpec, Value, choice_label
from sim.scenario import scenario_from_query, scenario_to_query
from viz.cross_section import cross_section_figure
from viz.describe import describe_cross_section, describe_timeline, outcome_sentence
from viz.export import scenario_json, timeseries_csv
from viz.style import plot_config
from viz.timeline import timeline_figure

DISCLAIMER = "Educational model, not a prediction for you."
SCENARIO_KEY = "scenario"
NOTICES_KEY = "url_notices"
CONTRAST_KEY = "high_contrast"
WIDGET_PREFIX = "w_"
SCENARIO_BOX_KEY = "scenario_box"
WANTED_PAGE_KEY = "wanted_page"
ENTERED_KEY = "entered_through_app"


# --- scenario state -------------------------------------------------------------


def scenario_key(scenario: Scenario) -> tuple:
    """Hashable key of a scenario (all its fields)."""
    return tuple(getattr(scenario, f.name) for f in fields(scenario))


def init_scenario() -> Scenario:
    """Scenario of this session: from the URL on the first run, then from session state.

    Also writes the scenario back into the URL (the navigation clears query
    parameters when the page changes).
    """
    if SCENARIO_KEY not in st.session_state:
        scenario, notices = scenario_from_query(st.query_params.to_dict())
        st.session_state[SCENARIO_KEY] = scenario
        st.session_state[NOTICES_KEY] = notices
    scenario = st.session_state[SCENARIO_KEY]
    _scenario_box()["scenario"] = scenario
    sync_query_params(scenario)
    return scenario


def current_scenario() -> Scenario:
    """The shared scenario."""
    if SCENARIO_KEY not in st.session_state:
        return init_scenario()
    return st.session_state[SCENARIO_KEY]


def _scenario_box() -> dict[str, Scenario]:
    """A plain dict in session state holding the scenario (kept up to date by
    :func:`init_scenario` and :func:`set_scenario`), for code that runs
    outside a script run, such as a deferred download."""
    return st.session_state.setdefault(SCENARIO_BOX_KEY, {})


def sync_query_params(scenario: Scenario) -> None:
    """Make the URL hold exactly the scenario's non-default values."""
    wanted = scenario_to_query(scenario)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def set_scenario(scenario: Scenario) -> None:
    """Replace the shared scenario (and the URL); clears the link notices."""
    st.session_state[SCENARIO_KEY] = scenario
    st.session_state[NOTICES_KEY] = []
    _scenario_box()["scenario"] = scenario
    sync_query_params(scenario)


def reset_all() -> None:
    """Back to the defaults: scenario, URL and every widget."""
    for key in list(st.session_state.keys()):
        if str(key).startswith(WIDGET_PREFIX):
            del st.session_state[key]
    set_scenario(Scenario())


def high_contrast() -> bool:
    """Whether the high-contrast display is on."""
    return bool(st.session_state.get(CONTRAST_KEY, False))


def show_share_link() -> None:
    """The link that reopens the scenario on show, as a plain Markdown link.

    Its address is empty, which a browser resolves to the page's own URL: the
    URL that :func:`sync_query_params` keeps equal to the scenario, so the link
    stays right also after a fragment rerun (the Explore page's widgets) has
    changed the scenario without rerunning the sidebar.

    Not ``st.code``: its copy button comes with a syntax highlighter of
    1.56 MB that every first visit would download. A link is copied from its
    context menu.
    """
    st.markdown("[**Link to this scenario**](<>)")
    st.caption(
        "Right-click it and copy the link address (or copy the address bar): "
        "it reopens this exact scenario."
    )


def show_notices() -> None:
    """Show what was ignored in the link, as warnings."""
    for notice in st.session_state.get(NOTICES_KEY, []):
        st.warning(notice, icon=":material/link_off:")


def mark_entrypoint() -> None:
    """In ``app.py``: note that this run went through the entry point."""
    st.session_state[ENTERED_KEY] = True


def require_entrypoint(page_file: str) -> None:
    """Send a page that was started on its own through ``app.py``.

    Streamlit runs a file in ``pages/`` directly, without ``app.py``, when it
    is in its old ``pages/`` directory mode: right after the server starts, if
    the browser asks for that page first (and in ``AppTest``). ``app.py``
    (navigation, sidebar, URL parsing) would then be skipped, so the page hands
    over to ``app.py``, which comes back to it with the same URL values.
    """
    if st.session_state.pop(ENTERED_KEY, False):
        return
    st.session_state[WANTED_PAGE_KEY] = (
        f"pages/{page_file.replace(chr(92), '/').rsplit('/', 1)[-1]}"
    )
    st.switch_page("app.py", query_params=st.query_params.to_dict())


def return_to_wanted_page(scenario: Scenario) -> None:
    """In ``app.py``: go on to the page a direct link asked for (see :func:`require_entrypoint`)."""
    wanted = st.session_state.pop(WANTED_PAGE_KEY, None)
    if wanted:
        st.switch_page(wanted, query_params=scenario_to_query(scenario))


# --- changing the scenario ------------------------------------------------------


def needle_range(device: str) -> tuple[float, float]:
    """Needle lengths allowed for ``device`` (within the registry's range)."""
    spec = SPECS["needle_mm"]
    d = DEVICES[device]
    assert spec.min is not None and spec.max is not None
    return max(spec.min, d.needle_min_mm), min(spec.max, d.needle_max_mm)


def with_change(scenario: Scenario, name: str, value: Value) -> Scenario:
    """``scenario`` with one value changed; a new device clamps the needle into its range."""
    changes: dict[str, Value] = {name: value}
    if name == "device":
        low, high = needle_range(str(value))
        changes["needle_mm"] = float(np.clip(scenario.needle_mm, low, high))
    return scenario.with_changes(**changes)


def _on_widget(name: str) -> None:
    value = st.session_state[WIDGET_PREFIX + name]
    set_scenario(with_change(current_scenario(), name, value))


def _label(spec: ParamSpec) -> str:
    """Label with its unit, unless the label already says it ("Days between sessions")."""
    if not spec.unit or spec.unit.lower() in spec.label.lower():
        return spec.label
    return f"{spec.label} ({spec.unit})"


def scenario_widget(name: str, container: object = None) -> None:
    """Draw the widget of registry parameter ``name`` bound to the shared scenario.

    Range, step, label (with unit) and help come from the registry; the
    needle's range also depends on the device.
    """
    spec = SPECS[name]
    scenario = current_scenario()
    key = WIDGET_PREFIX + name
    st.session_state[key] = getattr(scenario, name)
    where = container if container is not None else st
    common = {"key": key, "help": spec.help, "on_change": _on_widget, "args": (name,)}
    if spec.kind == "choice":
        where.selectbox(
            _label(spec),
            options=list(spec.choices),
            format_func=lambda v, n=name: choice_label(n, v),
            **common,
        )
    elif spec.kind == "bool":
        where.toggle(_label(spec), **common)
    elif name == "seed":
        where.number_input(
            _label(spec), min_value=int(spec.min), max_value=int(spec.max), step=1, **common
        )
    elif spec.kind == "int":
        where.slider(
            _label(spec),
            min_value=int(spec.min),
            max_value=int(spec.max),
            step=int(spec.step or 1),
            **common,
        )
    else:
        low, high = (spec.min, spec.max)
        if name == "needle_mm":
            low, high = needle_range(scenario.device)
        where.slider(
            _label(spec),
            min_value=float(low),
            max_value=float(high),
            step=float(spec.step),
            format="%.2f" if spec.step < 0.1 else "%g",
            **common,
        )


def scenario_widgets(names: Sequence[str], columns: int = 1) -> None:
    """Widgets of several parameters, spread over ``columns`` columns."""
    cols = st.columns(columns) if columns > 1 else [st.container()]
    for k, name in enumerate(names):
        scenario_widget(name, cols[k % len(cols)])


BASIC = tuple(spec.name for spec in SPECS.values() if spec.basic)
ADVANCED = tuple(spec.name for spec in SPECS.values() if not spec.basic)


# --- caches ---------------------------------------------------------------------
#
# Bounded by design: cache what is drawn, not everything computed. A model
# Result holds the 2-D fields of the whole course (12-21 MB), so only the few
# scenarios being drawn right now keep theirs (RESULTS_KEPT); what a page shows
# (figures, texts: under 1 MB a scenario) is kept for many more (DRAWN_KEPT).
# Worst case, whatever the number of visitors or scenarios: 4 x 21 MB of results
# plus 64 x ~0.9 MB of figures and texts, about 150 MB on top of the server itself
# (benchmarks/bench_memory.py: ~325 MB RSS after 300 scenarios, flat from 100 on).

RESULTS_KEPT = 4
"""Model results cached (each 12-21 MB): more than one page needs in one run (three)."""

DRAWN_KEPT = 64
"""Scenarios whose figures and texts are cached (each under 1 MB)."""


def _find_malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _find_malloc_trim()


def release_free_memory() -> None:
    """Hand memory that is free inside the process back to the operating system.

    A model run allocates and frees hundreds of MB of temporary arrays (more
    for deep scars). glibc keeps freed blocks of that size inside the process
    (its mmap threshold rises with every large block freed), so without this
    the server's RSS grows by fragments of those temporaries. ``malloc_trim``
    takes 1-2 ms after a model run. (A fixed ``MALLOC_MMAP_THRESHOLD_`` does
    the same but made model runs about 40 % slower.)
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


@st.cache_resource(
    max_entries=RESULTS_KEPT, show_spinner=False, hash_funcs={Scenario: scenario_key}
)
def simulate_cached(scenario: Scenario) -> Result:
    """:func:`sim.simulate`, cached on the scenario (only the last few: see RESULTS_KEPT).

    ``cache_resource`` hands out the same object without a pickle round trip;
    that is safe because a :class:`~sim.model.Result` is frozen and its arrays
    are read-only. Pages draw through the caches below, which keep what is
    drawn for many more scenarios.
    """
    result = simulate(scenario)
    release_free_memory()
    return result


@st.cache_data(max_entries=512, show_spinner=False, hash_funcs={Scenario: scenario_key})
def simulate_many_cached(
    scenarios: tuple[Scenario, ...], day: float | None = None
) -> dict[str, np.ndarray]:
    """:func:`sim.simulate_many` at ``day`` after the first session, cached."""
    return simulate_many(list(scenarios), day=day)


@st.cache_resource(max_entries=DRAWN_KEPT, show_spinner=False, hash_funcs={Scenario: scenario_key})
def cross_section_cached(scenario: Scenario, contrast: bool, animate: bool = True) -> go.Figure:
    """The cross-section figure of ``scenario``, cached without pickling (unpickling
    the animated figure cost ~70 ms per rerun). Callers must not modify it;
    ``st.plotly_chart`` only reads it."""
    return cross_section_figure(simulate_cached(scenario), high_contrast=contrast, animate=animate)


@st.cache_resource(max_entries=DRAWN_KEPT, show_spinner=False, hash_funcs={Scenario: scenario_key})
def timeline_cached(scenario: Scenario, contrast: bool) -> go.Figure:
    """The improvement timeline of ``scenario``, cached like :func:`cross_section_cached`."""
    return timeline_figure(simulate_cached(scenario), high_contrast=contrast)


@dataclass(frozen=True)
class ExploreTexts:
    """The texts the Explore page shows about one scenario.

    Attributes
    ----------
    outcome : str
        The outcome in one sentence (:func:`viz.describe.outcome_sentence`).
    cross_section, timeline : str
        Text descriptions of the two charts.
    """

    outcome: str
    cross_section: str
    timeline: str


@st.cache_resource(max_entries=DRAWN_KEPT, show_spinner=False, hash_funcs={Scenario: scenario_key})
def explore_texts(scenario: Scenario) -> ExploreTexts:
    """The Explore page's texts about ``scenario``, cached with its figures: a
    scenario seen before is shown without its model result."""
    result = simulate_cached(scenario)
    return ExploreTexts(
        outcome=outcome_sentence(result),
        cross_section=describe_cross_section(result),
        timeline=describe_timeline(result),
    )


def timeseries_csv_later() -> Callable[[], str]:
    """The time series of the session's scenario as CSV, made only when the
    download button is pressed (``st.download_button`` accepts a callable).

    A rerun then needs no model result for it and no session holds the file.
    The callable reads the scenario when it is called, so the button (in the
    sidebar) is right also after a fragment rerun has changed the scenario.
    """
    box = _scenario_box()
    return lambda: timeseries_csv(simulate_cached(box["scenario"]))


def scenario_json_later() -> Callable[[], str]:
    """The session's scenario as JSON, made when the download button is pressed
    (like :func:`timeseries_csv_later`, and for the same reason)."""
    box = _scenario_box()
    return lambda: scenario_json(box["scenario"])


def chart(fig: go.Figure, name: str, description: str) -> None:
    """A Plotly chart with its text description beside it (screen readers read both)."""
    st.plotly_chart(
        fig,
        width="stretch",
        theme=None,
        config=plot_config(name),
        key=f"chart_{name}",
        alt=description,
    )
    st.caption(description)
