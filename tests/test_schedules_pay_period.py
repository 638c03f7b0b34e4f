"""Hand-worked pay periods for each schedule type (Art. 4 §1.a, §2, §5, §8; Art. 5 §10; Art. 10 §6.A).

Pay period Sun 2026-11-15 – Sat 2026-11-28; Thanksgiving is Thu 2026-11-26. Every expected number is counted by
hand in the comment beside it, in hours and minutes.
"""
from __future__ import annotations

import datetime as dt

import pytest
from schedule_sheets import EIGHT, NINE, TEN, WEEK1, WEEK2, days, row, sheet

from lmcore.schedules import evaluate
from lmcore.schedules import Schedule, allowed_patterns, default_pattern, parse_tour

D = dt.date


def cites(res, severity=None):
    return [(f.date, f.cite) for f in res.findings if severity is None or f.severity == severity]


# -- variable week (§2.a(2)) ----------------------------------------------------------------------------------------
VW = sheet(
    row("2026-11-16", EIGHT), row("2026-11-17", ("07:00", "16:45", "12:00", "12:30")),  # Tue 9 h 45 − 30 = 9 h 15
    row("2026-11-18", ("07:00", "15:40", "12:00", "12:30")),                             # Wed 8 h 40 − 30 = 8 h 10
    *days(WEEK1[3:], EIGHT), *days(WEEK2, EIGHT),
)


def test_variable_week_thanksgiving_and_15_minute_rounding_art4_2b1(contract):
    res = evaluate(VW, "variable-week", contract)
    # worked: 7 days × 8 h = 56 h, + 9 h 15 + 8 h 10 = 73 h 25 min
    assert res.worked_hours == pytest.approx(73 + 25 / 60)
    # requirement: 80 h − Thanksgiving 8 h (5 U.S.C. 6124) = 72 h
    assert (res.nominal_requirement, res.basic_requirement, res.holiday_hours) == (80, 72, 8)
    # surplus 1 h 25 min = 85 min → five whole 15-minute increments = 75 min = 1.25 h; 10 minutes earn nothing
    assert res.credit_hours_earned == 1.25
    assert res.uncompensated_hours == pytest.approx(10 / 60)
    assert res.credit_hours_balance == 1.25 and res.credit_hours_forfeited == 0
    # pay: 72 h toward the requirement + 8 h holiday = 80 h (the 1.25 credit hours are banked, paid when used)
    assert (res.regular_hours, res.pay_hours, res.overtime_hours) == (72, 80, 0)
    assert any("10 min" in f.message and f.cite == "Art. 4 §2.b(1)" for f in res.findings)
    # running total against the requirement: Mon 8 − 8 = 0; Tue +1 h 15; Wed +10 min → 1 h 25; Thanksgiving adds nothing
    running = {d.day: round(d.running * 60) for d in res.days}
    assert (running[D(2026, 11, 16)], running[D(2026, 11, 17)], running[D(2026, 11, 18)], running[D(2026, 11, 28)]) == (0, 75, 85, 85)
    # Tue worked 9 h 15 and Wed 8 h 10: more than 8 hours → the §5 notice reminder on both days
    assert (D(2026, 11, 17), "Art. 4 §5") in cites(res, "info") and (D(2026, 11, 18), "Art. 4 §5") in cites(res, "info")
    assert (D(2026, 11, 26), "Art. 4 §1.b") in cites(res)


def test_full_time_carry_over_cap_reached_art4_2b1(contract):
    # brought in 23 h + earned 1.25 h = 24.25 h; the cap is 24 h → carried 24, forfeited 0.25
    res = evaluate(VW, "variable-week", contract, carry_in=23)
    assert (res.credit_hours_in, res.credit_hours_balance, res.credit_hours_forfeited) == (23, 24, 0.25)
    assert [f.severity for f in res.findings if "forfeited" in f.message] == ["warning"]


def test_supervisor_day_end_turns_the_notice_into_a_warning_art4_5(contract):
    # Tue ends 4:45 p.m. (after a 4:30 p.m. supervisor's day) and 9 h 15 > 8 h → warning; Wed ends 3:40 p.m. → none
    res = evaluate(VW, "variable-week", contract, supervisor_day_end="16:30")
    notices = [(f.date, f.severity) for f in res.findings if f.cite == "Art. 4 §5"]
    assert notices == [(D(2026, 11, 17), "warning")]


