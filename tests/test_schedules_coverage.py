"""Office coverage (Art. 4 §10): the 8½-hour office day, Monday through Friday, head-count per half hour and the gaps."""
from __future__ import annotations

import datetime as dt

import pytest
from schedule_sheets import row, sheet

from lmcore.schedules.coverage import coverage, office_slots, team_from_text, team_from_timesheets
from lmcore.errors import InvalidInput, OutOfRange

PP = dt.date(2026, 11, 15)
TEAM = """Ana, 07:00, 15:30, 11:30, 12:00
Ben, 09:00, 17:30, 12:00, 12:30, off Fri2
# a comment line is skipped
Cy, 06:30, 17:00, 12:30, 13:00, off Mon"""


def test_office_day_is_eight_and_a_half_hours_art4_10b(contract):
    slots = office_slots(contract)
    # 8:00 a.m. + 8 h 30 = 4:30 p.m. → 17 half hours, the last 4:00–4:30 p.m.
    assert (len(slots), slots[0], slots[-1]) == (17, 480, 960)
    assert office_slots(contract, "07:00")[-1] == 900
    with pytest.raises(OutOfRange, match="outside"):
        office_slots(contract, "11:00")  # would end 7:30 p.m., past the 7:00 p.m. band (§5)


def test_head_count_and_gaps_art4_10(contract):
    cov = coverage(team_from_text(TEAM, PP), contract)
    # Thanksgiving Thu 11-26 closed → 9 office days; weekends are not office days
    assert len(cov.days) == 9 and cov.closed == ((dt.date(2026, 11, 26), "Thanksgiving Day"),)
    mon = list(cov.counts[0])
    # Mon 11-16 (Cy off): 8:00, 8:30 Ana only (Ben from 9:00) = 1; 9:00–11:30 Ana + Ben = 2; 11:30 Ana at lunch = 1;
    # 12:00 Ben at lunch = 1; 12:30–3:30 p.m. both = 2; 3:30, 4:00 Ben only (Ana left 3:30) = 1
    assert mon == [1, 1, 2, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1]
    assert list(cov.counts[1])[:3] == [2, 2, 3]  # Tue: Cy from 6:30 too
    assert cov.gaps == ()
    cov2 = coverage(team_from_text(TEAM, PP), contract, minimum=2)
    # at least 2 needed: Monday's six half hours with 1 (Cy is off Mondays)
    monday = [str(g) for g in cov2.gaps if g.day == dt.date(2026, 11, 16)]
    assert monday == ["Mon 2026-11-16 8:00 a.m.–8:30 a.m.: 1 at work", "Mon 2026-11-16 8:30 a.m.–9:00 a.m.: 1 at work",
                      "Mon 2026-11-16 11:30 a.m.–12:00 p.m.: 1 at work", "Mon 2026-11-16 12:00 p.m.–12:30 p.m.: 1 at work",
                      "Mon 2026-11-16 3:30 p.m.–4:00 p.m.: 1 at work", "Mon 2026-11-16 4:00 p.m.–4:30 p.m.: 1 at work"]
    # Fri 11-27 (Ben off Fri2): Ana and Cy. One person at 11:30 (Ana's lunch), 12:30 (Cy's lunch), 3:30 and 4:00 p.m. (Ana gone)
    friday = [g.start for g in cov2.gaps if g.day == dt.date(2026, 11, 27)]
    assert friday == [690, 750, 930, 960]
    assert "Gaps Mon 2026-11-16" in cov2.explain()


def test_timesheets_and_partial_half_hours_count_as_absent(contract):
    a = sheet(row("2026-11-16", ("08:15", "16:30", "12:10", "12:40")))  # arrives 8:15; lunch 12:10–12:40
    cov = coverage(team_from_timesheets({"Ana": a}), contract)
    mon = list(cov.counts[0])
    # 8:00–8:30 only partly at work → 0; lunch overlaps 12:00–12:30 and 12:30–1:00 → 0 in both
    assert mon[0] == 0 and mon[1] == 1 and mon[8] == 0 and mon[9] == 0 and mon[10] == 1
    assert all(c == 0 for c in cov.counts[1])  # nothing on the other days


def test_bad_team_lines(contract):
    with pytest.raises(InvalidInput, match="line 1"):
        team_from_text("Ana, 07:00", PP)
    with pytest.raises(InvalidInput, match="not a day off"):
        team_from_text("Ana, 07:00, 15:30, , , off Sat", PP)
    with pytest.raises(InvalidInput, match="listed twice"):
        team_from_text("Ana, 07:00, 15:30\nAna, 08:00, 16:30", PP)
    with pytest.raises(InvalidInput, match="later end"):
        team_from_text("Ana, 15:30, 07:00", PP)
    with pytest.raises(InvalidInput, match="no one"):
        team_from_text("\n# nobody\n", PP)
    with pytest.raises(OutOfRange):
        coverage(team_from_text("Ana, 07:00, 15:30", PP), contract, minimum=0)
