"""Schedule types and their layouts (Art. 4 §1.a, §2.a, §2.c(1)(c)), the basic work requirement and holidays (§1.b, law)."""
from __future__ import annotations

import datetime as dt

import pytest

from lmcore.errors import InvalidInput, OutOfRange
from lmcore.schedules import (KINDS, Schedule, Terms, allowed_patterns, default_pattern, describe, nominal_minutes,
                              parse_core_days, parse_kind, parse_tour, requirement, usual_entries)
from lmcore.schedules.tours import checked_schedule

PP = dt.date(2026, 11, 15)  # Sun 2026-11-15 – Sat 11-28, Thanksgiving Thu 11-26 (day 11)


def test_five_four_nine_has_ninety_layouts_art4_2c1c():
    pats = allowed_patterns("compressed-5-4-9")
    # 2 choices of the 5-day week × 5 weekdays off in the 4-day week × 9 places for the 8-hour day = 90
    assert len(pats) == 90 and len(set(p.minutes for p in pats)) == 90
    for p in pats:
        week1 = [m for m in p.minutes[:7] if m]
        week2 = [m for m in p.minutes[7:] if m]
        assert sorted([len(week1), len(week2)]) == [4, 5]                 # "five (5) days in one week and four (4) days the next"
        assert sum(p.minutes) == 80 * 60                                  # "eighty (80) hours for the biweekly pay period"
        assert sorted(m for m in p.minutes if m) == [480] + [540] * 8     # eight 9-hour days and one 8-hour day
        assert p.minutes[0] == p.minutes[6] == p.minutes[7] == p.minutes[13] == 0  # no weekend work
        assert len(p.days_off) == 1


def test_four_day_week_has_twenty_five_layouts_art4_2c1c():
    pats = allowed_patterns("compressed-4-10")
    assert len(pats) == 25  # a weekday off in week 1 × a weekday off in week 2 = 5 × 5
    for p in pats:
        assert sum(p.minutes[:7]) == sum(p.minutes[7:]) == 40 * 60  # "forty (40) hours, four (4) days each week"
        assert sorted(set(p.minutes) - {0}) == [600]


def test_fixed_and_flexible_layouts():
    assert [p.minutes for p in allowed_patterns("standard")] == [(0, 480, 480, 480, 480, 480, 0) * 2]
    assert len(allowed_patterns("flexiplace-opt-out")) == 1
    with pytest.raises(InvalidInput, match="no fixed layout"):
        allowed_patterns("variable-week")
    assert default_pattern("compressed-5-4-9").days_off == (12,) and default_pattern("compressed-5-4-9").minutes[5] == 480
    assert default_pattern("compressed-4-10").days_off == (5, 12)


def test_parse_kind_and_core_days():
    assert parse_kind("5-4/9") == "compressed-5-4-9" and parse_kind("Variable Week") == "variable-week"
    assert parse_kind("4-10") == "compressed-4-10" and set(KINDS) == {parse_kind(k) for k in KINDS}
    with pytest.raises(InvalidInput, match="not a schedule type"):
        parse_kind("gliding")
    assert parse_core_days("Tue, Wed,Thu") == (2, 3, 4, 9, 10, 11)  # both weeks
    assert parse_core_days("Mon1,Fri2") == (1, 12)
    with pytest.raises(InvalidInput):
        parse_core_days("Sat")


def test_schedule_checks_art4_2a1_and_2c1b(contract):
    terms = Terms.of(contract)
    # §2.a(1): maxi-flex has core time on "fewer than ten (10) workdays"; all ten is a variable week
    with pytest.raises(InvalidInput, match="fewer than 10"):
        checked_schedule(Schedule("maxiflex", core_days=tuple(i for i in range(14) if i % 7 in range(1, 6))), terms)
    # §2.c(1)(b): a part-time compressed schedule exists, but the contract gives it no layout: its tour is needed
    with pytest.raises(InvalidInput, match="needs its tour"):
        checked_schedule(Schedule("compressed-5-4-9", part_time_hours=40), terms)
    # part-time is less than the full-time 80 hours of §2.a(2)
    with pytest.raises(OutOfRange, match="less than the full-time 80"):
        checked_schedule(Schedule("variable-week", part_time_hours=80), terms)
    with pytest.raises(OutOfRange, match="whole minutes"):
        Schedule("variable-week", part_time_hours=32.001)
    with pytest.raises(InvalidInput):
        Schedule("compressed-5-4-9", layout=default_pattern("compressed-4-10"))
    with pytest.raises(InvalidInput, match="only on a maxi-flex"):
        Schedule("variable-week", core_days=(2,))


