"""The safe date (issue 16) and calendar files as reminders (issue 17 item 7): every expected date counted by hand from
the contract text; the readings' options are those of interpretations.yaml."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import replace

import pytest
from icalendar import Calendar

from lmcore.arbitration.hearings import milestones
from lmcore.grievance import Grievance, timeline
from lmcore.grievance.report import ics, table
from lmcore.safe_date import MAX_READINGS, NO_READING, OWN, Survey, for_deadline

D = dt.date
AS_OF = D(2026, 11, 23)
EVENT = "count.event_on_nonworkday"
BEFORE = "count.days_before_event"


def outcomes(safe) -> dict:
    return {tuple(sorted(o.choices)): o.due for o in safe.outcomes}


def test_event_on_a_weekend_two_readings_art43_7a1_and_7a3(contract):
    """Art. 43 §7.a(1): learned Sat 2026-11-14. Day 1 under next_workday_is_day_1 is Mon 11-16: 11-16..11-20 = 1–5,
    11-23..11-25 = 6–8, Thanksgiving 11-26 skipped, 11-27 = 9, 11-30..12-04 = 10–14, 12-07..12-11 = 15–19, Mon 12-14
    = 20. Under deemed_received_next_workday the event is Mon 11-16 and day 1 Tue 11-17 → day 20 Tue 12-15. Filing is
    the grievant's own step: the safe date is the earlier, 12-14 (the reading in use).
    §7.a(3): the meeting within 5 workdays of the (projected) filing: 12-15..12-18 = 1–4, Mon 12-21 = 5; from 12-15:
    12-16..12-18 = 1–3, 12-21 = 4, Tue 12-22 = 5. The meeting is the supervisor's: the safe date is the later, 12-22."""
    t = timeline(Grievance(learned=D(2026, 11, 14)), contract, AS_OF, safe=True)
    filing, meeting = t.milestone("step1_filing"), t.milestone("step1_meeting")
    assert outcomes(filing.safe) == {((EVENT, "next_workday_is_day_1"),): D(2026, 12, 14),
                                     ((EVENT, "deemed_received_next_workday"),): D(2026, 12, 15)}
    assert filing.safe_due == filing.due == D(2026, 12, 14) and not filing.safe.differs
    assert meeting.due == D(2026, 12, 21) and meeting.safe_due == D(2026, 12, 22)
    assert dict(meeting.safe.safe_choices) == {EVENT: "deemed_received_next_workday"}
    assert meeting.safe.words == ("Safe date Tue 2026-12-22 — under the reading 'The event is treated as happening on "
                                  "the next workday; the workday after that is day 1' the limit is a day later than "
                                  "Mon 2026-12-21.")
    # Irrelevant readings are not listed: no Inauguration Day or executive-order closure lies in these counts.
    assert filing.safe.readings == (EVENT,) and "calendar.executive_order_closures" not in meeting.safe.readings


def test_switched_reading_the_safe_date_is_a_day_earlier_art43_7a1(contract):
    """With deemed_received_next_workday in use, the filing is due Tue 12-15 (counted above), but under the default
    reading it is Mon 12-14: the safe date is a day earlier, and the words name the reading, not its id."""
    c = contract.with_interpretations({EVENT: "deemed_received_next_workday"})
    m = timeline(Grievance(learned=D(2026, 11, 14)), c, AS_OF, safe=True).milestone("step1_filing")
    assert (m.due, m.safe_due) == (D(2026, 12, 15), D(2026, 12, 14))
    assert m.safe.words == ("Safe date Mon 2026-12-14 — under the reading 'The event day is never counted; the first workday "
                            "after it is day 1' the limit is a day earlier than Tue 2026-12-15.")
    assert EVENT not in m.safe.words


