"""Bad input to `lmcore schedule` is one line on stderr and exit 2, never a traceback or a quiet answer (issue 14, the
schedules part; issue 13: a pay period starts on the Sunday grid). Fuzzed with hypothesis over the options."""
from __future__ import annotations

import os
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schedule_sheets import EIGHT, WEEK1, WEEK2, days, row, sheet

from lmcore.cli import main
from lmcore.errors import LmcoreError
from lmcore.schedules import check_period_start, read_timesheet
from lmcore.schedules.sources import MAX_BYTES


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def csv(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(sheet(*days(WEEK1, EIGHT), *days(WEEK2, EIGHT)))
    return path


def one_line_error(code: int, out: str, err: str) -> bool:
    return code == 2 and out == "" and err.startswith("lmcore: ") and err.count("\n") == 1 and "Traceback" not in err


# -- the pay-period grid (class: "a pay period starts on a Sunday") --------------------------------------------------------
@pytest.mark.parametrize("day, first", [
    ("2026-11-16", "2026-11-15"),   # a Monday: the pay period holding it began Sun 11-15
    ("2026-11-22", "2026-11-15"),   # a Sunday, but the middle one: 2026-01-11 + 22 × 14 = 11-15, + 7 is not a first day
    ("2026-11-28", "2026-11-15"),   # the last day of that pay period
])
def test_period_start_off_the_grid_names_the_grid_5usc6302a(capsys, csv, day, first):
    code, out, err = run(capsys, "schedule", "evaluate", csv, "--schedule", "variable-week", "--period-start", day)
    assert one_line_error(code, out, err)
    assert "is not the first day of a pay period" in err and "Sun 2026-01-11" in err and f"Give {first}" in err
    with pytest.raises(LmcoreError, match="leave_year.pay_period_anchor"):
        check_period_start(day)


def test_period_start_on_the_grid_is_taken(capsys, csv):
    # Sun 2026-11-15 is 22 × 14 days after Sun 2026-01-11
    code, out, _ = run(capsys, "schedule", "evaluate", csv, "--schedule", "variable-week", "--period-start", "2026-11-15", "--json")
    assert code == 0 and '"period_start": "2026-11-15"' in out
    code, _, err = run(capsys, "schedule", "compare", csv, "--period-start", "2026-11-17")
    assert code == 2 and "first day of a pay period" in err


# -- options for a schedule type that has none (class: "options silently ignored") -----------------------------------------
@pytest.mark.parametrize("argv, words", [
    (["--schedule", "variable-week", "--layout", "1"], "--layout is for the compressed schedules"),
    (["--schedule", "standard", "--layout", "1"], "no choice of layout"),
    (["--schedule", "compressed-4-10", "--layout", "x"], "layout x does not exist"),
    (["--schedule", "compressed-4-10", "--layout", "26"], "25 layouts"),
    (["--schedule", "variable-week", "--core-days", "Tue"], "only on a maxi-flex"),
    (["--schedule", "compressed-5-4-9", "--core-days", "Tue"], "only on a maxi-flex"),
    (["--schedule", "maxiflex", "--core-days", ""], "no core days"),
    (["--schedule", "standard", "--core-hours", "09:00-14:00"], "flexible schedules"),
    (["--schedule", "variable-week", "--core-hours", "09:00-13:00"], "five (5) hours a day"),
    (["--schedule", "variable-week", "--core-hours", "nan"], "not a band of core hours"),
    (["--schedule", "variable-week", "--supervisor-day-end", "nan"], "not a time of day"),
    (["--schedule", "variable-week", "--supervisor-day-end", ""], "not a time of day"),
])
def test_options_that_do_not_apply_are_refused(capsys, csv, argv, words):
    code, out, err = run(capsys, "schedule", "evaluate", csv, *argv)
    assert one_line_error(code, out, err) and words in err


# -- absurd numbers (class: "huge, infinite or not-a-number values"), with the range in --help ------------------------------
@pytest.mark.parametrize("value, words", [
    ("1e308", "more than the 24 hours"), ("nan", "cannot be nan"), ("inf", "cannot be inf"), ("-inf", "cannot be -inf"),
    ("-1", "cannot be -1"), ("1e400", "cannot be 1e400"), ("lots", "not a number"), ("2.1", "15-minute increments"),
    ("9" * 400, "not a number of hours"),
])
def test_carry_in_out_of_range_art4_2b1(capsys, csv, value, words):
    code, out, err = run(capsys, "schedule", "evaluate", csv, "--schedule", "variable-week", f"--carry-in={value}")
    assert one_line_error(code, out, err) and words in err


@pytest.mark.parametrize("value, words", [
    ("1e308", "whole minutes"), ("nan", "cannot be nan"), ("inf", "cannot be inf"), ("0", "more than 0"), ("-40", "more than 0"),
    ("80", "less than the full-time 80"), ("forty", "not a number"),
])
def test_part_time_hours_out_of_range_art4_7a(capsys, tmp_path, value, words):
    dec = tmp_path / "dec.csv"  # Sun 11-29 – Sat 12-12: no holiday, so no tour is needed
    dec.write_text(sheet(row("2026-11-30", EIGHT)))
    code, out, err = run(capsys, "schedule", "evaluate", dec, "--schedule", "variable-week", "--part-time-hours", value)
    assert one_line_error(code, out, err) and words in err


def test_help_states_the_ranges(capsys):
    assert main(["schedule", "evaluate", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "0 to the carry-over cap" in text and "more than 0 and less than the full-time requirement" in text
    assert "a Sunday on the biweekly grid" in text and "compressed schedules only" in text and "maxiflex only" in text


# -- files (class: "files": an empty path, a folder, not UTF-8, /dev/zero, a huge field, a comma in the name) ----------------
def test_timesheet_files_that_are_not_timesheets(capsys, tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("date,start,end,lunch_start,lunch_end\n2026-11-16,07:00,15:30,,\n# café".encode("latin-1"))
    big = tmp_path / "big.csv"
    big.write_text("date,start,end,lunch_start,lunch_end\n" + "x" * (MAX_BYTES + 10))
    field = tmp_path / "field.csv"
    field.write_text('date,start,end,lunch_start,lunch_end\n"' + "x" * 200_000 + '",07:00,15:30,,\n')
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"date,start\x00,end\n")
    cases = [("", "no timesheet file"), (tmp_path, "is a folder"), (latin, "not UTF-8"), (big, "larger than"),
             (field, "larger than"), (nul, "NUL"), (tmp_path / "missing.csv", "does not exist")]
    if os.path.exists("/dev/zero"):
        cases.append(("/dev/zero", "not a regular file"))
    for path, words in cases:
        code, out, err = run(capsys, "schedule", "evaluate", path, "--schedule", "variable-week")
        assert one_line_error(code, out, err) and words in err, (path, err)


def test_a_long_cell_and_a_file_name_with_a_comma(capsys, tmp_path):
    cell = tmp_path / "cell.csv"
    cell.write_text('date,start,end,lunch_start,lunch_end\n"' + "x" * 5000 + '",07:00,15:30,,\n')
    code, out, err = run(capsys, "schedule", "evaluate", cell, "--schedule", "variable-week")
    assert one_line_error(code, out, err) and "5000 characters" in err
    comma = tmp_path / "pay period 22, Smith.csv"
    comma.write_text(sheet(*days(WEEK1, EIGHT), *days(WEEK2, EIGHT)))
    code, out, _ = run(capsys, "schedule", "evaluate", comma, "--schedule", "variable-week", "--json")
    assert code == 0 and '"worked_hours": 72.0' in out  # read as a file, not as CSV text: 9 × 8 h


def test_bytes_and_text_sources_are_bounded():
    with pytest.raises(LmcoreError, match="not UTF-8"):
        read_timesheet(b"date,start,end,lunch_start,lunch_end\n\xff\xfe\n")
    with pytest.raises(LmcoreError, match="larger than"):
        read_timesheet(b"x" * (MAX_BYTES + 1))
    with pytest.raises(LmcoreError, match="has 60 rows"):
        read_timesheet(sheet(*[row("2026-11-16", EIGHT)] * 60))


# -- the fuzz: every option of `schedule evaluate` with generated values ---------------------------------------------------
NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers(-10**30, 10**30).map(str),
                    st.sampled_from(["", " ", "nan", "1e308", "-0", "0.25", "24", "1,5", "٣", "1_000"]))
TEXT = st.text(alphabet=string.printable + "éß٣\u2028", max_size=30)
OPTIONS = {
    "--carry-in": NUMBERS, "--part-time-hours": NUMBERS, "--layout": st.one_of(NUMBERS, TEXT),
    "--core-days": TEXT, "--core-hours": TEXT, "--supervisor-day-end": TEXT,
    "--tour": st.one_of(TEXT, st.sampled_from(["Mon=5,Tue=5", "W1:Mon=9;W2:Tue=9", "Sat=4", "Mon=24", "Mon=8,Tue=8,Wed=8,Thu=8,Fri=8"])),
    "--period-start": st.one_of(TEXT, st.sampled_from(["2026-11-15", "2026-11-16", "0001-01-01", "9999-12-31", "2026-02-30"])),
    "--shift": st.sampled_from(["day", "other"]),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(["standard", "variable-week", "maxiflex", "compressed-5-4-9", "compressed-4-10", "flexiplace-opt-out"]),
       chosen=st.dictionaries(st.sampled_from(sorted(OPTIONS)), st.none(), max_size=4), data=st.data())
def test_fuzz_schedule_evaluate_answers_or_one_line_error(capsys, csv, kind, chosen, data):
    argv = ["schedule", "evaluate", str(csv), "--schedule", kind]
    for option in chosen:
        argv += [f"{option}={data.draw(OPTIONS[option], label=option)}"]
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code == 0 and out and not err) or (code == 2 and err.count("\n") == 1 and "Traceback" not in err), (argv, err)


CELLS = st.one_of(st.sampled_from(["", "07:00", "15:30", "06:30+1", "24:00", "7", "8", "annual", "credit", "holiday", "nan",
                                   "2026-11-16", "2026-11-26", "2026-11-29", "0001-01-01", "\"", "1e308", "-1", "0.25"]),
                  st.text(alphabet=string.printable + "é\u2028\x00", max_size=12))


@settings(max_examples=150, deadline=None)
@given(header=st.sampled_from(["date,start,end,lunch_start,lunch_end,leave_hours,leave_kind,overtime_ordered_hours",
                               "date,start,end,lunch_start,lunch_end", "Date, Start ,END,lunch start,lunch end", "date,start"]),
       rows=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=6))
def test_any_timesheet_text_is_read_or_refused_in_one_line(contract, header, rows):
    text = "\n".join([header, *(",".join(r) for r in rows)]) + "\n"
    try:
        from lmcore.schedules import evaluate

        evaluate(read_timesheet(text.encode("utf-8")), "variable-week", contract)
    except LmcoreError as exc:
        assert "\n" not in str(exc) and "\u2028" not in str(exc)
