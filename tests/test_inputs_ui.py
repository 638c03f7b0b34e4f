"""Issue 17 items 1–4 and 10, widget level (lmcore.ui.inputs and the dashboards built on it): the page's today,
date boxes that never answer for an impossible or out-of-range date, number boxes that keep what was typed, every
field's message at once with a count in the answer area, the link home, and the pay-period box taking any day."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.errors import InvalidDate, OutOfRange
from lmcore.ui import app_box
from lmcore.ui.inputs import (DateText, FieldsNeedAttention, NumberText, attention_html, calendar_years, check_fields, date_field,
                              needs_attention, page_today, read_date, read_number)

D = dt.date
AS_OF = D(2026, 11, 23)  # a Monday: the tests' pinned "today"


# -- item 1: the page's today -------------------------------------------------------------------------------------
def test_page_today_is_the_machines_date_unless_a_test_run_pins_it(monkeypatch):
    monkeypatch.delenv("LMCORE_TODAY", raising=False)
    assert page_today() == dt.date.today()
    monkeypatch.setenv("LMCORE_TODAY", "2026-11-23")
    assert page_today() == AS_OF


def test_no_notebook_pins_a_date_of_its_own():
    """The served page takes today from page_app() (page_today()); only notebooks/conftest.py (nbval) and the test run pin it."""
    import json
    from pathlib import Path

    for nb in sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb")):
        code = "".join("".join(c["source"]) for c in json.loads(nb.read_text())["cells"] if c["cell_type"] == "code")
        assert "datetime.date(" not in code and "dt.date(" not in code, nb.name
        assert "page_app(" in code, nb.name


def test_a_pre_heated_kernel_reads_today_when_the_page_is_opened(monkeypatch):
    """Item 1: a pooled kernel warmed on Mon 2026-11-30 and opened on Tue 12-01 answers for Tue. page_today() first
    waits for the page request (the warm-up, then Voilà's wait), and only then reads the machine's date."""
    import voila.utils

    import lmcore.ui as ui
    import lmcore.ui.inputs as inputs

    clock = {"today": D(2026, 11, 30)}
    events: list[str] = []

    class FakeDate(dt.date):
        @classmethod
        def today(cls):
            events.append(f"today read {clock['today']}")
            return clock["today"]

    def request_arrives() -> None:  # the kernel waited in the pool overnight; the page is opened on Tuesday
        events.append("request")
        clock["today"] = D(2026, 12, 1)

    monkeypatch.delenv("LMCORE_TODAY", raising=False)
    monkeypatch.setenv("LMCORE_REQUEST_RECEIVED", "")  # not yet received (set here so the test's end removes it again)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setattr(inputs.dt, "date", FakeDate)
    monkeypatch.setattr(ui, "warm_up", lambda plots=True: events.append(f"warm-up plots={plots}"))
    monkeypatch.setattr(voila.utils, "wait_for_request", request_arrives)
    assert page_today(plots=False) == D(2026, 12, 1)
    assert events == ["warm-up plots=False", "request", "today read 2026-12-01"]
    assert page_today() == D(2026, 12, 1) and events[-1] == "today read 2026-12-01"  # the request comes once: no second wait
    assert events.count("request") == 1


def _pre_heated(monkeypatch, clock: dict, events: list[str], query: str = "") -> None:
    """A pre-heated kernel whose page request comes (with `query`) when `wait_for_request` is called; the machine's
    date is clock["today"] and the request may move it (a kernel that waited in the pool overnight)."""
    import voila.utils

    import lmcore.ui as ui
    import lmcore.ui.inputs as inputs

    class FakeDate(dt.date):
        @classmethod
        def today(cls):
            return clock["today"]

    def request_arrives() -> None:
        events.append("request")
        clock["today"] = clock.get("opened", clock["today"])
        monkeypatch.setenv("QUERY_STRING", query)

    monkeypatch.delenv("LMCORE_TODAY", raising=False)
    monkeypatch.setenv("LMCORE_REQUEST_RECEIVED", "")
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("QUERY_STRING", "")
    monkeypatch.setattr(inputs.dt, "date", FakeDate)
    monkeypatch.setattr(ui, "warm_up", lambda plots=True: events.append("warm-up"))
    monkeypatch.setattr(voila.utils, "wait_for_request", request_arrives)


def _builder(events: list[str]):
    """A page's build function that records what it was built for, and makes one widget (as a page's would)."""
    import ipywidgets as W

    def build(today: dt.date, inputs: dict[str, str]) -> tuple[dt.date, dict[str, str], W.Widget]:
        events.append(f"built for {today} {sorted(inputs.items())}")
        return today, inputs, W.HTML(str(today))
    return build


def test_a_pre_heated_page_is_built_before_the_request_and_kept_for_the_same_day(monkeypatch):
    """Item 15: warmed and opened on Tue 2026-12-01 by a link without inputs, the page's app is built once, while its
    kernel waits for the request (its widgets then cost the person opening the page nothing), and kept."""
    from lmcore.ui.inputs import page_app

    events: list[str] = []
    _pre_heated(monkeypatch, {"today": D(2026, 12, 1)}, events)
    today, inputs, widget = page_app(_builder(events), {"path": "employee"})
    assert events == ["warm-up", "built for 2026-12-01 [('path', 'employee')]", "request"]
    assert today == D(2026, 12, 1) and inputs == {"path": "employee"} and widget.comm is not None


def test_a_page_warmed_before_midnight_is_built_again_for_the_day_it_is_opened(monkeypatch):
    """Item 1 with item 15: warmed on Mon 2026-11-30, opened on Tue 12-01: the early app (Monday's) is closed, widgets
    and all, and the page answers for Tuesday."""
    from lmcore.ui.inputs import page_app

    events: list[str] = []
    _pre_heated(monkeypatch, {"today": D(2026, 11, 30), "opened": D(2026, 12, 1)}, events)
    built: list = []
    build = _builder(events)
    today, _, widget = page_app(lambda day, inputs: built.append(build(day, inputs)) or built[-1])
    assert events == ["warm-up", "built for 2026-11-30 []", "request", "built for 2026-12-01 []"]
    assert today == D(2026, 12, 1) and widget.comm is not None
    assert built[0][2].comm is None  # Monday's widgets are closed: the browser is never sent them


def test_a_link_with_inputs_gets_a_page_built_for_them(monkeypatch):
    """Item 15: a link's inputs (?learned=2026-11-02) are not the defaults the early app was built for: built again."""
    from lmcore.ui.inputs import page_app

    events: list[str] = []
    _pre_heated(monkeypatch, {"today": D(2026, 12, 1)}, events, query="learned=2026-11-02")
    _, inputs, _ = page_app(_builder(events), {"learned": "2026-11-18", "path": "employee"})
    assert inputs == {"learned": "2026-11-02", "path": "employee"}
    assert events[-2:] == ["request", "built for 2026-12-01 [('learned', '2026-11-02'), ('path', 'employee')]"]


def test_outside_a_pre_heated_kernel_the_page_is_built_once_for_the_pinned_day(monkeypatch):
    """nbval, nbconvert and a kernel started for a request: no early build, no wait; the test run's pinned day."""
    from lmcore.ui.inputs import page_app

    events: list[str] = []
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("LMCORE_TODAY", "2026-11-23")
    monkeypatch.setenv("QUERY_STRING", "")
    today, inputs, _ = page_app(_builder(events), {"q": "credit hours"})
    assert events == ["built for 2026-11-23 [('q', 'credit hours')]"] and today == AS_OF


@pytest.mark.parametrize("module", ["grievance", "leave", "handbook", "schedules", "flexiplace", "contract_calendar",
                                    "subsidies", "arbitration", "landing"])
def test_every_dashboard_defaults_to_the_pages_today(contract, monkeypatch, module):
    """build_app without as_of takes page_today(): here the test run's pinned Sun 2031-06-01, a date no page holds."""
    import importlib

    monkeypatch.setenv("LMCORE_TODAY", "2031-06-01")
    app = importlib.import_module(f"lmcore.ui.{module}").build_app(contract, params={})
    today = app.as_of.value if isinstance(app.as_of, DateText) else app.as_of
    assert today == D(2031, 6, 1)


# -- item 2: dates --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, message", [
    ("2026-02-30", "is not a real calendar date"),   # no 30th of February
    ("02/30/2026", "is not a real calendar date"),   # the example: impossible either way round
    ("2026-02-0", "is not a real calendar date"),    # half-typed
    ("2026-02", "is not a real calendar date"),      # half-typed: no day
    ("03/04/2026", "could be read two ways"),        # March 4 or April 3
    ("1970-12-31", "1971–2099"),                     # before the workday calendar's first year
    ("2100-01-01", "1971–2099"),                     # after its last
])
def test_a_date_box_never_takes_an_impossible_or_out_of_range_date(typed, message):
    box = DateText("Learned of the violation", AS_OF)
    box.widget.value = typed
    assert box.value is None and box.problem and message in box.error.value
    assert box.widget.value == typed  # what was typed stays
    assert box.echo.value == ""       # no weekday shown for a date that is not one


