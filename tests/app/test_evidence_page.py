"""The page "Model and evidence": what its validation table says about published counts."""

from __future__ import annotations

import re

from apptest_helpers import open_app

from sim.validation import TRIALS

PAGE = "pages/model_and_evidence.py"
P_UNIT = re.compile(r"\d\s+p\b")
"""A number followed by the unit "p" ("0 p", "0.167 p"): a p-value's unit on a count."""


def test_validation_table_writes_published_counts_as_counts():
    """The pigmentation trials published counts of patients: the table says "0 of 39
    patients", not "0 p (p-value of 0/39 …)"; the model's number is the p-value."""
    at = open_app(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    (table,) = [t.value for t in at.table if "Published" in t.value.columns]
    published = [str(cell) for cell in table["Published"]]
    assert not [cell for cell in published if P_UNIT.search(cell)], published
    counts = [t.count for t in TRIALS if t.unit == "p"]
    assert counts == [(0, 23), (0, 60), (5, 30), (0, 39)]
    for events, n in counts:
        (row,) = [r for _, r in table.iterrows() if r["Published"].startswith(f"{events} of {n} ")]
        assert row["Published"].startswith(f"{events} of {n} patients ("), row.to_dict()
        assert row["Model"].replace("\u00a0", " ").startswith("p = "), row.to_dict()
