"""Issue 16 in a real browser: a person types a flexiplace request date and the page shows, beside the decision's due
date, the safe date a reading of the text gives — and no such line while every reading agrees. The page is typed into
as a person does (fill, then Enter) and waited on by its own markers, never by a sleep."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import WAIT_MS, type_into

pytestmark = pytest.mark.browser



def test_flexiplace_decision_safe_date_appears_when_typed_art10_5a(open_dashboard):
    """Art. 10 §5.A, 15 calendar days. First the link's request, Thu 2026-12-03: day 15 is Fri 12-18, a workday, so
    every reading agrees and no safe line shows. Then typed: Thu 2026-12-10 → 12-11 = 1 … Fri 12-25 = 15, Christmas
    Day. In use (backward): Thu 12-24; 'none': Fri 12-25; 'forward': Sat 12-26 and Sun 12-27 pass → Mon 12-28. The
    decision is the supervisor's: the safe date is the latest, Mon 2026-12-28, 4 days later."""
    dash = open_dashboard("flexiplace", "requested=2026-12-03&tab=clocks")
    page = dash.page
    answer = page.locator(".lmcore-answer").first
    expect(answer).to_contain_text("Decision due 2026-12-18 (Friday)", timeout=WAIT_MS)
    expect(answer.locator(".lmcore-safe-date")).to_have_count(0)

    rows = page.locator(".widget-hbox").filter(has=page.locator(".lmcore-error"))
    box = rows.filter(has_text="Request made").filter(has=page.locator(".lmcore-date input")).last.locator(".lmcore-date input").first
    type_into(box, "2026-12-10")
    expect(answer).to_contain_text("Decision due 2026-12-24 (Thursday)", timeout=WAIT_MS)
    expect(answer.locator(".lmcore-safe-date")).to_contain_text(
        "Safe date Mon 2026-12-28 — under the reading 'The next workday after it' the limit is 4 days later than "
        "Thu 2026-12-24.", timeout=WAIT_MS)
    assert dash.console_errors == [] and dash.external_requests == []