def test_the_calendars_years_are_the_contracts():
    from lmcore import load_contract

    cal = load_contract().calendar
    assert calendar_years() == (cal.first_year, cal.last_year) == (1971, 2099)
    assert read_date("2099-12-31", "x", calendar_years()) == D(2099, 12, 31)
    with pytest.raises(OutOfRange, match="outside the years this calendar knows"):
        read_date("2100-01-01", "x", calendar_years())


def test_a_date_box_shows_the_weekday_and_clears_its_message_once_fixed():
    box = DateText("Learned of the violation", None)
    box.widget.value = "2026-02-30"
    assert box.problem
    box.widget.value = "2026-11-18"  # a Wednesday
    assert box.value == D(2026, 11, 18) and not box.problem and box.error.value == ""
    assert "Wed 2026-11-18" in box.echo.value


def test_a_rule_message_never_hides_the_boxs_own_problem():
    box = DateText("Filed at Step 1", None)
    box.widget.value = "2026-13-01"
    box.show_error("the filing is before the learned date")
    assert "2026-13-01" in box.error.value
    box.clear()  # a page clearing rule messages before it recomputes
    assert "2026-13-01" in box.error.value


def test_date_field_is_the_shared_date_box():
    assert isinstance(date_field("As of", AS_OF), DateText)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=24))
