"""The handbook dashboard in a real browser: prepared links, typing a date, bad input, escaping of user text.

One page is opened for the module (one kernel) and driven step by step; each test sets the inputs it needs.
Expected answers are computed by calling lmcore (the same functions the page calls) and checked by hand in the
comments (Art. 43 §7.a(1) counting: the start day is not counted, the first workday after it is day 1).
"""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from lmcore.deadlines import count_workdays

from .conftest import error_outputs, normalized, screenshot, wait_for_chart

pytestmark = pytest.mark.browser

D = dt.date
DATE_INPUT = ".lmcore-start input"  # the start date: a text box read by lmcore (Enter sends it)
CITE_INPUT = "input[placeholder='e.g. Art. 43 §7.a(1)']"
SEARCH_INPUT = "input[placeholder='e.g. credit hours']"
NUMBER_INPUT = ".lmcore-number input"  # the only number box on the page: a text box, taken as typed


@pytest.fixture(scope="module")
def dash(module_opener):
    """The handbook opened from a trainer's prepared link."""
    return module_opener.open("handbook", "start=2026-11-18&workdays=20&q=credit+hours")


def set_workdays(dash, n: int) -> None:
    box = dash.page.locator(NUMBER_INPUT)
    box.fill(str(n))
    box.press("Enter")


def expected_answer(contract, start: dt.date, n: int) -> str:
    """What the page must show: lmcore's own explanation of the count (default readings)."""
    d = count_workdays(contract.calendar, start, n, interpretations=contract.used("count.event_on_nonworkday"))
    return normalized(d.explain(words=True))  # the page names readings by their labels (issue 17 item 8)


def test_prepared_link_opens_the_case_art43_7a1(dash, contract):
    """?start=2026-11-18&workdays=20&q=credit+hours opens that case (a trainer's shareable link)."""
    assert error_outputs(dash.page) == []
    # Wed 2026-11-18; day 1 = Thu 11-19; Thu 11-26 Thanksgiving skipped → day 20 = Thu 12-17
    answer = dash.answer_text()
    assert "2026-12-17" in answer
    assert answer == expected_answer(contract, D(2026, 11, 18), 20)
    assert "Thanksgiving Day" in answer
    results = dash.page.locator(".lmcore-search-results")
    expect(results).to_contain_text("5 parts of the contract contain")
    expect(results).to_contain_text("Art. 4 §2.b(1)")
    expect(dash.page.locator(".lmcore-text").first).to_contain_text("A grievance must be filed within twenty (20) workdays")
    wait_for_chart(dash.page)  # the month calendar, drawn after the page (issue 17 items 15-16)
    screenshot(dash.page, "handbook")


def type_date(dash, text: str) -> None:
    """Type a start date and press Enter, as a person does (the box sends its text on Enter or on leaving it)."""
    box = dash.page.locator(DATE_INPUT)
    box.fill(text)
    box.press("Enter")


def test_typing_a_date_recounts_across_christmas_and_new_year(dash, contract):
    """Typing a start date redraws the answer to exactly lmcore's count (Art. 43 §7.a(1) counting)."""
    set_workdays(dash, 20)
    type_date(dash, "2026-12-10")
    # Thu 2026-12-10; Fri 12-11 = day 1; 12-14..18 = 2–6; 12-21..24 = 7–10; Fri 12-25 Christmas skipped;
    # 12-28..31 = 11–14; Fri 2027-01-01 New Year's Day skipped; 01-04..08 = 15–19; Mon 01-11 = day 20
    expect(dash.page.locator(".lmcore-answer")).to_contain_text("2027-01-11")
    answer = dash.answer_text()
    assert answer == expected_answer(contract, D(2026, 12, 10), 20)
    assert "Christmas Day" in answer and "New Year's Day" in answer


def test_changing_the_number_of_workdays(dash, contract):
    """The workday count box: 5 workdays after Wed 2026-11-18 (Art. 43 §7.a(1) counting)."""
    type_date(dash, "2026-11-18")
    set_workdays(dash, 5)
    # Wed 11-18; Thu 11-19 = 1, Fri 11-20 = 2, Mon 11-23 = 3, Tue 11-24 = 4, Wed 11-25 = 5
    expect(dash.page.locator(".lmcore-answer")).to_contain_text("2026-11-25")
    assert dash.answer_text() == expected_answer(contract, D(2026, 11, 18), 5)


def test_unknown_citation_message_beside_the_field_keeps_the_text(dash):
    """A citation that does not exist: the message says which articles exist; what was typed stays."""
    box = dash.page.locator(CITE_INPUT)
    box.fill("Art. 99")
    box.press("Enter")
    error = dash.field_box(CITE_INPUT).locator(".lmcore-error")
    expect(error).to_contain_text("Art. 99 is not in this contract")
    expect(error).to_contain_text("Art. 43")
    expect(box).to_have_value("Art. 99")
    expect(dash.page.locator(".lmcore-text-panel")).to_contain_text("fix the citation")


def test_date_outside_the_calendar_message_beside_the_field(dash):
    """A start date the federal calendar does not cover (after 2099): clear message beside the date, date kept."""
    type_date(dash, "2150-01-01")
    error = dash.field_box(DATE_INPUT).locator(".lmcore-error")
    expect(error).to_contain_text("outside the years this calendar knows")
    expect(dash.page.locator(DATE_INPUT)).to_have_value("2150-01-01")
    expect(dash.page.locator(".lmcore-answer")).to_contain_text("No answer")


def test_search_text_is_escaped_not_run_as_html(dash):
    """Typing <b>x</b> into the search box shows those characters; no bold element is made from them."""
    box = dash.page.locator(SEARCH_INPUT)
    box.fill("<b>x</b>")
    box.press("Enter")
    results = dash.page.locator(".lmcore-search-results")
    expect(results).to_contain_text("<b>x</b>")
    assert results.locator("b", has_text="x").count() == 0
    expect(box).to_have_value("<b>x</b>")