def test_leave_during_core_hours_needs_approval_and_uncovered_core_is_a_violation_art4_2b2(contract):
    text = sheet(
        row("2026-11-16", ("13:00", "18:00", "", ""), "3", "annual"),  # away 10:00–13:00 = 3 h of core, 3 h annual leave
        row("2026-11-17", ("11:00", "19:00", "13:00", "13:30")),        # away 10:00–11:00 = 1 h of core, no leave
        *days(WEEK1[2:], EIGHT), *days(WEEK2, EIGHT),
    )
    res = evaluate(text, "variable-week", contract)
    core = [(f.date, f.severity) for f in res.findings if f.cite == "Art. 4 §2.b(2)"]
    assert core == [(D(2026, 11, 16), "warning"), (D(2026, 11, 17), "violation")]
    # worked 5 h + 7 h 30 + 7 × 8 h = 68 h 30; + 3 h leave = 71 h 30 against 72 h → 30 minutes short
    assert res.worked_hours == 68.5 and res.leave_hours == 3 and res.shortfall_hours == 0.5
    # Mon worked until 6:00 p.m. (nothing after 6) ; Tue until 7:00 p.m.: 1 h after 6:00 p.m., not ordered → no premium pay
    late = [f for f in res.findings if "premium pay" in f.message]
    assert [(f.date, f.cite) for f in late] == [(D(2026, 11, 17), "Art. 4 §5")] and "1 h after 6:00 p.m." in late[0].message
    # pay: 68 h 30 worked + 3 h annual leave + 8 h holiday = 79 h 30
    assert res.pay_hours == 79.5


def test_credit_hours_used_beyond_the_balance_is_borrowing_art4_2b1(contract):
    text = sheet(*days(WEEK1, EIGHT), *days(WEEK2[:3], EIGHT),
                 row("2026-11-27", ("07:00", "11:00", "", ""), "4", "credit"))  # Fri: 4 h worked + 4 h credit hours
    res = evaluate(text, "variable-week", contract, carry_in=2)
    # worked 8 × 8 h + 4 h = 68 h; + 4 h credit = 72 h = the requirement → nothing earned; 4 h used but only 2 h on hand
    assert (res.worked_hours, res.credit_hours_earned, res.credit_hours_used) == (68, 0, 2)
    assert (res.credit_hours_balance, res.shortfall_hours) == (0, 2)
    assert any(f.severity == "violation" and "borrow" in f.message for f in res.findings)
    # Fri at work 7:00–11:00, so away 11:00–3:00 p.m. = 4 h of core, covered by the credit hours → approval needed
    assert (D(2026, 11, 27), "Art. 4 §2.b(2)") in cites(res, "warning")
    # pay: 68 h + 2 h credit hours used (treated as leave, §8) + 8 h holiday = 78 h
    assert res.pay_hours == 78 and res.paid_leave_hours == 2


def test_awol_does_not_count_toward_the_requirement_art4_2b1(contract):
    text = sheet(row("2026-11-16", ("08:00", "12:00", "", ""), "4", "awol"), *days(WEEK1[1:], EIGHT), *days(WEEK2, EIGHT))
    res = evaluate(text, "variable-week", contract)
    # worked 4 h + 8 × 8 h = 68 h; AWOL 4 h does not count → 4 h short of 72 h; nothing earned
    assert (res.worked_hours, res.awol_hours, res.shortfall_hours, res.credit_hours_earned) == (68, 4, 4, 0)
    assert res.pay_hours == 76  # 68 h + 8 h holiday; AWOL is not paid
    assert (D(2026, 11, 16), "Art. 4 §2.b(1)") in cites(res, "violation")


def test_weekend_work_counts_only_when_ordered_art4_5_and_2b3(contract):
    base = [*days(WEEK1, EIGHT), *days(WEEK2, EIGHT)]
    voluntary = evaluate(sheet(*base, row("2026-11-21", ("09:00", "13:00", "", ""))), "variable-week", contract)
    # Sat 11-21, 4 h, not ordered: outside "Monday through Friday" → not counted, no credit hours
    assert (voluntary.worked_hours, voluntary.credit_hours_earned, voluntary.uncompensated_hours) == (76, 0, 4)
    assert (D(2026, 11, 21), "Art. 4 §5") in cites(voluntary, "violation")
    ordered = evaluate(sheet(*base, row("2026-11-21", ("09:00", "13:00", "", ""), ordered="4")), "variable-week", contract)
    # ordered: week 1 = 5 × 8 h + 4 h = 44 h → 4 h over 40 in the week → 4 h overtime, never credit hours
    assert (ordered.overtime_hours, ordered.credit_hours_earned, ordered.pay_hours) == (4, 0, 84)


