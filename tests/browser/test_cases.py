"""Practice cases in Chromium: a trainee plays the three cases of a shared link (issue #9)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser import harness
from sim.cases import Protocol, cases_for, model_answer
from viz.cases import case_title, model_fill_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CASE_SET = 7
SUBMIT = "Show the model's answer"
VIEWPORTS = {"laptop": (1366, 768), "phone": (390, 844)}


def _set_fill(page: Page, number: int, low_steps: int, high_steps: int) -> None:
    """Move the fill range's thumbs from 0-100 % with the keyboard (5 % a step)."""
    low, high = (
        page.locator(f".st-key-answer_{number}_fill_pct")
        .locator(harness.SLIDER_THUMB_SELECTOR)
        .all()
    )
    low.focus()
    for _ in range(low_steps):
        low.press("ArrowRight")
    high.focus()
    for _ in range(high_steps):
        high.press("ArrowLeft")


def _choose(page: Page, number: int, name: str, label: str) -> None:
    page.locator(f".st-key-answer_{number}_{name}").get_by_text(label, exact=True).click()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_a_trainee_plays_three_cases_from_a_shared_link(
    page: Page, js_errors: list[str], screenshot_dir: Path, viewport: str
) -> None:
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    harness.open_app(page, f"/cases?case_set={CASE_SET}")
    cases = cases_for(CASE_SET)
    main = page.get_by_test_id("stMain")
    for case in cases:
        assert main.get_by_text(case_title(case), exact=True).is_visible()
    harness.screenshot(page, f"cases_{viewport}_start", full_page=False)

    for case in cases:
        n = case.number
        _set_fill(page, n, 4, 12)  # 20-40 %
        _choose(page, n, "bleeding", "Yes")
        _choose(page, n, "pain", "About the same")
        _choose(page, n, "pigmentation", "1-5 %")
        # Answered cases lose their button: the first one left is this case's.
        page.get_by_role("button", name=SUBMIT).first.click()
        harness.wait_for_app_idle(page)
        assert not harness.exception_texts(page), harness.exception_texts(page)
        assert page.get_by_role("button", name=SUBMIT).count() == len(cases) - n
        answer = model_answer(case, Protocol("office_pen", 1.5, 3, 28))
        # The case's bordered box: the innermost block that holds its title.
        card = page.get_by_test_id("stVerticalBlock").filter(has_text=case_title(case)).last
        assert card.get_by_text(model_fill_text(answer), exact=False).first.is_visible()
        assert card.get_by_text("20-40 %").first.is_visible()
        assert card.get_by_text("Nearest published protocol").is_visible()
        if n == 1:
            harness.screenshot(page, f"cases_{viewport}_first_answer", full_page=False)

    summary = main.get_by_text(re.compile(r"Cases answered: 3 of 3"))
    summary.scroll_into_view_if_needed()
    assert summary.is_visible()
    # The link still gives the class the same cases, and none of the answers.
    assert f"case_set={CASE_SET}" in page.url and "answer_" not in page.url
    harness.screenshot(page, f"cases_{viewport}_three_answered")
    assert not js_errors, js_errors
