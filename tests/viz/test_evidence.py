"""The validation chart and table of the Model and evidence page (viz/evidence.py):
published counts are written as counts, and no chart label loses what the model assumes."""

from __future__ import annotations

import re

import pytest

from sim.validation import TRIALS, validation_markdown, validation_rows
from viz.evidence import row_text, validation_figure
from viz.i18n import _, speaking

P_UNIT = re.compile(r"\d\s+p\b")
"""A number followed by the unit "p" ("0 p", "0.167 p"): how counts were written."""


@pytest.fixture(scope="module")
def rows() -> list[dict[str, object]]:
    return validation_rows()


def _plain(label: str) -> str:
    """A chart label as read: lines joined, tags dropped."""
    return re.sub(r"</?[bi]>", "", label.replace("<br>", " "))


def test_count_rows_are_the_pigmentation_checks(rows):
    counts = {str(r["key"]): r["count"] for r in rows if r["unit"] == "p"}
    assert counts == {
        "cachafeiro_pih": (0, 23),
        "fabbrocini_pih": (0, 60),
        "dogra_pih": (5, 30),
        "al_qarqaz_pih": (0, 39),
    }
    for row in rows:
        if row["count"] is not None:
            events, n = row["count"]
            assert row["published"] == pytest.approx(events / n, abs=5e-4), row["key"]


@pytest.mark.parametrize("code", ["en", "es", "ar"])
def test_no_published_count_is_written_with_a_p_unit(rows, code):
    """The pigmentation checks show what was published ("5 of 30 patients"); the
    model's column shows the p-value as one ("p = 0.096")."""
    from viz.evidence import model_cell, published_cell, validation_table_rows

    with speaking(code):
        table = validation_table_rows(rows)
        published, model = _("Published"), _("Model")
        for row, cells in zip(rows, table, strict=True):
            assert not P_UNIT.search(cells[published]), cells[published]
            if row["count"] is None:
                assert not model_cell(row).startswith("p"), model_cell(row)
                continue
            events, n = row["count"]
            assert cells[published] == published_cell(row)
            assert f"{events} " in cells[published] and f" {n} " in cells[published]
            assert cells[model].replace("\u00a0", " ").startswith("p = "), cells[model]
    if code == "en":
        dogra = next(r for r in rows if r["key"] == "dogra_pih")
        assert published_cell(dogra) == "5 of 30 patients (with hyperpigmentation)"


def test_docs_write_counts_as_counts_and_p_values_as_such():
    text = validation_markdown()
    assert "count as stated" not in text
    for line in text.splitlines():
        if line.startswith("| Al Qarqaz"):
            assert "| 0 of 39 patients (" in line and "| p = " in line, line
            break
    else:
        pytest.fail("docs/validation.md has no Al Qarqaz row")


def test_every_assumption_says_so_and_only_once():
    """An assumption is a short phrase of its own that says "assumed" (the chart and the
    table show it whole, translated); the protocol no longer carries it."""
    assumed = [t for t in TRIALS if t.assumption]
    assert {t.key for t in assumed} >= {"al_chalabi_gb_score", "idoj_gb_grade", "asif"}
    for trial in assumed:
        assert trial.assumption.endswith("assumed"), trial.assumption
        assert "assumed" not in trial.protocol, "the protocol repeats the assumption"


@pytest.mark.parametrize("code", ["en", "es", "ar"])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "projector"])
def test_chart_labels_keep_what_the_model_assumes(rows, code, high_contrast):
    """A label shortened to fit a phone ("…") never drops the assumption: Al Chalabi's
    "1.5 mm assumed" was cut off after "(needle length not reported:…"."""
    with speaking(code):
        fig = validation_figure(rows, high_contrast=high_contrast)
        labels = {_plain(a.text) for a in fig.layout.annotations}
        charted = [r for r in rows if r["unit"] in ("%", "ratio")]
        assert any(r["key"] == "al_chalabi_gb_score" for r in charted)
        for row in charted:
            label = _plain(row_text(row))
            assert label in labels, label
            said = f"{row['protocol']} {row.get('assumption') or ''}"
            if "assumed" in said:
                wanted = _(str(row["assumption"])) if row.get("assumption") else "assumed"
                assert wanted in label, f"{row['key']}: {label!r} drops {wanted!r}"
                assert "…" not in label.split(wanted)[1], label
