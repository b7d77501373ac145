"""Every page runs with defaults, at widget extremes and with broken links.

The charts must carry the numbers the model computed.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from apptest_helpers import APP, PAGES, charts, live_charts, open_app
from streamlit.testing.v1 import AppTest

from pages._shared import ADVANCED
from sim import Scenario, goodman, simulate, simulate_many
from sim.lesson import STEPS
from sim.registry import SPECS
from sim.scenario import scenario_to_query
from viz.cross_section import MAX_FRAMES, frame_days

MIN_CHARTS = {
    "pages/explore.py": 2,
    "pages/office_vs_home.py": 2,
    "pages/depressed_vs_raised.py": 3,
    "pages/protocol_trade_offs.py": 2,
    "pages/skin_tone_and_laser.py": 2,
    "pages/how_it_looks.py": 1,
    "pages/cases.py": 0,  # its charts come with the answers (tests/app/test_practice_cases.py)
    "pages/lesson.py": 1,
    "pages/model_and_evidence.py": 1,
}


def default_scenario(page: str) -> Scenario:
    """The scenario a page shows when the link sets none: the Lesson's first step has its own."""
    return STEPS[0].scenario if page == "pages/lesson.py" else Scenario()


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_defaults(page):
    at = open_app(page)
    _no_errors(at)
    assert len(live_charts(at)) >= MIN_CHARTS[page]
    assert any("Educational model, not a prediction for you" in m.value for m in at.markdown)
    assert at.session_state["scenario"] == default_scenario(page)


def test_explore_charts_show_the_model():
    at = open_app()
    result = simulate(Scenario())
    cross, timeline = charts(at)[:2]
    surface = next(t for t in cross["data"] if t.get("name") == "Surface now")
    np.testing.assert_allclose(surface["y"], -result.surface_mm[-1], atol=1e-6)
    drawn = frame_days(result, MAX_FRAMES)
    assert [f["name"] for f in cross["frames"]] == [f"{d:g}" for d in drawn]
    median = next(t for t in timeline["data"] if t.get("name") == "Typical (median) patient")
    np.testing.assert_allclose(median["y"], result.improvement_pct)
    sentence = at.info[0].value
    assert f"{result.final['improvement_pct']:.0f} %" in sentence
    # The clinic's grade beside the percentage, in the patient's words (issue #9).
    grade, _, _ = goodman.grade_series(result).at(float(result.times_days[-1]))
    assert f"Grade {grade}: “{goodman.GRADES[grade].plain}”" in sentence


def _widget_values(widget) -> list:
    if getattr(widget, "disabled", False):
        return []  # a user cannot change it (the fill's range on a raised scar)
    kind = type(widget).__name__
    if kind in ("Slider", "NumberInput"):
        return [widget.min, widget.max]
    if kind == "Selectbox":
        return list(widget.options)
    if kind == "Toggle":
        return [True, False]
    if kind == "Radio":
        return list(widget.options)
    return []


def _widgets(at) -> list:
    return [*at.slider, *at.number_input, *at.selectbox, *at.toggle, *at.radio]


@pytest.mark.parametrize("page", PAGES)
def test_every_widget_at_its_extremes(page):
    # Explore's advanced settings are drawn only when "More settings" is on (the link says so).
    first = open_app(page, query={"more_settings": "true"})
    keys = [w.key for w in _widgets(first) if w.key and w.key != "v_more_settings"]
    if page.endswith("explore.py"):
        assert {f"w_{name}" for name in ADVANCED} <= set(keys)
    assert keys or page.endswith("model_and_evidence.py")
    for key in keys:
        for value in _widget_values(next(w for w in _widgets(first) if w.key == key)):
            # A fresh session each time: AppTest runs the page file on its own first,
            # which drops a view widget's state ("More settings" would close).
            at = open_app(page, query={"more_settings": "true"})
            widget = next(w for w in _widgets(at) if w.key == key)
            if type(widget).__name__ == "Selectbox" and isinstance(value, str):
                # Options are shown by label; pick by index.
                widget.select_index(list(widget.options).index(value))
            else:
                widget.set_value(value)
            at.run()
            _no_errors(at)
            assert len(live_charts(at)) >= MIN_CHARTS[page] - 1


