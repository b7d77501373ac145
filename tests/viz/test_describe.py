"""Plain-words sentences state the model's numbers."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from sim import Scenario, simulate
from sim.scenario import scenario_from
from viz.describe import (
    cheapest_sentences,
    describe_cheapest,
    describe_comparison,
    describe_cross_section,
    describe_depth_bars,
    describe_pigmentation,
    describe_timeline,
    duration_text,
    grade_sentence,
    outcome_sentence,
)
from viz.export import CSV_COLUMNS, scenario_json, timeseries_csv
from viz.i18n import number, set_language
from viz.tradeoffs import CheapestSetting


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", text)]


def test_outcome_sentence_of_default_course(default_result):
    r = default_result
    text = outcome_sentence(r)
    f = r.final
    assert text.startswith("After 3 sessions 4 weeks apart, new collagen has filled about ")
    expected = (
        f"{f['improvement_pct']:.0f} % (typical range {f['improvement_pct_p10']:.0f} % to "
        f"{f['improvement_pct_p90']:.0f} %)"
    )
    assert expected in text
    assert "6 months after the last session" in text
    assert f"{f['depression_depth_mm']:.2f} mm" in text


def test_raised_scar_sentence_says_no_flattening(keloid_result):
    text = outcome_sentence(keloid_result)
    assert "no flattening" in text and "no deficit to fill" in text
    assert f"still stands {keloid_result.final['raised_height_mm']:.1f} mm above" in text
    assert "19-50 %" in text and "no figure after needling" in text


def test_no_session_means_no_change():
    r = simulate(Scenario(sessions=0))
    assert "stays as it is" in outcome_sentence(r)
    assert r.final["improvement_pct"] == pytest.approx(0, abs=1e-9)


def test_home_roller_sentence_explains_the_epidermis(home_result):
    text = outcome_sentence(home_result)
    low, high = home_result.side_effects.effective_depth_range_mm
    assert "around the 60 µm epidermis" in text
    assert f"reach only about {low * 1000:.0f}-{high * 1000:.0f} µm" in text
    assert "typical range <1 % to" in text, "a band near zero, never an exact 0"


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (7, "7 days"),
        (14, "2 weeks"),
        (28, "4 weeks"),
        (30, "30 days"),
        (90, "3 months"),
        (0, "0 days"),
    ],
)
def test_duration_text(days, text):
    assert duration_text(days) == text


def test_cross_section_and_timeline_descriptions(default_result):
    r = default_result
    text = describe_cross_section(r)
    assert "epidermis 0.06 mm" in text and "reached a depth of about 1.4 mm" in text
    # The picture is one (typical) patient: the depth says so, not as a certainty.
    assert f"in a typical patient, is now {r.depression_depth_mm[-1]:.2f} mm below" in text
    timeline = describe_timeline(r)
    assert f"to {r.improvement_pct[-1]:.0f} %" in timeline
    assert "weeks 0, 4, 8" in timeline


def test_cross_section_description_needs_no_article_for_the_scar():
    """'through a ice pick scar' was wrong English: the scar's name stands in brackets."""
    text = describe_cross_section(simulate(Scenario(scar="ice_pick")))
    assert "through the scar (ice pick)" in text and "a ice" not in text


def test_raised_timeline_description_claims_no_range(keloid_result):
    """A raised scar's height is the same in every sample: the description says why
    it does not fall instead of a range of zero width ("typical range 2.5-2.5 mm")."""
    text = describe_timeline(keloid_result)
    assert "typical range" not in text
    assert "collagen induction does not flatten a raised scar" in text
    assert f"to {keloid_result.raised_height_mm[-1]:.1f} mm" in text


def test_depth_description(default_result):
    text = describe_depth_bars([("Home roller", 0.25, 0.05)], default_result.layers_mm)
    assert "stays in the epidermis" in text


def test_csv_has_units_in_names_and_the_models_values(default_result):
    r = default_result
    rows = list(csv.DictReader(io.StringIO(timeseries_csv(r))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert CSV_COLUMNS[:4] == (
        "time_days",
        "improvement_pct",
        "improvement_pct_p10",
        "improvement_pct_p90",
    )
    assert len(rows) == r.times_days.size
    np.testing.assert_allclose(
        [float(x["improvement_pct"]) for x in rows], r.improvement_pct, rtol=1e-5, atol=1e-6
    )
    assert sum(int(x["office_session"]) for x in rows) == 3


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"home_interval_days": 3, "sessions": 5, "interval_days": 21, "follow_up_days": 100},
        {"home_interval_days": 1, "sessions": 2, "interval_days": 30, "follow_up_days": 20},
    ],
)
def test_csv_marks_every_office_session_and_every_home_roll(changes):
    """Counted from the protocol: office sessions every ``interval`` days from day 0;
    home rolls every ``home_interval`` days from then on to the end of follow-up,
    except on an office day (the default course: 3 sessions and 31 rolls)."""
    scenario = Scenario(home_maintenance=True, **changes)
    sessions, interval = scenario.sessions, scenario.interval_days
    end = (sessions - 1) * interval + scenario.follow_up_days
    home_interval = scenario.home_interval_days
    office_days = {k * interval for k in range(sessions)}
    rolls = end // home_interval - sum(d > 0 and d % home_interval == 0 for d in office_days)
    rows = list(csv.DictReader(io.StringIO(timeseries_csv(simulate(scenario, h_mm=0.05)))))
    marked_office = [float(r["time_days"]) for r in rows if r["office_session"] == "1"]
    marked_home = [float(r["time_days"]) for r in rows if r["home_roller"] == "1"]
    assert len(marked_office) == sessions and set(marked_office) == office_days
    assert len(marked_home) == rolls
    assert all(d % home_interval == 0 and d not in office_days for d in marked_home)
    if not changes:
        assert (len(marked_office), len(marked_home)) == (3, 31)


