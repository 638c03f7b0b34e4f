"""Reading a timesheet strictly: every malformed cell is an error naming the row (header = row 1) and the column."""
from __future__ import annotations

import datetime as dt

import pytest
from schedule_sheets import EIGHT, HEADER, row, sheet

from lmcore.errors import InvalidInput, LmcoreError
from lmcore.schedules import TimesheetError, pay_period_start, read_timesheet
from lmcore.schedules.timesheet import fmt_clock


def test_reads_a_csv_and_fills_the_blank_days():
    ts = read_timesheet(sheet(row("2026-11-17", EIGHT, "1.5", "Annual Leave")))
    # Tue 2026-11-17 lies in the pay period Sun 11-15 – Sat 11-28 (periods every 14 days from Sun 2026-01-11)
    assert (ts.period_start, ts.period_end, len(ts.entries)) == (dt.date(2026, 11, 15), dt.date(2026, 11, 28), 14)
    e = ts.entries[2]
    assert (e.day, e.start, e.end, e.lunch_start, e.lunch_end) == (dt.date(2026, 11, 17), 420, 930, 720, 750)
    assert (e.worked_minutes, e.leave_minutes, e.leave_kind) == (480, 90, "annual")
    assert ts.entries[0].start is None and ts.entries[0].worked_minutes == 0


def test_pay_period_grid():
    # 2026-01-11 + 22 × 14 days = 2026-11-15; Thanksgiving week belongs to it; 2026-11-29 starts the next one
    assert pay_period_start(dt.date(2026, 11, 26)) == dt.date(2026, 11, 15)
    assert pay_period_start(dt.date(2026, 11, 29)) == dt.date(2026, 11, 29)
    assert pay_period_start(dt.date(2026, 11, 14)) == dt.date(2026, 11, 1)


def test_reads_a_dataframe_and_a_list_of_dicts():
    import pandas as pd

    df = pd.DataFrame([{"date": "2026-11-16", "start": "7:30", "end": "16:00", "lunch_start": None, "lunch_end": None}])
    ts = read_timesheet(df)
    assert ts.entries[1].start == 450 and ts.entries[1].lunch_start is None
    rows = [{"Date": "2026-11-16", "Start": "07:30", "End": "16:00", "Lunch Start": "", "Lunch End": ""}]
    assert read_timesheet(rows).entries[1].end == 960


def test_round_trip_to_csv():
    ts = read_timesheet(sheet(row("2026-11-16", EIGHT, "2", "sick", "1")))
    again = read_timesheet(ts.to_csv())
    assert again == ts.__class__(ts.period_start, tuple(e.__class__(**{**e.__dict__, "row": a.row}) for e, a in zip(ts.entries, again.entries)))


@pytest.mark.parametrize("text, row_no, column, words", [
    ("date,start,end,lunch_start\n2026-11-16,07:00,15:30,\n", 1, "lunch_end", "missing"),
    (sheet(row("2026-11-16", ("07:00", "25:00", "", ""))), 2, "end", "'25:00' is not a time"),
    (sheet(row("2026-11-16", EIGHT), row("2026-11-17", ("15:00", "07:00", "", ""))), 3, "end", "not after the start"),
    (sheet(row("2026-11-16", EIGHT), row("2026-11-30", EIGHT)), 3, "date", "outside"),
    (sheet(row("2026-11-16", EIGHT), row("2026-11-16", EIGHT)), 3, "date", "second row for 2026-11-16"),
    (sheet(row("2026-11-16", ("07:00", "", "", ""))), 2, "end", "blank"),
    (sheet(row("2026-11-16", ("07:00", "15:30", "12:00", ""))), 2, "lunch_end", "one end of the lunch"),
    (sheet(row("2026-11-16", ("07:00", "15:30", "06:00", "06:30"))), 2, "lunch_start", "not inside the day"),
    (sheet(row("2026-11-16", ("07:00", "15:30", "12:30", "12:00"))), 2, "lunch_end", "not after its start"),
    (sheet(row("2026-11-16", EIGHT, "2")), 2, "leave_kind", "without their kind"),
    (sheet(row("2026-11-16", EIGHT, "2", "vacation day")), 2, "leave_kind", "not a kind of leave"),
    (sheet(row("2026-11-16", EIGHT, "0.301", "credit")), 2, "leave_hours", "whole minutes"),
    (sheet(row("2026-11-16", EIGHT, "lots", "annual")), 2, "leave_hours", "not a number"),
    (sheet(row("2026-11-16", EIGHT, "", "", "-1")), 2, "overtime_ordered_hours", "0 to 24"),
    (sheet(row("2026-13-16", EIGHT)), 2, "date", "not a date"),
    (sheet(row("2026-11-16", EIGHT, "8", "holiday")), 2, "leave_kind", "holiday is not leave"),
    (HEADER + ",overtime\n", 1, "overtime", "not a timesheet column"),
    (sheet(row("2026-11-16", ("00:30", "23:30", "", ""), "2", "annual")), 2, "leave_hours", "more than a day"),  # 23 h + 2 h
])
def test_malformed_cells_name_the_row_and_column(text, row_no, column, words):
    with pytest.raises(TimesheetError) as info:
        read_timesheet(text)
    err = info.value
    assert (err.row, err.column) == (row_no, column)
    assert f"row {row_no}" in str(err) and f"'{column}'" in str(err) and words in str(err)
    assert isinstance(err, InvalidInput) and err.fix


def test_empty_and_missing_files(tmp_path):
    with pytest.raises(LmcoreError, match="no days"):
        read_timesheet(HEADER + "\n")
    with pytest.raises(LmcoreError, match="does not exist"):
        read_timesheet(tmp_path / "nope.csv")
    with pytest.raises(LmcoreError, match="empty"):
        read_timesheet("\n\n")


def test_explicit_pay_period_rejects_dates_outside_it():
    with pytest.raises(TimesheetError, match="outside the given pay period"):
        read_timesheet(sheet(row("2026-11-16", EIGHT)), period_start="2026-11-29")


def test_clock_words():
    assert (fmt_clock(360), fmt_clock(720), fmt_clock(1080), fmt_clock(45)) == ("6:00 a.m.", "12:00 p.m.", "6:00 p.m.", "12:45 a.m.")
