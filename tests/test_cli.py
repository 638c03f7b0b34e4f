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
        (["deadline", "2026-11-18", "--workdays", "x"], "invalid int value"),
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
