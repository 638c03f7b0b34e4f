"""A part-time employee's tour, part-time compressed schedules and tours past midnight, hand-worked (Art. 4 §2.c(1)(b),
§7, §9; 5 CFR 610.405, 610.406(b)). Pay period Sun 2026-11-15 – Sat 2026-11-28, Thanksgiving Thu 2026-11-26."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from schedule_sheets import EIGHT, WEEK1, WEEK2, days, row, sheet

from lmcore.cli import main
from lmcore.errors import InvalidInput, LmcoreError
from lmcore.schedules import Schedule, TimesheetError, evaluate, parse_tour, read_timesheet

D = dt.date
FIVE = ("08:00", "13:00")  # 5 h, no lunch


# -- the notation --------------------------------------------------------------------------------------------------------
def test_tour_notation_same_each_week_and_two_weeks_art4_7a():
    t = parse_tour("Mon=5,Tue=5,Wed=5,Thu=5")
    # day 0 is the pay period's Sunday: Mon–Thu 300 min in both weeks, 40 h in all
    assert t.minutes == (0, 300, 300, 300, 300, 0, 0) * 2 and t.total == 2400 and t.workdays == 8
    two = parse_tour("W1:Mon=9,Tue=9,Wed=9,Thu=9,Fri=8; W2:monday=9,tue=9,Wed=9,Thu=4:30")
    # week 1: 4 × 9 + 8 = 44 h; week 2: 3 × 9 + 4 h 30 = 31 h 30 → 75 h 30 over 9 days
    assert two.week(0) == (0, 540, 540, 540, 540, 480, 0) and two.week(1) == (0, 540, 540, 540, 270, 0, 0)
    assert two.total == 75 * 60 + 30 and "week 1: Mon 9 h" in two.label


@pytest.mark.parametrize("text, words", [
    ("", "empty"), ("Mon=5;Tue=5", "which week"), ("W1:Mon=5", "names both weeks"), ("W1:Mon=5;W1:Tue=5", "twice"),
    ("Mon=25", "24 hours"), ("Mon=five", "number of hours"), ("Mo=5", "not a day"), ("Mon=5,Mon=4", "given twice"),
    ("Mon=0.001", "whole minutes"), ("Mon=0", "no hours"), ("Mon=5" * 100, "longer"),
])
def test_bad_tours_are_one_line_errors(text, words):
    with pytest.raises(LmcoreError, match=words) as info:
        parse_tour(text)
    assert "\n" not in str(info.value) and info.value.field == "tour"


# -- holidays of a part-timer (class: "a part-time employee's tour") -------------------------------------------------------
def test_part_time_holiday_is_the_tour_hours_that_day_5cfr610_405(contract):
    text = sheet(*days(WEEK1[:4], FIVE), *days(WEEK2[:3], FIVE))  # Mon–Thu 5 h, Thanksgiving off
    res = evaluate(text, Schedule("variable-week", tour=parse_tour("Mon=5,Tue=5,Wed=5,Thu=5")), contract)
    # tour 40 h; Thanksgiving is a 5-hour day of the tour → 5 h off: 35 h; worked 4 × 5 + 3 × 5 = 35 h; pay 35 + 5 = 40
    assert (res.schedule.part_time_hours, res.basic_requirement, res.holiday_hours, res.worked_hours) == (40, 35, 5, 35)
    assert (res.credit_hours_earned, res.shortfall_hours, res.pay_hours, res.credit_hours_cap) == (0, 0, 40, 10)
    assert [(n.day, n.minutes, n.law) for n in res.holidays] == [(D(2026, 11, 26), 300, "5 CFR 610.405")]


def test_part_time_holiday_not_more_than_eight_hours_5cfr610_405(contract):
    text = sheet(*[row(d, ("08:00", "18:30", "12:00", "12:30")) for d in ("2026-11-16", "2026-11-19", "2026-11-23")])
    res = evaluate(text, Schedule("variable-week", tour=parse_tour("Mon=10,Thu=10")), contract)
    # tour Mon and Thu 10 h = 40 h; Thanksgiving's 10-hour day is worth "not to exceed 8 hours" → 40 − 8 = 32 h to account
    # for; worked three 10-hour days = 30 h → 2 h short (no invented even spread: the tour decides)
    assert (res.basic_requirement, res.holiday_hours, res.worked_hours, res.shortfall_hours) == (32, 8, 30, 2)


def test_holiday_on_a_part_timers_day_off_gives_no_other_day_5cfr610_405(contract):
    text = sheet(*days(WEEK1[:3], FIVE), *days(WEEK2[:3], FIVE))
    res = evaluate(text, Schedule("variable-week", tour=parse_tour("Mon=5,Tue=5,Wed=5")), contract)
    # Thanksgiving is a Thursday, off in the tour: "not entitled to an in-lieu-of day" → requirement stays 30 h
    assert (res.basic_requirement, res.holiday_hours, res.worked_hours, res.pay_hours) == (30, 0, 30, 30)
    assert any("gets no other day" in f.message and f.law == "5 CFR 610.405" for f in res.findings)


def test_part_time_hours_without_a_tour_when_no_holiday_art4_7a(contract):
    dec = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-07", "2026-12-08", "2026-12-09"]
    res = evaluate(sheet(*days(dec, ("08:00", "14:45"))), "variable-week", contract, part_time_hours=40)
    # Sun 11-29 – Sat 12-12 has no holiday: the 40 h of §7.a are all that is needed; worked 6 × 6 h 45 = 40 h 30 → 0.5
    # credit hours; each day's scheduled hours are not known (shown as such, not invented)
    assert (res.basic_requirement, res.worked_hours, res.credit_hours_earned) == (40, 40.5, 0.5)
    assert all(d.scheduled is None and d.running is None for d in res.days)


def test_part_time_hours_without_a_tour_in_a_holiday_pay_period_asks_for_it(contract):
    with pytest.raises(InvalidInput, match="tour is needed") as info:
        evaluate(sheet(*days(WEEK1, FIVE)), "variable-week", contract, part_time_hours=40)
    assert info.value.field == "tour" and "Thanksgiving Day" in str(info.value)


def test_tour_and_part_time_hours_must_agree(contract):
    with pytest.raises(InvalidInput, match="not the tour's 40 hours"):
        evaluate(sheet(*days(WEEK1, FIVE)), Schedule("variable-week", 32, tour=parse_tour("Mon=5,Tue=5,Wed=5,Thu=5")), contract)


@pytest.mark.parametrize("kind, tour, words", [
    ("variable-week", "Mon=8,Tue=8,Wed=8,Thu=8,Fri=8", "full-time flexible"),   # 80 h: a full-time flexible schedule has no tour
    ("standard", "Mon=9,Tue=9", "more than 8 hours"),                           # 5 U.S.C. 6101(a)(3): the basic workday
    ("standard", "Mon=5,Sat=4", "Monday through Friday"),                       # §5, on the day shift
    ("flexiplace-opt-out", "Mon=8", "its own tour"),
])
def test_tours_that_do_not_fit_the_schedule_type(contract, kind, tour, words):
    with pytest.raises(LmcoreError, match=words):
        evaluate(sheet(*days(WEEK1, FIVE)), Schedule(kind, tour=parse_tour(tour)), contract)


# -- part-time compressed (§2.c(1)(b)) ------------------------------------------------------------------------------------
def test_part_time_compressed_5_4_9_is_allowed_art4_2c1b(contract):
    tour = parse_tour("W1:Mon=8,Tue=8,Wed=8,Thu=8,Fri=8;W2:Mon=8,Tue=8,Wed=8,Thu=8")
    res = evaluate(sheet(*days(WEEK1, EIGHT), *days(WEEK2[:3], EIGHT)), Schedule("compressed-5-4-9", tour=tour), contract)
    # 5 days + 4 days, 72 h: "less than eighty (80) hours … scheduled for less than ten (10) workdays"; Thanksgiving is an
    # 8-hour day of the tour (5 CFR 610.406(b)) → 72 − 8 = 64 h; worked 5 × 8 + 3 × 8 = 64 h; cap 72 × ¼ = 18 h
    assert (res.schedule.part_time_hours, res.basic_requirement, res.worked_hours, res.shortfall_hours) == (72, 64, 64, 0)
    assert res.credit_hours_cap == 18 and res.holidays[0].law == "5 CFR 610.406(b)"
    assert res.layout is not None and res.layout.label.startswith("the tour given")


@pytest.mark.parametrize("tour, words", [
    ("Mon=7,Tue=7,Wed=7,Thu=7,Fri=7", "less than 10 workdays"),     # 70 h on ten workdays is not compressed (§2.c(1)(b))
    ("W1:Mon=9,Tue=9,Wed=9;W2:Mon=9,Tue=9", "5 days in one week"),  # not the 5-4/9's days
    ("Mon=10,Tue=10,Wed=10,Thu=10,Fri=1", "compressed tour of 82"),  # more than the full-time 80 hours
])
def test_compressed_tours_outside_art4_2c1(contract, tour, words):
    with pytest.raises(LmcoreError, match=words):
        evaluate(sheet(*days(WEEK1, FIVE)), Schedule("compressed-5-4-9", tour=parse_tour(tour)), contract)


def test_full_time_four_day_week_of_ones_own_art4_2c1c(contract):
    tour = parse_tour("Mon=10.5,Tue=10.5,Wed=9.5,Thu=9.5")  # 40 h on four days each week, not four 10-hour days
    res = evaluate(sheet(*days(WEEK1[:4], ("06:30", "17:30", "12:00", "12:30"))), Schedule("compressed-4-10", tour=tour), contract)
    # full-time (80 h, so no part-time hours); Thanksgiving falls on a 9.5-hour Thursday → 80 − 9.5 = 70.5 h
    assert (res.schedule.part_time_hours, res.basic_requirement, res.holiday_hours) == (None, 70.5, 9.5)


# -- tours past midnight (§9) -----------------------------------------------------------------------------------------------
NIGHT = ("22:00", "06:30+1", "02:00+1", "02:30+1")  # 8 h 30 at work less a half-hour break = 8 h, ending the next morning


def test_a_night_tour_past_midnight_is_read_on_the_day_it_begins_art4_9(contract):
    ts = read_timesheet(sheet(row("2026-11-16", NIGHT)))
    e = ts.entries[1]
    # 22:00 = 1320 min; 06:30 the next day = 1440 + 390 = 1830; lunch 02:00+1 = 1560 – 1590 → 8 h worked on Mon 11-16
    assert (e.start, e.end, e.lunch_start, e.lunch_end, e.worked_minutes) == (1320, 1830, 1560, 1590, 480)
    assert ts.to_rows()[1]["end"] == "06:30+1"  # written back the same way


def test_night_shift_counts_without_the_day_band_art4_9(contract):
    text = sheet(*days(WEEK1, NIGHT), *days(WEEK2, NIGHT))  # nine nights of 8 h; none begins on Thanksgiving
    night = evaluate(text, Schedule("variable-week", shift="other"), contract)
    # another shift: no day-shift band, every hour counts: 72 h = 80 − 8 → nothing short, nothing uncounted; pay 80 h
    assert (night.worked_hours, night.basic_requirement, night.uncompensated_hours, night.pay_hours) == (72, 72, 0, 80)
    assert "schedules.other_shifts" in [c.id for c in night.interpretations]
    label = contract.interpretations["schedules.other_shifts"].label  # the finding names it in words, never by id
    shift = next(f.message for f in night.findings if f.cite == "Art. 4 §9")
    assert f"the reading “{label}”" in shift and "schedules.other_shifts" not in shift
    day = evaluate(text, "variable-week", contract)
    # on the day shift the same hours lie outside 6:00 a.m.–7:00 p.m. and count only if ordered → 72 h uncounted
    assert (day.uncompensated_hours, day.shortfall_hours) == (72, 72)


@pytest.mark.parametrize("rows, words", [
    ([row("2026-11-16", ("15:00", "07:00"))], "07:00+1"),   # an end before the start: the fix says +1
    ([row("2026-11-16", ("22:00", "06:30+1")), row("2026-11-17", ("06:00", "14:30"))], "before the tour begun the day before ends"),
    ([row("2026-11-16", ("22:00", "23:30+1"))], "longer than a day"),
    ([row("2026-11-16", ("22:00+1", "23:00+1"))], "not a time of day"),            # a start is never on the next day
    ([row("2026-11-16", ("22:00", "06:30+1", "01:00", "01:30"))], "01:00+1"),       # a lunch after midnight needs its +1
])
def test_past_midnight_mistakes_are_named(rows, words):
    with pytest.raises(TimesheetError, match=words.replace("+", r"\+")):
        read_timesheet(sheet(*rows))


def test_cli_tour_option_json(capsys, tmp_path):
    path = tmp_path / "pt.csv"
    path.write_text(sheet(*days(WEEK1[:4], FIVE), *days(WEEK2[:3], FIVE)))
    code = main(["schedule", "evaluate", str(path), "--schedule", "variable-week", "--tour", "Mon=5,Tue=5,Wed=5,Thu=5", "--json"])
    data = json.loads(capsys.readouterr().out)
    # the hand-worked part-timer above: 35 h required, 35 h worked, Thanksgiving 5 h
    assert code == 0 and (data["basic_requirement"], data["holiday_hours"], data["part_time_hours"]) == (35, 5, 40)
    assert data["tour"] == "Mon 5 h, Tue 5 h, Wed 5 h, Thu 5 h (both weeks)" and data["shift"] == "day"
    assert main(["schedule", "evaluate", "--help"]) == 0
    assert "W1:Mon=9" in capsys.readouterr().out


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(start=st.integers(0, 23 * 60 + 59), length=st.integers(1, 24 * 60), lunch=st.integers(0, 90), at=st.floats(0, 1))
def test_any_tour_up_to_a_day_reads_back_the_same_art4_9(start, length, lunch, at):
    """A tour of any length up to 24 h from any start, with a lunch anywhere inside it: written (with +1 past midnight)
    and read back, the same minutes; worked time is the length less the lunch."""
    from lmcore.schedules.timesheet import fmt_hhmm

    end = start + length
    lunch = min(lunch, length - 1) if length > 1 else 0
    ls = start + int((length - lunch) * at) if lunch else None
    times = (fmt_hhmm(start), fmt_hhmm(end), fmt_hhmm(ls), fmt_hhmm(ls + lunch) if lunch else "")
    e = read_timesheet(sheet(row("2026-11-16", times))).entries[1]
    assert (e.start, e.end) == (start, end) and e.worked_minutes == length - lunch
    again = read_timesheet(sheet(row("2026-11-16", tuple(read_timesheet(sheet(row("2026-11-16", times))).to_rows()[1][c]
                                                          for c in ("start", "end", "lunch_start", "lunch_end"))))).entries[1]
    assert again == e
