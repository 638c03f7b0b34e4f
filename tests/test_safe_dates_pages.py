"""The safe date on the leave, flexiplace and contract calendar (bargaining) pages (issue 16): beside a contract time
limit the page shows "Safe date …" when some reading of the text gives a safer date — the earliest for one's own act
(a request, a notice), the latest for the other side's (a decision due, a window's first day, the end of a period
the supervisor sets) — and nothing extra where every reading agrees; the plain-text summary says the same. Every
date is counted by hand from the contract text; the readings are those of interpretations.yaml."""
from __future__ import annotations

import datetime as dt
import html
import re

from lmcore.ui.contract_calendar import build_app as calendar_page
from lmcore.ui.flexiplace import build_app as flexiplace_page
from lmcore.ui.leave import build_app as leave_page

D = dt.date
AS_OF = D(2026, 11, 2)
SAFE = "lmcore-safe-date"


def text(value: str) -> str:
    """A widget's HTML as the words a person reads."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value)).split())


# -- leave (Art. 5) --------------------------------------------------------------------------------------------------
def test_leave_restoration_request_safe_date_art5_1e(contract):
    """Art. 5 §1.e: leave year 2026 runs Sun 2026-01-11 to Sat 2027-01-09 in 26 pay periods: PP26 12-27..01-09,
    PP25 12-13..12-26, PP24 11-29..12-12, PP23 11-15..11-28. In use: the third pay period before the end counts
    the last as the first → PP24, request before Sun 11-29 → Sat 11-28. Under leave.restoration_pay_period =
    three_before_last it is PP23 (begins Sun 11-15 → Sat 11-14), and under leave.restoration_last_day = last_workday
    the last workday before it, Fri 11-13 (Veterans Day is Wed 11-11, not in between). The request is the
    employee's own act: the safe date is the earliest, Fri 2026-11-13, 15 days before Sat 11-28."""
    app = leave_page(contract, AS_OF, {})
    shown = text(app.answer.value)
    assert "request it in writing by Sat 2026-11-28" in shown
    assert SAFE in app.answer.value
    assert ("Safe date Fri 2026-11-13 — under the readings 'Count three pay periods back from the last one, not "
            "counting it: one pay period (two weeks) earlier, a safety margin' and 'The last workday before the pay "
            "period begins, when the supervisor is at work to receive it' the limit is 15 days earlier than "
            "Sat 2026-11-28.") in shown
    assert "  Safe date Fri 2026-11-13 — under the readings" in app.summary()


def test_leave_restriction_end_safe_date_art5_3c(contract):
    """Art. 5 §3.c: a 4-month restriction from Tue 2026-12-01. In use (day_before_same_date) it ends the day before
    Thu 2027-04-01 → Wed 2027-03-31; under same_date it ends Thu 2027-04-01. The end of a period the supervisor
    sets: the safe date is the latest, Thu 04-01 (a day later). An extension of 2 months then starts Thu 04-01 →
    ends Mon 05-31 (the day before 06-01); under same_date it starts Fri 04-02 and ends Wed 06-02 (2 days later)."""
    app = leave_page(contract, AS_OF, {"r_start": "2026-12-01", "r_months": "4", "r_ext": "2"})
    shown = text(app.restr_out.value)
    assert "initial restriction: Tue 2026-12-01 to Wed 2027-03-31 (4 months)" in shown
    assert "Last day : Safe date Thu 2027-04-01 — under the reading 'On the same date N months later" in shown
    assert "the limit is a day later than Wed 2027-03-31." in shown
    assert "Safe date Wed 2027-06-02" in shown and "the limit is 2 days later than Mon 2027-05-31." in shown
    summary = app.summary()
    assert "  initial restriction: Tue 2026-12-01 to Wed 2027-03-31 (4 months)\n    Safe date Thu 2027-04-01" in summary


def test_leave_restriction_readings_agree_no_line_art5_3c(contract):
    """Art. 5 §3.c: 4 months from Sat 2026-10-31 reach February 2027, which has no 31st: the day-before reading
    ends the period on that month's last day, Sun 2027-02-28, and the same-date reading on Feb 28 too. Every
    reading agrees: no safe line beside the restriction, none in the summary's restriction lines."""
    app = leave_page(contract, AS_OF, {"r_start": "2026-10-31", "r_months": "4"})
    assert "initial restriction: Sat 2026-10-31 to Sun 2027-02-28 (4 months)" in text(app.restr_out.value)
    assert SAFE not in app.restr_out.value
    restriction = app.summary().split("Leave restriction:")[1].split("Voting leave:")[0]
    assert "Safe date" not in restriction


# -- flexiplace (Art. 10) --------------------------------------------------------------------------------------------
def test_flexiplace_decision_due_on_a_weekend_safe_date_art10_5a(contract):
    """Art. 10 §5.A, 15 calendar days: request Sat 2026-12-05 → 12-06 = 1 … Sun 12-20 = 15, not a workday. In use
    (flexiplace.decision_due_nonworkday = backward): the last workday on or before it, Fri 12-18; 'none': Sun 12-20;
    'forward': Mon 12-21. The decision is the supervisor's act: the safe date is the latest, Mon 2026-12-21."""
    app = flexiplace_page(contract, AS_OF, {"requested": "2026-12-05"})
    shown = text(app.answer.value)
    assert "Decision due 2026-12-18 (Friday) on the flexiplace request of Sat 2026-12-05" in shown
    assert ("Safe date Mon 2026-12-21 — under the reading 'The next workday after it' the limit is 3 days later "
            "than Fri 2026-12-18.") in shown
    assert "Decision : Safe date Mon 2026-12-21" in text(app.clock_out.value)
    assert "    Safe date Mon 2026-12-21 — under the reading 'The next workday after it'" in app.summary()


