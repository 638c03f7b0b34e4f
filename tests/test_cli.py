"""The `lmcore` command: hand-checkable dates, JSON with citations and steps, one-line errors with exit status 2."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lmcore.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_deadline_workdays_art43_7a1(capsys):
    # learned Wed 2026-11-18; Thanksgiving Thu 11-26 skipped → day 20 = Thu 12-17
    code, out, err = run(capsys, "deadline", "2026-11-18", "--workdays", "20")
    assert (code, out, err) == (0, "2026-12-17\n", "")


def test_deadline_backward(capsys):
    # 5 workdays before Wed 2026-11-18, Veterans Day Wed 11-11 skipped → Tue 11-10
    assert run(capsys, "deadline", "2026-11-18", "--workdays", "-5")[1] == "2026-11-10\n"


def test_deadline_calendar_days_and_roll(capsys):
    # Wed 2026-11-25 + 30 calendar days = Fri 12-25 (Christmas); rolled forward → Mon 12-28
    assert run(capsys, "deadline", "2026-11-25", "--calendar-days", "30")[1] == "2026-12-25\n"
    assert run(capsys, "deadline", "2026-11-25", "--calendar-days", "30", "--roll", "forward")[1] == "2026-12-28\n"


def test_deadline_json_has_due_cite_steps_interpretations(capsys):
    code, out, _ = run(capsys, "deadline", "2026-11-18", "--rule", "grievance.step1_filing", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["due"] == "2026-12-17" and data["cite"] == "Art. 43 §7.a(1)"
    assert len([s for s in data["steps"] if s["counted"]]) == 20
    assert {"date": "2026-11-26", "reason": "Thanksgiving Day"} in data["skipped"]
    assert data["interpretations"] == [] and data["depends_on"] == []  # learned on a workday: no reading moves it
    code, out, _ = run(capsys, "deadline", "2026-11-18", "--workdays", "20", "--json")
    assert json.loads(out)["due"] == "2026-12-17" and json.loads(out)["cite"] is None


def test_deadline_with_closure_and_interpretation(capsys):
    out = run(capsys, "deadline", "2026-11-18", "--workdays", "20", "--closure", "2026-12-01=Snow")[1]
    assert out == "2026-12-18\n"
    out = run(capsys, "deadline", "2026-11-21", "--workdays", "1", "-i", "count.event_on_nonworkday=deemed_received_next_workday")[1]
    assert out == "2026-11-24\n"  # Sat event deemed received Mon 11-23 → day 1 = Tue 11-24


def test_cite_prints_the_section(capsys):
    code, out, _ = run(capsys, "cite", "Art. 43 §7.a(1)")
    assert code == 0 and "twenty (20) workdays" in out and out.startswith("Art. 43 §7.a(1)")
    out = run(capsys, "cite", "Art. 44 §3.d")[1]
    assert "Note: Flaw in the text" in out and "§14" in out


def test_search(capsys):
    data = json.loads(run(capsys, "search", "credit", "hours", "--json")[1])
    assert data[0]["cite"] == "Art. 4 §2.b(1)"


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["deadline", "2026-02-30", "--workdays", "3"], "not a real calendar date"),
        (["deadline", "2026-11-18"], "say how far to count"),
        (["deadline", "2150-01-01", "--workdays", "3"], "outside the years"),
        (["deadline", "2026-11-18", "--workdays", "x"], "not a whole number"),
        (["cite", "Art. 99"], "Art. 99 is not in this contract"),
        (["deadline", "2026-11-18", "--rule", "grievance.nope"], "no parameter"),
        (["deadline", "2026-11-18", "--workdays", "3", "-i", "nonsense"], "KEY=VALUE"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_usage_errors_exit_2_in_one_line():
    proc = subprocess.run([sys.executable, "-m", "lmcore", "deadline", "2026-11-18", "--workdays", "x"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and proc.stdout == ""


def test_import_is_light():
    """`import lmcore` loads no heavy library; they load only where used (timed in benchmarks/)."""
    code = "import sys, lmcore; print(sorted(m for m in ('pandas','holidays','pydantic','yaml','ipywidgets','matplotlib','numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- issue 14: every bad input a clear one-line error ---------------------------------------------------------
TIMESHEET = "\n".join(["date,start,end,lunch_start,lunch_end"] + [f"2026-11-{d},08:00,16:30,12:00,12:30" for d in (16, 17, 18, 19, 20)]) + "\n"


def refused(capsys, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("lmcore: ") and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("argv, words", [
    (["subsidy", "transit", "--monthly-cost", "1e30"], "--monthly-cost: the monthly cost 1e30 is more than 100,000 dollars a month"),
    (["arbitration", "costs", "--fees", "1e400"], "--fees: the amount 1e400 is more than 1,000,000 dollars"),
    (["subsidy", "childcare", "--family-income", "1e400", "--monthly-cost", "900"], "--family-income"),
    (["deadline", "2026-11-18", "--calendar-days", "99999999999999999999999"], "more than 50,000 days"),
    (["flexiplace", "clocks", "--requested", "2026-11-18", "--extended-by", "99999999999999999999"], "more than 366 calendar days"),
    (["leave", "project", "--balance", "1e308", "--as-of", "2026-11-23", "--years-of-service", "5"], "--balance"),
    (["leave", "repay", "--separation", "2026-06-01", "--taken", "100", "--years-of-service", "5", "--hourly-rate", "1e308"],
     "--hourly-rate: the hourly rate of pay 1e308 is more than 1000 dollars an hour"),
    (["leave", "repay", "--separation", "2026-06-01", "--taken", "nan", "--years-of-service", "5"], "'nan' is not a number"),
    (["arbitration", "costs", "--fees", "inf"], "'inf' is not an amount of money"),
    (["arbitration", "simulate", "--seed", "-1"], "the seed cannot be negative (-1)"),
    (["search", "credit", "--limit", "0"], "less than 1"),
    (["search", "credit", "--limit", "-1"], "cannot be negative (-1)"),
])
def test_huge_infinite_and_nan_numbers_are_refused_with_the_range(capsys, argv, words):
    assert words in refused(capsys, *argv)


def test_carry_in_1e308_is_refused(capsys, tmp_path):
    (tmp_path / "t.csv").write_text(TIMESHEET, encoding="utf-8")
    err = refused(capsys, "schedule", "evaluate", str(tmp_path / "t.csv"), "--schedule", "standard", "--carry-in", "1e308")
    assert "more than the 24 hours that may be carried over (Art. 4 §2.b(1))" in err


def test_fees_comma_must_be_a_thousands_separator_art44_2a(capsys):
    """--fees 1,0,0 was read as $100.00; 1,000 is a thousands separator: $1,000.00 split in equal proportions
    (Art. 44 §2.a) = $500.00 each."""
    assert "the comma is not a thousands separator" in refused(capsys, "arbitration", "costs", "--fees", "1,0,0")
    code, out, _ = run(capsys, "arbitration", "costs", "--fees", "1,000", "--json")
    data = json.loads(out)
    assert code == 0 and data["union"] == data["department"] == "500.00"


def test_every_number_option_states_its_range_in_help(capsys):
    from lmcore.cli import build_parser
    from lmcore.commands import Number

    def walk(p):
        for a in p._actions:
            if isinstance(a.type, Number):
                yield a
            for child in (getattr(a, "choices", None) or {}).values() if hasattr(a, "_name_parser_map") else ():
                yield from walk(child)
    actions = list(walk(build_parser()))
    assert len(actions) > 25
    for a in actions:
        assert a.type.describe() in a.help, a.option_strings


@pytest.mark.parametrize("argv", [
    ["leave", "certificate", "--first", "1970-12-24", "--last", "1970-12-31"],
    ["leave", "restriction", "--start", "2100-01-01"],
    ["flexiplace", "notice", "recall", "--at", "9999-10-01 09:00"],
    ["flexiplace", "inability", "--began", "0001-01-01"],
    ["arbitration", "--invoked", "2100-01-01", "--kind", "regular"],
    ["deadline", "0001-01-01", "--workdays", "3"],
    ["deadline", "9999-10-01", "--workdays", "3"],
    ["grievance", "--learned", "1970-12-25"],
    ["deadline", "2026-11-18", "--workdays", "3", "--closure", "2100-01-01"],
])
def test_dates_outside_1971_2099_are_refused_in_every_command(capsys, argv):
    assert "outside the years the workday calendar knows (1971–2099)" in refused(capsys, *argv)


def test_cases_agenda_as_of_outside_the_calendar(capsys, tmp_path):
    err = refused(capsys, "cases", "--log", str(tmp_path / "c.sqlite"), "agenda", "--as-of", "0001-01-01")
    assert "outside the years" in err


@pytest.mark.parametrize("given, words", [
    ("2026-11-22 08:00+05:00", "gives a time zone"),
    ("2026-11-22T08:00Z", "gives a time zone"),
    ("2026-11-22", "has no time of day"),
    ("2026-11-22 25:00", "not a time of day"),
])
def test_notice_times_are_local_and_complete_art10_7(capsys, given, words):
    err = refused(capsys, "flexiplace", "notice", "recall", "--at", "2026-11-23 09:00", "--given", given)
    assert words in err and "(Art. 10 §7)" in err


def test_notice_at_a_date_without_time_is_refused_not_midnight_art10_7(capsys):
    assert "lmcore does not assume midnight" in refused(capsys, "flexiplace", "notice", "recall", "--at", "2026-11-23")
    # with the time: recall Mon 2026-11-23 09:00, 24 hours before (Art. 10 §7) = Sun 2026-11-22 09:00
    code, out, _ = run(capsys, "flexiplace", "notice", "recall", "--at", "2026-11-23 09:00")
    assert code == 0 and "Sun 2026-11-22 09:00" in out


def test_supervisor_day_end_nan_is_refused(capsys, tmp_path):
    (tmp_path / "t.csv").write_text(TIMESHEET, encoding="utf-8")
    err = refused(capsys, "schedule", "evaluate", str(tmp_path / "t.csv"), "--schedule", "standard", "--supervisor-day-end", "nan")
    assert "'nan' is not a time of day" in err


def test_panel_notice_needs_a_removal_and_agreed_a_replacement_art44_1d_1e(capsys):
    err = refused(capsys, "arbitration", "panel", "--effective", "2026-01-01", "--notice", "2026-12-10")
    assert "--remove NAME" in err and "Art. 44 §1.d" in err
    err = refused(capsys, "arbitration", "panel", "--effective", "2026-01-01", "--remove", "Ruth Abernathy", "--notice", "2026-12-10",
                  "--agreed", "2027-01-05")
    assert "--replace-with NAME" in err and "Art. 44 §1.e" in err


@pytest.mark.parametrize("group", ["schedule", "leave", "flexiplace", "subsidy", "cases"])
def test_a_group_without_its_action_prints_its_usage_on_stderr_exit_2(capsys, group):
    err = refused(capsys, group)
    assert f"usage: lmcore {group} {{" in err


def test_arbitration_without_action_keeps_its_own_answer(capsys):
    code, out, _ = run(capsys, "arbitration", "--invoked", "2026-11-18", "--kind", "expedited")
    assert code == 0 and "Expedited arbitration invoked 2026-11-18" in out


@pytest.mark.parametrize("make, words", [
    (lambda d: "", "no timesheet file was given"),
    (lambda d: str(d), "is a folder, not a timesheet file"),
    (lambda d: (d / "x.csv").write_bytes(b"date,start\n\xff\xfe") and str(d / "x.csv"), "is not UTF-8 text"),
    (lambda d: (d / "w.csv").write_text("date,start\n" + "x" * (129 * 1024) + ",1\n") and str(d / "w.csv"),
     "field larger than field limit (131072)"),
    (lambda d: (d / "big.csv").write_text("x" * (1 << 20) + "y") and str(d / "big.csv"), "is larger than 256 KB"),
    (lambda d: "/dev/zero", "/dev/zero is not a regular file"),
    (lambda d: str(d / "missing.csv"), "does not exist"),
])
def test_timesheet_files_are_read_bounded_and_refused_in_one_line(capsys, tmp_path, make, words):
    assert words in refused(capsys, "schedule", "evaluate", make(tmp_path), "--schedule", "standard")


def test_a_file_name_with_a_comma_is_a_file_name(capsys, tmp_path):
    """It was read as CSV text ("the header has: /tmp/a, b.csv"); 5 days × 8 h = 40 h worked."""
    path = tmp_path / "a,b.csv"
    path.write_text(TIMESHEET, encoding="utf-8")
    code, out, _ = run(capsys, "schedule", "evaluate", str(path), "--schedule", "standard", "--json")
    assert code == 0 and json.loads(out)


@pytest.mark.parametrize("argv, words", [
    (["flexiplace", "document", "checklist", "--input", "/dev/zero"], "/dev/zero is not a regular file"),
    (["flexiplace", "document", "checklist", "--input", ""], "path is empty"),
    (["leave", "year", "--year", "2026", "--law", "/dev/zero"], "/dev/zero is not a regular file (the law file)"),
    (["deadline", "2026-11-18", "--workdays", "3", "--contract", "/dev/zero"], "is not a folder"),
    (["deadline", "2026-11-18", "--workdays", "3", "--contract", ""], "the contract folder path is empty"),
])
def test_other_files_are_refused_in_one_line(capsys, argv, words):
    assert words in refused(capsys, *argv)


def test_output_files_that_cannot_be_written(capsys, tmp_path):
    base = ["grievance", "--learned", "2026-11-18", "--as-of", "2026-11-20"]
    assert "is a folder" in refused(capsys, *base, "--ics", str(tmp_path))
    assert "does not exist" in refused(capsys, *base, "--ics", str(tmp_path / "no" / "x.ics"))
    assert "path is empty" in refused(capsys, *base, "--ics", "")
    code, out, _ = run(capsys, *base, "--ics", str(tmp_path / "a,b.ics"))
    assert code == 0 and (tmp_path / "a,b.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("group", ["scenarios", "partnership", "partnership pdi", "partnership meetings", "facilities"])
def test_the_other_groups_name_their_actions_in_one_line(capsys, group):
    """(they printed their whole usage on stdout, or on stderr in many lines) issue 14: one line on stderr, exit 2."""
    err = refused(capsys, *group.split())
    assert f"usage: lmcore {group} {{" in err and "say which one" in err


@pytest.mark.parametrize("argv, words", [
    (["schedule", "compare", "a\x00b.csv"], "the timesheet file name holds a NUL character"),  # was ValueError: embedded null byte
    (["schedule", "evaluate", "a\x00b.csv", "--schedule", "standard"], "holds a NUL character"),
    (["cases", "--db", "a\x00b", "list"], "the database name holds a NUL or line-break character"),
    (["cases", "list", "--db", "mysql://u@h/db"], "is not a database this lmcore uses"),
    (["scenarios", "results", "--db", "x\ny"], "holds a NUL or line-break character"),
    (["partnership", "meetings", "list", "--db", "a\x00b"], "holds a NUL or line-break character"),
    (["scenarios", "list", "--folder", "a\x00b"], "holds a NUL character"),
])
def test_nul_bytes_and_bad_database_names_are_one_line(capsys, tmp_path, monkeypatch, argv, words):
    monkeypatch.setenv("LMCORE_CASELOG", str(tmp_path / "c.sqlite"))
    monkeypatch.delenv("LMCORE_DATABASE_URL", raising=False)
    assert words in refused(capsys, *argv)


def test_backup_paths_that_cannot_be_a_backup_are_one_line(capsys, tmp_path, monkeypatch):
    """`cases backup ''` was a ValueError traceback; /dev/zero would have been replaced by the backup (os.replace)."""
    monkeypatch.setenv("LMCORE_CASELOG", str(tmp_path / "c.sqlite"))
    assert "file name is empty or holds a NUL" in refused(capsys, "cases", "backup", "")
    assert "file name is empty or holds a NUL" in refused(capsys, "cases", "backup", "a\x00b")
    assert "/dev/zero is not a regular file" in refused(capsys, "cases", "backup", "/dev/zero")
    assert "is a folder" in refused(capsys, "cases", "backup", str(tmp_path))
    assert "file name is empty or holds a NUL" in refused(capsys, "cases", "restore", "")
    code, out, _ = run(capsys, "cases", "backup", str(tmp_path / "b.sqlite"))
    assert code == 0 and "Backed up 0 case(s)" in out


def test_output_files_are_never_written_to_a_device(capsys, tmp_path, monkeypatch):
    """An .ics feed, an answers CSV or a page written to /dev/zero "succeeded" silently: now refused in one line."""
    monkeypatch.setenv("LMCORE_CASELOG", str(tmp_path / "c.sqlite"))
    base = ["grievance", "--learned", "2026-11-18", "--as-of", "2026-11-20"]
    assert "/dev/zero is not a regular file" in refused(capsys, *base, "--ics", "/dev/zero")
    assert "/dev/zero is not a regular file" in refused(capsys, "scenarios", "results", "--csv", "/dev/zero")
    assert "path is empty" in refused(capsys, "scenarios", "results", "--csv", "")


def test_an_empty_output_file_name_is_refused_not_ignored(capsys, tmp_path, monkeypatch):
    """`--csv ''` and `--html ''` were skipped silently (an empty string is false): now "path is empty"."""
    monkeypatch.setenv("LMCORE_CASELOG", str(tmp_path / "c.sqlite"))
    assert "path is empty" in refused(capsys, "partnership", "report", "2026", "--html", "")


@pytest.mark.parametrize("words", [[""], ["?!"], ["  ", "--"]])
def test_search_without_words_is_refused_not_answered_nothing_found(capsys, words):
    """An empty search (or only punctuation) used to answer "No part of the contract mentions those words": there was
    nothing to look for, so it is an error (one line, exit 2), not an answer."""
    assert main(["search", "--", *words]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "no words to look for" in err