def test_any_text_in_a_date_box_is_a_date_or_a_message_never_a_traceback(text):
    box = DateText("Date", None)
    box.widget.value = text
    if box.value is None:
        assert box.problem or not text.strip()
    else:
        assert 1971 <= box.value.year <= 2099 and not box.problem


# -- item 3: numbers ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, whole, value", [
    ("2.5", False, 2.5),      # 2.5 cases a month is taken (an IntSlider made it 2)
    ("  7 ", True, 7),
    ("-10", True, -10),       # the calendar explorer counts backward
    ("1,250.50", False, 1250.5),
    (".5", False, 0.5),
])
def test_a_number_box_takes_what_was_typed(typed, whole, value):
    box = NumberText("Cases invoked a month", None, whole=whole)
    box.widget.value = typed
    assert box.value == value and type(box.value) is (int if whole else float) and not box.problem


@pytest.mark.parametrize("typed, message", [
    ("2.5", "2.5 is not a whole number"),  # 2.5 workdays: before, an IntText made it 25
    ("abc", "'abc' is not a number"),      # before: ignored, the old number kept
    ("", "is missing"),
    ("1e400", "is not a number"),
    ("nan", "is not a number"),
    ("13", "outside what the reserved dates a month can be"),
])
def test_a_number_the_rule_cannot_take_is_a_message_beside_the_box(typed, message):
    box = NumberText("Reserved dates a month", 1, what="reserved dates a month", whole=True, low=1, high=12)
    box.widget.value = typed
    assert box.value is None and message in box.error.value.replace("&#x27;", "'") and box.widget.value == typed


def test_read_number_range_words():
    with pytest.raises(OutOfRange, match="Type a whole number from 1 to 12"):
        read_number("0", "k", whole=True, low=1, high=12)
    assert read_number("", "k", required=False) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=16))
def test_any_text_in_a_number_box_is_that_number_or_a_message(text):
    box = NumberText("n", None, low=0, high=100)
    box.widget.value = text
    if box.value is None:
        assert box.problem
    else:
        assert 0 <= box.value <= 100 and float(text.strip().replace(",", "")) == box.value


