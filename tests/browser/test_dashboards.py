"""Every dashboard in a real browser, one page each: it renders with no error output and no console errors,
nothing is fetched from outside 127.0.0.1 (the fixture refuses and reports it), a person's change to one input
redraws the answer to exactly what lmcore gives for the same inputs, and a bad value is explained beside its
field while what was typed stays. A screenshot of each goes to test-artifacts/.

"Exactly what lmcore gives": the test builds the same dashboard in Python with lmcore (same link parameters,
same change) and compares the answer's text; the hand-counted date in each case's comment must be in it too.
The handbook has its own module (test_handbook.py); a dashboard without a case below is still rendered.
"""
from __future__ import annotations

import datetime as dt
import html
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import pytest
from playwright.sync_api import expect

from .conftest import dashboard_names, error_outputs, normalized, screenshot

pytestmark = pytest.mark.browser

AS_OF = dt.date(2026, 11, 23)  # the "today" every notebook pins
D = dt.date.fromisoformat


@dataclass(frozen=True)
class Case:
    """One dashboard: its prepared link, the input a person changes, and the answer that must follow."""

    module: str                      # lmcore.ui.<module>.build_app builds it
    query: str                       # the prepared link's query string
    label: str                       # the Field label beside the input that is changed
    kind: str                        # "date" (a date box) or "text" (typed, then Enter)
    value: str                       # what the person types
    set_in_python: Callable[[Any, str], None]
    expect: str                      # hand-worked part of the new answer (see the comment at each case)
    bad: str                         # a value the rule cannot use
    bad_message: str                 # part of the message that must appear beside the field
    defaults: dict[str, str] = field(default_factory=dict)  # what the notebook adds to the link's parameters


def _date(attr: str) -> Callable[[Any, str], None]:
    return lambda app, v: _get(app, attr).set(D(v))


def _text(attr: str) -> Callable[[Any, str], None]:
    return lambda app, v: setattr(_get(app, attr).widget, "value", v)


def _get(app: Any, path: str) -> Any:
    obj = app
    for part in path.split("."):
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
    return obj


CASES: dict[str, Case] = {
    # Art. 43 §7.a(1): learned Mon 2026-11-02; 11-03..06 = 1–4; 11-09, 11-10 = 5, 6; Wed 11-11 Veterans Day
    # skipped; 11-12, 11-13 = 7, 8; 11-16..20 = 9–13; 11-23..25 = 14–16; Thu 11-26 Thanksgiving skipped;
    # 11-27 = 17; 11-30 = 18; 12-01 = 19; Wed 12-02 = day 20
    "grievance_timeline": Case(
        "grievance", "learned=2026-11-18&path=employee", "learned", "date", "2026-11-02", _date("fields.learned"),
        "2026-12-02", "2026-12-10", "is after the 'as of' date", defaults={"learned": "2026-11-18", "path": "employee"}),
    # Art. 44 §3.c: invoked Thu 2026-12-10 + 90 calendar days: Dec 31 = 21, Jan 31 = 52, Feb 28 = 80, Wed 2027-03-10 = 90
    "arbitration_scheduler": Case(
        "arbitration", "invoked=2026-11-25&kind=regular", "Arbitration invoked on", "date", "2026-12-10",
        _date("invoked"), "2027-03-10", "2150-01-01", "outside the years this calendar knows"),
    # Art. 29 §4.a: plan received Thu 2026-12-10; Fri 12-11 = 1, Mon 12-14 = 2, 12-15 = 3, 12-16 = 4, Thu 12-17 = 5
    "contract_calendar": Case(
        "contract_calendar", "received=2026-11-23&kind=space&level=agency&ratified=2026-11-23", "Final plan received on",
        "date", "2026-12-10", _date("received"), "2026-12-17", "2150-01-01", "outside the years this calendar knows"),
    # Art. 10 §5.A, 15 calendar days: request Thu 2026-12-10 + 15 = Fri 12-25, Christmas Day; the default reading
    # (flexiplace.decision_due_nonworkday = backward) takes the last workday on or before it: Thu 2026-12-24
    "flexiplace": Case(
        "flexiplace", "requested=2026-11-18&tab=clocks", "Request made", "date", "2026-12-10", _date("requested"),
        "2026-12-24", "2150-01-01", "outside the years this calendar knows"),
    # Art. 5 §1.e: 300 h on 2026-11-23, 5 years' service earns 6 h a pay period and 10 h in the last one:
    # periods ending 11-28, 12-12, 12-26 (6 h each) and 2027-01-09 (10 h) → 328 h; 328 − 240 = 88 h to lose
    "leave_planner": Case(
        "leave", "balance=200&service=5", "Annual leave balance today", "text", "300", _text("balance"),
        "88.00 hours to lose", "lots", "is not a number"),
    # Child Care Subsidy ¶b: income $61,000 is in the $60,000–$69,999 band: 20% of $900 = $180 (cap $225)
    "subsidies": Case(
        "subsidies", "income=45000&cost=900", "Total family income a year", "text", "61000", _text("income"),
        "$180.00 a month", "a lot", "is not an amount of money"),
    # Art. 4 §2.b(1): 5 credit hours brought in, none earned or used in the period → balance carried 5.00
    "work_schedules": Case(
        "schedules", "schedule=compressed-5-4-9&period=2026-11-20", "Credit hours brought in", "text", "5",
        _text("carry_in"), "balance carried 5.00", "30", "more than the 24 hours"),
}
DASHBOARDS = [n for n in dashboard_names() if n != "handbook"]


