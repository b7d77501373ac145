"""Figures sent ahead of a slider move (``pages._shared.chart_ahead``, issue #8).

The browser draws them when the slider reaches their value, without waiting for the
server; the run that follows must then send exactly the same figure, or the reader
would see the picture change twice (and a wrong one first). These tests compare what
was sent ahead with what the page sends when the slider really is at that value:
two paths through the app, one through the widget.
"""

from __future__ import annotations

import json
import threading

import pytest
from apptest_helpers import live_charts, open_app

import pages._shared as shared


def ahead(at) -> dict:
    """What the page sent ahead: ``{chart, slider, decimals, figures}``."""
    found = [
        json.loads(c.proto.json)
        for c in at.get("bidi_component")
        if c.proto.component_name.endswith("chart_ahead")
    ]
    assert len(found) == 1, f"expected one chart_ahead element, found {len(found)}"
    return found[0]


def cross_section(at) -> dict:
    return live_charts(at)[0]


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_nothing_is_sent_ahead_on_a_first_visit_then_the_needles_next_values():
    at = open_app()
    assert ahead(at)["figures"] == {}, "a first visit would download two more pictures"
    at.run()
    sent = ahead(at)
    assert sent["chart"] == "chart_cross_section"
    assert sent["slider"] == "w_needle_mm"  # the first slider, before any has moved
    assert sent["decimals"] == 2
    assert sorted(sent["figures"]) == ["1.45", "1.55"]
    for value in ("1.55", "1.45"):
        at.slider(key="w_needle_mm").set_value(float(value)).run()
        _no_errors(at)
        drawn = cross_section(at)
        assert sent["figures"][value]["figure"] == drawn["figure"], (
            f"the figure sent ahead for {value} mm differs from the one the page draws"
        )
        assert sent["figures"][value]["alt"] == drawn["alt"]
        assert sent["figures"]["1.45"]["figure"] != sent["figures"]["1.55"]["figure"]


def test_the_slider_last_moved_is_sent_ahead_and_stays_after_a_select_box():
    at = open_app()
    at.slider(key="w_sessions").set_value(4).run()
    sent = ahead(at)
    assert sent["slider"] == "w_sessions"
    assert sent["decimals"] == 0
    assert sorted(sent["figures"]) == ["3", "5"]
    at.slider(key="w_sessions").set_value(5).run()
    assert cross_section(at)["figure"] == sent["figures"]["5"]["figure"]

    at.selectbox(key="w_scar").select("rolling").run()
    _no_errors(at)
    assert ahead(at)["slider"] == "w_sessions", "a select box is not a slider to draw ahead"
    at.slider(key="w_interval_days").set_value(35).run()
    assert ahead(at)["slider"] == "w_interval_days"


def test_only_values_inside_the_devices_range_are_sent():
    at = open_app()
    at.selectbox(key="w_device").select("home_roller").run()
    at.slider(key="w_needle_mm").set_value(0.3).run()  # the home roller's longest
    sent = ahead(at)
    assert sent["slider"] == "w_needle_mm"
    assert sorted(sent["figures"]) == ["0.25"]
    at.slider(key="w_sessions").set_value(0).run()
    assert sorted(ahead(at)["figures"]) == ["1"]


def test_nothing_is_computed_ahead_while_other_sessions_use_the_server(monkeypatch):
    monkeypatch.setattr(shared, "others_active", lambda: True)
    at = open_app().run()
    _no_errors(at)
    assert ahead(at)["figures"] == {}
    assert cross_section(at)["figure"], "the page itself is drawn as always"


def test_a_script_counts_as_running_for_other_threads_only_while_it_runs():
    assert not shared.others_active()
    inside, leave, seen = threading.Event(), threading.Event(), []

    def other_session() -> None:
        with shared.script_running():
            seen.append(shared.others_active())  # nobody else runs
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other_session)
    thread.start()
    assert inside.wait(10)
    with shared.script_running():
        assert shared.others_active(), "another thread's script runs"
        with shared.script_running():  # a fragment inside the page's run: same thread
            assert shared.others_active()
    leave.set()
    thread.join(10)
    assert seen == [False]
    assert not shared.others_active(), "a finished script still counts"


def test_a_script_that_raises_stops_counting():
    with pytest.raises(RuntimeError), shared.script_running():
        raise RuntimeError("a rerun interrupts the script")
    done = []
    thread = threading.Thread(target=lambda: done.append(shared.others_active()))
    thread.start()
    thread.join(10)
    assert done == [False]


def test_another_session_counts_until_the_window_after_its_run_has_passed(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(shared, "_clock", lambda: now[0])
    monkeypatch.setattr(shared, "BUSY_WINDOW_S", 2.0)
    other: list[str] = []

    def one_run() -> None:  # another session's run, over at once
        with shared.script_running():
            other.append(shared._session())

    thread = threading.Thread(target=one_run)
    thread.start()
    thread.join(10)
    assert other and other[0] != shared._session()
    now[0] += 1.9
    assert shared.others_active(), "a student who moved a slider 1.9 s ago still counts"
    with shared.script_running():  # this session's own runs never count
        assert shared.others_active()
    now[0] += 0.2
    assert not shared.others_active(), "2.1 s after the last run the server is one reader's"
    assert other[0] not in shared._LAST_END, "a session gone quiet is forgotten"

    # Also when no page asks: the end of any run forgets the sessions gone quiet.
    thread = threading.Thread(target=one_run)
    thread.start()
    thread.join(10)
    now[0] += 5.0
    with shared.script_running():
        pass
    assert other[1] not in shared._LAST_END, "the table grew with every session ever seen"