def test_n_workdays_before_the_hearing_art44_5(contract):
    """Art. 44 §5: the exchange meeting no later than 5 workdays before the hearing, Mon 2026-11-30. nth_workday_before:
    Fri 11-27 = 1 (Thanksgiving 11-26 skipped), 11-25 = 2, 11-24 = 3, 11-23 = 4, Fri 11-20 = 5; full_workdays_between:
    the 6th, Thu 11-19. The parties hold it together: holding it by the earlier date is on time under both."""
    s = milestones(D(2026, 9, 1), "regular", contract, hearing=D(2026, 11, 30))
    m = s["exchange_meeting"]
    assert outcomes(m.safe) == {((BEFORE, "nth_workday_before"),): D(2026, 11, 20),
                                ((BEFORE, "full_workdays_between"),): D(2026, 11, 19)}
    assert (m.due, m.safe_due) == (D(2026, 11, 20), D(2026, 11, 19))
    assert m.to_dict()["safe_reading"] == {BEFORE: "full_workdays_between"}
    # the hearing date is given: no reading moves the hearing limit check, nor the notice counted from the invocation
    assert s["arbitrability_notice"].safe.words == NO_READING


def test_reply_due_start_art43_7b1(contract):
    """Art. 43 §7.b(1): met Thu 11-05, no decision; the decision was due 5 workdays after: 11-06 = 1, 11-09 = 2,
    11-10 = 3, Veterans Day 11-11 skipped, 11-12 = 4, Fri 11-13 = 5. The appeal within 10 workdays after the reply was
    due: from 11-13: 11-16..11-20 = 1–5, 11-23..11-25 = 6–8, Thanksgiving skipped, 11-27 = 9, Mon 11-30 = 10; from the
    first day late, Mon 11-16: 11-17..11-20 = 1–4, 11-23..11-25 = 5–7, 11-27 = 8, 11-30 = 9, Tue 12-01 = 10. The
    appeal is the grievant's: 11-30 is safe. The Step 2 meeting (the agency's, 10 workdays after the appeal) is
    counted from each: 12-01..12-04, 12-07..12-11, Mon 12-14 = 10 and Tue 12-15: the later is safe."""
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 3), step1_meeting=D(2026, 11, 5))
    t = timeline(g, contract, AS_OF, safe=True)
    appeal, meeting = t.milestone("step2_appeal"), t.milestone("step2_meeting")
    key = "grievance.reply_due_start"
    assert outcomes(appeal.safe) == {((key, "last_day_for_reply"),): D(2026, 11, 30), ((key, "first_day_late"),): D(2026, 12, 1)}
    assert appeal.safe_due == D(2026, 11, 30) and (meeting.due, meeting.safe_due) == (D(2026, 12, 14), D(2026, 12, 15))
    # a step whose date no reading moves lists none
    assert t.milestone("step1_decision").safe.readings == () and t.milestone("step1_decision").safe.words == NO_READING


def test_calendar_day_limit_ending_on_a_holiday_art44_3c(contract):
    """Art. 44 §3.c: invoked Sat 2026-09-26, hearing within 90 calendar days: 4 days to 09-30, 31 in October (35),
    30 in November (65), 25 in December → Fri 12-25, Christmas Day. backward → Thu 12-24, none → Fri 12-25, forward →
    Mon 12-28. A hearing held by Thu 12-24 is within the limit under all three."""
    roll = "arbitration.hearing_limit_roll"
    m = milestones(D(2026, 9, 26), "regular", contract)["hearing_by"]
    assert outcomes(m.safe) == {((roll, "backward"),): D(2026, 12, 24), ((roll, "none"),): D(2026, 12, 25),
                                ((roll, "forward"),): D(2026, 12, 28)}
    assert m.safe_due == m.due == D(2026, 12, 24)
    m = milestones(D(2026, 9, 26), "regular", contract.with_interpretations({roll: "forward"}))["hearing_by"]
    assert (m.due, m.safe_due) == (D(2026, 12, 28), D(2026, 12, 24)) and "4 days earlier" in m.safe.words