# -- item 4: every message at once, and the count -------------------------------------------------------------------
def test_check_fields_marks_every_bad_field_and_counts_them():
    from lmcore.errors import InvalidInput

    a, b, c = NumberText("A", 1), NumberText("B", 1), DateText("C", None)
    c.widget.value = "2026-02-30"

    def bad():
        raise InvalidInput("'x' is not an amount of money")

    with pytest.raises(FieldsNeedAttention) as caught:
        check_fields([(a, bad), (b, bad)], typed=[c])
    assert caught.value.count == 3 and "3 fields need attention" in str(caught.value)
    assert all(f.error.value for f in (a, b, c)) and "2026-02-30" in c.error.value
    assert needs_attention([a, b, c]) == [c]  # a and b show a rule's message, not a reading problem
    assert "1 field needs attention" in attention_html(1) and "2 fields need attention" in attention_html(2)


def test_leave_shows_both_bad_numbers_and_the_count(contract):
    """Art. 5 §1.e: a bad balance and bad years of service are both marked; the answer says 2 need attention."""
    from lmcore.ui.leave import build_app

    a = build_app(contract, as_of=AS_OF, params={"balance": "abc", "service": "lots"})
    assert "&#x27;abc&#x27; is not a number" in a.balance.error.value
    assert "&#x27;lots&#x27; is not a number" in a.service.error.value
    assert "2 fields need attention" in a.answer.value
    a.balance.widget.value, a.service.widget.value = "200", "5"
    # 200 h + 4 pay periods still to end after Mon 11-23 (6, 6, 6, 10 h at 5 years) = 228 h; 0 planned
    assert "228.00 hours" in a.answer.value and a.balance.error.value == a.service.error.value == ""


def test_subsidies_show_every_bad_field_and_the_count(contract):
    from lmcore.ui.subsidies import build_app

    a = build_app(contract, as_of=AS_OF, params={"income": "a lot", "cost": "plenty", "children": "1.5"})
    for f in (a.income, a.cost, a.children):
        assert f.error.value
    assert "3 fields need attention" in a.answer.value


def test_grievance_withholds_the_timeline_for_an_impossible_date(contract):
    """Art. 43 §7.a(1): learned Wed 2026-11-18 → day 20 Thu 12-17 (Thanksgiving 11-26 skipped); 2026-02-30 → none."""
    from lmcore.ui.grievance.page import build_app

    a = build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18"})
    assert "2026-12-17" in a.answer.value
    a.fields["learned"].widget.value = "2026-02-30"
    assert "1 field needs attention" in a.answer.value and "2026-12-17" not in a.answer.value
    assert a.results.layout.display == "none" and a.fields["learned"].widget.value == "2026-02-30"
    a.years.widget.value = "abc"
    assert "&#x27;abc&#x27; is not a number" in a.years.error.value and "needs attention" in a.screen_out.value
    a.years.widget.value, a.fields["learned"].widget.value = "2.5", "2026-11-18"
    assert a.years.value == 2.5 and "2026-12-17" in a.answer.value


def test_handbook_workdays_box_refuses_a_fraction(contract):
    from lmcore.ui.handbook import build_app

    a = build_app(as_of=AS_OF, params={})
    a.n.widget.value = "2.5"
    assert "not a whole number" in a.n.error.value and "No answer" in a.answer.value and a.deadline is None
    a.n.widget.value = "5"  # Mon 11-23: 11-24, 11-25, (Thu 11-26 Thanksgiving), 11-27, 11-30, Tue 12-01 = day 5
    assert a.deadline is not None and a.deadline.due == D(2026, 12, 1)


def test_arbitration_takes_a_fraction_of_cases_a_month(contract):
    from lmcore.ui.arbitration.page import build_app

    a = build_app(contract, as_of=AS_OF, params={})
    a.per.value = "month"  # the caseload's period (the page starts with cases a year)
    a.caseload.widget.value = "2.5"
    assert a.caseload.value == 2.5 and a.caseload.error.value == "" and a.sim is not None
    cfg = a.sim.exact.config  # 2.5 a month, 33 % expedited: 1.675 regular + 0.825 expedited
    assert (cfg.rate_regular, cfg.rate_expedited) == (pytest.approx(1.675), pytest.approx(0.825))


