"""Issue 17, items 1–4 and 10, in a real browser: a served page's "today" is the machine's date; an impossible,
half-typed or out-of-range date never gives an answer; a number box keeps what was typed; every field shows its own
message and the answer area says how many need attention; every dashboard links back to the landing page, and the
pay-period box takes any day and names its pay period.

Each test types into the page as a person does (fill, then Enter: the boxes send their text on Enter or on leaving)
and waits for the page's own markers (`#loading` gone, `.lmcore-ready`, the answer's text), never for a sleep.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from .conftest import WAIT_MS, Opener, dashboard_names, preheat_only, start_server, type_into, wait_until_ready

pytestmark = pytest.mark.browser


REAL_TODAY_PAGES = ["grievance_timeline", "leave_planner", "handbook", "work_schedules"]  # the pages opened below


@pytest.fixture(scope="module")
def real_today_server(tmp_path_factory):
    """A server whose kernels get no LMCORE_TODAY: the pages must take today from the machine, as `lmcore serve` does."""
    args = preheat_only(tmp_path_factory.mktemp("real-today-config"), REAL_TODAY_PAGES)
    with start_server("real-today", tmp_path_factory.mktemp("caselog") / "cases.sqlite", args,
                      kernel_env={"LMCORE_TODAY": None}) as server:
        yield server.base


@pytest.fixture
def open_real(real_today_server, browser):
    opener = Opener(real_today_server, browser)
    yield opener.open
    opener.close()


def beside(dash, input_selector: str):
    """The message element beside an input (in the same Field row)."""
    return dash.field_box(input_selector).locator(".lmcore-error")


# -- item 1: today is today ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, selector", [
    ("grievance_timeline", ".lmcore-as-of input"),   # "As of (today)": statuses are judged on this day
    ("leave_planner", ".lmcore-as-of input"),        # "Balance as of"
    ("handbook", ".lmcore-start input"),             # the calendar explorer starts from today
])
def test_a_served_page_shows_the_machines_date_in_its_as_of_box(open_real, name, selector):
    """Issue 17 item 1: the server's local date (this machine's: the server runs here), never the notebooks' pinned
    2026-11-23 (which only a test run sets, through LMCORE_TODAY)."""
    dash = open_real(name)
    today = dt.date.today()
    box = dash.page.locator(selector).first
    expect(box).to_have_value(today.isoformat(), timeout=WAIT_MS)
    if today != dt.date(2026, 11, 23):
        assert box.input_value() != "2026-11-23"


def test_the_pay_period_box_starts_on_todays_pay_period(open_real):
    """Item 1 on the schedules page: the pay-period box holds today and names today's pay period (biweekly,
    Sunday to Saturday; Sun 2026-11-15 starts one, so every start is a multiple of 14 days from it)."""
    dash = open_real("work_schedules")
    today = dt.date.today()
    start = dt.date(2026, 11, 15) + dt.timedelta(days=14 * ((today - dt.date(2026, 11, 15)).days // 14))
    expect(dash.page.locator(".lmcore-period input")).to_have_value(today.isoformat(), timeout=WAIT_MS)
    expect(dash.field_box(".lmcore-period input").locator(".lmcore-date-echo")).to_contain_text(
        f"is in the pay period {start:%a %Y-%m-%d}", timeout=WAIT_MS)


# -- item 2: an impossible date never gives an answer --------------------------------------------------------------
def test_an_impossible_date_withholds_the_grievance_timeline(open_dashboard):
    """Item 2, Art. 43 §7.a(1): 02/30 does not exist. Typed as 2026-02-30 the box keeps it, the message is beside it,
    and there is no timeline (before, the date picker kept a half-typed 02/03 and answered for it)."""
    dash = open_dashboard("grievance_timeline", "learned=2026-11-18&path=employee")
    answer = dash.page.locator(".lmcore-answer").first
    expect(answer).to_contain_text("2026-12-17", timeout=WAIT_MS)  # learned 11-18: day 20 = 12-17 (Thanksgiving skipped)
    box = dash.page.locator(".lmcore-learned input")
    type_into(box, "2026-02-30")
    expect(beside(dash, ".lmcore-learned input")).to_contain_text("not a real calendar date", timeout=WAIT_MS)
    expect(box).to_have_value("2026-02-30")
    expect(answer).to_contain_text("1 field needs attention")
    assert "2026-12-17" not in answer.inner_text() and "2026-03" not in answer.inner_text()
    # the half-typed date (a month and day with no year) is no date either: message, no answer
    type_into(box, "2026-02")
    expect(beside(dash, ".lmcore-learned input")).to_contain_text("2026-02", timeout=WAIT_MS)
    expect(answer).to_contain_text("1 field needs attention")
    # back to a real date: the answer comes back (learned Wed 11-18 → day 20 Thu 12-17)
    type_into(box, "2026-11-18")
    expect(answer).to_contain_text("2026-12-17", timeout=WAIT_MS)
    expect(beside(dash, ".lmcore-learned input")).to_have_text("")


def test_an_out_of_range_date_says_the_calendars_years(open_dashboard):
    """Item 2: a date outside the workday calendar (1971–2099) is a message naming those years, date kept."""
    dash = open_dashboard("grievance_timeline", "learned=2026-11-18&path=employee")
    box = dash.page.locator(".lmcore-learned input")
    type_into(box, "2150-01-01")
    expect(beside(dash, ".lmcore-learned input")).to_contain_text("1971–2099", timeout=WAIT_MS)
    expect(box).to_have_value("2150-01-01")
    expect(dash.page.locator(".lmcore-answer").first).to_contain_text("needs attention")


def test_an_impossible_date_from_a_link_is_a_message_beside_its_field(open_dashboard):
    """Item 2, dates read from a link: learned=2026-02-30 is reported beside the field, not dropped."""
    dash = open_dashboard("grievance_timeline", "learned=2026-02-30&path=employee")
    expect(beside(dash, ".lmcore-learned input")).to_contain_text("learned=2026-02-30", timeout=WAIT_MS)


# -- item 3: number boxes never change what was typed --------------------------------------------------------------
def test_a_fraction_of_cases_a_month_is_taken_as_typed(open_dashboard):
    """Item 3: 2.5 cases a month stays 2.5 (an IntSlider made it 2) and the simulator answers; 'abc' is a message."""
    dash = open_dashboard("arbitration_scheduler")
    dash.page.locator(".lmcore-per select").select_option(label="a month")  # the caseload's period (item 13)
    row = dash.field_box(".lmcore-caseload input")
    box = row.locator("input")
    type_into(box, "2.5")
    expect(box).to_have_value("2.5")
    expect(row.locator(".lmcore-error")).to_have_text("")
    expect(dash.page.locator(".lmcore-app")).to_contain_text("cases over 12 months", timeout=WAIT_MS)
    type_into(box, "abc")
    expect(row.locator(".lmcore-error")).to_contain_text("'abc' is not a number", timeout=WAIT_MS)
    expect(box).to_have_value("abc")
    expect(dash.page.locator(".lmcore-app")).to_contain_text("1 field needs attention")


def test_a_fraction_of_workdays_is_a_message_not_25(open_dashboard):
    """Item 3 on the handbook's calendar explorer: '2.5' workdays is not a whole number (before: it became 25)."""
    dash = open_dashboard("handbook")
    box = dash.page.locator(".lmcore-number input")
    type_into(box, "2.5")
    expect(beside(dash, ".lmcore-number input")).to_contain_text("not a whole number", timeout=WAIT_MS)
    expect(box).to_have_value("2.5")
    expect(dash.page.locator(".lmcore-answer").first).to_contain_text("No answer")
    # 5 workdays after today's pinned Mon 2026-11-23: 11-24 = 1, 11-25 = 2, Thu 11-26 Thanksgiving skipped,
    # 11-27 = 3, 11-30 = 4, Tue 12-01 = 5
    type_into(box, "5")
    expect(dash.page.locator(".lmcore-answer").first).to_contain_text("2026-12-01", timeout=WAIT_MS)