def test_part_time_has_no_invented_even_spread_art4_7a(contract):
    # without a tour a part-timer's days are not known (None), never 40 h spread over ten days
    assert nominal_minutes(Schedule("variable-week", 40), Terms.of(contract)) is None
    tour = parse_tour("Mon=5,Tue=5,Wed=5,Thu=5")
    # Mon–Thu 5 h = 300 min in both weeks; Fri and the weekends off
    assert tour.minutes == (0, 300, 300, 300, 300, 0, 0) * 2 and tour.total == 40 * 60


def test_requirement_thanksgiving_full_time_and_part_time_5usc6124_5cfr610_405(contract):
    full = requirement(Schedule("variable-week"), PP, contract)
    assert (full.nominal_minutes, full.minutes, full.holiday[11]) == (4800, 4320, 480)   # 80 h − 8 h = 72 h
    part = requirement(Schedule("standard", tour=parse_tour("Mon=4,Tue=4,Wed=4,Thu=4")), PP, contract)
    # tour Mon–Thu 4 h = 32 h; Thanksgiving Thu 11-26 is a 4-hour day of the tour → 32 − 4 = 28 h
    assert (part.minutes, part.holiday[11], part.holidays[0].law) == (28 * 60, 240, "5 U.S.C. 6103(a); 5 U.S.C. 6101(a)(3)")


def test_requirement_christmas_and_new_year_2027(contract):
    # Sun 2026-12-27 – Sat 2027-01-09: New Year's Day Fri 2027-01-01 → 80 − 8 = 72 h
    req = requirement(Schedule("standard"), dt.date(2026, 12, 27), contract)
    assert [(n.day, n.name) for n in req.holidays] == [(dt.date(2027, 1, 1), "New Year's Day")] and req.minutes == 72 * 60


def test_requirement_saturday_holiday_on_a_friday_off(contract):
    # Juneteenth 2027 is Sat 06-19, observed Fri 06-18. Pay period Sun 06-13 – Sat 06-26. A 5-4/9 with Fri of week 1 off:
    # the workday immediately before the day off, Thu 06-17 (9 h), is the "in lieu of" holiday (5 U.S.C. 6103(b))
    pat = next(p for p in allowed_patterns("compressed-5-4-9") if p.days_off == (5,) and p.minutes[12] == 480)
    req = requirement(Schedule("compressed-5-4-9", layout=pat), dt.date(2027, 6, 13), contract)
    assert [(n.day, n.minutes, n.observed_on) for n in req.holidays] == [(dt.date(2027, 6, 17), 540, dt.date(2027, 6, 18))]
    assert req.minutes == 80 * 60 - 540


def test_usual_timesheet_and_description(contract):
    ts = usual_entries(Schedule("compressed-4-10"), PP, contract)
    worked = [e.worked_minutes for e in ts.entries]
    assert worked == [0, 600, 600, 600, 600, 0, 0, 0, 600, 600, 600, 0, 0, 0]  # Fridays off, Thanksgiving blank
    assert "Art. 10 §6.A" in describe(Schedule("flexiplace-opt-out"), contract)
    assert "grandfathered" in describe(Schedule("maxiflex"), contract)


def test_office_closure_excuses_the_scheduled_hours(contract):
    # a snow closure on Tue 2026-12-01 (pay period Sun 11-29 – Sat 12-12): 80 − 8 = 72 h, excused (5 U.S.C. 6329a)
    snowy = contract.with_closures({dt.date(2026, 12, 1): "Snow"})
    req = requirement(Schedule("variable-week"), dt.date(2026, 11, 29), snowy)
    assert [(n.day, n.name, n.minutes, n.law) for n in req.holidays] == [(dt.date(2026, 12, 1), "Closure: Snow", 480, "5 U.S.C. 6329a")]
    assert req.minutes == 72 * 60