def test_band_start_before_six_is_not_counted_art4_5(contract):
    text = sheet(row("2026-11-16", ("05:30", "14:00", "11:00", "11:30")), *days(WEEK1[1:], EIGHT), *days(WEEK2, EIGHT))
    res = evaluate(text, "variable-week", contract)
    # Mon 5:30–14:00 less 30 min = 8 h, of which 5:30–6:00 is outside the band → 7 h 30 counted; total 71 h 30 → 30 min short
    assert (res.worked_hours, res.uncompensated_hours, res.shortfall_hours) == (72, 0.5, 0.5)
    assert (D(2026, 11, 16), "Art. 4 §5") in cites(res, "violation")


def test_lunch_outside_the_window_art5_10(contract):
    text = sheet(row("2026-11-16", ("07:00", "15:30", "10:30", "11:00")), row("2026-11-17", ("07:00", "15:30", "13:45", "14:15")),
                 *days(WEEK1[2:], EIGHT), *days(WEEK2, EIGHT))
    res = evaluate(text, "variable-week", contract)
    # Mon lunch begins 10:30 (< 11:00); Tue lunch ends 14:15 (> 14:00)
    assert [d for d, c in cites(res, "warning") if c == "Art. 5 §10"] == [D(2026, 11, 16), D(2026, 11, 17)]


# -- maxi-flex (§2.a(1)) --------------------------------------------------------------------------------------------
MAXI = sheet(
    *days(WEEK1[1:], TEN),                                   # Tue–Fri week 1: 4 × 10 h = 40 h (Mon 11-16 off)
    *days(WEEK2[:3], TEN),                                   # Mon–Wed week 2: 3 × 10 h = 30 h
    row("2026-11-27", ("08:00", "10:00", "", "")),           # Fri 11-27: 2 h → 72 h in all
)


def test_maxiflex_core_days_only_art4_2a1(contract):
    res = evaluate(MAXI, Schedule("maxiflex", core_days=(2, 3, 4, 9, 10, 11)), contract)  # Tue, Wed, Thu of both weeks
    # 72 h worked = 72 h required (80 − Thanksgiving 8); Mon 11-16 and Fri 11-27 are not core days → no core finding
    assert (res.worked_hours, res.credit_hours_earned, res.shortfall_hours) == (72, 0, 0)
    assert not [f for f in res.findings if f.cite == "Art. 4 §2.b(2)"]
    assert ("Art. 4 §1.a" in [f.cite for f in res.findings]) and any("grandfathered" in f.message for f in res.findings)
    vw = evaluate(MAXI, "variable-week", contract)
    # the same hours on a variable week: core time every workday → Mon 11-16 (away 5 h) and Fri 11-27 (at work 8–10) break it
    assert [d for d, c in cites(vw, "violation") if c == "Art. 4 §2.b(2)"] == [D(2026, 11, 16), D(2026, 11, 27)]


# -- standard (§1.a) ------------------------------------------------------------------------------------------------
def test_standard_ordered_overtime_versus_voluntary_time_art4_2b3(contract):
    std = ("08:00", "16:30", "12:00", "12:30")
    text = sheet(
        row("2026-11-16", ("12:30", "16:30", "", ""), "4", "annual"),        # 4 h worked + 4 h annual leave
        row("2026-11-17", ("08:00", "18:30", "12:00", "12:30"), ordered="2"),  # 10 h, 2 h ordered → 2 h overtime
        row("2026-11-18", ("08:00", "17:30", "12:00", "12:30")),              # 9 h, nothing ordered → 1 h neither OT nor credit
        *days(WEEK1[3:], std), *days(WEEK2, std),                             # 6 × 8 h = 48 h
    )
    res = evaluate(text, "standard", contract)
    # worked 4 + 10 + 9 + 48 = 71 h; overtime 2 h; counted 4 + 8 + 8 + 48 = 68 h; 1 h uncounted
    assert (res.worked_hours, res.overtime_hours, res.regular_hours, res.uncompensated_hours) == (71, 2, 68, 1)
    # pay: 68 h + 2 h overtime + 4 h annual leave + 8 h Thanksgiving = 82 h; no credit hours on a standard schedule
    assert (res.pay_hours, res.credit_hours_earned, res.shortfall_hours) == (82, 0, 0)
    assert (D(2026, 11, 17), "Art. 4 §2.b(3)") in cites(res, "info")
    assert (D(2026, 11, 18), "Art. 4 §2.b(3)") in cites(res, "warning")
    # Tue 6:00–6:30 p.m. was ordered overtime → no premium-pay finding
    assert not [f for f in res.findings if "premium pay" in f.message]