# -- item 4: every error beside its field, with a count in the answer area -----------------------------------------
def test_the_leave_planner_shows_every_bad_field_at_once(open_dashboard):
    """Item 4, Art. 5 §1.e: a bad balance and bad years of service are both marked (before: one at a time)."""
    dash = open_dashboard("leave_planner", "balance=abc&service=lots")
    answer = dash.page.locator(".lmcore-answer").first
    expect(answer).to_contain_text("2 fields need attention", timeout=WAIT_MS)
    expect(dash.field_box("input[placeholder='e.g. 200']").locator(".lmcore-error")).to_contain_text("'abc' is not a number")
    expect(dash.field_box("input[placeholder='e.g. 5']").locator(".lmcore-error")).to_contain_text("'lots' is not a number")


def test_the_subsidies_page_shows_every_bad_field_at_once(open_dashboard):
    """Item 4, Child Care Subsidy ¶b: bad income and bad cost, both beside their boxes, and the count."""
    dash = open_dashboard("subsidies", "income=a%20lot&cost=plenty")
    expect(dash.page.locator(".lmcore-answer").first).to_contain_text("2 fields need attention", timeout=WAIT_MS)
    expect(dash.field_box("input[placeholder='e.g. 45000']").locator(".lmcore-error")).to_contain_text("is not an amount of money")
    expect(dash.field_box("input[placeholder='e.g. 900']").locator(".lmcore-error")).to_contain_text("is not an amount of money")