def answer_in_python(contract, case: Case, value: str) -> str:
    """The answer lmcore gives for the link's parameters and the same change, as the page's text."""
    build = importlib.import_module(f"lmcore.ui.{case.module}").build_app
    app = build(contract, as_of=AS_OF, params={**case.defaults, **dict(parse_qsl(case.query))})
    case.set_in_python(app, value)
    return normalized(html.unescape(re.sub(r"<[^>]+>", "", app.answer.value)))


def field_row(page, case: Case):
    """The Field row (label, input, error beside it) a person uses: found by its label (the grievance form's
    date rows by the class on the date box)."""
    kind = ".lmcore-date input" if case.kind == "date" else ".widget-text:not(.lmcore-date) input"
    rows = page.locator(".widget-hbox").filter(has=page.locator(".lmcore-error"))
    if case.label == "learned":
        rows = rows.filter(has=page.locator(".lmcore-learned"))
    else:
        rows = rows.filter(has_text=case.label).filter(has=page.locator(kind))
    row = rows.last  # the innermost box holding label, input and error: the Field itself
    return row, row.locator(kind).first


def type_into(box, case: Case, value: str) -> None:
    box.fill(value)
    box.press("Enter")  # every box, dates too, sends its text on Enter (never half-typed)


@pytest.mark.parametrize("name", DASHBOARDS)
def test_dashboard_in_the_browser(open_dashboard, contract, name):
    case = CASES.get(name)
    dash = open_dashboard(name, case.query if case else "")
    assert error_outputs(dash.page) == []
    answer = dash.page.locator(".lmcore-answer").first
    assert answer.inner_text().strip(), f"{name} shows no answer"
    screenshot(dash.page, name)
    if case is None:
        pytest.skip(f"{name}: rendered; no interaction case written for it yet (add one to CASES)")

    row, box = field_row(dash.page, case)
    type_into(box, case, case.value)
    expect(answer).to_contain_text(case.expect)
    assert normalized(answer.text_content()) == answer_in_python(contract, case, case.value)

    type_into(box, case, case.bad)
    expect(row.locator(".lmcore-error")).to_contain_text(case.bad_message)
    expect(box).to_have_value(case.bad)