def test_flexiplace_opt_out_tour_is_eight_and_a_half_hours_art10_6A(contract):
    tour = ("07:30", "16:00", "12:00", "12:30")  # 8 h 30 tour, 8 h worked
    short = ("08:00", "16:00", "12:00", "12:30")  # 8 h tour, 7 h 30 worked
    res = evaluate(sheet(row("2026-11-16", short), *days(WEEK1[1:], tour), *days(WEEK2, tour)), "flexiplace-opt-out", contract)
    assert [d for d, c in cites(res, "warning") if c == "Art. 10 §6.A"] == [D(2026, 11, 16)]
    # Mon 7 h 30 of the day's 8 h → 30 minutes neither worked nor on leave
    assert (D(2026, 11, 16), "Art. 10 §6.A") in cites(res, "violation") and res.shortfall_hours == 0.5


# -- compressed 5-4/9 and four-day week (§2.c) ---------------------------------------------------------------------------
def _five_four_nine(off_thursday: bool) -> tuple[str, Schedule]:
    if off_thursday:
        # week 1: Mon–Thu 9 h, Fri 8 h; week 2: Mon, Tue 9 h, Wed 11-25 is the "in lieu of" day, Thu 11-26 off, Fri 9 h
        pat = next(p for p in allowed_patterns("compressed-5-4-9") if p.days_off == (11,) and p.minutes[5] == 480)
        text = sheet(*days(WEEK1[:4], NINE), row("2026-11-20", EIGHT), *days(["2026-11-23", "2026-11-24", "2026-11-27"], NINE))
    else:
        pat = default_pattern("compressed-5-4-9")  # off Fri of week 2 (11-27); 8 h on Fri of week 1 (11-20)
        text = sheet(*days(WEEK1[:4], NINE), row("2026-11-20", EIGHT), *days(WEEK2[:3], NINE))
    return text, Schedule("compressed-5-4-9", layout=pat)


def test_five_four_nine_holiday_on_a_nine_hour_day_5cfr610_406(contract):
    text, sched = _five_four_nine(off_thursday=False)
    res = evaluate(text, sched, contract)
    # Thanksgiving falls on a scheduled 9-hour Thursday → 9 h off: 80 − 9 = 71 h; worked 4 × 9 + 8 + 3 × 9 = 71 h
    assert (res.basic_requirement, res.worked_hours, res.holiday_hours, res.shortfall_hours) == (71, 71, 9, 0)
    assert res.pay_hours == 80 and res.credit_hours_earned == 0
    assert [(n.day, n.minutes, n.law) for n in res.holidays] == [(D(2026, 11, 26), 540, "5 CFR 610.406(a)")]


def test_five_four_nine_holiday_on_the_day_off_gives_an_in_lieu_day_5usc6103b(contract):
    text, sched = _five_four_nine(off_thursday=True)
    res = evaluate(text, sched, contract)
    # Thanksgiving Thu 11-26 is the regular day off → the scheduled workday immediately before, Wed 11-25 (9 h), is the holiday
    assert [(n.day, n.minutes, n.observed_on) for n in res.holidays] == [(D(2026, 11, 25), 540, D(2026, 11, 26))]
    # requirement 80 − 9 = 71 h; worked 4 × 9 + 8 + 3 × 9 = 71 h
    assert (res.basic_requirement, res.worked_hours, res.shortfall_hours, res.pay_hours) == (71, 71, 0, 80)
    assert any(f.law == "5 U.S.C. 6103(b)(2)" and "in lieu of" in f.message for f in res.findings)