def test_the_grievance_date_error_is_right_beside_its_box(open_dashboard):
    """Item 4: the message about a date is in the same row as its box (before: ~900 px below it)."""
    dash = open_dashboard("grievance_timeline", "learned=2026-11-18&path=employee")
    box = dash.page.locator(".lmcore-learned input")
    type_into(box, "2026-13-01")
    error = beside(dash, ".lmcore-learned input")
    expect(error).to_contain_text("2026-13-01", timeout=WAIT_MS)
    b, e = box.bounding_box(), error.bounding_box()
    assert abs((e["y"] + e["height"] / 2) - (b["y"] + b["height"] / 2)) < 60, (b, e)


# -- item 10: a way back to the landing page; the pay-period box takes any day ------------------------------------
@pytest.mark.parametrize("name", dashboard_names())
def test_every_dashboard_links_back_to_the_landing_page(open_dashboard, name):
    """Item 10: a "← All dashboards" link on top of every dashboard, to the landing page beside it."""
    dash = open_dashboard(name)
    link = dash.page.locator(".lmcore-home a")
    expect(link).to_have_count(1)
    assert urljoin(dash.page.url, link.get_attribute("href")).split("?")[0].endswith("/voila/render/index.ipynb")


def test_the_home_link_opens_the_landing_page(open_dashboard, voila_server):
    """The home link in the same tab: the landing page takes its warm kernel and draws (it used to wait, now and
    then, for a kernel the culler had just shut down: test_security's test_a_warm_kernel_handed_to_a_page_is_not_culled)."""
    dash = open_dashboard("leave_planner")
    dash.page.locator(".lmcore-home a").click()
    dash.page.wait_for_url(re.compile(r".*/index\.ipynb$"), timeout=WAIT_MS)
    wait_until_ready(dash.page, voila_server)
    expect(dash.page.locator(".lmcore-card").first).to_be_visible()


def test_the_pay_period_box_takes_any_day_and_names_its_pay_period(open_dashboard):
    """Item 10, Art. 4 §2: Sun 2026-11-22 is in the pay period Sun 11-15 – Sat 11-28 (Thanksgiving Thu 11-26 in
    it); a day two years on, Wed 2028-06-14: 2028-06-11 − 2026-11-15 = 574 days = 41 × 14, so its pay period is
    Sun 2028-06-11 – Sat 2028-06-24 (Juneteenth, Mon 2028-06-19, is in it)."""
    dash = open_dashboard("work_schedules")
    box = dash.page.locator(".lmcore-period input")
    echo = dash.field_box(".lmcore-period input").locator(".lmcore-date-echo")
    type_into(box, "2026-11-22")
    expect(echo).to_contain_text("Sun 11-22 is in the pay period Sun 2026-11-15 – Sat 2026-11-28 · Thanksgiving Day",
                                 timeout=WAIT_MS)
    type_into(box, "2028-06-14")
    expect(echo).to_contain_text("Wed 06-14 is in the pay period Sun 2028-06-11 – Sat 2028-06-24 · Juneteenth", timeout=WAIT_MS)
    expect(dash.page.locator(".lmcore-app")).to_contain_text("Sun 06-11", timeout=WAIT_MS)  # the timesheet's first row
    type_into(box, "2028-02-30")
    expect(beside(dash, ".lmcore-period input")).to_contain_text("not a real calendar date", timeout=WAIT_MS)
    expect(dash.page.locator(".lmcore-answer").first).to_contain_text("1 field needs attention")
