"""`lmcore partnership history|forums|assess` (issue 18): JSON and one-line errors."""
from __future__ import annotations

import json

from lmcore.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_json(capsys):
    code, out, _ = run(capsys, "partnership", "history", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["when"] for r in rows] == ["1993", "1999", "April 14, 2000", "2001", "June 21, 2002", "2009"]


def test_forums_json_hand_counted(capsys):
    """Art. 35 §4: Q1–Q3 2026 met; on Mon 2026-11-23 the Q4 meeting is due by Thu 2026-12-31."""
    code, out, _ = run(capsys, "partnership", "forums", "--json", "--as-of", "2026-11-23",
                       "--held", "department_lmrc=2026-02-10,2026-05-12", "--held", "department_lmrc=2026-08-11")
    by = {r["forum"]: r for r in json.loads(out)}
    assert code == 0 and by["department_lmrc"]["met"] is True and by["department_lmrc"]["next_due"] == "2026-12-31"
    assert by["technology_team"]["next_due"] is None


def test_assess_and_errors(capsys):
    code, out, _ = run(capsys, "partnership", "assess", "--json", "--rate", "launch=4", "--rate", "build=2", "--rate", "refine=2",
                       "--rate", "problem_solve=0,2", "--rate", "grow=3", "--rate", "advance=3")
    d = json.loads(out)
    assert code == 0 and d["weakest"] == ["problem_solve"] and d["radar"]["scores"][3] == 1.0  # (0 + 2) / 2
    code, _, err = run(capsys, "partnership", "assess", "--rate", "launch=9")
    assert code == 2 and err.count("\n") == 1 and "no rating for 'build'" in err
    code, _, err = run(capsys, "partnership", "forums", "--held", "department_lmrc=2026-13-01")
    assert code == 2 and "not a real calendar date" in err
