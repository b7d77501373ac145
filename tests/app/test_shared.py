"""The shared page code: bounded caches, the share link and the CSV made on demand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from apptest_helpers import PAGES, live_charts, open_app

import pages._shared as shared
from sim import Scenario, simulate
from sim.registry import SPECS
from sim.scenario import scenario_to_query
from viz.export import scenario_json, timeseries_csv


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def cheap_drawing(monkeypatch):
    """Model and figure builders replaced by fakes that count their calls."""
    calls: list[str] = []

    def fake(name):
        return lambda *args, **kwargs: calls.append(name) or name

    monkeypatch.setattr(shared, "simulate", fake("simulate"))
    for name in (
        "cross_section_spec",
        "timeline_spec",
        "outcome_sentence",
        "grade_sentence",
        "describe_cross_section",
        "describe_timeline",
        "time_steps",
    ):
        monkeypatch.setattr(shared, name, fake(name))
    caches = (
        shared.simulate_cached,
        shared.cross_section_cached,
        shared.timeline_cached,
        shared.explore_texts,
    )
    for cache in caches:
        cache.clear()
    yield calls
    for cache in caches:
        cache.clear()


@pytest.mark.parametrize(
    ("draw", "kept", "counted"),
    [
        (shared.simulate_cached, shared.RESULTS_KEPT, "simulate"),
        (
            lambda s: shared.cross_section_cached(s, False),
            shared.DRAWN_KEPT,
            "cross_section_spec",
        ),
        (lambda s: shared.timeline_cached(s, False), shared.DRAWN_KEPT, "timeline_spec"),
        (shared.explore_texts, shared.DRAWN_KEPT, "outcome_sentence"),
    ],
    ids=["results", "cross_section", "timeline", "texts"],
)
def test_caches_keep_a_bounded_number_of_scenarios(cheap_drawing, draw, kept, counted):
    scenarios = [Scenario(seed=k) for k in range(kept + 1)]
    for scenario in scenarios:
        draw(scenario)
    assert cheap_drawing.count(counted) == kept + 1
    draw(scenarios[-1])  # the latest is kept ...
    assert cheap_drawing.count(counted) == kept + 1
    draw(scenarios[0])  # ... the oldest was dropped
    assert cheap_drawing.count(counted) == kept + 2


def test_model_results_are_the_small_cache():
    """A Result holds the course's 2-D fields (megabytes): few are kept; drawings, many."""
    assert shared.RESULTS_KEPT <= 8 < shared.DRAWN_KEPT


def test_a_scenario_seen_before_is_drawn_without_its_model_result(monkeypatch):
    at = open_app()
    at.run()  # the second run also draws the needle's next values, to send them ahead
    _no_errors(at)
    assert ahead_figures(at), "nothing was sent ahead, so this test would not cover it"
    shared.simulate_cached.clear()

    def no_model(scenario):
        raise AssertionError("the model ran for a scenario whose drawing is cached")

    monkeypatch.setattr(shared, "simulate", no_model)
    at.run()
    _no_errors(at)
    assert len(live_charts(at)) == 2
    assert ahead_figures(at), "the figures sent ahead are cached drawings too"


def ahead_figures(at) -> dict:
    """The figures the page sent ahead of a slider move (``pages._shared.chart_ahead``)."""
    (sent,) = [c for c in at.get("bidi_component") if c.proto.component_name.endswith("ahead")]
    return json.loads(sent.proto.json)["figures"]


def test_share_link_shows_the_pages_own_address_without_a_highlighter():
    """No st.code (1.56 MB highlighter); the link box shows the page's own URL, which
    the app keeps equal to the scenario (here) and the view (test_link_... below)."""
    scenario = Scenario(scar="ice_pick", needle_mm=1.25, sessions=5)
    at = open_app(query=scenario_to_query(scenario))
    _no_errors(at)
    assert not at.get("code"), "st.code pulls a 1.56 MB syntax highlighter into the browser"
    js = (Path(shared.__file__).parent / "_share_link.js").read_text()
    assert "window.location.href" in js and "clipboard" in js
    for key, value in scenario_to_query(scenario).items():
        assert at.query_params[key] in (value, [value])


def test_the_scenario_for_the_csv_follows_fragment_reruns():
    at = open_app()
    _no_errors(at)
    at.slider(key="w_sessions").set_value(2).run()  # a fragment rerun: the sidebar is not rerun
    _no_errors(at)
    box = at.session_state[shared.SCENARIO_BOX_KEY]
    assert box["scenario"] == at.session_state["scenario"] == Scenario(sessions=2)


def test_csv_reads_the_scenario_when_pressed(monkeypatch):
    box = {"scenario": Scenario()}
    monkeypatch.setattr(shared, "_scenario_box", lambda: box)
    make = shared.timeseries_csv_later()
    box["scenario"] = Scenario(sessions=2)  # changed after the button was drawn
    assert make() == timeseries_csv(simulate(Scenario(sessions=2)))
    assert shared.scenario_json_later()() == scenario_json(Scenario(sessions=2))


# --- view settings: the link carries the whole view ----------------------------------


def test_link_turns_projector_mode_on_and_the_url_keeps_it():
    at = open_app(query={"projector": "true", "sessions": "5"})
    _no_errors(at)
    assert at.toggle(key=shared.CONTRAST_KEY).value is True
    assert at.query_params["projector"] == "true" and at.query_params["sessions"] == "5"
    at.toggle(key=shared.CONTRAST_KEY).set_value(False).run()
    assert "projector" not in at.query_params  # the default is not written


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"projector": "maybe"}, "'projector' must be true or false"),
        ({"depressed": "volcano"}, "'depressed' must be one of"),
        ({"raised": ""}, "'raised' must be one of"),
    ],
)
def test_malformed_view_value_falls_back_with_a_notice(query, named):
    page = "pages/depressed_vs_raised.py"
    at = open_app(page, query=query)
    _no_errors(at)
    notices = [w.value for w in at.warning]
    assert any(named in n for n in notices), notices
    assert at.toggle(key=shared.CONTRAST_KEY).value is False


