"""Holidays in a pay period, hand-worked: ordered holiday work is holiday work, never credit hours (Art. 4 §2.b(1);
5 U.S.C. 5546(b), (c), 6124), and the "in lieu of" day of a compressed schedule next to an executive-order closure
(Art. 4 §1.b; 5 U.S.C. 6103(b)(2); reading schedules.in_lieu_next_to_holiday).

Pay period Sun 2026-11-15 – Sat 2026-11-28 holds Thanksgiving, Thu 2026-11-26 (the other nine workdays are WEEK1 +
WEEK2 of schedule_sheets). December 2025: Wed 12-24 and Fri 12-26 closed by executive order, Christmas Thu 12-25, in the
pay period Sun 2025-12-14 – Sat 12-27.
"""
from __future__ import annotations

import datetime as dt

import pytest
from schedule_sheets import EIGHT, TEN, WEEK1, WEEK2, days, row, sheet

from lmcore.schedules import Schedule, allowed_patterns, default_pattern, evaluate, requirement

D = dt.date
NINE_DAYS = [*days(WEEK1, EIGHT), *days(WEEK2, EIGHT)]  # the nine workdays other than Thanksgiving, 8 h each = 72 h
STD = ("08:00", "16:30", "12:00", "12:30")  # 8 h 30 less a half-hour lunch = 8 h


# -- ordered work on a holiday (class: "ordered work on a holiday is not credit hours") -------------------------------------
def test_ordered_thanksgiving_work_is_holiday_work_not_credit_hours_art4_2b1_5usc5546b(contract):
    res = evaluate(sheet(*NINE_DAYS, row("2026-11-26", EIGHT, ordered="8")), "variable-week", contract)
    # requirement 80 − Thanksgiving 8 h (5 U.S.C. 6124) = 72 h, met by the nine other days (9 × 8 h = 72 h).
    # The 8 h ordered on Thanksgiving are holiday work: basic pay + 8 h holiday premium (5546(b): "not in excess of 8
    # hours"); they are not "voluntarily worked", so no credit hours (before: 8 credit hours beside "never credit hours").
    assert (res.worked_hours, res.basic_requirement, res.credit_hours_earned) == (80, 72, 0)
    assert (res.holiday_work_hours, res.holiday_premium_hours, res.holiday_hours) == (8, 8, 0)  # nothing left excused
    # pay: 72 h toward the requirement + 8 h holiday work = 80 h at the basic rate (plus the 8 h premium on top)
    assert (res.pay_hours, res.regular_hours, res.overtime_hours, res.uncompensated_hours) == (80, 72, 0, 0)
    note = next(f for f in res.findings if f.date == D(2026, 11, 26) and "holiday work" in f.message)
    assert "not credit hours" in note.message and "voluntarily" in note.message and note.law == "5 U.S.C. 5546(b); 5 U.S.C. 6124"
    assert not any("credit hours earned" in f.message.lower() for f in res.findings)


def test_part_of_the_holiday_ordered_the_rest_excused_5usc6124(contract):
    res = evaluate(sheet(*NINE_DAYS, row("2026-11-26", ("09:00", "12:00"), ordered="3")), "variable-week", contract)
    # 3 h ordered and worked 9:00–12:00: 3 h holiday work (premium 3 h); the employee was relieved for the other 5 h of
    # the holiday's 8, which stay excused → pay 72 + 5 + 3 = 80 h; no credit hours
    assert (res.holiday_work_hours, res.holiday_premium_hours, res.holiday_hours, res.pay_hours) == (3, 3, 5, 80)
    assert res.credit_hours_earned == 0


def test_one_hour_of_holiday_work_is_paid_two_hours_premium_5usc5546c(contract):
    res = evaluate(sheet(*NINE_DAYS, row("2026-11-26", ("09:00", "10:00"), ordered="1")), "variable-week", contract)
    # "entitled to pay for at least 2 hours of holiday work": 1 h worked → 2 h premium; 7 h stay excused; pay 72 + 7 + 1
    assert (res.holiday_work_hours, res.holiday_premium_hours, res.holiday_hours, res.pay_hours) == (1, 2, 7, 80)
    assert any("at least 2 h" in f.message for f in res.findings if f.date == D(2026, 11, 26))