def test_everything_at_its_maximum_then_minimum():
    at = open_app()
    for pick in ("max", "min"):
        for slider in at.slider:
            slider.set_value(getattr(slider, pick))
        at.run()
        _no_errors(at)
    scenario = at.session_state["scenario"]
    assert scenario.sessions == SPECS["sessions"].min
    assert scenario.interval_days == SPECS["interval_days"].min


MALFORMED = {
    "needle_mm": "abc",
    "sessions": "-5",
    "interval_days": "1e9",
    "scar": "nonsense",
    "fitzpatrick": "3.5",
    "home_maintenance": "maybe",
    "dermis_mm": "nan",
    "unknown": "1",
}


@pytest.mark.parametrize("page", PAGES)
def test_malformed_link_falls_back_with_notices(page):
    at = open_app(page, MALFORMED)
    _no_errors(at)
    assert at.session_state["scenario"] == default_scenario(page)
    notices = [w.value for w in at.main.warning]
    for key in MALFORMED:
        assert any(key in n for n in notices), key
    # The link is rewritten to the scenario actually shown: no malformed value stays in it.
    assert dict(at.query_params) == scenario_to_query(default_scenario(page))


def test_needle_outside_the_devices_range_in_a_link():
    at = open_app(query={"device": "home_roller", "needle_mm": "2.0"})
    _no_errors(at)
    scenario = at.session_state["scenario"]
    assert scenario.device == "home_roller"
    assert scenario.needle_mm == pytest.approx(0.25)
    assert any("needle_mm" in w.value for w in at.warning)


def test_link_reopens_the_scenario_exactly():
    scenario = Scenario(
        scar="rolling", device="medical_roller", needle_mm=1.0, sessions=5, interval_days=30
    )
    query = scenario_to_query(scenario)
    at = open_app("pages/explore.py", query)
    _no_errors(at)
    assert at.session_state["scenario"] == scenario
    assert not at.main.warning
    assert {k: at.query_params[k] for k in query} == {k: [v] for k, v in query.items()} or all(
        at.query_params[k] in (v, [v]) for k, v in query.items()
    )
    result = simulate(scenario)
    timeline = charts(at)[1]
    median = next(t for t in timeline["data"] if t.get("name") == "Typical (median) patient")
    np.testing.assert_allclose(median["y"], result.improvement_pct)
    # Another page keeps the same scenario.
    at.switch_page("pages/office_vs_home.py").run()
    _no_errors(at)
    assert at.session_state["scenario"] == scenario


def test_switching_device_clamps_the_needle():
    at = open_app()
    at.slider(key="w_needle_mm").set_value(2.5).run()
    at.selectbox(key="w_device").select("home_roller").run()
    _no_errors(at)
    scenario = at.session_state["scenario"]
    assert scenario.device == "home_roller"
    assert scenario.needle_mm == pytest.approx(0.3)
    assert at.slider(key="w_needle_mm").max == pytest.approx(0.3)
    at.selectbox(key="w_device").select("medical_roller").run()
    _no_errors(at)
    assert at.session_state["scenario"].needle_mm == pytest.approx(0.5)


def test_widget_change_goes_into_the_url_and_reset_clears_it():
    at = open_app()
    at.slider(key="w_sessions").set_value(6).run()
    assert at.session_state["scenario"].sessions == 6
    assert at.query_params["sessions"] in ("6", ["6"])
    at.button[0].click().run()
    _no_errors(at)
    assert at.session_state["scenario"] == Scenario()
    assert "sessions" not in at.query_params