def test_scenario_json_round_trips():
    scenario = Scenario(
        scar="rolling", device="medical_roller", needle_mm=1.0, sessions=5, adjunct="prp"
    )
    payload = json.loads(scenario_json(scenario))
    assert scenario_from(payload["scenario"]) == scenario
    assert payload["units"]["needle_mm"] == "mm"


def test_viz_does_not_import_streamlit():
    code = (
        "import sys, viz.cross_section, viz.timeline, viz.describe, viz.depth, viz.tradeoffs, "
        "viz.skin_tone, viz.evidence, viz.export, viz.style; "
        "sys.exit('streamlit' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_cheapest_settings_in_words():
    x = [0.5, 1.0, 1.5]
    sessions = [1, 2, 3]
    settings = [CheapestSetting(20, 0, 1, 21.4, 1.0), CheapestSetting(30, 2, 2, 32.1, 3.0)]
    sentences = cheapest_sentences(settings, x, sessions, "sessions")
    assert sentences == [
        "To fill at least 20 % with the least pain: 1 mm, 1 session (21 %, course pain 1.0).",
        "To fill at least 30 % with the least pain: 1.5 mm, 3 sessions (32 %, course pain 3.0).",
        "No setting on this map fills 40 %.",
    ]
    assert describe_cheapest(settings, x, sessions, "sessions") == " ".join(sentences)
    days = cheapest_sentences(settings[:1], x, [14, 28, 42], "interval_days")
    assert "1 mm, sessions every 14 days (21 %" in days[0]
    assert cheapest_sentences([], x, sessions, "sessions") == [
        "No setting on this map fills even 20 %."
    ]


def test_pigmentation_description_flags_extrapolated_types():
    text = describe_pigmentation(3, [1.0] * 6, [2.0] * 6)
    assert "type I (extrapolated): needling" in text
    assert "type VI (extrapolated): needling" in text
    assert "type III: needling" in text and "type IV: needling" in text
    assert "types I, II and VI are extrapolated furthest from the measured skin types" in text
    assert "whisker for its range" in text


def test_arabic_descriptions_use_arabic_list_punctuation(default_result):
    """A list of items in an Arabic sentence is separated by "؛ " or "، ", not by the
    Latin "; " or ", " (the numbers keep their Western digits and points)."""
    set_language("ar")
    try:
        pigmentation = describe_pigmentation(3, [1.0] * 6, [2.0] * 6)
        timeline = describe_timeline(default_result)
    finally:
        set_language("en")
    assert pigmentation.count("؛ ") >= 5 and "; " not in pigmentation  # six types
    weeks = [number(d / 7, 0) for d in default_result.session_days]
    assert "، ".join(weeks) in timeline and ", ".join(weeks) not in timeline


def test_cross_section_description_states_the_exaggeration(default_result):
    assert "Depth is drawn 2 times the scale of width." in describe_cross_section(default_result)


def test_outcome_never_states_a_range_from_a_number_to_itself():
    """An ice-pick scar's typical range rounds to one value: say so in words."""
    result = simulate(Scenario(scar="ice_pick"))
    low, high = (round(result.final[k]) for k in ("improvement_pct_p10", "improvement_pct_p90"))
    text = outcome_sentence(result)
    if low == high:
        assert f"{low} % to {high} %" not in text and "about the same for most patients" in text
    else:
        assert f"typical range {low} % to {high} %" in text


def test_grade_sentence_gives_the_range_and_the_patients_words():
    """Issue #9: the grade in plain words, with the lower and upper responder's grades
    as a range; a raised scar gets words about a bump, not about stretching a dip."""
    boxcar = grade_sentence(simulate(Scenario(scar="boxcar_shallow")))
    assert "grade 3 before, grade 2 now (range 1-2)" in boxcar
    assert "make-up can cover it" in boxcar and "estimated from the model's surface" in boxcar
    keloid = grade_sentence(simulate(Scenario(scar="keloid")))
    assert "grade 4 before and after" in keloid
    assert "bump" in keloid and "stretched" not in keloid
    untreated = grade_sentence(simulate(Scenario(scar="rolling", sessions=0)))
    assert "grade 3 before and after" in untreated


def test_comparison_description_never_states_an_exact_zero(home_result):
    """A home roller fills a little in the lower responder too: "<1", not "0" (the page's
    text said "<1 % to 24 %" while this caption said "typical 0-24 %")."""
    low = home_result.final["improvement_pct_p10"]
    assert 0 < low < 0.5, "the fixture's lower responder fills a little"
    text = describe_comparison({"Home roller": home_result})
    assert "(typical <1-" in text and "(typical 0-" not in text