def test_five_four_nine_ordered_overtime_versus_voluntary_time_art4_2c2(contract):
    text, sched = _five_four_nine(off_thursday=False)
    text = text.replace("2026-11-25,07:00,16:30", "2026-11-25,07:00,18:30") + ""
    text = text.replace("2026-11-25,07:00,18:30,12:00,12:30,,,", "2026-11-25,07:00,18:30,12:00,12:30,,,1.5")
    res = evaluate(text, sched, contract)
    # Wed 11-25: 11 h worked, 9 h scheduled → 2 h beyond; 1.5 h ordered → 1.5 h overtime; 0.5 h neither OT nor credit hours
    assert (res.overtime_hours, res.uncompensated_hours, res.credit_hours_earned) == (1.5, 0.5, 0)
    # pay: 71 h + 1.5 h overtime + 9 h holiday = 81.5 h
    assert res.pay_hours == 81.5 and res.worked_hours == 73
    assert (D(2026, 11, 25), "Art. 4 §2.c(2)") in cites(res, "warning")
    literal = evaluate(text, sched, contract.with_interpretations({"schedules.compressed_overtime": "all_hours_beyond_schedule"}))
    # under the literal reading of §2.c(2) all 2 h beyond the schedule are overtime
    assert (literal.overtime_hours, literal.uncompensated_hours, literal.pay_hours) == (2, 0, 82)
    assert literal.interpretations[0].choice == "all_hours_beyond_schedule"


def test_five_four_nine_layout_read_from_the_timesheet(contract):
    text, _ = _five_four_nine(off_thursday=False)
    res = evaluate(text, "compressed-5-4-9", contract)
    # no work Fri 11-27 and 8 h on Fri 11-20 → the usual layout (every other Friday off) fits exactly
    assert res.layout == default_pattern("compressed-5-4-9") and res.shortfall_hours == 0


def test_four_day_week_thanksgiving_on_a_ten_hour_day(contract):
    text = sheet(*days(WEEK1[:4], TEN), *days(WEEK2[:3], TEN))  # Mon–Thu, Fridays off; Thu 11-26 Thanksgiving
    res = evaluate(text, "compressed-4-10", contract)
    # requirement 80 − 10 = 70 h; worked 7 × 10 = 70 h; pay 70 + 10 = 80 h
    assert (res.basic_requirement, res.worked_hours, res.holiday_hours, res.pay_hours) == (70, 70, 10, 80)
    assert res.layout is not None and res.layout.days_off == (5, 12)


def test_four_day_week_sunday_holiday_on_a_monday_off_goes_to_the_next_workday_eo11582(contract):
    # Independence Day 2027 is Sun 07-04, observed Mon 07-05; pay period Sun 2027-06-27 – Sat 07-10; Mondays off
    pat = next(p for p in allowed_patterns("compressed-4-10") if p.days_off == (1, 8))
    dates = ["2027-06-29", "2027-06-30", "2027-07-01", "2027-07-02", "2027-07-07", "2027-07-08", "2027-07-09"]
    res = evaluate(sheet(*days(dates, TEN)), Schedule("compressed-4-10", layout=pat), contract)
    # Mon 07-05 is the day off and the holiday is a Sunday → the next scheduled workday, Tue 07-06 (10 h), is the holiday
    assert [(n.day, n.minutes) for n in res.holidays] == [(D(2027, 7, 6), 600)]
    assert (res.basic_requirement, res.worked_hours, res.shortfall_hours) == (70, 70, 0)


def test_in_lieu_day_in_the_previous_pay_period(contract):
    # Labor Day Mon 2026-09-07 is a 4-10 employee's Monday off; the workday before is Fri 09-04, in the pay period
    # Sun 08-23 – Sat 09-05. The pay period from Sun 09-06 loses no hours; the one before loses Fri 09-04's 10 h.
    pat = next(p for p in allowed_patterns("compressed-4-10") if p.days_off == (1, 8))
    sept = ["2026-09-08", "2026-09-09", "2026-09-10", "2026-09-11", "2026-09-15", "2026-09-16", "2026-09-17", "2026-09-18"]
    res = evaluate(sheet(*days(sept, TEN)), Schedule("compressed-4-10", layout=pat), contract)
    assert (res.basic_requirement, res.holidays) == (80, ())
    assert any(f.date == D(2026, 9, 7) and "another pay period" in f.message for f in res.findings)
    aug = ["2026-08-25", "2026-08-26", "2026-08-27", "2026-08-28", "2026-09-01", "2026-09-02", "2026-09-03"]
    before = evaluate(sheet(*days(aug, TEN)), Schedule("compressed-4-10", layout=pat), contract)
    assert [(n.day, n.minutes) for n in before.holidays] == [(D(2026, 9, 4), 600)] and before.basic_requirement == 70