def test_link_reopens_the_chosen_scars_on_depressed_vs_raised():
    page = "pages/depressed_vs_raised.py"
    at = open_app(page, query={"depressed": "ice_pick", "raised": "keloid"})
    _no_errors(at)
    assert at.selectbox(key="v_depressed").value == "ice_pick"
    assert at.selectbox(key="v_raised").value == "keloid"
    assert at.query_params["depressed"] == "ice_pick" and at.query_params["raised"] == "keloid"
    # (Changing the choice and reading the URL back is a browser test: AppTest runs a
    # page file on its own first, which drops the new widget value.)


def test_view_settings_parse_what_they_write():
    for setting in shared.VIEW_SETTINGS.values():
        if setting.number_range is not None:
            low, high = setting.number_range
            values = (str(low), str(high), setting.default)
            for bad in (str(low - 1), str(high + 1), "-1", "1.5", "٣"):
                with pytest.raises(ValueError, match=setting.name):
                    setting.parse(bad)
        else:
            values = setting.choices or (True, False)
        for value in values:
            assert setting.parse(setting.to_text(value)) == value
        with pytest.raises(ValueError, match=setting.name):
            setting.parse("not-a-value")


def test_link_reopens_the_trade_off_maps_axes_and_flags_a_bad_one():
    page = "pages/protocol_trade_offs.py"
    at = open_app(page, query={"tradeoff_axis": "interval_days", "tradeoff_measure": "bogus"})
    _no_errors(at)
    assert at.radio(key="v_tradeoff_axis").value == "interval_days"
    assert at.radio(key="v_tradeoff_measure").value == shared.TRADEOFF_MEASURE.default
    notices = [w.value for w in at.warning]
    assert any("'tradeoff_measure' must be one of" in n for n in notices), notices
    assert at.query_params["tradeoff_axis"] == "interval_days"
    assert "tradeoff_measure" not in at.query_params


@pytest.mark.parametrize("page", PAGES)
def test_every_setting_on_every_page_goes_into_the_link(page):
    """A widget is a scenario parameter (registry) or a registered view setting: both
    are written into the URL. A widget of neither kind would be lost from a shared link.

    The one exception is a trainee's own answers on the practice cases (keys starting
    ``answer_``): a class shares the cases, not one student's answers."""
    at = open_app(page)
    _no_errors(at)
    widgets = [*at.slider, *at.number_input, *at.selectbox, *at.toggle, *at.radio]
    widgets += [*at.checkbox, *at.multiselect, *at.text_input]
    assert widgets, "every page has settings"
    for widget in widgets:
        key = str(widget.key)
        if key.startswith(shared.ANSWER_PREFIX):
            assert page == "pages/cases.py", key
        elif key.startswith(shared.WIDGET_PREFIX):
            assert key.removeprefix(shared.WIDGET_PREFIX) in SPECS, key
        else:
            name = key.removeprefix(shared.VIEW_PREFIX)
            assert key.startswith(shared.VIEW_PREFIX) and name in shared.VIEW_SETTINGS, key


def test_preload_imports_once_from_many_threads():
    """Eight threads ask at once; the module ends up imported whole, with no error."""
    import sys
    import threading

    from pages._preload import preload

    name = "xml.dom.minidom"
    sys.modules.pop(name, None)
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            preload((name,))
        except BaseException as error:  # any failure fails the test
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and hasattr(sys.modules[name], "parseString")


def test_live_charts_load_the_plotly_js_streamlit_ships():
    """``pages/_live_chart.js`` imports Streamlit's own Plotly.js file when no chart has
    loaded it: the file must exist, be the only one, and define ``window.Plotly``."""
    import streamlit

    file = Path(streamlit.__file__).parent / "static" / "static" / "js" / shared.PLOTLY_FILE
    text = file.read_text(encoding="utf-8")
    assert "window.Plotly=" in text, f"{file.name} no longer defines window.Plotly"
    assert "Plotly.react" in (Path(shared.__file__).parent / "_live_chart.js").read_text()


def test_every_chart_is_a_live_chart_with_its_text_alternative():
    """Charts go through ``chart()``: no ``st.plotly_chart`` (which remounts the chart on
    every change); each live chart carries its figure, description and Plotly.js file."""
    at = open_app()
    _no_errors(at)
    assert not at.get("plotly_chart")
    sent = live_charts(at)
    assert [json.loads(c["figure"])["data"][0]["type"] for c in sent] == ["heatmap", "scatter"]
    assert all(c["alt"] and c["plotly"] == shared.PLOTLY_FILE for c in sent)
    assert sent[0]["config"]["displayModeBar"] is False, "the cross-section has no toolbar"


def test_drawings_are_cached_per_language():
    """Every cache of drawings keys on the run's language (``DRAWN_HASH``): the same
    scenario drawn in Spanish after English is drawn again, in Spanish."""
    from pages._surface_cache import surface_figure_cached
    from viz.i18n import speaking

    scenario = Scenario(seed=7)
    drawings = {}
    for code in ("en", "es", "en"):
        with speaking(code):
            drawings[code] = (
                shared.cross_section_cached(scenario, False),
                surface_figure_cached(scenario, "one_scar", False, False),
            )
    english, spanish = drawings["en"], drawings["es"]
    assert '"Depth (mm)"' in english[0] and '"Profundidad (mm)"' in spanish[0]
    assert "Before" in english[1] and "Antes" in spanish[1] and "Antes" not in english[1]
