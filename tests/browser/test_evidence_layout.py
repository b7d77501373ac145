"""The tables of the page "Model and evidence" fit the screen: no column cut at the right
(or, in Arabic, the left) edge on a phone, a laptop or a projector-sized laptop.

A table that is wider than its column scrolls sideways inside it: on a phone the
validation table showed "% improvemen" with its Model, Calibrated and Note columns
off-screen. Tables inside expanders are measured with the expanders open.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PATH = "/model_and_evidence"
CASES = {
    "390x844": ({"width": 390, "height": 844}, "en", False),
    "390x844-es": ({"width": 390, "height": 844}, "es", False),
    "390x844-ar": ({"width": 390, "height": 844}, "ar", False),
    "1366x768": ({"width": 1366, "height": 768}, "en", False),
    "1024x768-projector": ({"width": 1024, "height": 768}, "en", True),
}
TOLERANCE = 1.0  # px: rounding of sub-pixel positions

# Every table of the page: the room of its scrolling box, and the columns (header
# text, left and right edge) that reach beyond that box.
CUT_COLUMNS_JS = """(tolerance) => Array.from(
        document.querySelectorAll('.stMain [data-testid="stTable"] table'))
    .filter((table) => table.getBoundingClientRect().width > 0)
    .map((table, index) => {
        const box = table.parentElement.getBoundingClientRect();
        const heads = Array.from(table.querySelectorAll('thead th'));
        const cut = heads
            .map((th) => ({text: th.textContent.trim(), rect: th.getBoundingClientRect()}))
            .filter(({rect}) => rect.right > box.right + tolerance
                || rect.left < box.left - tolerance)
            .map(({text, rect}) => `${text} (${Math.round(rect.left)}..${Math.round(rect.right)})`);
        return {
            index,
            columns: heads.map((th) => th.textContent.trim()),
            room: [Math.round(box.left), Math.round(box.right)],
            scroll: table.parentElement.scrollWidth - table.parentElement.clientWidth,
            cut,
        };
    })"""


def open_every_expander(page: Page) -> None:
    """Open the page's expanders, so that the tables inside them are laid out."""
    for summary in page.locator('.stMain [data-testid="stExpander"] summary').all():
        details = summary.locator("xpath=..")
        if details.get_attribute("open") is None:
            summary.click()
    harness.wait_for_app_idle(page)


def cut_tables(page: Page) -> tuple[list[dict], list[str]]:
    """Every table on the page, and how each cut one is cut."""
    tables = page.evaluate(CUT_COLUMNS_JS, TOLERANCE)
    problems = [
        f"table {t['index'] + 1} {t['columns']} in {t['room']}: "
        f"columns cut {t['cut']}, scrolls {t['scroll']} px sideways"
        for t in tables
        if t["cut"] or t["scroll"] > TOLERANCE
    ]
    return tables, problems


@pytest.mark.parametrize("case", CASES)
def test_no_table_column_is_cut(page: Page, case: str) -> None:
    size, code, projector = CASES[case]
    page.set_viewport_size(size)
    harness.open_page(page, f"{PATH}?lang={code}", projector=projector)
    open_every_expander(page)
    tables, problems = cut_tables(page)
    assert len(tables) >= 3, f"{PATH} at {case}: only {len(tables)} tables"
    assert any("Published" in t["columns"] for t in tables) or code != "en"
    assert not problems, f"{PATH} at {case}:\n" + "\n".join(problems)