# -- part-time (§7) -------------------------------------------------------------------------------------------------
PT = sheet(
    row("2026-11-16", ("08:00", "14:00", "", "")),  # Mon 6 h
    row("2026-11-17", ("08:00", "11:00", "", "")),  # Tue 3 h
    *days(WEEK1[2:] + WEEK2, ("08:00", "12:00")),  # 7 days × 4 h = 28 h
)


PT_TOUR = Schedule("variable-week", tour=parse_tour("Mon=4,Tue=4,Wed=4,Thu=4,Fri=4"))  # 4 h each weekday = 40 h a pay period


def test_part_time_per_pay_period_reading_art4_7a(contract):
    res = evaluate(PT, PT_TOUR, contract, part_time_hours=40)
    # tour 4 h a weekday = 40 h; Thanksgiving is a 4-hour day of the tour (5 CFR 610.405) → 36 h; worked 6 + 3 + 28 = 37 h
    assert (res.basic_requirement, res.worked_hours, res.holiday_hours) == (36, 37, 4)
    assert (res.credit_hours_earned, res.shortfall_hours, res.credit_hours_cap) == (1, 0, 10)  # cap 40 / 4 = 10 h
    assert res.pay_hours == 40  # 36 h + 4 h holiday
    assert [c.choice for c in res.interpretations] == ["per_pay_period"]
    assert any(f.cite == "Art. 4 §7.c" for f in res.findings) and not [f for f in res.findings if f.cite == "Art. 4 §2.b(2)"]


def test_part_time_per_day_reading_art4_7b(contract):
    per_day = contract.with_interpretations({"schedules.part_time_requirement": "per_day"})
    res = evaluate(PT, PT_TOUR, per_day)
    # Mon 6 h − 4 h = 2 h earned; Tue 3 h − 4 h = 1 h short (not made up by Monday); others exactly 4 h
    assert (res.credit_hours_earned, res.shortfall_hours, res.credit_hours_balance) == (2, 1, 2)
    assert res.pay_hours == 39  # 35 h toward the requirement + 4 h holiday
    assert [c.choice for c in res.interpretations] == ["per_day"]


def test_part_time_carry_over_cap_is_a_quarter_of_the_requirement_art4_2b1(contract):
    text = sheet(*days(WEEK1 + WEEK2, ("08:00", "12:30")))  # 9 days × 4 h 30 = 40 h 30
    res = evaluate(text, PT_TOUR, contract, carry_in=6.5)
    # earned 40 h 30 − 36 h = 4.5 h; 6.5 + 4.5 = 11 h; cap 40 × ¼ = 10 h → carried 10, forfeited 1
    assert (res.credit_hours_earned, res.credit_hours_balance, res.credit_hours_forfeited) == (4.5, 10, 1)


def test_leave_beyond_the_requirement_is_not_charged_art4_8(contract):
    # 9 workdays × 9 h annual leave = 81 h against 72 h (80 − Thanksgiving 8): 9 h are not charged or paid
    res = evaluate(sheet(*[row(d, leave="9", kind="annual") for d in WEEK1 + WEEK2]), "variable-week", contract)
    assert (res.leave_hours, res.paid_leave_hours, res.pay_hours, res.credit_hours_earned) == (81, 72, 80, 0)
    assert any(f.cite == "Art. 4 §8" and f.severity == "warning" and f.message.startswith("9 h of leave") for f in res.findings)
    # leave on the holiday itself is never charged: there was nothing to account for that day
    res = evaluate(sheet(*days(WEEK1 + WEEK2, EIGHT), row("2026-11-26", leave="8", kind="annual")), "variable-week", contract)
    assert (res.paid_leave_hours, res.pay_hours) == (0, 80)
    assert (D(2026, 11, 26), "Art. 4 §8") in cites(res, "warning")
