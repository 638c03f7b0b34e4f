"""The case log page (notebooks/case_log.ipynb) in a real browser: it opens the server's temporary case log once shown,
a steward types a case and its learned date, saves, and the board shows the due date lmcore predicts, with the name
typed shown as text (escaped)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import error_outputs, screenshot

pytestmark = pytest.mark.browser


def test_save_a_case_and_see_it_on_the_board(open_dashboard):
    """Art. 43 §7.a(1): learned Wed 2026-11-18; day 1 = Thu 11-19; Thu 11-26 Thanksgiving skipped → day 20 = Thu 12-17."""
    dash = open_dashboard("case_log")
    page = dash.page
    answer = page.locator(".lmcore-answer").first
    expect(answer).to_contain_text("open case", timeout=30_000)
    form = page.locator(".lmcore-case-form")
    rows = form.locator(".widget-hbox")
    rows.filter(has_text="Case id").locator("input").first.fill("Smith <b>2026-014</b>")
    rows.filter(has_text="Steward").locator("input").first.fill("Ann Lee")
    learned = rows.filter(has_text="Date the violation was learned of").locator("input").first
    learned.fill("2026-02-30")
    learned.press("Enter")
    expect(rows.filter(has_text="Date the violation was learned of").locator(".lmcore-error").first).to_contain_text("is not a date")
    learned.fill("2026-11-18")
    learned.press("Enter")
    page.locator(".lmcore-case-save").first.click()
    board = page.locator(".lmcore-board")
    expect(board).to_contain_text("Thu 2026-12-17", timeout=30_000)
    expect(board).to_contain_text("Smith <b>2026-014</b>")
    expect(board).to_contain_text("Art. 43 §7.a(1)")
    assert board.locator("b b").count() == 0
    assert error_outputs(page) == []
    screenshot(page, "case_log")