def test_ordered_ten_hours_on_the_holiday_eight_premium_two_overtime_art4_2b3(contract):
    res = evaluate(sheet(*NINE_DAYS, row("2026-11-26", TEN, ordered="10")), "variable-week", contract)
    # 10 h ordered: the first 8 are holiday work (premium "not in excess of 8 hours"), the last 2 are over 8 h in the day
    # and ordered in advance → overtime (§2.b(3)); pay 72 + 2 + 8 = 82 h
    assert (res.holiday_work_hours, res.holiday_premium_hours, res.overtime_hours, res.pay_hours) == (8, 8, 2, 82)


def test_unordered_holiday_work_counts_for_nothing_art4_5(contract):
    res = evaluate(sheet(*NINE_DAYS, row("2026-11-26", EIGHT)), "variable-week", contract)
    # not ordered: no holiday work, no credit hours; the holiday stays excused (8 h), the 8 h worked are not counted
    assert (res.holiday_work_hours, res.holiday_hours, res.credit_hours_earned, res.uncompensated_hours) == (0, 8, 0, 8)
    assert (D(2026, 11, 26), "violation") in [(f.date, f.severity) for f in res.findings]


def test_standard_schedule_ordered_holiday_work_is_paid_5usc5546b(contract):
    res = evaluate(sheet(*[row(d, STD) for d in WEEK1 + WEEK2], row("2026-11-26", STD, ordered="8")), "standard", contract)
    # standard 8-hour days; 8 h ordered on Thanksgiving: holiday work, paid (before: 8 h "not ordered" and unpaid)
    assert (res.holiday_work_hours, res.uncompensated_hours, res.pay_hours, res.credit_hours_earned) == (8, 0, 80, 0)


def test_four_day_week_holiday_work_premium_reading_5cfr610_406a(contract):
    text = sheet(*days(WEEK1[:4], TEN), *days(WEEK2[:3], TEN), row("2026-11-26", TEN, ordered="10"))  # Fridays off
    res = evaluate(text, "compressed-4-10", contract)
    # Thanksgiving is a 10-hour day: requirement 80 − 10 = 70 h, met by 7 × 10 h; the 10 ordered hours are holiday work,
    # with premium for the compressed day's 10 h (default reading) → pay 70 + 10 = 80 h
    assert (res.basic_requirement, res.holiday_work_hours, res.holiday_premium_hours, res.pay_hours) == (70, 10, 10, 80)
    assert "schedules.compressed_holiday_premium" in [c.id for c in res.interpretations]
    eight = evaluate(text, "compressed-4-10", contract.with_interpretations({"schedules.compressed_holiday_premium": "eight_hours"}))
    # the 8-hour reading of 5 U.S.C. 5546(b): premium for 8 of the 10 hours, the pay hours unchanged
    assert (eight.holiday_premium_hours, eight.pay_hours) == (8, 80)


def test_holiday_hours_count_toward_forty_a_week_5cfr550_132(contract):
    res = evaluate(sheet(*NINE_DAYS, row("2026-11-28", ("09:00", "13:00"), ordered="4")), "variable-week", contract)
    # week 2: Mon–Wed and Fri 4 × 8 = 32 h worked + Thanksgiving's 8 excused hours (part of the basic workweek for
    # overtime, 550.132(c)) = 40 h; the 4 h ordered on Sat 11-28 are past 40 in the week → 4 h overtime, not credit hours
    assert (res.overtime_hours, res.credit_hours_earned, res.pay_hours) == (4, 0, 84)


def test_office_closure_work_is_paid_as_work_not_premium(contract):
    snowy = contract.with_closures({D(2026, 12, 1): "Snow"})
    dec = ["2026-11-30", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]
    res = evaluate(sheet(*days(dec, EIGHT), row("2026-12-01", EIGHT, ordered="8")), "variable-week", snowy)
    # pay period Sun 11-29 – Sat 12-12, snow closure Tue 12-01 (80 − 8 = 72 h excused, 5 U.S.C. 6329a); ordered to work it:
    # 8 h paid as worked, no holiday premium (a closure is not a holiday), no credit hours; pay 72 + 8 = 80
    assert (res.holiday_work_hours, res.holiday_premium_hours, res.credit_hours_earned, res.pay_hours) == (8, 0, 0, 80)


