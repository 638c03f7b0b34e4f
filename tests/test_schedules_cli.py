"""`lmcore schedule evaluate|compare|patterns`: decimal hours in JSON, cited findings, one-line errors with exit 2."""
from __future__ import annotations

import json

import pytest
from schedule_sheets import EIGHT, NINE, WEEK1, WEEK2, days, row, sheet

from lmcore.cli import main

KEYS = {"worked_hours", "leave_hours", "basic_requirement", "credit_hours_earned", "credit_hours_balance",
        "credit_hours_forfeited", "overtime_hours", "findings"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def vw_csv(tmp_path):
    # Mon 11-16 worked 7:00–4:45 (9 h 15); the other 8 workdays 8 h; Thanksgiving Thu 11-26
    path = tmp_path / "timesheet.csv"
    path.write_text(sheet(row("2026-11-16", ("07:00", "16:45", "12:00", "12:30")), *days(WEEK1[1:], EIGHT), *days(WEEK2, EIGHT)))
    return path


def test_evaluate_json_art4(capsys, vw_csv):
    code, out, err = run(capsys, "schedule", "evaluate", str(vw_csv), "--schedule", "variable-week", "--carry-in", "23.5", "--json")
    data = json.loads(out)
    assert (code, err) == (0, "") and KEYS <= set(data)
    # worked 9 h 15 + 8 × 8 h = 73 h 15; requirement 80 − 8 = 72 h; surplus 1 h 15 → 1.25 h earned
    assert (data["worked_hours"], data["basic_requirement"], data["credit_hours_earned"]) == (73.25, 72.0, 1.25)
    # 23.5 + 1.25 = 24.75 → 24 carried, 0.75 forfeited
    assert (data["credit_hours_balance"], data["credit_hours_forfeited"], data["overtime_hours"], data["leave_hours"]) == (24.0, 0.75, 0.0, 0.0)
    f = data["findings"][0]
    assert set(f) >= {"date", "cite", "message", "severity"}
    assert {"date": "2026-11-26", "cite": "Art. 4 §1.b"} in [{"date": x["date"], "cite": x["cite"]} for x in data["findings"]]
    assert any(x["severity"] == "warning" and "forfeited" in x["message"] for x in data["findings"])


def test_evaluate_part_time_and_text_output(capsys, vw_csv):
    code, out, _ = run(capsys, "schedule", "evaluate", str(vw_csv), "--schedule", "standard", "--part-time-hours", "40",
                       "--tour", "Mon=4,Tue=4,Wed=4,Thu=4,Fri=4", "--json")
    data = json.loads(out)
    # part-time tour 4 h a weekday = 40 h, Thanksgiving a 4-hour day → 36 h; a standard schedule: days beyond 4 h are not counted
    assert code == 0 and data["basic_requirement"] == 36 and data["credit_hours_earned"] == 0
    code, out, _ = run(capsys, "schedule", "evaluate", str(vw_csv), "--schedule", "maxiflex", "--core-days", "Tue,Wed")
    assert code == 0 and out.startswith("Maxi-flex") and "Art. 4 §1.a" in out


def test_compressed_layout_option(capsys, tmp_path):
    path = tmp_path / "cws.csv"
    path.write_text(sheet(*days(WEEK1[:4], NINE), row("2026-11-20", EIGHT), *days(WEEK2[:3], NINE)))
    code, out, _ = run(capsys, "schedule", "patterns", "--schedule", "compressed-5-4-9")
    assert code == 0 and len(out.splitlines()) == 90
    number = next(line.split("\t")[0] for line in out.splitlines() if "off Fri of week 2); 8 hours on Fri of week 1" in line)
    code, out, _ = run(capsys, "schedule", "evaluate", str(path), "--schedule", "compressed-5-4-9", "--layout", number, "--json")
    data = json.loads(out)
    # 80 − Thanksgiving 9 h = 71 h; worked 4 × 9 + 8 + 3 × 9 = 71 h
    assert (data["basic_requirement"], data["worked_hours"], data["holidays"][0]["hours"]) == (71, 71, 9)
    code, _, err = run(capsys, "schedule", "evaluate", str(path), "--schedule", "compressed-5-4-9", "--layout", "91")
    assert code == 2 and "layout 91 does not exist" in err


def test_compare(capsys, vw_csv):
    code, out, _ = run(capsys, "schedule", "compare", str(vw_csv), "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 6
    assert {r["schedule"]: r["credit_earned"] for r in rows}["Variable week (flexible)"] == 1.25
    assert {r["schedule"]: r["credit_earned"] for r in rows}["Standard 8-hour workday"] == 0


@pytest.mark.parametrize("text, words", [
    ("date,start,end,lunch_start\n2026-11-16,07:00,15:30,\n", "row 1, column 'lunch_end': the column 'lunch_end' is missing"),
    (sheet(row("2026-11-16", ("07:00", "25:00", "", ""))), "row 2 (Mon 2026-11-16), column 'end': '25:00' is not a time"),
    (sheet(row("2026-11-16", ("15:00", "07:00", "", ""))), "row 2 (Mon 2026-11-16), column 'end': the end 07:00 is not after"),
    (sheet(row("2026-11-16", EIGHT), row("2026-12-01", EIGHT)), "row 3 (Tue 2026-12-01), column 'date': 2026-12-01 is outside"),
    (sheet(row("2026-11-16", EIGHT), row("2026-11-17", EIGHT), row("2026-11-16", EIGHT)), "row 4 (Mon 2026-11-16), column 'date': a second row"),
])
def test_malformed_csv_exits_2_naming_row_and_column(capsys, tmp_path, text, words):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    code, out, err = run(capsys, "schedule", "evaluate", str(path), "--schedule", "variable-week", "--json")
    assert code == 2 and out == "" and words in err
    assert err.startswith("lmcore: ") and err.count("\n") == 1


def test_bad_options_exit_2(capsys, vw_csv):
    code, _, err = run(capsys, "schedule", "evaluate", str(vw_csv), "--schedule", "variable-week", "--carry-in", "30")
    assert code == 2 and "more than the 24 hours" in err
    code, _, err = run(capsys, "schedule", "evaluate", str(vw_csv), "--schedule", "compressed-4-10", "--part-time-hours", "40")
    assert code == 2 and "needs its tour" in err  # §2.c(1)(b) allows it, but the contract gives it no layout
    try:
        code = main(["schedule", "evaluate", str(vw_csv), "--schedule", "gliding"])
    except SystemExit as exc:  # argparse's own exit for a usage mistake
        code = exc.code
    assert code == 2 and "invalid choice: 'gliding'" in capsys.readouterr().err
    code, _, err = run(capsys, "schedule", "evaluate", "/nonexistent/t.csv", "--schedule", "standard")
    assert code == 2 and "does not exist" in err
