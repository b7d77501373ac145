"""The eight directions of ../shared/evidence.md, each with a published protocol."""

from __future__ import annotations

import numpy as np
import pytest

from sim import Scenario, simulate
from sim.side_effects import laser_pigmentation_risk, needling_pigmentation_risk
from sim.validation import ALAM, ASIF, DOGRA, GARG, TRIALS, alam_ratio, validation_markdown


def improvement(**kwargs) -> float:
    return simulate(Scenario(**kwargs)).final["improvement_pct"]


def test_1_untreated_depressed_scar_stays():
    for scar in ("ice_pick", "boxcar_shallow", "boxcar_deep", "rolling"):
        result = simulate(Scenario(scar=scar, sessions=0, follow_up_days=730))
        assert result.final["depression_depth_mm"] == pytest.approx(result.depression_depth_mm[0])


def test_2_improvement_keeps_growing_after_the_last_session():
    """Alam 2014: -2.4 points at 3 months, -3.4 at 6 months."""
    assert 0.6 < alam_ratio() < 0.9


def test_3_office_depth_beats_a_home_roller():
    office = [improvement(needle_mm=n) for n in (1.5, 2.0)]
    home = [improvement(device="home_roller", needle_mm=n) for n in (0.2, 0.3)]
    assert min(office) > 30
    assert max(home) < 2
    roller_fraction = simulate(Scenario(device="home_roller", needle_mm=0.3)).side_effects
    assert not roller_fraction.bleeding


def test_4_boxcar_rolling_ice_pick_ordering():
    """Garg & Chaudhary: boxcar -47 %, rolling -37 %, ice pick -6 %."""
    boxcar, rolling, ice_pick = (
        improvement(scar=s, **GARG) for s in ("boxcar_shallow", "rolling", "ice_pick")
    )
    assert boxcar >= rolling >= 3 * ice_pick > 0


@pytest.mark.parametrize("protocol", [ALAM, DOGRA, GARG], ids=["Alam", "Dogra", "Garg"])
def test_5_a_typical_course_gives_tens_of_percent_not_a_cure(protocol):
    result = simulate(Scenario(**protocol))
    assert 20 < result.final["improvement_pct"] < 70
    assert result.final["improvement_pct_p90"] < 90
    assert result.final["depression_depth_mm"] > 0.05


def test_6_prp_gives_about_1_3_to_1_4_times_the_improvement():
    """Asif 2016: 62.2 % vs 45.8 %."""
    ratio = improvement(adjunct="prp", **ASIF) / improvement(**ASIF)
    assert 1.25 < ratio < 1.5


@pytest.mark.parametrize("scar", ["hypertrophic", "keloid"])
@pytest.mark.parametrize("sessions", [1, 3, 6])
def test_7_raised_scars_get_no_flattening(scar, sessions):
    result = simulate(Scenario(scar=scar, sessions=sessions, follow_up_days=365))
    assert np.all(result.raised_height_mm >= result.raised_height_mm[0] - 1e-12)
    if scar == "keloid":
        assert result.raised_height_mm[-1] > result.raised_height_mm[0] + 0.1


@pytest.mark.parametrize("fitzpatrick", range(1, 7))
def test_8_pigmentation_risk_far_below_laser_for_every_skin_type(fitzpatrick):
    laser = laser_pigmentation_risk(fitzpatrick)
    needling = needling_pigmentation_risk(fitzpatrick, 250.0)
    assert needling < laser / 4
    if fitzpatrick > 1:
        assert laser > laser_pigmentation_risk(fitzpatrick - 1)


@pytest.mark.parametrize("trial", [t for t in TRIALS if t.calibrated], ids=lambda t: t.protocol)
def test_calibrated_rows_reproduce_their_target(trial):
    assert trial.model() == pytest.approx(trial.published, rel=0.15)


def test_validation_doc_is_current():
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "validation.md"
    assert doc.read_text(encoding="utf-8") == validation_markdown(), (
        "docs/validation.md is stale: run python scripts/make_validation.py"
    )


def test_model_doc_tables_are_current():
    from pathlib import Path

    from sim.docs import render

    doc = Path(__file__).resolve().parents[2] / "docs" / "model.md"
    text = doc.read_text(encoding="utf-8")
    assert text == render(text), "docs/model.md tables are stale: run python scripts/make_docs.py"