# -- "in lieu of" days next to executive-order closures (class: "in lieu of holidays next to an E.O. closure") ------------
DEC_2025 = D(2025, 12, 14)  # Sun 2025-12-14 – Sat 12-27: E.O. Wed 12-24, Christmas Thu 12-25, E.O. Fri 12-26


def _days(req):
    return [(n.day, n.minutes // 60) for n in req.holidays]


def test_eo_closure_on_the_friday_off_next_to_christmas_art4_1b_5usc6103b(contract):
    five_four_nine = Schedule("compressed-5-4-9", layout=default_pattern("compressed-5-4-9"))  # off Fri 12-26, 8 h Fri 12-19
    req = requirement(five_four_nine, DEC_2025, contract)
    # Wed 12-24 (E.O.) and Thu 12-25 are 9-hour days: 9 h off each (5 CFR 610.406(a)). Fri 12-26 (E.O.) is the day off: the
    # workday immediately before (6103(b)(2)) is Thu 12-25, already Christmas, then Wed 12-24, already closed → the next
    # free scheduled workday, Tue 12-23 (9 h), is the "in lieu of" day. 80 − 3 × 9 = 53 h (before: 62 h, the day dropped)
    assert _days(req) == [(D(2025, 12, 23), 9), (D(2025, 12, 24), 9), (D(2025, 12, 25), 9)] and req.minutes == 53 * 60
    note = next(n for n in req.holidays if n.day == D(2025, 12, 23))
    assert note.observed_on == D(2025, 12, 26) and "passing over Thu 12-25 (Christmas Day), Wed 12-24 (Christmas Eve)" in note.note
    # the reading it relied on is named by its label (interpretations.yaml), not its program id, and reported on the answer
    label = contract.interpretations["schedules.in_lieu_next_to_holiday"].label
    assert f"the reading “{label}”" in note.note and "schedules." not in note.note
    assert note.reading == "schedules.in_lieu_next_to_holiday"


def test_eo_closure_in_lieu_reading_none_says_so(contract):
    none = contract.with_interpretations({"schedules.in_lieu_next_to_holiday": "none"})
    req = requirement(Schedule("compressed-5-4-9", layout=default_pattern("compressed-5-4-9")), DEC_2025, none)
    # the alternative reading: no other day for Fri 12-26 → 80 − 9 − 9 = 62 h, and a note says why (never silently)
    assert _days(req) == [(D(2025, 12, 24), 9), (D(2025, 12, 25), 9)] and req.minutes == 62 * 60
    assert [n.observed_on for n in req.outside] == [D(2025, 12, 26)] and "no \"in lieu of\" day" in req.outside[0].note
    reading = none.interpretations["schedules.in_lieu_next_to_holiday"]
    assert f"under the reading “{reading.label}” ({reading.options['none']})" in req.outside[0].note


def test_four_day_week_with_fridays_off_december_2025(contract):
    req = requirement(Schedule("compressed-4-10", layout=default_pattern("compressed-4-10")), DEC_2025, contract)
    # Wed 12-24 and Thu 12-25 are 10-hour days (10 h off each); Fri 12-26 off → past Thu and Wed to Tue 12-23 (10 h):
    # 80 − 30 = 50 h
    assert _days(req) == [(D(2025, 12, 23), 10), (D(2025, 12, 24), 10), (D(2025, 12, 25), 10)] and req.minutes == 50 * 60


def test_eo_closure_2014_in_lieu_day_wednesday(contract):
    # Sun 2014-12-14 – Sat 12-27: Christmas Thu 12-25, E.O. closure Fri 12-26 on a 4-10's Friday off. The workday before,
    # Thu 12-25, is Christmas → Wed 12-24 (a plain workday in 2014) is the in-lieu day: 80 − 10 − 10 = 60 h
    req = requirement(Schedule("compressed-4-10", layout=default_pattern("compressed-4-10")), D(2014, 12, 14), contract)
    assert _days(req) == [(D(2014, 12, 24), 10), (D(2014, 12, 25), 10)] and req.minutes == 60 * 60


def test_christmas_on_a_tuesday_off_next_to_the_eo_monday_2018(contract):
    tue = next(p for p in allowed_patterns("compressed-4-10") if p.days_off == (2, 9))  # Tuesdays off
    req = requirement(Schedule("compressed-4-10", layout=tue), D(2018, 12, 23), contract)
    # Sun 2018-12-23 – Sat 2019-01-05: Mon 12-24 (E.O.) is a 10-hour day → 10 h off; Christmas Tue 12-25 is the day off,
    # the workday before is the closed Monday → Fri 12-21, in the previous pay period (said beside this one); New Year's
    # Day Tue 01-01 (day off) → Mon 12-31 (10 h). 80 − 10 − 10 = 60 h
    assert _days(req) == [(D(2018, 12, 24), 10), (D(2018, 12, 31), 10)] and req.minutes == 60 * 60
    assert [(n.day, n.observed_on) for n in req.outside] == [(D(2018, 12, 21), D(2018, 12, 25))]
    assert "another pay period" in req.outside[0].note


def test_eo_day_in_lieu_reading_is_reported_on_the_answer(contract):
    dec = ["2025-12-15", "2025-12-16", "2025-12-17", "2025-12-18", "2025-12-22"]
    res = evaluate(sheet(*days(dec[:4], ("07:00", "16:30", "12:00", "12:30")), row("2025-12-19", EIGHT),
                         row("2025-12-22", ("07:00", "16:30", "12:00", "12:30"))),
                   Schedule("compressed-5-4-9", layout=default_pattern("compressed-5-4-9")), contract)
    # worked Mon–Thu 9 h + Fri 8 h (week 1) + Mon 12-22 9 h = 53 h = the requirement (80 − 27): nothing short
    assert (res.basic_requirement, res.worked_hours, res.shortfall_hours) == (53, 53, 0)
    assert {"schedules.in_lieu_next_to_holiday", "calendar.executive_order_closures"} <= {c.id for c in res.interpretations}


# -- half-day closings -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind, hours", [("variable-week", 4), ("standard", 4)])
def test_half_day_closing_excuses_half_the_day_and_stays_a_workday(contract, kind, hours):
    # Christmas Eve 2015 (Thu) closed for the last half of the day and Christmas Fri 12-25, in Sun 2015-12-13 – Sat 12-26.
    req = requirement(Schedule(kind), D(2015, 12, 13), contract)
    # the last half of the 8-hour day excused (4 h) and 8 h for Christmas: 80 − 4 − 8 = 68 h; the 24th (day 11) stays a workday
    assert [(n.day, n.minutes // 60) for n in req.holidays] == [(D(2015, 12, 24), hours), (D(2015, 12, 25), 8)]
    assert req.minutes == 68 * 60 and req.band[11] and not req.band[12]


def test_in_lieu_day_on_a_half_day_closing_takes_the_whole_day(contract):
    # Sun 2009-12-20 – Sat 2010-01-02; a 5-4/9 off Fri of week 1 (12-25, Christmas) with the 8-hour day on Mon 12-21.
    # Christmas on the day off → the workday before, Thu 12-24 (9 h), is the in-lieu day; that Thursday was also a
    # half-day closing (4 h 30 of it), which the whole day off replaces. New Year's Day Fri 01-01 is a 9-hour day.
    # 80 − 9 − 9 = 62 h
    pat = next(p for p in allowed_patterns("compressed-5-4-9") if p.days_off == (5,) and p.minutes[1] == 480)
    req = requirement(Schedule("compressed-5-4-9", layout=pat), D(2009, 12, 20), contract)
    assert _days(req) == [(D(2009, 12, 24), 9), (D(2010, 1, 1), 9)] and req.minutes == 62 * 60
    assert "adds nothing" in req.holidays[0].note


def test_half_day_morning_counts_toward_the_requirement(contract):
    dec = ["2015-12-14", "2015-12-15", "2015-12-16", "2015-12-17", "2015-12-18", "2015-12-21", "2015-12-22", "2015-12-23"]
    res = evaluate(sheet(*days(dec, EIGHT), row("2015-12-24", ("08:00", "12:00"))), "variable-week", contract)
    # 8 days × 8 h + the morning of the half day 4 h = 68 h = the requirement (80 − 4 − 8): the morning counts
    assert (res.worked_hours, res.basic_requirement, res.shortfall_hours, res.uncompensated_hours) == (68, 68, 0, 0)


def test_part_timer_ordered_past_the_tour_on_a_holiday_5usc5546b(contract):
    tour = Schedule("variable-week", tour=__import__("lmcore").schedules.parse_tour("Mon=5,Tue=5,Wed=5,Thu=5"))
    five = ("08:00", "13:00")
    text = sheet(*days(WEEK1[:4], five), *days(WEEK2[:3], five), row("2026-11-26", ("08:00", "15:00"), ordered="7"))
    res = evaluate(text, tour, contract)
    # tour Mon–Thu 5 h (40 h); Thanksgiving's 5 tour hours ordered and worked: holiday work; 2 more ordered hours are not
    # over 8 h that day, so not overtime: holiday premium covers all 7 non-overtime hours (5546(b): up to 8). The 35 h of
    # the other days meet the 35-hour requirement (40 − 5), so the 2 ordered hours are paid as worked, never credit hours.
    assert (res.basic_requirement, res.holiday_work_hours, res.holiday_premium_hours) == (35, 5, 7)
    assert (res.credit_hours_earned, res.regular_hours, res.pay_hours) == (0, 37, 42)


# -- properties over pay periods of 1971–2098 and every compressed layout (hypothesis) ---------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lmcore.schedules import pay_period_start  # noqa: E402

LAYOUTS = [p for k in ("compressed-5-4-9", "compressed-4-10") for p in allowed_patterns(k)]


@settings(max_examples=200, deadline=None)
@given(day=st.dates(D(1971, 2, 1), D(2098, 11, 30)), layout=st.sampled_from(LAYOUTS), none=st.booleans())
def test_in_lieu_days_land_on_free_scheduled_days(contract, day, layout, none):
    """Every holiday note of a full-time compressed schedule is on a scheduled workday of the layout, no two on one day
    (an in-lieu day on a half-day closing takes the whole day);
    an in-lieu day is never itself a holiday or closure (next_free_workday); the requirement is the layout's hours less
    exactly the notes' hours."""
    c = contract.with_interpretations({"schedules.in_lieu_next_to_holiday": "none"}) if none else contract
    start = pay_period_start(day)
    req = requirement(Schedule(layout.kind, layout=layout), start, c)
    days = [n.day for n in req.holidays]
    assert len(days) == len(set(days))
    for n in req.holidays:
        i = (n.day - start).days
        half = "half-day" in n.name  # a half-day closing excuses the last half of the day (2002, 2009, 2015)
        assert 0 <= i < 14 and layout.minutes[i] > 0 and n.minutes == (layout.minutes[i] // 2 if half else layout.minutes[i])
        if n.observed_on is not None:
            assert n.day not in c.calendar.holidays and n.observed_on != n.day
    assert req.minutes == sum(layout.minutes) - sum(n.minutes for n in req.holidays) == sum(req.scheduled)
    assert not (none and any(n.observed_on is not None and "passing over" in n.note for n in req.holidays))


@settings(max_examples=200, deadline=None)
@given(day=st.dates(D(1971, 2, 1), D(2098, 11, 30)), hours=st.lists(st.integers(0, 39), min_size=4, max_size=4))
def test_part_time_holidays_are_the_tour_hours_up_to_eight(contract, day, hours):
    """5 CFR 610.405: a part-timer's holiday takes the tour's hours that day, at most 8, off the requirement; a holiday on a
    day with no hours takes nothing; the rest of the tour's hours stay to account for."""
    from lmcore.schedules import parse_tour

    if not any(hours):
        return
    # Mon–Thu up to 9.75 h each (a part-time tour stays under 80 h: 4 × 9.75 × 2 = 78)
    tour = parse_tour(",".join(f"{d}={q / 4:g}" for d, q in zip(("Mon", "Tue", "Wed", "Thu"), hours)))
    start = pay_period_start(day)
    req = requirement(Schedule("variable-week", tour=tour), start, contract)
    for n in req.holidays:
        i = (n.day - start).days
        worth = min(tour.minutes[i], 8 * 60)
        assert n.minutes == (worth // 2 if "half-day" in n.name else worth) and req.scheduled[i] == tour.minutes[i] - n.minutes
    assert req.minutes == tour.total - sum(n.minutes for n in req.holidays)
