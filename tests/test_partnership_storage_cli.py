"""`lmcore partnership meetings|pdi|report` and `forums --stored` on the shared database (SQLite and PostgreSQL):
exact JSON keys, hand-counted due dates (Art. 35 §4), one-line errors with exit 2."""
from __future__ import annotations

import datetime as dt
import json

from lmcore.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_meetings_add_list_and_the_tracker_with_stored_meetings(db_url, capsys):
    """Department LMRC met Fri 2026-11-20; as of Mon 11-23 the next is due by the end of 2027 Q1, Wed 2027-03-31."""
    code, out, _ = run(capsys, "partnership", "meetings", "add", "department_lmrc", "2026-11-20", "--note", "Telework",
                       "--by", "Ann Lee", "--db", db_url, "--json")
    m = json.loads(out)
    assert code == 0 and list(m) == ["id", "forum", "held", "note", "recorded_at", "recorded_by", "problem"]
    assert (m["forum"], m["held"], m["note"], m["recorded_by"]) == ("department_lmrc", "2026-11-20", "Telework", "Ann Lee")
    code, out, _ = run(capsys, "partnership", "meetings", "list", "--db", db_url)
    assert out.strip() == "Fri 2026-11-20  Department Labor-Management Relations Committee — Telework"
    code, out, _ = run(capsys, "partnership", "forums", "--as-of", "2026-11-23", "--stored", "--db", db_url, "--json")
    dept = next(r for r in json.loads(out) if r["forum"] == "department_lmrc")
    assert (dept["next_due"], dept["period"], dept["held"]) == ("2027-03-31", "2027 Q1", ["2026-11-20"])
    code, out, _ = run(capsys, "partnership", "forums", "--as-of", "2026-11-19", "--stored", "--db", db_url, "--json")
    assert next(r for r in json.loads(out) if r["forum"] == "department_lmrc")["next_due"] == "2026-12-31"  # not yet held


def test_meeting_errors_are_one_line(db_url, capsys):
    run(capsys, "partnership", "meetings", "add", "department_lmrc", "2026-11-20", "--db", db_url)
    for argv, words in ((("department_lmrc", "2026-11-20"), "already recorded"),
                        (("department_lmrc", "2026-02-30"), "not a real calendar date"),
                        (("picnic", "2026-11-20"), "no forum named 'picnic'"),
                        (("department_lmrc", (dt.date.today() + dt.timedelta(days=3)).isoformat()), "has not been held yet")):
        code, _, err = run(capsys, "partnership", "meetings", "add", *argv, "--db", db_url)
        assert code == 2 and words in err and err.count("\n") == 1, err
    code, _, err = run(capsys, "partnership", "forums", "--db", db_url)
    assert code == 2 and "--stored was not given" in err
    code, out, _ = run(capsys, "partnership", "meetings", "remove", "department_lmrc", "2026-11-20", "--db", db_url)
    assert code == 0 and "Removed the meeting of Fri 2026-11-20" in out


def test_pdi_add_update_list(db_url, capsys):
    code, out, _ = run(capsys, "partnership", "pdi", "add", "Telework policy", "--given", "2026-10-01", "--decision", "2026-10-14",
                       "--db", db_url, "--json")
    e = json.loads(out)
    assert code == 0 and (e["id"], e["version"], e["stage"], e["predecisional"]) == (1, 1, "decided", False)
    assert {"issue", "information_given", "input_received", "decision", "findings", "recorded_by", "updated_by"} <= set(e)
    code, out, _ = run(capsys, "partnership", "pdi", "update", "1", "--input", "2026-10-09", "--expect-version", "1",
                       "--db", db_url, "--json")
    e = json.loads(out)
    assert (e["version"], e["input_received"], e["predecisional"], e["days_for_input"]) == (2, "2026-10-09", True, 13)
    code, _, err = run(capsys, "partnership", "pdi", "update", "1", "--input", "2026-10-10", "--expect-version", "1", "--db", db_url)
    assert code == 2 and "was changed since you opened it" in err
    code, _, err = run(capsys, "partnership", "pdi", "update", "1", "--decision", "2026-09-01", "--db", db_url)
    assert code == 2 and "before the information was given" in err
    code, out, _ = run(capsys, "partnership", "pdi", "list", "--db", db_url)
    assert out.startswith("#1 Telework policy — decided: information given Thu 2026-10-01, input Fri 2026-10-09, decision "
                          "Wed 2026-10-14")


def test_report_year_add_text_html(db_url, capsys, tmp_path):
    page = tmp_path / "report.html"
    code, out, _ = run(capsys, "partnership", "report", "2026", "--add", "quality", "Fewer grievances reach Step 2",
                       "--measure", "12 → 7", "--efforts", "Quarterly LMRC meetings", "--html", str(page), "--db", db_url, "--json")
    d = json.loads(out)
    assert code == 0 and list(d)[:4] == ["year", "parties", "efforts", "union_involvement"]
    assert [s["id"] for s in d["sections"]] == ["customer_service", "quality", "productivity", "efficiency", "quality_of_worklife"]
    assert d["sections"][1]["entries"][0]["improvement"] == "Fewer grievances reach Step 2" and d["added"]["id"] == 1
    assert "Fewer grievances reach Step 2 — measure: 12 → 7" in page.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "partnership", "report", "2026", "--db", db_url)
    assert "Efforts: Quarterly LMRC meetings" in out and "#1 quality: Fewer grievances reach Step 2" in out
    for argv, words in ((("2026", "--add", "morale", "x"), "not one of the memorandum's categories"),
                        (("2026", "--measure", "x"), "describe an improvement given with --add"),
                        (("26x",), "is not a year")):
        code, _, err = run(capsys, "partnership", "report", *argv, "--db", db_url)
        assert code == 2 and words in err, err
