"""What every page shares: the scenario (session state + URL), widgets and caches.

The scenario lives in ``st.session_state["scenario"]`` and in the URL
(``st.query_params``, only values that differ from the defaults). On the
first run of a session the URL is parsed with
:func:`sim.scenario.scenario_from_query`, which never raises: malformed or
out-of-range values fall back to their defaults and leave a notice that the
page shows. Every widget is generated from :data:`sim.registry.REGISTRY`.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from sim import Scenario, plans, simulate, simulate_many
from sim.devices import DEVICES
from sim.model import Result
from sim.registry import SPECS, ParamSpec, Value, choice_label
from sim.scars import SCARS
from sim.scenario import LinkNotice, scenario_from_query, scenario_to_query
from viz.controls import (
    moved_slider,
    row_widths_px,
    select_width_px,
    slider_neighbours,
    slider_text,
    step_decimals,
)
from viz.cross_section import (
    TimeStep,
    cross_section_spec,
    legend_html,
    time_steps,
)
from viz.describe import (
    describe_cross_section,
    describe_timeline,
    grade_sentence,
    outcome_sentence,
)
from viz.export import scenario_json, timeseries_csv
from viz.i18n import LANGUAGES, N_, SOURCE, _, language, set_language, unit_text
from viz.style import figure_json, plot_config
from viz.timeline import timeline_spec

DISCLAIMER = N_("Educational model, not a prediction for you.")
"""The line every page shows (translate with ``_(DISCLAIMER)``)."""
SCENARIO_KEY = "scenario"
NOTICES_KEY = "url_notices"
WIDGET_PREFIX = "w_"
VIEW_PREFIX = "v_"
ANSWER_PREFIX = "answer_"  # a trainee's answers on the practice cases: not in the link
CONTRAST_KEY = VIEW_PREFIX + "projector"
SELECT_TEXT_PX = {False: 16, True: 20}
"""Text size in a select box (px), without and with projector mode (``_projector.css``:
1.25rem)."""
PAGE_PATH_KEY = "page_path"
HERE = Path(__file__).parent


def _own_file(name: str) -> str:
    """Text of ``pages/<name>`` (the app's CSS and JavaScript), read once at import."""
    return (HERE / name).read_text(encoding="utf-8")


def _own_component(name: str, html: str, *, isolate_styles: bool = True) -> Callable[..., object]:
    """A Streamlit v2 component whose CSS and JS are ``pages/_<name>.css`` and ``.js``."""
    return st.components.v2.component(
        name,
        html=html,
        css=_own_file(f"_{name}.css"),
        js=_own_file(f"_{name}.js"),
        isolate_styles=isolate_styles,
    )


def _streamlit_plotly_file() -> str:
    """File name of the Plotly.js that Streamlit ships for ``st.plotly_chart``
    (``PlotlyChart.<hash>.js`` in its static folder), which the live charts load.

    Raises
    ------
    RuntimeError
        If this Streamlit has no such file (a new release that moved it).
    """
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    found = sorted(folder.glob("PlotlyChart.*.js"))
    if len(found) != 1:
        raise RuntimeError(
            f"expected one PlotlyChart.*.js in {folder}, found {len(found)}: the live "
            "charts (pages/_live_chart.js) load Plotly.js from there"
        )
    return found[0].name


PLOTLY_FILE = _streamlit_plotly_file()


APP_CSS = _own_file("_app.css")
PROJECTOR_CSS = _own_file("_projector.css")
RTL_CSS = _own_file("_rtl.css")
SCENARIO_BOX_KEY = "scenario_box"
WANTED_PAGE_KEY = "wanted_page"
ENTERED_KEY = "entered_through_app"


# --- scenario state -------------------------------------------------------------


def scenario_key(scenario: Scenario) -> tuple:
    """Hashable key of a scenario (all its fields)."""
    return tuple(getattr(scenario, f.name) for f in fields(scenario))


def drawn_key(scenario: Scenario) -> tuple:
    """Cache key of what is drawn or written about a scenario: the scenario and the
    language of the run (a drawing in Spanish is not one in Arabic)."""
    return (scenario_key(scenario), language().code)


DRAWN_HASH = {Scenario: drawn_key}
"""``hash_funcs`` of the caches of figures and texts."""


def init_scenario(page_path: str = "") -> Scenario:
    """Scenario of this session: from the URL on the first run, then from session state.

    On the first run the URL's view settings (:data:`VIEW_SETTINGS`) are read
    too; a malformed value of either kind leaves a notice. Also writes the
    scenario and the view back into the URL (the navigation clears query
    parameters when the page changes). ``page_path`` is the page being shown
    (its view settings go into the URL).
    """
    st.session_state[PAGE_PATH_KEY] = page_path
    if SCENARIO_KEY not in st.session_state:
        query = st.query_params.to_dict()
        view = {k: v for k, v in query.items() if k in VIEW_SETTINGS}
        link = {k: v for k, v in query.items() if k not in VIEW_SETTINGS}
        scenario, ignored = scenario_from_query(link)
        st.session_state[SCENARIO_KEY] = scenario
        st.session_state[NOTICES_KEY] = _scenario_notices(ignored, scenario) + _read_view(view)
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
    """Make the URL hold exactly the scenario's non-default values and the shown
    page's non-default view settings."""
    wanted = scenario_to_query(scenario) | view_query()
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def set_scenario(scenario: Scenario) -> None:
    """Replace the shared scenario; clears the link notices.

    The URL follows in the script run that comes next (:func:`init_scenario`,
    or the end of a :func:`linked_fragment`): a URL changed inside a widget
    callback before a fragment run did not reach the browser until the run after.
    """
    st.session_state[SCENARIO_KEY] = scenario
    st.session_state[NOTICES_KEY] = []
    _scenario_box()["scenario"] = scenario


def browser_language(locale: str | None) -> str | None:
    """The app's language for a browser locale (``"es-MX"`` → ``"es"``), None if
    the app does not speak it."""
    if not locale:
        return None
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def start_language() -> None:
    """In ``app.py``, first thing: the language of this run, from the language
    selector, else from the link's ``?lang=``, else from the browser's locale
    (``st.context.locale``), else English. An unknown ``lang`` in the link is left
    to :func:`init_scenario`, which falls back to English with the usual notice."""
    key = VIEW_PREFIX + LANGUAGE.name
    if key not in st.session_state:
        wanted = st.query_params.get(LANGUAGE.name)
        if wanted is None:
            wanted = browser_language(st.context.locale)
        if wanted in LANGUAGES:
            st.session_state[key] = wanted
    speak_session_language()


def speak_session_language() -> None:
    """Use the session's language (its selector's value, else English) for this run."""
    set_language(str(st.session_state.get(VIEW_PREFIX + LANGUAGE.name, SOURCE)))


def linked_fragment(func: Callable[[], None]) -> Callable[[], None]:
    """``st.fragment`` that brings the URL up to date with the scenario and the view
    at its end (a fragment run does not run ``app.py``'s :func:`init_scenario`),
    and speaks the session's language (nor does it run :func:`start_language`)."""

    @functools.wraps(func)
    def run() -> None:
        with script_running():
            speak_session_language()
            func()
            sync_query_params(current_scenario())

    return st.fragment(run)


def reset_all() -> None:
    """Back to the defaults: scenario, URL and every widget."""
    for key in list(st.session_state.keys()):
        if str(key).startswith(WIDGET_PREFIX):
            del st.session_state[key]
    set_scenario(Scenario())


def high_contrast() -> bool:
    """Whether projector mode (high contrast, larger text) is on."""
    return bool(st.session_state.get(CONTRAST_KEY, False))


# --- view settings (what a teacher sets on a page, beyond the scenario) -----------
#
# They go into the link with the scenario, as their internal names (not their
# labels: a link must work in every language). Streamlit's own binding
# (``bind="query-params"``) puts a selectbox's *label* into the URL and drops a
# malformed value silently, so the app keeps these itself, like the scenario.


@dataclass(frozen=True)
class ViewSetting:
    """A setting of the view that the link carries.

    Attributes
    ----------
    name : str
        URL parameter; the widget's key is ``"v_" + name``.
    default : str or bool
        Value when the link does not say.
    choices : tuple of str, optional
        Allowed values of a choice; None for an on/off switch or a number.
    page : str
        URL path of the page that shows it (``""``: every page).
    number_range : tuple of int, optional
        For a whole number (kept as its text, e.g. a set of practice cases):
        the smallest and largest allowed values.
    """

    name: str
    default: str | bool
    choices: tuple[str, ...] | None = None
    page: str = ""
    number_range: tuple[int, int] | None = None

    def parse(self, text: str) -> str | bool:
        """The value a URL's ``text`` asks for; ValueError naming the setting if invalid."""
        if self.number_range is not None:
            low, high = self.number_range
            if text.isascii() and text.isdigit() and low <= int(text) <= high:
                return str(int(text))
            raise ValueError(
                f"'{self.name}' must be a whole number from {low} to {high}, not {text!r}"
            )
        if self.choices is None:
            if text.lower() in ("true", "false"):
                return text.lower() == "true"
            raise ValueError(f"'{self.name}' must be true or false, not {text!r}")
        if text in self.choices:
            return text
        raise ValueError(f"'{self.name}' must be one of {', '.join(self.choices)}, not {text!r}")

    def to_text(self, value: str | bool) -> str:
        """Inverse of :meth:`parse`."""
        return str(value).lower() if self.choices is None else str(value)


VIEW_SETTINGS: dict[str, ViewSetting] = {}
"""Every view setting of every page, by URL parameter (filled by :func:`register_view`)."""


def register_view(setting: ViewSetting) -> ViewSetting:
    """Add ``setting`` to :data:`VIEW_SETTINGS` (at import, in one place per setting)."""
    VIEW_SETTINGS[setting.name] = setting
    return setting


PROJECTOR = register_view(ViewSetting("projector", False))
LANGUAGE = register_view(ViewSetting("lang", SOURCE, choices=tuple(LANGUAGES)))
"""The app's language (``?lang=es``): part of every link."""
_SCAR_CHOICES = SPECS["scar"].choices
DEPRESSED_SCAR = register_view(
    ViewSetting(
        "depressed",
        default=[n for n in _SCAR_CHOICES if not SCARS[n].is_raised][1],
        choices=tuple(n for n in _SCAR_CHOICES if not SCARS[n].is_raised),
        page="depressed_vs_raised",
    )
)
MORE_SETTINGS = register_view(ViewSetting("more_settings", False, page=""))
TRADEOFF_AXIS = register_view(
    ViewSetting(
        "tradeoff_axis",
        default=next(iter(plans.SECOND_AXES)),
        choices=tuple(plans.SECOND_AXES),
        page="protocol_trade_offs",
    )
)
TRADEOFF_MEASURE = register_view(
    ViewSetting(
        "tradeoff_measure",
        default=plans.COURSE_TOTALS[0],
        choices=plans.COURSE_TOTALS,
        page="protocol_trade_offs",
    )
)
TRADEOFF_RANGE = register_view(ViewSetting("tradeoff_range", False, page="protocol_trade_offs"))
RAISED_SCAR = register_view(
    ViewSetting(
        "raised",
        default=next(n for n in _SCAR_CHOICES if SCARS[n].is_raised),
        choices=tuple(n for n in _SCAR_CHOICES if SCARS[n].is_raised),
        page="depressed_vs_raised",
    )
)

LESSON_STEP = register_view(
    ViewSetting("step", "1", choices=tuple(str(i) for i in range(1, 8)), page="lesson")
)
CASE_SET = register_view(ViewSetting("case_set", "1", page="cases", number_range=(1, 9999)))
SURFACE_PATCH = register_view(
    ViewSetting("patch", "one_scar", choices=("one_scar", "mixed"), page="how_it_looks")
)
SURFACE_EXAGGERATED = register_view(ViewSetting("exaggerate", False, page="how_it_looks"))


Notice = tuple[str, dict[str, object]]
"""A link notice: an untranslated message and its values (translated when shown,
so a notice follows a change of language)."""

_VIEW_NOTICES = {
    "choice": N_(
        "Ignored link value: '{name}' must be one of {allowed}, not {value}. "
        "Using the default instead."
    ),
    "bool": N_(
        "Ignored link value: '{name}' must be true or false, not {value}. "
        "Using the default instead."
    ),
    "number": N_(
        "Ignored link value: '{name}' must be a whole number from {low} to {high}, not "
        "{value}. Using the default instead."
    ),
}


def _read_view(query: dict[str, str]) -> list[Notice]:
    """Put the link's view settings into session state; notices for what was ignored."""
    notices: list[Notice] = []
    for name, text in query.items():
        setting = VIEW_SETTINGS[name]
        try:
            st.session_state[VIEW_PREFIX + name] = setting.parse(str(text))
        except ValueError:
            values: dict[str, object] = {"name": name, "value": repr(str(text))}
            if setting.number_range is not None:
                kind = "number"
                values |= {
                    "low": str(setting.number_range[0]),
                    "high": str(setting.number_range[1]),
                }
            elif setting.choices is None:
                kind = "bool"
            else:
                kind = "choice"
                values["allowed"] = ", ".join(setting.choices)
            notices.append((_VIEW_NOTICES[kind], values))
    return notices


_UNKNOWN_NOTICE = N_("Ignored unknown link parameter {name}.")
_VALUE_NOTICE = N_(
    "Ignored link value: {name} ({label}) = {value} is not allowed: allowed values are "
    "{allowed}. Using the default instead."
)
_NEEDLE_NOTICE = N_(
    "Ignored link value: needle_mm ({label}) = {value} mm is not allowed for a {device}. "
    "Using the device's default needle."
)


def _allowed_text(spec: ParamSpec) -> tuple[str, dict[str, str]]:
    """The allowed values of a parameter, untranslated, with its values."""
    if spec.kind == "choice":
        return N_("one of {choices}"), {"choices": ", ".join(spec.choices)}
    if spec.kind == "bool":
        return N_("true or false"), {}
    assert spec.min is not None and spec.max is not None
    return N_("{low} to {high} {unit}"), {
        "low": f"{spec.min:g}",
        "high": f"{spec.max:g}",
        "unit": spec.unit,
    }


def _scenario_notices(ignored: list[LinkNotice], scenario: Scenario) -> list[Notice]:
    """The model's notices about a link (English sentences), as notices that can be
    shown in any language."""
    notices: list[Notice] = []
    for notice in ignored:
        if notice.kind == "unknown":
            notices.append((_UNKNOWN_NOTICE, {"name": repr(notice.key)}))
        elif notice.kind == "device_needle":
            values = {"label": SPECS["needle_mm"].label, "value": repr(notice.value)}
            notices.append((_NEEDLE_NOTICE, values | {"device": scenario.device_spec.label}))
        else:
            spec = SPECS[notice.key]
            values = {"name": notice.key, "label": spec.label, "value": repr(notice.value)}
            notices.append((_VALUE_NOTICE, values | {"allowed": _allowed_text(spec)}))
    return notices


def notice_text(notice: Notice) -> str:
    """A notice in the language of the run: the message and its labels translated."""
    template, values = notice
    shown = {}
    for key, value in values.items():
        if isinstance(value, tuple):  # a nested message (the allowed values)
            inner, inner_values = value
            shown[key] = _(inner).format(**inner_values).strip()
        elif key in ("label", "device"):
            shown[key] = _(value)
        else:
            shown[key] = value
    return _(template).format(**shown)


def view_value(setting: ViewSetting) -> str | bool:
    """Current value of a view setting (its default before its widget is drawn)."""
    return st.session_state.get(VIEW_PREFIX + setting.name, setting.default)


def view_query() -> dict[str, str]:
    """URL parameters of the shown page's view settings that differ from their defaults."""
    page = st.session_state.get(PAGE_PATH_KEY, "")
    out = {}
    for name, setting in VIEW_SETTINGS.items():
        value = st.session_state.get(VIEW_PREFIX + name, setting.default)
        if setting.page in ("", page) and value != setting.default:
            out[name] = setting.to_text(value)
    return out


def view_widget(setting: ViewSetting, widget: Callable, label: str, **kwargs: object) -> object:
    """Draw ``widget`` (``st.toggle``, ``st.selectbox``, or the same on a container)
    bound to a view setting: its value comes from, and goes to, the link.

    A selectbox gets the setting's choices as options unless ``options`` is given.
    """
    key = VIEW_PREFIX + setting.name
    st.session_state.setdefault(key, setting.default)
    if setting.choices is not None:
        kwargs.setdefault("options", setting.choices)
    return widget(label, key=key, **kwargs)


_SHARE_LINK = _own_component(
    "share_link",
    (
        '<div class="share-link"><label for="share-url">Link to this view</label>'
        '<input id="share-url" type="text" readonly>'
        '<button type="button">Copy link</button>'
        '<div role="status" aria-live="polite"></div></div>'
    ),
)


def show_share_link() -> None:
    """The link that reopens what is on show (scenario, page and view settings): its
    address in a read-only box and a Copy button (``pages/_share_link.js``). On
    every page (it is in the sidebar), so it also puts the app's language on the
    page: ``<html lang>`` and Streamlit's "Skip to main content" link.

    The address is the page's own URL, which :func:`sync_query_params` keeps
    equal to the scenario and the view, also after a fragment run. Not
    ``st.code``: its copy button comes with a syntax highlighter of 1.56 MB
    that every first visit would download.
    """
    lang = language()
    _SHARE_LINK(
        key="share_link",
        data={
            "lang": lang.code,
            "projector": high_contrast(),
            "labels": {
                "title": _("Link to this view"),
                "copy": _("Copy link"),
                "copied": _("Link copied."),
                "select": _("Select the link above and copy it."),
                # TRANSLATORS: the first link of every page (for keyboard and screen
                # reader users): it jumps over the menu to the page's content.
                "skip": _("Skip to main content"),
            },
        },
    )
    st.caption(_("It reopens this page with these settings, for a class or a colleague."))


def show_notices() -> None:
    """Show what was ignored in the link, as warnings."""
    for notice in st.session_state.get(NOTICES_KEY, []):
        st.warning(notice_text(notice), icon=":material/link_off:")


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


def is_slider(name: str) -> bool:
    """Whether registry parameter ``name`` is shown as a slider (:func:`scenario_widget`)."""
    return SPECS[name].kind in ("float", "int") and name != "seed"


def slider_range(name: str, scenario: Scenario) -> tuple[float, float, float]:
    """Lowest value, highest value and step of the slider of ``name`` in ``scenario``
    (the needle's range depends on the device)."""
    spec = SPECS[name]
    assert spec.min is not None and spec.max is not None
    low, high = needle_range(scenario.device) if name == "needle_mm" else (spec.min, spec.max)
    return float(low), float(high), float(spec.step or 1)


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
    """Label (translated) with its unit, unless the label already says it
    ("Days between sessions")."""
    if not spec.unit or spec.unit.lower() in spec.label.lower():
        return _(spec.label)
    return _("{label} ({unit})").format(label=_(spec.label), unit=unit_text(spec.unit))


def scenario_widget(name: str, width: int | str = "stretch") -> None:
    """Draw the widget of registry parameter ``name`` bound to the shared scenario.

    Range, step, label (with unit) and help come from the registry; the
    needle's range also depends on the device.
    """
    spec = SPECS[name]
    scenario = current_scenario()
    key = WIDGET_PREFIX + name
    st.session_state[key] = getattr(scenario, name)
    common = {
        "key": key,
        "help": _(spec.help),
        "on_change": _on_widget,
        "args": (name,),
        "width": width,
    }
    if spec.kind == "choice":
        st.selectbox(
            _label(spec),
            options=list(spec.choices),
            format_func=lambda v, n=name: _(choice_label(n, v)),
            **common,
        )
    elif spec.kind == "bool":
        st.toggle(_label(spec), **common)
    elif name == "seed":
        st.number_input(
            _label(spec), min_value=int(spec.min), max_value=int(spec.max), step=1, **common
        )
    elif spec.kind == "int":
        st.slider(
            _label(spec),
            min_value=int(spec.min),
            max_value=int(spec.max),
            step=int(spec.step or 1),
            **common,
        )
    else:
        low, high, step = slider_range(name, scenario)
        st.slider(
            _label(spec),
            min_value=low,
            max_value=high,
            step=step,
            format="%.2f" if spec.step < 0.1 else "%g",
            **common,
        )


def control_width_px(name: str | None = None) -> int:
    """Width of one control in a row of controls: five fit a laptop, three a projector
    with the sidebar open, one a phone (the row wraps); wider for projector mode's text.
    The select box of registry parameter ``name`` shows its longest option whole in
    the reader's language (:func:`viz.controls.select_width_px`)."""
    contrast = high_contrast()
    base = 240 if contrast else 180
    if name is None or SPECS[name].kind != "choice":
        return base
    labels = [_(choice_label(name, value)) for value in SPECS[name].choices]
    return select_width_px(labels, SELECT_TEXT_PX[contrast], base)


def scenario_widgets(names: Sequence[str]) -> None:
    """Widgets of several parameters in a row that wraps to the screen's width; the
    other controls give up what a wider select box takes (:func:`viz.controls.row_widths_px`)."""
    selects = [control_width_px(name) if SPECS[name].kind == "choice" else None for name in names]
    widths = row_widths_px(selects, control_width_px())
    with st.container(horizontal=True, gap="small"):
        for name, width in zip(names, widths, strict=True):
            scenario_widget(name, width=width)


BASIC = tuple(spec.name for spec in SPECS.values() if spec.basic)
ADVANCED = tuple(spec.name for spec in SPECS.values() if not spec.basic)


# --- caches ---------------------------------------------------------------------
#
# Bounded by design: cache what is drawn, not everything computed. A model
# Result holds the 2-D fields of the whole course (12-21 MB), so only the few
# scenarios being drawn right now keep theirs (RESULTS_KEPT); what a page shows
# (figures as the JSON text the browser gets, and texts: about 0.3 MB a scenario)
# is kept for many more (DRAWN_KEPT). Worst case, whatever the number of visitors or
# scenarios: 4 x 21 MB of results plus 64 x ~0.3 MB of drawings, about 100 MB on top
# of the server itself (benchmarks/bench_memory.py: 328 MB RSS after 300 scenarios).

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


def drawn(figure: go.Figure | dict) -> str:
    """A figure (or a builder's spec) as the browser receives it, in the run's
    language: :func:`viz.style.figure_json`, marked right to left for Arabic.
    :func:`chart` takes this text; the caches below keep it, not the figure."""
    return figure_json(figure, rtl=language().rtl)


@st.cache_resource(max_entries=DRAWN_KEPT, show_spinner=False, hash_funcs=DRAWN_HASH)
def cross_section_cached(scenario: Scenario, contrast: bool, animate: bool = True) -> str:
    """The cross-section of ``scenario`` as drawn (:func:`drawn`), cached: a scenario
    seen before costs neither the figure nor its JSON."""
    text = drawn(
        cross_section_spec(simulate_cached(scenario), high_contrast=contrast, animate=animate)
    )
    release_free_memory()  # building it frees tens of MB of resampled fields
    return text


@st.cache_resource(max_entries=DRAWN_KEPT, show_spinner=False, hash_funcs=DRAWN_HASH)
def timeline_cached(scenario: Scenario, contrast: bool) -> str:
    """The improvement timeline of ``scenario`` as drawn, cached like
    :func:`cross_section_cached`."""
    return drawn(timeline_spec(simulate_cached(scenario), high_contrast=contrast))


@dataclass(frozen=True)
class ExploreTexts:
    """The texts the Explore page shows about one scenario.

    Attributes
    ----------
    outcome : str
        The outcome in one sentence (:func:`viz.describe.outcome_sentence`).
    grade : str
        The Goodman & Baron grade in plain words (:func:`viz.describe.grade_sentence`).
    cross_section, timeline : str
        Text descriptions of the two charts.
    time_steps : tuple of TimeStep
        The cross-section's animation frames as its time controls name them.
    """

    outcome: str
    grade: str
    cross_section: str
    timeline: str
    time_steps: tuple[TimeStep, ...]


@st.cache_resource(max_entries=DRAWN_KEPT, show_spinner=False, hash_funcs=DRAWN_HASH)
def explore_texts(scenario: Scenario) -> ExploreTexts:
    """The Explore page's texts about ``scenario``, cached with its figures: a
    scenario seen before is shown without its model result."""
    result = simulate_cached(scenario)
    return ExploreTexts(
        outcome=outcome_sentence(result),
        grade=grade_sentence(result),
        cross_section=describe_cross_section(result),
        timeline=describe_timeline(result),
        time_steps=time_steps(result),
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


def downloads() -> None:
    """Buttons that download the scenario's time series (CSV) and the scenario (JSON),
    both made when pressed (:func:`timeseries_csv_later`)."""
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            _("Download time series (CSV)"),
            data=timeseries_csv_later(),
            file_name="microneedling_time_series.csv",
            mime="text/csv",
            on_click="ignore",
        )
        st.download_button(
            _("Download scenario (JSON)"),
            data=scenario_json_later(),
            file_name="microneedling_scenario.json",
            mime="application/json",
            on_click="ignore",
        )


_LIVE_CHART = _own_component("live_chart", '<div class="live-chart"></div>', isolate_styles=False)


def chart(
    figure: go.Figure | str,
    name: str,
    description: str,
    *,
    legend: str | None = None,
    toolbar: bool = True,
    controls: Callable[[], None] | None = None,
) -> None:
    """A Plotly chart, then its ``controls`` (e.g. :func:`time_controls`), its HTML
    legend and its text description (screen readers read the chart's label and the
    description).

    ``figure`` is a figure or the text :func:`drawn` made of one (what the caches
    keep). The chart is ``pages/_live_chart.js``: a new figure is drawn into the same
    element with ``Plotly.react``, where ``st.plotly_chart`` would remount the chart
    (benchmarks/RESULTS-latency.md). Its element carries the CSS class
    ``st-key-chart_<name>``. ``toolbar=False`` hides Plotly's toolbar (its buttons
    are tab stops that add nothing to a picture that is not zoomed); otherwise it
    keeps only the PNG download.
    """
    _LIVE_CHART(
        key=f"chart_{name}",
        data={
            "figure": figure if isinstance(figure, str) else drawn(figure),
            "config": plot_config(name, toolbar=toolbar),
            "alt": description,
            "plotly": PLOTLY_FILE,
        },
    )
    if controls is not None:
        controls()
    if legend:
        st.html(legend)
    st.caption(description)


# --- figures sent ahead of a slider move ----------------------------------------------
#
# A slider move costs a round trip before the chart changes: the key press goes to the
# server, the fragment reruns, its messages come back, React commits them, then Plotly
# draws. The page's chart can answer in the browser instead when the server has already
# sent the figures one key press away (pages/_chart_ahead.js): the rerun then only
# brings the texts and the other charts (benchmarks/RESULTS-latency.md).

BUSY_WINDOW_S = 2.0
"""Another session that ran a script this recently (s) makes the server a shared one, and
then nothing is computed ahead (an engineering choice: students moving a slider about once
a second keep a classroom's server shared all the time; a teacher alone never does)."""

_RUNNING: Counter[str] = Counter()  # session -> its script runs in progress
_LAST_END: dict[str, float] = {}  # session -> when its last run ended (time.monotonic)
_SESSIONS_LOCK = threading.Lock()
_clock = time.monotonic


def _session() -> str:
    """The running script's session (its thread outside a Streamlit run, as in tests)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else f"thread-{threading.get_ident()}"


@contextlib.contextmanager
def script_running() -> Iterator[None]:
    """Count this session's script as running while the block runs (:func:`others_active`)."""
    me = _session()
    with _SESSIONS_LOCK:
        _RUNNING[me] += 1
    try:
        yield
    finally:
        with _SESSIONS_LOCK:
            _RUNNING[me] -= 1
            if _RUNNING[me] <= 0:
                del _RUNNING[me]
                _LAST_END[me] = _clock()
                _forget_quiet(_LAST_END[me])


def _forget_quiet(now: float) -> None:
    """Drop the sessions whose last run ended :data:`BUSY_WINDOW_S` or more before ``now``
    (under ``_SESSIONS_LOCK``): after every run, so the table holds only recent sessions
    whether or not a page asks :func:`others_active`."""
    for session, ended in list(_LAST_END.items()):
        if now - ended >= BUSY_WINDOW_S:
            del _LAST_END[session]


def others_active() -> bool:
    """Whether another session's script runs now or ended less than :data:`BUSY_WINDOW_S`
    ago: then figures sent ahead are left out, so that a shared server (a classroom)
    spends its time on what readers asked for, not on what one may ask for next."""
    me, now = _session(), _clock()
    with _SESSIONS_LOCK:
        _forget_quiet(now)
        return any(s != me for s in _RUNNING) or any(s != me for s in _LAST_END)


AHEAD_KEY = "ahead"
"""Session state: for each chart drawn ahead, the scenario of the last run and the
slider the reader last moved."""

_CHART_AHEAD = _own_component("chart_ahead", "")


def ahead_values(scenario: Scenario, slider: str) -> list[tuple[str, Scenario]]:
    """The scenarios one key press away on ``slider``, each with the value as the
    slider holds it (:func:`viz.controls.slider_text`): one step down and one up,
    inside the slider's range (:func:`slider_range`)."""
    low, high, step = slider_range(slider, scenario)
    whole = SPECS[slider].kind == "int"
    return [
        (slider_text(v, step), with_change(scenario, slider, int(v) if whole else v))
        for v in slider_neighbours(float(getattr(scenario, slider)), low, high, step)
    ]


def chart_ahead(
    name: str,
    scenario: Scenario,
    sliders: Sequence[str],
    figure_of: Callable[[Scenario], tuple[str, str]],
) -> None:
    """Send chart ``name`` (drawn by :func:`chart`) its figures one key press away on
    the slider the reader last moved (of ``sliders``; the first one until a slider
    moves), so that the next press is drawn in the browser at once.

    ``figure_of(scenario)`` gives a figure as :func:`chart` takes it and its text
    alternative; it should be cached, as every rerun asks for both neighbours. Call
    this last on the page: the figures go after everything the reader asked for.
    Nothing is sent ahead on the session's first run of the chart (a first visit is
    not made heavier: two cross-sections are about 0.5 MB), nor computed while other
    sessions use the server (:func:`others_active`).
    """
    if not sliders:
        return
    kept = st.session_state.setdefault(AHEAD_KEY, {})
    first = name not in kept  # a first visit: the page's own bytes only (bench_first_visit)
    before, last = kept.get(name, (None, None))
    previous = None if before is None else _slider_values(before, sliders)
    slider = moved_slider(previous, _slider_values(scenario, sliders), sliders)
    if slider is None:  # a select box changed, or nothing: keep the slider of before
        slider = last if last in sliders else sliders[0]
    kept[name] = (scenario, slider)
    figures = {}
    if not first and not others_active():
        for text, neighbour in ahead_values(scenario, slider):
            figure, alt = figure_of(neighbour)
            figures[text] = {"figure": figure, "alt": alt}
    _CHART_AHEAD(
        key=f"ahead_{name}",
        data={
            "chart": f"chart_{name}",
            "slider": WIDGET_PREFIX + slider,
            "decimals": step_decimals(slider_range(slider, scenario)[2]),
            "figures": figures,
        },
    )


def _slider_values(scenario: Scenario, sliders: Sequence[str]) -> dict[str, object]:
    return {name: getattr(scenario, name) for name in sliders}


# --- page style and time controls -------------------------------------------------


def page_style() -> None:
    """The app's CSS (``pages/_app.css``), in projector mode ``pages/_projector.css``,
    and for a right-to-left language (Arabic) ``pages/_rtl.css``."""
    css = APP_CSS + PROJECTOR_CSS if high_contrast() else APP_CSS
    if language().rtl:
        css += RTL_CSS
    st.html(f"<style>{css}</style>")


_TIME_CONTROLS = _own_component(
    "time_controls",
    (
        '<div class="time-controls" role="group" aria-label="Time controls">'
        '<button type="button" data-action="prev" aria-label="Previous step">◀</button>'
        '<button type="button" data-action="play" aria-label="Play">▶ Play</button>'
        '<button type="button" data-action="next" aria-label="Next step">▶</button>'
        '<input type="range" aria-label="Day after the first session">'
        "<output></output></div>"
    ),
)


def time_controls(chart_name: str, steps: Sequence[TimeStep]) -> None:
    """Play/Pause, step and day controls for the animated chart ``chart_name``
    (drawn by :func:`chart`), below it and operable from the keyboard
    (``pages/_time_controls.js``)."""
    _TIME_CONTROLS(
        key=f"time_{chart_name}",
        data={
            "chart": f"chart_{chart_name}",
            "steps": [{"name": s.name, "label": s.label} for s in steps],
            "start": len(steps) - 1,
            "frame_ms": 700,
            "projector": high_contrast(),
            "labels": {
                "group": _("Time controls"),
                "previous": _("Previous step"),
                "next": _("Next step"),
                "play": _("Play"),
                "pause": _("Pause"),
                "day": _("Day after the first session"),
            },
        },
    )


@st.cache_resource(max_entries=DRAWN_KEPT, show_spinner=False, hash_funcs=DRAWN_HASH)
def legend_cached(scenario: Scenario, contrast: bool) -> str:
    """:func:`viz.cross_section.legend_html` of ``scenario``, cached with its figure."""
    return legend_html(simulate_cached(scenario), high_contrast=contrast)
