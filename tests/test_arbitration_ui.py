"""The arbitration dashboard (lmcore.ui.arbitration): CSS conventions, starting inputs from the link, answers and errors."""
from __future__ import annotations

import datetime as dt

import pytest

from lmcore.ui import CSS_ANSWER, CSS_APP, CSS_ERROR, CSS_READY
from lmcore.ui.arbitration import build_app

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def app(contract):
    return build_app(contract, as_of=AS_OF, params={"invoked": "2026-11-25", "kind": "expedited"})


def test_conventions_and_the_answer_names_hearing_by(app):
    classes = app.widget._dom_classes
    assert CSS_APP in classes and CSS_READY in classes
    assert CSS_ANSWER in app.answer._dom_classes
    # expedited invoked Wed 2026-11-25: day 30 is Christmas Fri 12-25 → Thu 2026-12-24 (Art. 44 §3.e)
    assert "2026-12-24" in app.answer.value and "Art. 44 §3.e" in app.answer.value
    assert "Ruth Abernathy" in app.answer.value  # next in rotation on the expedited roster (§1.c)
    assert CSS_ERROR in app.invoked.error._dom_classes


def test_summary_is_plain_and_deterministic(app, contract):
    s = app.summary()
    assert "hearing_by: Thu 2026-12-24 (Art. 44 §3.e)" in s and "exchange_meeting: Thu 2026-12-17" in s
    assert "Simulator: With 72 cases a year (6 a month), each arbitrator must reserve" in s
    assert "  Exact assignment · 1 reserved date(s) a month" in s and "  baseline: Earliest deadline first" in s and "Capacity:" in s and "Strikes:" in s
    again = build_app(contract, as_of=AS_OF, params={"invoked": "2026-11-25", "kind": "expedited"})
    assert again.summary() == s


def test_bad_link_values_show_beside_their_fields(contract):
    a = build_app(contract, as_of=AS_OF, params={"invoked": "2026-02-30", "kind": "urgent", "k": "many"})
    # the default shown instead: regular, invoked Wed 2026-11-18 → day 90 Tue 2027-02-16 (a workday)
    assert "invoked=2026-02-30" in a.invoked.error.value and "2027-02-16" in a.answer.value
    assert "kind=urgent" in a.kind.error.value
    # the link's k=many stays in its box with the message beside it; the simulator withholds its answer and says so
    assert a.k.widget.value == "many" and "&#x27;many&#x27; is not a number" in a.k.error.value
    assert "1 field needs attention" in a.sim_error.value and a.sim_out.value == ""


def test_interactions(contract):
    a = build_app(contract, as_of=AS_OF, params={"invoked": "2026-12-04", "kind": "stayed"})
    # stayed: Sun 2027-01-03 → Thu 2026-12-31 and the Section 13 flaw shown
    assert "2026-12-31" in a.answer.value and "lmcore-flaw" in a.answer.value
    a.readings.set("arbitration.hearing_limit_roll", "forward")
    assert "2027-01-04" in a.answer.value  # forward from Sun 01-03 → Mon 01-04
    a.hearing.set(dt.date(2026, 11, 1))
    assert "must come after the invocation" in a.hearing.error.value and "2027-01-04" in a.answer.value  # kept
    a.hearing.set(None)
    assert a.hearing.error.value == ""
    # the simulator: more reserved dates never lower the on-time share
    before = a.sim.exact.on_time.mean()
    a.k.set(3)
    assert a.sim.exact.config.dates_per_month == 3 and a.sim.exact.on_time.mean() >= before
    assert "lmcore-sim-stats" in a.sim_out.value and a.cap_plot.value[:4] == b"\x89PNG" and a.month_plot.value
    a.month.value = a.month.options[1][1]  # ("Feb 2027", "2027-02")
    assert "lmcore-month" in a.calendar_out.value and "monthly meeting" in a.calendar_out.value
    # the panel: a notice outside the window, then inside it (effective 2025-10-31: window 10-01 .. 10-30)
    a.who.value = "Thomas Garcia"
    a.notice.set(dt.date(2026, 9, 1))
    a.remove()
    assert "Art. 44 §1.d" in a.notice.error.value
    a.notice.set(dt.date(2026, 10, 9))
    a.remove()
    assert a.notice.error.value == "" and "removing Thomas Garcia" in a.panel_log.value
    a.newcomer.widget.value = "Anna Baker"
    a.agreed.set(dt.date(2026, 10, 20))
    a.replace()
    assert "Anna Baker replaces Thomas Garcia" in a.panel_log.value
    assert "Anna Baker" in a.summary().split("Regular roster: ")[1].split("\n")[0]
    # strikes step by step, and costs
    a.step.value = 2
    assert a.strike_out.value.count("<li>") == 2 and "Selected" not in a.strike_out.value
    a.step.value = a.step.max
    assert "Selected: " in a.strike_out.value
    a.money["cancellation_fee"].widget.value = "100"
    assert "Art. 44 §3.f" in a.money["cancellation_fee"].error.value
    a.requested_by.value = "department"
    assert a.money["cancellation_fee"].error.value == "" and "$1,475.00" in a.costs_out.value


def test_user_text_is_escaped(contract):
    a = build_app(contract, as_of=AS_OF, params={})
    a.names.widget.value = "\n".join(["<b>Evil</b> Arbiter", "B Two", "C Three", "D Four", "E Five", "F Six"])
    assert "<b>Evil</b>" not in a.rosters.value and "&lt;b&gt;Evil&lt;/b&gt;" in a.rosters.value
    a.names.widget.value = "Only One"
    assert "Art. 44 §1.a" in a.names.error.value