# -- item 10: home link and the pay-period box ---------------------------------------------------------------------
def test_every_dashboard_box_links_home_but_the_landing_page():
    assert "index.ipynb" in app_box([]).children[0].value
    assert app_box([], home=False).children == ()


def test_the_pay_period_box_takes_any_day_and_names_its_pay_period(contract):
    """Sun 2026-11-22 is in the pay period Sun 11-15 – Sat 11-28 (Thanksgiving in it); Wed 2028-06-14:
    2028-06-11 − 2026-11-15 = 574 days = 41 × 14, so Sun 2028-06-11 – Sat 06-24 (Juneteenth Mon 06-19 in it)."""
    from lmcore.ui.schedules.page import build_app

    a = build_app(contract, as_of=AS_OF, params={})
    a.period.widget.value = "2026-11-22"
    assert "Sun 11-22 is in the pay period Sun 2026-11-15 – Sat 2026-11-28 · Thanksgiving Day" in a.period.echo.value
    a.period.widget.value = "2028-06-14"
    assert a.period_start == D(2028, 6, 11) and "Juneteenth" in a.period.echo.value
    assert a.timesheet.period_start == D(2028, 6, 11)
    a.period.widget.value = "2028-02-30"
    assert "not a real calendar date" in a.period.error.value and "1 field needs attention" in a.answer.value


def test_an_invalid_today_is_an_error_not_a_guess(monkeypatch):
    monkeypatch.setenv("LMCORE_TODAY", "tomorrow")
    with pytest.raises(InvalidDate, match="LMCORE_TODAY='tomorrow' is not a date"):
        page_today()


def test_leave_marks_every_bad_voting_time_at_once_art5_7d1(contract):
    """Art. 5 §7.d(1) reads four times; an impossible polls opening (25:00) and an unreadable tour start ("abc") are
    both marked beside their boxes at once (before, only the first was), nothing is answered, the typed text stays."""
    from lmcore.ui.leave import build_app

    a = build_app(contract, as_of=AS_OF, params={"polls_open": "25:00", "work_start": "abc"})
    v = a.voting
    assert "the polls opening time &#x27;25:00&#x27; is not a time of day" in v["polls_open"].error.value
    assert "the start of the tour of duty &#x27;abc&#x27; is not a time of day" in v["work_start"].error.value
    assert v["polls_close"].error.value == v["work_end"].error.value == ""
    assert "2 fields need attention" in a.vote_out.value and "leave work" not in a.vote_out.value
    assert (v["polls_open"].value, v["work_start"].value) == ("25:00", "abc")
    # polls 07:00–19:00, tour 08:30–17:00: open 1 h 30 min before work (the rule looks for 3 h) and 2 h after (3 h):
    # report 3 h after the polls open = 10:00, 1 h 30 min off; leave 3 h before they close = 16:00, 1 h off → 1 h
    v["polls_open"].widget.value, v["work_start"].widget.value = "07:00", "08:30"
    v["work_end"].widget.value = "17:00"
    assert v["polls_open"].error.value == v["work_start"].error.value == ""
    assert "leave work at 16:00" in a.vote_out.value


@pytest.mark.parametrize("typed, message", [("2.5", "2.5 is not a whole number"), ("abc", "&#x27;abc&#x27; is not a number"),
                                             ("-3", "at least 0")])
def test_flexiplace_extension_box_keeps_what_was_typed_and_withholds_the_decision_art10_5a(contract, typed, message):
    """Art. 10 §5.A: the agreed extension is whole calendar days. A fraction, text or a negative number is said beside
    the box (kept as typed) and no decision date is given; 5 days is taken: 15 + 5 = 20 calendar days after Mon 11-23 =
    Sun 12-13, a weekend, moved back to Fri 2026-12-11 (the default reading of §5.A's last day)."""
    from lmcore.ui.flexiplace import build_app

    a = build_app(contract, as_of=AS_OF, params={"requested": "2026-11-23", "extended_by": typed})
    assert message in a.extended.error.value and a.extended.widget.value == typed
    assert "1 field needs attention" in a.answer.value and "Decision due" not in a.answer.value
    a.extended.widget.value = "5"
    assert a.extended.error.value == "" and "Decision due 2026-12-11 (Friday)" in a.answer.value
