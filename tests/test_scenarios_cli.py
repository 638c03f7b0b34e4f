"""`lmcore scenarios list|show|check|quiz|grade` (issue 18): exact JSON keys, exit statuses, one-line errors."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lmcore.cli import main

from test_scenarios_starter import KNOWN_WRONG

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_gives_id_track_article_question(capsys):
    code, out, _ = run(capsys, "scenarios", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 40
    assert all(list(r) == ["id", "track", "article", "question"] for r in rows)
    assert {"id": "step1-filing-thanksgiving", "track": "steward", "article": "Art. 43 §7.a(1)",
            "question": "What is the last day to file the grievance at Step 1?"} in rows


def test_list_by_track_includes_both(capsys):
    _, out, _ = run(capsys, "scenarios", "list", "--json", "--track", "manager")
    tracks = {r["track"] for r in json.loads(out)}
    assert tracks == {"manager", "both"}


def test_show_json_includes_expected(capsys):
    code, out, _ = run(capsys, "scenarios", "show", "step1-filing-thanksgiving", "--json")
    d = json.loads(out)
    assert code == 0 and d["expected"] == "2026-12-14" and d["facts"] == {"learned": "2026-11-13", "path": "employee"}
    assert "working" in d and d["answer_type"] == "date"


def test_show_unknown_id_is_one_line_exit_2(capsys):
    code, out, err = run(capsys, "scenarios", "show", "no-such-scenario")
    assert code == 2 and err.count("\n") == 1 and "no scenario 'no-such-scenario'" in err


def test_grade_json_keys_and_values(capsys):
    """Art. 43 §7.a(1): learned Fri 2026-11-13 → Mon 2026-12-14; 12-11 counts the event day (or Thanksgiving)."""
    code, out, _ = run(capsys, "scenarios", "grade", "step1-filing-thanksgiving", "2026-12-11", "--json")
    d = json.loads(out)
    assert code == 0 and {"correct", "expected", "feedback", "slip"} <= set(d)
    assert d["correct"] is False and d["expected"] == "2026-12-14" and "day of the event" in d["slip"]
    code, out, _ = run(capsys, "scenarios", "grade", "step1-filing-thanksgiving", "2026-12-14", "--json")
    assert json.loads(out)["correct"] is True and json.loads(out)["slip"] is None


def test_grade_unreadable_answer_exit_2_one_line(capsys):
    code, out, err = run(capsys, "scenarios", "grade", "step1-filing-thanksgiving", "next Monday")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("lmcore: 'next Monday' is not a real calendar date")


def test_check_bundled_set_reports_exactly_the_known_wrong_answers(capsys):
    """Check fails (exit 2) on exactly the scenarios whose fix has not landed (none: exit 0)."""
    code, out, err = run(capsys, "scenarios", "check", "--json")
    report = json.loads(out)
    assert code == (2 if KNOWN_WRONG else 0) and report["checked"] >= 40
    assert {p["scenario"] for p in report["problems"]} == set(KNOWN_WRONG)
    assert all(p["field"] == "expected" for p in report["problems"])


def _folder(tmp_path, expected):
    data = {"set": {"id": "mine", "title": "My set"}, "scenarios": [{
        "id": "filing", "title": "Filing", "track": "both", "article": "Art. 43 §7.a(1)",
        "story": "Learned on Wednesday, November 18, 2026.", "rule": "grievance.timeline",
        "facts": {"learned": "2026-11-18"},
        "question": {"text": "Last day to file at Step 1?", "ask": "due", "of": "step1_filing"},
        "answer_type": "date", "expected": expected}]}
    (tmp_path / "mine.yaml").write_text(yaml.safe_dump(data))
    return str(tmp_path)


def test_check_a_trainers_folder(tmp_path, capsys):
    """Learned Wed 2026-11-18; day 1 Thu 11-19; Thanksgiving 11-26 skipped → day 20 Thu 2026-12-17."""
    folder = _folder(tmp_path, "2026-12-17")
    code, out, err = run(capsys, "scenarios", "check", folder)
    assert code == 0 and "every trainer answer agrees" in out and err == ""
    code, out, _ = run(capsys, "scenarios", "list", "--folder", folder, "--json")
    assert [r["id"] for r in json.loads(out)] == ["filing"]


def test_check_exit_2_names_file_scenario_field(tmp_path, capsys):
    folder = _folder(tmp_path, "2026-12-16")
    """A failed check is one line on stderr (issue 14) holding every problem, nothing on stdout, exit 2."""
    code, out, err = run(capsys, "scenarios", "check", "--folder", folder)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"lmcore: 1 problem in {folder} (1 scenario checked): ")
    assert "mine.yaml: scenario 'filing': field 'expected': the trainer's answer Wed 2026-12-16" in err
    (tmp_path / "mine.yaml").write_text((tmp_path / "mine.yaml").read_text().replace("track: both", "track: boss"))
    code, out, err = run(capsys, "scenarios", "check", folder, "--json")
    assert code == 2 and out == "" and err.count("\n") == 1 and "mine.yaml: scenario 'filing': field 'track'" in err


def test_check_two_bad_files_both_named_in_one_line(tmp_path, capsys):
    """Every problem of the folder is in the one line, so a trainer fixes them all in one go."""
    _folder(tmp_path, "2026-12-16")
    (tmp_path / "other.yaml").write_bytes(b"set: {id: other, title: caf\xe9}\n")  # Latin-1, not UTF-8
    code, out, err = run(capsys, "scenarios", "check", str(tmp_path))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "2 problems in" in err and "other.yaml" in err and "not UTF-8 text" in err and "field 'expected'" in err


@pytest.mark.parametrize("folder, words", [("", "empty or holds a NUL"), ("a\x00b", "empty or holds a NUL"),
                                           ("/dev/zero", "is not a regular file or a folder")])
def test_scenario_folder_that_is_not_one_is_one_line(folder, words, capsys):
    code, out, err = run(capsys, "scenarios", "list", "--folder", folder)
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err, err


def test_grade_with_a_non_utf8_scenario_file_is_one_line(tmp_path, capsys):
    """(was a UnicodeDecodeError traceback) a Latin-1 file given as --folder."""
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("set: {id: x, title: caf\xe9}\n".encode("latin-1"))  # é is byte 24 (23 ASCII bytes before it)
    code, out, err = run(capsys, "scenarios", "grade", "x", "2026-12-17", "--folder", str(bad))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "latin1.yaml" in err and "not UTF-8 text (byte 24)" in err


def test_quiz_with_a_closed_or_unreadable_stdin_stops_cleanly(monkeypatch, capsys):
    """No terminal and nothing to read (a closed stdin, or pytest's): the first question, then the score 0 of 0."""
    closed = io.StringIO("")
    closed.close()
    for stdin in (closed, None):
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, err = run(capsys, "scenarios", "quiz", "--set", "grievance-basics", "--limit", "1")
        assert code == 0 and err == "" and "Question 1 of 1" in out
        assert out.rstrip().endswith("Score: 0 of 0 right (stopped after 0 of 1).")


@pytest.mark.parametrize("argv", [["scenarios"], ["partnership"], ["partnership", "pdi"], ["partnership", "meetings"],
                                  ["facilities"]])
def test_a_group_without_its_action_is_one_line_on_stderr(argv, capsys):
    """(they printed their whole usage on stdout) exit 2, the actions named, nothing on stdout."""
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("lmcore: the following arguments are required") and "say which one" in err


def test_quiz_reads_answers_from_stdin(monkeypatch, capsys):
    """Two scenarios of the basics: the first right (Mon 2026-12-14), a hint then a wrong date on the second."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("2026-12-14\nhint\n2026-01-15\n"))
    code, out, _ = run(capsys, "scenarios", "quiz", "--set", "grievance-basics", "--limit", "2")
    assert code == 0
    assert "Question 1 of 2" in out and "Right: Mon 2026-12-14" in out
    assert "executive-order closures are not workdays" in out  # the hint
    assert "Not quite: you answered Thu 2026-01-15" in out
    assert out.rstrip().endswith("Score: 1 of 2 right (50%).")


def test_quiz_through_a_real_pipe_with_json_and_an_unreadable_answer():
    """From a pipe, an unreadable answer counts as wrong and the quiz moves on; EOF ends it with the score (in the JSON)."""
    p = subprocess.run([str(ROOT / ".venv/bin/lmcore") if (ROOT / ".venv/bin/lmcore").exists() else "lmcore", "scenarios",
                        "quiz", "--track", "steward", "--set", "grievance-basics", "--limit", "3", "--json"],
                       input="2026-12-14\nsoon\n", capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["asked"] == 2 and d["correct"] == 1 and d["total"] == 3
    assert d["results"][1]["correct"] is False and "not a real calendar date" in d["results"][1]["error"]
    assert p.stderr == ""  # from a pipe with --json only the JSON is printed (issue 14: exit 0 says nothing on stderr)
