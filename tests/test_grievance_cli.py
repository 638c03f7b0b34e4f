"""`lmcore grievance`: JSON milestones with the names other tools rely on, a table, ICS, and exit 2 on bad input."""
from __future__ import annotations

import json

import pytest

from lmcore.cli import main

EMPLOYEE = ["step1_filing", "step1_meeting", "step1_decision", "step2_appeal", "step2_meeting", "step2_decision",
            "arbitration_invocation"]


def run(capsys, *argv):
    code = main(["grievance", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_employee_path(capsys):
    """Art. 43 §7.a(1): learned Wed 2026-11-18, Thanksgiving skipped → file by Thu 2026-12-17."""
    code, out, err = run(capsys, "--learned", "2026-11-18", "--as-of", "2026-11-23", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    ms = data["milestones"]
    assert [m["name"] for m in ms] == EMPLOYEE
    assert {k for k in ("name", "due", "cite", "status")} <= set(ms[0])
    assert (ms[0]["due"], ms[0]["cite"], ms[0]["status"]) == ("2026-12-17", "Art. 43 §7.a(1)", "open")
    # projected Step 1 decision: meeting due Thu 12-24, then Christmas and New Year skipped → Mon 2027-01-04
    assert (ms[2]["due"], ms[2]["status"]) == ("2027-01-04", "projected")
    assert ms[-1]["due"] == "2027-03-17" and ms[-1]["cite"] == "Art. 43 §10"
    assert ms[0]["consequence_cite"] == "Art. 43 §12" and ms[2]["consequence_cite"] == "Art. 43 §7.a(5)"
    assert "Thanksgiving Day" in ms[0]["explanation"]


def test_json_with_actual_dates(capsys):
    """Every step recorded (see test_grievance.py for the counts)."""
    code, out, _ = run(capsys, "--learned", "2026-11-18", "--filed", "2026-11-30", "--step1-meeting", "2026-12-04",
                       "--step1-decision", "2026-12-10", "--step2-appeal", "2026-12-22", "--step2-meeting", "2027-01-06",
                       "--step2-decision", "2027-01-12", "--path", "employee", "--as-of", "2027-01-20", "--json")
    ms = {m["name"]: m for m in json.loads(out)["milestones"]}
    assert code == 0
    assert ms["step2_meeting"]["due"] == "2027-01-07" and ms["step2_meeting"]["status"] == "done_on_time"
    assert ms["arbitration_invocation"]["due"] == "2027-02-18" and ms["arbitration_invocation"]["status"] == "open"


@pytest.mark.parametrize("path,names", [
    ("merit-staffing", ["step2_filing", "step2_meeting", "step2_decision", "arbitration_invocation"]),
    ("union-institutional", ["institutional_filing", "institutional_resolution", "arbitration_invocation"]),
    ("department", ["department_filing", "department_resolution", "arbitration_invocation"]),
    ("removal-stay", ["stay_filing", "step2_meeting", "step2_decision", "arbitration_invocation",
                      "arbitrability_notice", "arbitration_hearing", "stay_ends"]),
])
def test_other_paths(capsys, path, names):
    code, out, _ = run(capsys, "--learned", "2026-11-18", "--path", path, "--as-of", "2026-11-23", "--json")
    assert code == 0 and [m["name"] for m in json.loads(out)["milestones"]] == names


def test_removal_stay_json_shows_the_flaw(capsys):
    out = run(capsys, "--learned", "2026-11-18", "--path", "removal-stay", "--as-of", "2026-11-23", "--json")[1]
    hearing = next(m for m in json.loads(out)["milestones"] if m["name"] == "arbitration_hearing")
    assert hearing["cite"] == "Art. 44 §3.d" and "Section 13" in hearing["flaws"][0]


def test_table_without_json(capsys):
    code, out, _ = run(capsys, "--learned", "2026-11-18", "--as-of", "2026-11-23")
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("step1_filing"))
    assert "Thu 2026-12-17" in line and "open" in line and "Art. 43 §7.a(1)" in line
    assert "Readings used:" in out


def test_explain_one_milestone(capsys):
    code, out, _ = run(capsys, "--learned", "2026-11-18", "--as-of", "2026-11-23", "--explain", "step1_decision")
    assert code == 0 and "Mon 2027-01-04" in out and "Christmas Day" in out and "New Year's Day" in out


def test_ics_file_has_one_event_per_open_deadline(capsys, tmp_path):
    from icalendar import Calendar

    f = tmp_path / "g.ics"
    code, out, _ = run(capsys, "--learned", "2026-11-18", "--filed", "2026-11-20", "--as-of", "2026-11-23",
                       "--ics", str(f), "--title", "Overtime – J. Smith")
    assert code == 0 and "Wrote 6 open deadline(s)" in out  # the filing is done; 6 steps still ahead
    events = [e for e in Calendar.from_ical(f.read_bytes()).walk("VEVENT")]
    assert len(events) == 6
    first = events[0]
    # filed Fri 11-20: Mon 23, Tue 24, Wed 25, (Thanksgiving), Fri 27, Mon 30 → meeting by Mon 11-30
    assert first.decoded("dtstart").isoformat() == "2026-11-30"
    assert "Art. 43 §7.a(3)" in str(first["summary"]) and "Overtime – J. Smith" in str(first["summary"])
    assert "What to do" in str(first["description"]) and "If missed" in str(first["description"])


def test_waive_and_extend_options(capsys):
    out = run(capsys, "--learned", "2026-11-18", "--filed", "2026-11-30", "--step1-meeting", "2026-12-04",
              "--step1-decision", "2026-12-10", "--waive", "step2", "--as-of", "2026-12-11", "--json")[1]
    ms = json.loads(out)["milestones"]
    assert [m["name"] for m in ms][-1] == "arbitration_invocation" and ms[-1]["due"] == "2027-01-19"
    out = run(capsys, "--learned", "2026-11-18", "--filed", "2026-11-30", "--step1-meeting", "2026-12-04",
              "--step1-decision", "2026-12-10", "--extend", "step2_appeal=5", "--as-of", "2026-12-11", "--json")[1]
    assert next(m for m in json.loads(out)["milestones"] if m["name"] == "step2_appeal")["due"] == "2027-01-04"


@pytest.mark.parametrize("argv,words", [
    (["--learned", "2026-11-18", "--filed", "2026-11-20", "--step1-meeting", "2026-11-25", "--step1-decision",
      "2026-11-24", "--as-of", "2026-11-30"], ["Step 1 decision", "Art. 43 §7.a(3)"]),
    (["--learned", "2026-11-18", "--filed", "2026-11-30", "--as-of", "2026-11-23"], ["filing date", "after the 'as of' date"]),
    (["--learned", "2026-02-30"], ["--learned '2026-02-30' is not a real calendar date", "Art. 43 §7.a(1)"]),
    (["--learned", "2026-11-18", "--step1-decision", "2026-13-01"], ["--step1-decision", "Art. 43 §7.a(3)"]),
    (["--filed", "2026-11-18"], ["--learned DATE is required"]),
    (["--learned", "2026-11-18", "--path", "merit-staffing", "--filed", "2026-11-19", "--step1-meeting", "2026-11-20",
      "--as-of", "2026-11-23"], ["does not apply to the merit-staffing path"]),
    (["--learned", "2026-11-18", "--waive", "step3"], ["only step1 or step2", "Art. 43 §13.b"]),
    (["--learned", "2026-11-18", "--extend", "step1_filing"], ["NAME=N or NAME=DATE", "Art. 43 §13.a"]),
    (["--learned", "2026-11-18", "--as-of", "2026-11-23", "--explain", "step9"], ["no milestone 'step9'"]),
])
def test_bad_input_exits_2_with_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("lmcore: ")
    for w in words:
        assert w in err


def test_unknown_path_is_a_usage_error(capsys):
    code, out, err = run(capsys, "--learned", "2026-11-18", "--path", "nowhere")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "invalid choice: 'nowhere'" in err


def test_json_says_premature_and_whether_the_stay_holds(capsys):
    """Issue 13: invoked Mon 2027-01-11 before the Step 2 decision due Wed 1-13 (§10): status premature; a removal
    grieved on Fri 2027-01-15, after the stay's last day Mon 1-11 (§14.a): "stay": "lost"."""
    code, out, _ = run(capsys, "--learned", "2026-11-18", "--filed", "2026-11-30", "--step1-meeting", "2026-12-04",
                       "--step1-decision", "2026-12-10", "--step2-appeal", "2026-12-22", "--step2-meeting", "2027-01-06",
                       "--invoked", "2027-01-11", "--as-of", "2027-01-20", "--json")
    inv = next(m for m in json.loads(out)["milestones"] if m["name"] == "arbitration_invocation")
    assert (code, inv["status"], inv["consequence_applies"]) == (0, "premature", True)
    code, out, _ = run(capsys, "--learned", "2027-01-04", "--path", "removal-stay", "--filed", "2027-01-15",
                       "--as-of", "2027-01-18", "--json")
    data = json.loads(out)
    assert data["stay"] == "lost" and "stay_ends" not in [m["name"] for m in data["milestones"]]
    code, out, _ = run(capsys, "--learned", "2027-01-04", "--path", "removal-stay", "--filed", "2027-01-15",
                       "--as-of", "2027-01-18")
    assert "done late" in out and "No stay" in out