def test_office_vs_home_shows_three_plans():
    at = open_app("pages/office_vs_home.py")
    depth, timeline = charts(at)[:2]
    assert list(depth["data"][1]["y"]) == pytest.approx([0.9 * 1.5, 0.35 * 0.25])
    names = [t["name"] for t in timeline["data"] if "typical range" not in t["name"]]
    assert len(names) == 3
    office = simulate(Scenario())
    np.testing.assert_allclose(timeline["data"][1]["y"], office.improvement_pct)
    assert max(timeline["data"][3]["y"]) < 10.0  # the home roller barely helps
    assert any("µm" in m.value and "Kalluri" in m.value for m in at.markdown)


def test_raised_scar_page_shows_no_flattening():
    at = open_app("pages/depressed_vs_raised.py")
    assert any("no flattening" in w.value for w in at.warning)
    level = charts(at)[2]
    height = np.asarray(level["data"][-1]["y"])
    assert height[-1] == height[0], "no flattening and no certain rise"
    keloid = open_app("pages/depressed_vs_raised.py", {"scar": "keloid"})
    assert any("flare" in w.value and "19-50 %" in w.value for w in keloid.warning)


def test_tradeoff_maps_hold_the_sweep():
    at = open_app("pages/protocol_trade_offs.py")
    improvement, pain = charts(at)[:2]
    z = np.asarray(improvement["data"][0]["z"], dtype=float)
    x = list(improvement["data"][0]["x"])
    y = list(improvement["data"][0]["y"])
    assert y == list(range(1, 11))
    i, j = y.index(3), x.index(1.5)
    day = Scenario(sessions=10).end_day  # the longest course on the map, same follow-up
    expected = simulate_many([Scenario()], day=day)["improvement_pct"][0]
    assert z[i, j] == pytest.approx(expected, rel=1e-6)
    assert any(f"{day:.0f} days after its first session" in c.value for c in at.caption)
    assert np.all(np.diff(z, axis=0) >= -1e-9)  # more sessions never fill less
    # Fixed colour range, not the data's.
    assert (improvement["data"][0]["zmin"], improvement["data"][0]["zmax"]) == (0, 100)
    # The second map: course pain, the sessions' pain added up (1 = a pen session at 1.5 mm).
    course = np.asarray(pain["data"][0]["z"], dtype=float)
    assert course[i, j] == pytest.approx(3.0, rel=1e-9)
    per_session = simulate_many([Scenario(needle_mm=x[0])])["pain_index"][0]
    np.testing.assert_allclose(course[:, 0], np.arange(1, 11) * per_session, rtol=1e-9)
    assert pain["data"][0]["zmin"] == 0 and pain["data"][0]["zmax"] > course.max()


def test_tradeoff_view_settings_are_view_keys():
    at = open_app("pages/protocol_trade_offs.py")
    keys = {w.key for w in [*at.main.radio, *at.main.toggle]}
    assert keys == {"v_tradeoff_axis", "v_tradeoff_measure", "v_tradeoff_range"}
    assert at.radio(key="v_tradeoff_axis").value == "sessions"
    assert at.radio(key="v_tradeoff_measure").value == "course_pain_index"


def _trade_offs_with_view(view: dict[str, object]) -> AppTest:
    """The trade-off page with view settings chosen before it first runs.

    (AppTest runs a page file on its own first, which drops a widget value set
    after the widget was drawn; a value in session state before then stays.)
    """
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in view.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("pages/protocol_trade_offs.py").run()
    _no_errors(at)
    return at


def test_tradeoff_maps_over_the_interval():
    at = _trade_offs_with_view(
        {"v_tradeoff_axis": "interval_days", "v_tradeoff_measure": "redness_days"}
    )
    improvement, redness = charts(at)[:2]
    assert list(improvement["data"][0]["y"])[-1] == 90
    assert redness["layout"]["title"]["text"] == "Days of redness"
    day = Scenario(interval_days=90).end_day  # the longest course on the map
    assert any(f"{day:.0f} days after its first session" in c.value for c in at.caption)
    assert any("does not change it in this model" in c.value for c in at.caption)


