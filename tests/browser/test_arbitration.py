"""The arbitration scheduler in a real browser: a prepared link, and a bad date shown beside its field."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_prepared_link_expedited_art44_3e(open_dashboard):
    # invoked Wed 2026-11-25, expedited: day 30 is Fri 12-25 (Christmas) → last workday before it, Thu 2026-12-24
    dash = open_dashboard("arbitration_scheduler", "invoked=2026-11-25&kind=expedited")
    text = dash.answer_text()
    assert "2026-12-24" in text and "Art. 44 §3.e" in text and "expedited roster" in text
    screenshot(dash.page, "arbitration_scheduler_link")


def test_bad_link_date_is_shown_beside_the_field(open_dashboard):
    dash = open_dashboard("arbitration_scheduler", "invoked=2026-02-30&kind=regular")
    expect(dash.page.locator(".lmcore-error", has_text="invoked=2026-02-30")).to_be_visible()
    assert "2027-02-16" in dash.answer_text()  # the default case shown instead: Wed 2026-11-18 + 90 = Tue 2027-02-16