def test_readings_agree_art43_7a1(contract):
    """Art. 43 §7.a(1): learned Wed 2026-11-18 (a workday, nothing closed near): day 20 is Thu 12-17 under every
    reading — the event-day reading changes nothing for an event on a workday."""
    t = timeline(Grievance(learned=D(2026, 11, 18)), contract, AS_OF, safe=True)
    m = t.milestone("step1_filing")
    assert m.safe.readings == () and m.safe.agree and m.safe_due == D(2026, 12, 17) and m.safe.words == NO_READING
    d = m.to_dict()
    assert d["safe_due"] == "2026-12-17" and d["safe_reading"] is None and d["by_reading"] == [{"choices": {}, "due": "2026-12-17"}]
    assert "Safe" in table(t).splitlines()[2]  # later steps differ (the reply-due start): a "Safe" column
    # Art. 43 §9: a Department grievance, learned Wed 11-18: filed by Thu 12-17 (20 workdays, Thanksgiving skipped),
    # the resolution period and the invocation count from workdays only: no reading moves any date, no "Safe" column
    dept = timeline(Grievance(learned=D(2026, 11, 18), path="department"), contract, AS_OF, safe=True)
    assert all(x.safe.words == NO_READING for x in dept.milestones) and "Safe" not in table(dept)


def test_a_time_limit_alone_for_deadline(contract):
    """Contract.deadline's readings (readings_for), one limit: 20 workdays from Sat 11-14 as above."""
    s = for_deadline(contract, "grievance.step1_filing", D(2026, 11, 14), side=OWN)
    assert s.readings == (EVENT,) and s.safe_due == D(2026, 12, 14) and len(s.outcomes) == 2


def test_the_bound_on_combinations(contract):
    """More than MAX_READINGS readings: said, not enumerated; exactly MAX_READINGS: every combination."""
    two = [i for i, x in contract.interpretations.items() if len(x.options) == 2][:MAX_READINGS + 1]

    def answer(ids):
        def run(c):  # each switched reading moves the date a day earlier: every reading matters
            return {"x": D(2027, 1, 29) - dt.timedelta(days=sum(c.choices[i] != contract.interpretations[i].default
                                                               for i in ids))}, ids
        return run

    many = Survey(contract, answer(two)).safe("x", OWN, two)
    assert many.too_many and many.outcomes == () and f"{MAX_READINGS + 1} readings" in many.words
    assert many.to_dict()["safe_too_many"] is True
    five = Survey(contract, answer(two[:MAX_READINGS])).safe("x", OWN, two[:MAX_READINGS])
    assert not five.too_many and len(five.outcomes) == 2 ** MAX_READINGS
    assert five.safe_due == D(2027, 1, 29) - dt.timedelta(days=MAX_READINGS)  # all switched: the earliest


def test_a_reading_that_matters_only_with_another_is_found(contract):
    """Closed over combinations: b moves the date only when a is switched; starting from a alone, b is found."""
    a, b = [i for i, x in contract.interpretations.items() if len(x.options) == 2][:2]
    alt = {i: next(o for o in contract.interpretations[i].options if o != contract.choices[i]) for i in (a, b)}

    def run(c):
        both = c.choices[a] == alt[a] and c.choices[b] == alt[b]
        return {"x": D(2027, 1, 29) - dt.timedelta(days=(c.choices[a] == alt[a]) + 5 * both)}, [a, b]

    s = Survey(contract, run).safe("x", OWN, [a])
    assert s.readings == (a, b) and s.safe_due == D(2027, 1, 23) and dict(s.safe_choices) == alt