def test_flexiplace_decision_on_a_workday_readings_agree_no_line_art10_5a(contract):
    """Art. 10 §5.A: request Thu 2026-12-03 → day 15 is Fri 2026-12-18, a workday: no roll, every reading of
    flexiplace.decision_due_nonworkday gives 12-18. No safe line, none in the summary."""
    app = flexiplace_page(contract, AS_OF, {"requested": "2026-12-03"})
    assert "Decision due 2026-12-18 (Friday)" in text(app.answer.value)
    assert SAFE not in app.answer.value and SAFE not in app.clock_out.value
    assert "Safe date" not in app.summary()


# -- contract calendar: bargaining (Art. 36) and the calendar (Art. 44 §1.d, 47) -------------------------------------
PLAN = {"received": "2026-12-01", "kind": "space", "level": "department", "ratified": "2026-11-23"}


def test_agenda_meeting_safe_date_art36_2b(contract):
    """Art. 36 §2.b, 'at least five (5) workdays prior to the start': plan received Tue 2026-12-01; the Departmental
    session is assumed on the 2nd Monday of the 2nd month of the quarter, Mon 2027-02-08 (Feb 1 is a Monday). In use
    (count.days_before_event = nth_workday_before): Fri 02-05 = 1, Thu 02-04 = 2, Wed 02-03 = 3, Tue 02-02 = 4,
    Mon 02-01 = 5 → Mon 2027-02-01; under full_workdays_between the 6th workday before, Fri 2027-01-29. Meeting to
    finalize the agenda is the parties' own act: the safe date is the earliest, Fri 01-29 (3 days earlier)."""
    app = calendar_page(contract, AS_OF, dict(PLAN))
    shown = text(app.plan_out.value)
    assert ("Meet to finalize the agenda no later than : Safe date Fri 2027-01-29 — under the reading 'N whole "
            "workdays must lie between the deadline and the event, so the deadline is the (N+1)-th workday before it' "
            "the limit is 3 days earlier than Mon 2027-02-01.") in shown
    assert ("  Meet to finalize the agenda no later than: 2027-02-01 [assumed] (Art. 36 §2.b)\n"
            "    Safe date Fri 2027-01-29 — under the reading") in app.summary()


def test_agenda_notice_on_a_saturday_safe_date_art36_2b(contract):
    """Art. 36 §2.b, 'at least thirty (30) calendar days prior to the scheduled start': session Mon 2027-02-08; 30
    days before is Sat 2027-01-09 (Feb 8 − 8 days = Jan 31, − 22 more = Jan 9). With the reading switched to
    bargaining.agenda_notice_nonworkday = none the page gives Sat 01-09; the default 'backward' gives the last workday
    before it, Fri 2027-01-08. Notice is the party's own act: the safe date is the earlier, Fri 01-08 (a day)."""
    switched = contract.with_interpretations({"bargaining.agenda_notice_nonworkday": "none"})
    app = calendar_page(switched, AS_OF, dict(PLAN))
    shown = text(app.plan_out.value)
    assert "Safe date Fri 2027-01-08 — under the reading 'The last workday before it" in shown
    assert "the limit is a day earlier than Sat 2027-01-09." in shown
    assert "  Notify agenda items no later than: 2027-01-09 [assumed] (Art. 36 §2.b)\n    Safe date Fri 2027-01-08" in app.summary()


def test_request_negotiations_readings_agree_no_line_art29_4a(contract):
    """Art. 29 §4.a, five workdays from receipt: received Tue 2026-12-01, a workday; 12-02, 12-03, 12-04 = 1–3,
    Mon 12-07 = 4, Tue 12-08 = 5, no holiday or closure in between: every reading gives Tue 2026-12-08. With the
    default agenda-notice reading ('backward', already the earliest) the notice row shows no line either."""
    app = calendar_page(contract, AS_OF, dict(PLAN))
    summary = app.summary()
    assert "  Union requests negotiations: 2026-12-08 (Art. 29 §4.a)\n  Notify agenda items" in summary
    assert "  Notify agenda items no later than: 2027-01-08 [assumed] (Art. 36 §2.b)\n  Meet to finalize" in summary
    rows = re.findall(r"<tr>.*?</tr>", app.plan_out.value)
    request = next(i for i, r in enumerate(rows) if "Union requests negotiations" in r)
    assert SAFE not in rows[request] and SAFE not in rows[request + 1]


def test_removal_window_opens_on_thanksgiving_safe_date_art44_1d(contract):
    """Art. 47 §1 and Art. 44 §1.d: ratified Mon 2026-11-23 → effective 30 calendar days later, Wed 2026-12-23 (11-24
    … 11-30 = 7, 12-23 = 30); anniversary 2 is Sat 2028-12-23 and the removal window is the 30 days before it,
    opening Thu 2028-11-23 (Thanksgiving 2028: the 4th Thursday of November). In use
    (arbitration.removal_window_opens_nonworkday = none) it opens that day; under 'forward' Fri 2028-11-24. A
    window's first day: a notice before it is too early, so the safe date is the later, Fri 11-24."""
    app = calendar_page(contract, AS_OF, dict(PLAN))
    shown = text(app.cal_out.value)
    assert ("Arbitrator removal notice window opens (anniversary 2) : Safe date Fri 2028-11-24 — under the reading "
            "'The next workday' the limit is a day later than Thu 2028-11-23.") in shown
    assert ("  Thu 2028-11-23  Arbitrator removal notice window opens (anniversary 2):\n"
            "    Safe date Fri 2028-11-24") in app.summary()
    # anniversary 1 (Thu 2027-12-23): the window opens Tue 2027-11-23, a workday — every reading agrees, no line
    assert "Arbitrator removal notice window opens (anniversary 1) : Safe date" not in shown