def test_visits_that_do_not_change_are_a_sentence_not_a_flat_map():
    at = _trade_offs_with_view({"v_tradeoff_axis": "interval_days", "v_tradeoff_measure": "visits"})
    assert len(charts(at)) == 1
    assert any("Sessions (visits): 3 on every setting of this map" in i.value for i in at.info)


def test_tradeoff_typical_range_goes_into_the_sentences():
    at = _trade_offs_with_view({"v_tradeoff_range": True})
    improvement = charts(at)[0]
    assert "typical" in improvement["data"][0]["text"][0][0]
    assert any("(typical range" in i.value for i in at.info)


def test_tradeoff_page_marks_the_least_painful_setting_per_target():
    at = open_app("pages/protocol_trade_offs.py")
    improvement = charts(at)[0]
    marks = next(t for t in improvement["data"] if t.get("name") == "Least pain for a target")
    assert 1 <= len(marks["x"]) <= 4  # a few circles, not a front of ~80
    z = np.asarray(improvement["data"][0]["z"], dtype=float)
    x = list(improvement["data"][0]["x"])
    y = list(improvement["data"][0]["y"])
    labels = [a["text"] for a in improvement["layout"]["annotations"] if "≥" in a["text"]]
    assert len(labels) == len(marks["x"])
    for mx, my, label in zip(marks["x"], marks["y"], labels, strict=True):
        target = max(float(t.strip("≥ %")) for t in label.split(","))
        assert z[y.index(my), x.index(mx)] >= target
    sentences = at.info[0].value
    assert sentences.count("with the least pain:") == 4
    assert "To fill at least 30 % with the least pain:" in sentences


def test_tradeoff_page_marks_nothing_for_a_raised_scar():
    at = open_app("pages/protocol_trade_offs.py", {"scar": "keloid"})
    _no_errors(at)
    height, pain = charts(at)[:2]
    for fig in (height, pain):
        names = [t.get("name") for t in fig["data"]]
        assert "Least pain for a target" not in names
        assert "Published acne trials" not in names  # acne trials excluded raised scars
    np.testing.assert_array_equal(np.asarray(height["data"][0]["z"], dtype=float), 0.0)
    assert height["layout"]["title"]["text"].startswith("Change in height above the skin")
    assert any("no setting flattens it" in i.value for i in at.info)
    assert at.toggle(key="v_tradeoff_range").disabled


def test_skin_tone_page_flags_extrapolated_types():
    at = open_app("pages/skin_tone_and_laser.py", {"fitzpatrick": "6"})
    bars = charts(at)[1]
    assert list(bars["data"][1]["x"])[-1] == "Type VI*"
    assert "extrapolated beyond the published skin types" in at.info[0].value
    assert "range" in at.info[0].value
    assert any("are extrapolations" in c.value for c in at.caption)


def test_skin_tone_page_writes_both_treatments_to_the_same_precision():
    """The needling and laser risks were written "2 %" and "6.1 %" in one sentence: the
    central values now both have one significant figure (their ranges span a factor of 10
    or more), the range ends two."""
    at = open_app("pages/skin_tone_and_laser.py")
    text = at.info[0].value
    central = re.findall(r"\*\*([0-9.]+) %\*\*", text)
    assert len(central) == 2 and all(len(v.replace(".", "").lstrip("0")) == 1 for v in central)
    ranges = re.findall(r"range ([0-9.]+)-([0-9.]+) %", text)
    assert len(ranges) == 2, text


def test_skin_tone_page_bars():
    at = open_app("pages/skin_tone_and_laser.py")
    bars = charts(at)[1]
    needling, laser = (np.asarray(t["y"], dtype=float) for t in bars["data"][:2])
    assert np.all(needling < laser)
    assert np.all(np.diff(laser) > 0)
