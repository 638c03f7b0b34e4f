"""The trainer's command line on the shared database (SQLite and PostgreSQL): `lmcore scenarios quiz --record NAME`,
`grade … --record NAME`, `results [--json] [--csv FILE]` and `forget NAME`, with `--db URL` — exact JSON keys, the
hand-counted answers (Art. 43 §7.a(1): learned Fri 2026-11-13 → day 20 Mon 2026-12-14), one-line errors (exit 2)."""
from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from lmcore.cli import main


@pytest.fixture(autouse=True)
def _no_hub(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_quiz_records_each_graded_answer(db_url, monkeypatch, capsys):
    """Question 1 right (Mon 2026-12-14); question 2 skipped (not graded, not recorded)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("2026-12-14\nskip\n"))
    code, out, _ = run(capsys, "scenarios", "quiz", "--set", "grievance-basics", "--limit", "2", "--record", "Ana Lopez",
                       "--db", db_url)
    assert code == 0 and "Answers recorded for Ana Lopez" in out
    code, out, _ = run(capsys, "scenarios", "results", "--db", db_url, "--json")
    d = json.loads(out)
    assert code == 0 and d["answers"] == 1
    assert list(d) == ["database", "answers", "trainees", "scenarios", "most_missed", "slips", "chart", "attempts"]
    assert d["trainees"] == [{"trainee": "Ana Lopez", "answered": 1, "correct": 1, "score": 1.0}]
    (a,) = d["attempts"]
    assert (a["scenario"], a["answer"], a["expected"], a["correct"], a["track"]) == (
        "step1-filing-thanksgiving", "2026-12-14", "2026-12-14", True, "steward")


def test_grade_record_and_the_trainers_text_and_csv(db_url, capsys, tmp_path):
    """Ben answers Fri 12-11 (he counted Fri 11-13 as day 1), Cy Mon 12-14: half the answers wrong, the slip in words."""
    code, out, _ = run(capsys, "scenarios", "grade", "step1-filing-thanksgiving", "2026-12-11", "--record", "Ben", "--db", db_url,
                       "--json")
    assert code == 0 and json.loads(out)["recorded_as"] == "Ben" and json.loads(out)["correct"] is False
    run(capsys, "scenarios", "grade", "step1-filing-thanksgiving", "2026-12-14", "--record", "Cy", "--db", db_url)
    target = tmp_path / "results.csv"
    code, out, _ = run(capsys, "scenarios", "results", "--db", db_url, "--csv", str(target))
    assert code == 0
    assert "2 answers from 2 trainees: 1 right (50%)" in out
    assert "Filing at Step 1 across Thanksgiving (Art. 43 §7.a(1)): 1 of 2 missed; typical slip: you counted the day of " \
           "the event (Fri 2026-11-13) as day 1" in out
    assert "counted the day of the event: 1 answer" in out and "event_day_counted" not in out
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["trainee"], r["answer"], r["correct"]) for r in rows] == [("Ben", "2026-12-11", "False"), ("Cy", "2026-12-14", "True")]
    code, out, _ = run(capsys, "scenarios", "results", "--db", db_url, "--trainee", "Cy", "--json")
    assert json.loads(out)["answers"] == 1
    code, out, _ = run(capsys, "scenarios", "forget", "Ben", "--db", db_url, "--json")
    assert json.loads(out) == {"trainee": "Ben", "removed": 1}


def test_an_unreadable_answer_is_not_recorded(db_url, capsys):
    code, _, err = run(capsys, "scenarios", "grade", "step1-filing-thanksgiving", "12/11/2026", "--record", "Ben", "--db", db_url)
    assert code == 2 and err.count("\n") == 1 and "could be read two ways" in err
    _, out, _ = run(capsys, "scenarios", "results", "--db", db_url)
    assert out.startswith("No answers stored yet")


def test_db_without_record_and_an_empty_name_are_one_line_errors(db_url, capsys):
    code, _, err = run(capsys, "scenarios", "grade", "step1-filing-thanksgiving", "2026-12-14", "--db", db_url)
    assert code == 2 and "no --record NAME was given" in err and err.count("\n") == 1
    code, _, err = run(capsys, "scenarios", "grade", "step1-filing-thanksgiving", "2026-12-14", "--record", " ", "--db", db_url)
    assert code == 2 and "no trainee name" in err
    code, _, err = run(capsys, "scenarios", "results", "--db", "mysql://x/y")
    assert code == 2 and "is not a database this lmcore uses" in err


def test_on_jupyterhub_the_hub_user_is_recorded(db_url, capsys, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ana.lopez")
    run(capsys, "scenarios", "grade", "step1-filing-thanksgiving", "2026-12-14", "--record", "someone", "--db", db_url)
    _, out, _ = run(capsys, "scenarios", "results", "--db", db_url, "--json")
    assert [t["trainee"] for t in json.loads(out)["trainees"]] == ["ana.lopez"]