def _events(data: bytes) -> dict[str, object]:
    """Events by title, without the rule cited at its end."""
    return {str(e["summary"]).rsplit(" (Art.", 1)[0]: e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_case_log_feed_reminds_before_the_safe_date_and_names_both_dates(contract):
    """The office feed (`lmcore cases export FILE.ics`) as the one-case export: learned Sat 2026-11-14, the Step 1
    meeting (the other side's, projected) is due Mon 12-21 under the default reading and Tue 12-22 under another, so
    its safe date is the later, 12-22: alarms 3 and 1 days before it → Sat 12-19 and Mon 12-21 (triggers −2 and 0 days
    from the event on 12-21). The filing (due = safe Mon 12-14): alarms Fri 12-11 and Sun 12-13."""
    from lmcore.storage.records import Case
    from lmcore.storage.transfer import ALARM_DAYS, ics_feed

    assert ALARM_DAYS == (3, 1)  # the feed's setting these hand counts use
    case = Case("smith", Grievance(learned=D(2026, 11, 14), title="Smith overtime"))
    ev = _events(ics_feed([case], AS_OF, contract))
    meeting = ev["Projected: Step 1 meeting — smith: Smith overtime"]
    filing = ev["File the grievance at Step 1 — smith: Smith overtime"]
    for e, due, alarms in ((meeting, D(2026, 12, 21), [D(2026, 12, 19), D(2026, 12, 21)]),
                           (filing, D(2026, 12, 14), [D(2026, 12, 11), D(2026, 12, 13)])):
        assert e.decoded("dtstart") == due
        assert sorted(due + a.decoded("trigger") for a in e.walk("VALARM")) == alarms
    assert "Due Mon 2026-12-21 under the readings in use; safe date Tue 2026-12-22" in str(meeting["description"])
    assert "safe date 2026-12-22" in str(meeting.walk("VALARM")[0]["description"])
    assert "No reading of the text gives an earlier date" in str(filing["description"])


def test_ics_alarm_on_the_safe_date_uid_and_projected_issue17_item7(contract):
    """The reminder is 2 workdays before the safe date at 09:00: filing safe Mon 12-14 → Fri 12-11 = 1, Thu 12-10 = 2;
    the Step 1 meeting (projected) safe Tue 12-22 → Mon 12-21 = 1, Fri 12-18 = 2. The text names both dates."""
    g = Grievance(learned=D(2026, 11, 14), title="Smith overtime")
    t = timeline(g, contract, AS_OF, safe=True)
    ev = _events(ics(t, contract))
    filing = ev["File the grievance at Step 1 — Smith overtime"]
    meeting = ev["Projected: Step 1 meeting — Smith overtime"]
    for e, due, alarm in ((filing, D(2026, 12, 14), D(2026, 12, 10)), (meeting, D(2026, 12, 21), D(2026, 12, 18))):
        assert e.decoded("dtstart") == due
        (a,) = e.walk("VALARM")
        assert dt.datetime.combine(due, dt.time()) + a.decoded("trigger") == dt.datetime.combine(alarm, dt.time(9))
    assert "Due Mon 2026-12-21 under the readings in use; safe date Tue 2026-12-22" in str(meeting["description"])
    # a lead of 0: the reminder on the safe date itself
    (a,) = _events(ics(t, contract, remind=0))["Projected: Step 1 meeting — Smith overtime"].walk("VALARM")
    assert dt.datetime.combine(D(2026, 12, 21), dt.time()) + a.decoded("trigger") == dt.datetime(2026, 12, 22, 9)
    # filed Tue 12-01: the meeting is no longer projected and moves (12-02..12-04, 12-07, Tue 12-08 = 5), same UID
    later = _events(ics(timeline(replace(g, filed=D(2026, 12, 1)), contract, D(2026, 12, 2),
                                 safe=True), contract))
    moved = later["Step 1 meeting — Smith overtime"]
    assert moved.decoded("dtstart") == D(2026, 12, 8) and str(moved["uid"]) == str(meeting["uid"])
    assert len({str(e["uid"]) for e in ev.values()}) == len(ev)


def test_cli_json_and_table_carry_the_safe_date(tmp_path):
    """`lmcore grievance --json`: every dated milestone has safe_due, safe_reading, by_reading; the table a Safe
    column (the Step 1 meeting of a Saturday event, counted above); --remind sets the reminders' lead."""
    run = lambda *a: subprocess.run([sys.executable, "-m", "lmcore", "grievance", "--learned", "2026-11-14",  # noqa: E731
                                     "--as-of", "2026-11-23", *a], capture_output=True, text=True)
    out = json.loads(run("--json").stdout)
    m = {x["name"]: x for x in out["milestones"]}
    assert m["step1_meeting"]["safe_due"] == "2026-12-22"
    assert m["step1_meeting"]["safe_reading"] == {EVENT: "deemed_received_next_workday"}
    assert {"choices": {EVENT: "deemed_received_next_workday"}, "due": "2026-12-22"} in m["step1_meeting"]["by_reading"]
    text = run().stdout
    assert "Safe" in text and "Tue 2026-12-22" in text
    bad = run("--ics", str(tmp_path / "x.ics"), "--remind", "-3")
    assert bad.returncode == 2 and "reminder lead" in bad.stderr
    ok = run("--ics", str(tmp_path / "x.ics"), "--remind", "0")
    assert ok.returncode == 0 and "VALARM" in (tmp_path / "x.ics").read_text()


@pytest.mark.parametrize("learned", [D(2026, 11, 14), D(2026, 11, 2), D(2026, 10, 10)])
def test_the_safe_date_is_one_of_the_readings_dates_and_on_the_right_side(contract, learned):
    """Whatever the record: the safe date is among the dates under the readings, the earliest for the filer's steps
    and the latest for the other side's."""
    for m in timeline(Grievance(learned=learned), contract, AS_OF, safe=True).milestones:
        if m.safe is None or m.safe.too_many:
            continue
        dates = [o.due for o in m.safe.outcomes]
        assert m.safe_due in dates and m.due in dates
        assert m.safe_due == (min(dates) if m.side in ("filer", "either") else max(dates))


def _cli(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "lmcore", *args, "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_flexiplace_decision_the_supervisors_latest_art10_5a():
    """Art. 10 §5.A, 15 calendar days: request Thu 2026-12-10 + 15 = Fri 12-25, Christmas Day. backward → Thu 12-24
    (in use), none → 12-25, forward → Mon 12-28. The decision is the supervisor's: it is late only after Mon 12-28."""
    d = _cli("flexiplace", "clocks", "--requested", "2026-12-10")["decision"]
    roll = "flexiplace.decision_due_nonworkday"
    assert (d["due"], d["safe_due"], d["safe_reading"]) == ("2026-12-24", "2026-12-28", {roll: "forward"})
    assert {"choices": {roll: "none"}, "due": "2026-12-25"} in d["by_reading"] and len(d["by_reading"]) == 3


def test_deadline_command_a_filing_from_a_saturday_art43_7a1():
    """`lmcore deadline 2026-11-14 --rule grievance.step1_filing`: Mon 12-14 or Tue 12-15 (counted above); a filing
    is one's own: Mon 12-14."""
    d = _cli("deadline", "2026-11-14", "--rule", "grievance.step1_filing")
    assert (d["due"], d["safe_due"]) == ("2026-12-14", "2026-12-14")
    assert sorted(x["due"] for x in d["by_reading"]) == ["2026-12-14", "2026-12-15"]


def test_case_printout_shows_the_safe_date_beside_the_due_date(contract):
    """The case log's printable page: learned Sat 2026-11-14, the Step 1 meeting due Mon 12-21 (default reading),
    safe Tue 12-22 under the other reading of the day-1 rule: the date cell and the "Safe dates" section say so; the
    filing (no reading moves it) has no safe-date line; the title a user typed is escaped."""
    from lmcore.storage.printing import case_summary_html
    from lmcore.storage.records import Case

    page = case_summary_html(Case("smith", Grievance(learned=D(2026, 11, 14), title="Smith <b>overtime</b>")), AS_OF, contract)
    meeting = page[page.index("<td>Step 1 meeting</td>"):].split("</tr>", 1)[0]
    assert "Mon 2026-12-21" in meeting and "safe date Tue 2026-12-22" in meeting
    filing = page[page.index("<td>File the grievance at Step 1</td>"):].split("</tr>", 1)[0]
    assert "Mon 2026-12-14" in filing and "safe date" not in filing
    assert "Safe dates: on time whichever reading is taken" in page
    assert "Smith &lt;b&gt;overtime&lt;/b&gt;" in page and "<b>overtime</b>" not in page
