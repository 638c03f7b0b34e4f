"""`lmcore cases` end to end: add/edit/list/due/agenda/show/history/import/export/backup/restore/remove, the exact
JSON keys of issue 19, exit 2 with one line on stderr for every refusal, CSV/Excel import validated in full, formula
escaping, the ICS feed (alarms, CR/LF titles), and escape sequences never printed raw (issue 14)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from lmcore.cli import main
from lmcore.storage.caselog import CaseLog

AS = ["--as-of", "2026-11-23"]


def cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(db_url):
    return db_url


def test_add_edit_show_history_with_versions(db, capsys):
    """Art. 43 §7.a(1): learned Wed 11-18; day 1 = Thu 11-19; Thanksgiving 11-26 skipped → day 20 = Thu 12-17."""
    code, out, err = cli(capsys, "cases", "--db", db, "add", "smith", "--learned", "2026-11-18", "--title", "Overtime",
                         "--grievant", "J. Smith", "--steward", "Ann Lee", "--article", "Art. 12 §3", *AS, "--by", "alice")
    assert (code, err) == (0, "") and "due Thu 2026-12-17, open (Art. 43 §7.a(1))" in out
    code, _, err = cli(capsys, "cases", "--db", db, "add", "smith", "--learned", "2026-11-18", *AS)
    assert code == 2 and "already in the case log" in err and err.count("\n") == 1
    code, out, _ = cli(capsys, "cases", "edit", "smith", "--db", db, "--steward", "Bo Chen", "--expect-version", "1", "--by", "bob")
    assert code == 0 and "now version 2" in out
    code, out, err = cli(capsys, "cases", "edit", "smith", "--db", db, "--steward", "Cy", "--expect-version", "1", "--by", "carl")
    assert code == 2 and out == "" and "bob" in err and "'Ann Lee' → 'Bo Chen'" in err and err.count("\n") == 1
    code, out, _ = cli(capsys, "cases", "--db", db, "show", "smith", "--json", *AS)
    data = json.loads(out)
    assert data["version"] == 2 and data["case_id"] == "smith" and data["case"]["steward"] == "Bo Chen"
    assert data["milestones"][0]["due"] == "2026-12-17"
    code, out, _ = cli(capsys, "cases", "--db", db, "history", "smith", "--json")
    rows = json.loads(out)
    assert all(set(r) == {"field", "old", "new", "at", "by"} for r in rows)
    assert {"field": "steward", "old": "Ann Lee", "new": "Bo Chen", "by": "bob"}.items() <= rows[-1].items()
    code, out, _ = cli(capsys, "cases", "--db", db, "remove", "smith", "--expect-version", "1")
    assert code == 2
    assert cli(capsys, "cases", "--db", db, "remove", "smith", "--expect-version", "2")[0] == 0
    assert CaseLog(db).ids() == []


def test_due_json_rows(db, capsys):
    """Art. 43 §7.b(1): learned Mon 11-02, filed Wed 11-04, no meeting → appeal due Fri 12-04 (test_caselog_board.py),
    within the 10 workdays after Mon 11-23 (to Tue 12-08): soon."""
    cli(capsys, "cases", "--db", db, "add", "jones", "--learned", "2026-11-02", "--filed", "2026-11-04", "--steward", "Ann", *AS)
    cli(capsys, "cases", "--db", db, "add", "smith", "--learned", "2026-11-18", "--steward", "Bo", *AS)
    code, out, _ = cli(capsys, "cases", "--db", db, "due", "--json", *AS)
    data = json.loads(out)
    assert code == 0 and data["soon_until"] == "2026-12-08" and data["counts"]["soon"] == 1
    assert [(r["case_id"], r["due"], r["bucket"], r["cite"]) for r in data["rows"]] == [
        ("jones", "2026-12-04", "soon", "Art. 43 §7.b(1)"), ("smith", "2026-12-17", "later", "Art. 43 §7.a(1)")]
    assert "Thanksgiving Day" in data["rows"][0]["explanation"]
    code, out, _ = cli(capsys, "cases", "--db", db, "due", "--json", "--steward", "bo", *AS)
    assert [r["case_id"] for r in json.loads(out)["rows"]] == ["smith"]
    code, out, _ = cli(capsys, "cases", "--db", db, "due", *AS, "--what-if-closure", "2026-12-14=Snow")
    assert "smith: File the grievance at Step 1 2026-12-17 → 2026-12-18" in out and "(not applied)" in out


def test_agenda_and_log_keep_working_as_before(tmp_path, capsys):
    log = str(tmp_path / "c.sqlite")
    assert cli(capsys, "cases", "--log", log, "add", "smith", "--learned", "2026-11-18", "--title", "Overtime rotation", *AS)[0] == 0
    cli(capsys, "cases", "--log", log, "add", "jones", "--learned", "2026-11-02", "--filed", "2026-11-04", *AS)
    code, out, _ = cli(capsys, "cases", "--log", log, "agenda", *AS)
    lines = out.splitlines()
    assert code == 0 and lines[0] == "Case log agenda as of Mon 2026-11-23 — the step at hand of each case, next due first"
    assert [line.split("  ")[0] for line in lines[3:5]] == ["Fri 2026-12-04", "Thu 2026-12-17"]
    code, out, _ = cli(capsys, "cases", "--log", log, "agenda", *AS, "--json")
    assert [(c["case_id"], c["due"]) for c in json.loads(out)["cases"]] == [("jones", "2026-12-04"), ("smith", "2026-12-17")]


@pytest.mark.parametrize("argv,words", [
    (["add", "", "--learned", "2026-11-18"], "the case name is empty"),
    (["add", "a\u2028b", "--learned", "2026-11-18"], "line or paragraph separator"),
    (["add", "x", "--learned", "2026-11-30", *AS], "after the 'as of' date"),
    (["add", "x", "--learned", "2026-02-30"], "not a real calendar date"),
    (["show", "nobody"], "no case 'nobody'"),
    (["history", "nobody"], "no case 'nobody'"),
    (["edit", "nobody", "--steward", "x"], "no case 'nobody'"),
    (["import", "/nonexistent.csv"], "no file"),
    (["restore", "/nonexistent.sqlite"], "no backup file"),
    (["--db", "mysql://x/y", "list"], "not a database this lmcore uses"),
])
def test_refusals_are_one_line_exit_2(tmp_path, capsys, argv, words):
    args = argv if "--db" in argv else ["--log", str(tmp_path / "c.sqlite"), *argv]
    code, out, err = cli(capsys, "cases", *args)
    assert code == 2 and words in err and err.count("\n") == 1 and out == ""


def test_escape_sequences_never_reach_the_terminal(tmp_path, capsys):
    log = str(tmp_path / "c.sqlite")
    cli(capsys, "cases", "--log", log, "add", "x", "--learned", "2026-11-18", "--title", "\x1b]0;owned\x07\x1b[2J", *AS,
        "--steward", "\x1b[31mred")
    for action in (["list"], ["due", *AS], ["agenda", *AS], ["show", "x", *AS], ["history", "x"]):
        code, out, err = cli(capsys, "cases", "--log", log, *action)
        assert code == 0 and "\x1b" not in out and "\x07" not in out, action


# -- import and export ------------------------------------------------------------------------------------
HEADER = "case_id,title,learned,filed,steward,grievants,articles,waivers,agreed_by\n"


def test_import_csv_then_export_round_trip(db, tmp_path, capsys):
    f = tmp_path / "in.csv"
    f.write_text(HEADER + "smith,Overtime,2026-11-18,,Ann Lee,J. Smith; K. Wu,Art. 12 §3,,\n"
                 "jones,=HYPERLINK(\"x\"),2026-11-02,2026-11-04,Bo,,,step2=2026-11-20,step2=Ann Lee|Bo Chen\n", encoding="utf-8")
    code, out, err = cli(capsys, "cases", "--db", db, "import", str(f), *AS)
    assert (code, err) == (0, "") and "Imported 2 case(s)" in out
    log = CaseLog(db)
    assert log.get("smith").grievants == ("J. Smith", "K. Wu") and log.get("jones").signatories[0].agency == "Bo Chen"
    out_csv, out_xlsx = tmp_path / "out.csv", tmp_path / "out.xlsx"
    assert cli(capsys, "cases", "--db", db, "export", str(out_csv))[0] == 0
    text = out_csv.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text  # a spreadsheet shows it, never runs it
    assert cli(capsys, "cases", "--db", db, "export", str(out_xlsx))[0] == 0
    from openpyxl import load_workbook

    ws = load_workbook(out_xlsx).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == '=HYPERLINK("x")']
    assert cells and all(c.data_type == "s" for c in cells)
    other = tmp_path / "other.sqlite"
    for exported in (out_csv, out_xlsx):  # what export writes, import reads back
        other.unlink(missing_ok=True)
        assert cli(capsys, "cases", "--log", str(other), "import", str(exported), *AS)[0] == 0
        back = CaseLog(other)
        assert back.get("jones").grievance == log.get("jones").grievance and back.get("jones").title == '=HYPERLINK("x")'
        assert back.get("smith").articles == ("Art. 12 §3",)
        back.db.dispose()


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(tmp_path, capsys):
    f = tmp_path / "in.csv"
    f.write_text(HEADER + "ok,Fine,2026-11-18,,,,,,\n"
                 "bad date,,2026-02-30,,,,,,\n"
                 "late,,2026-11-18,2026-12-01,,,,,\n"
                 "ok,,2026-11-18,,,,,,\n"
                 "w,,2026-11-18,,,,,step3,\n", encoding="utf-8")
    log = str(tmp_path / "c.sqlite")
    code, out, err = cli(capsys, "cases", "--log", log, "import", str(f), *AS)
    assert code == 2 and "4 row(s) of in.csv cannot be imported" in err and err.count("\n") == 1 and out == ""
    assert "line 3, column learned: '2026-02-30' is not a date" in err
    assert "line 4, column filed" in err and "after the 'as of' date" in err
    assert "line 5, column case_id: 'ok' is also on line 2" in err and "line 6, column waivers" in err
    assert CaseLog(log).ids() == []
    code, out, err = cli(capsys, "cases", "--log", log, "import", str(f), *AS, "--json")
    assert code == 2 and out == "" and err.count("\n") == 1  # issue 14: a refusal is one line, also with --json


def test_import_files_that_cannot_be_read(tmp_path, capsys):
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "jos\xe9,,2026-11-18,,,,,,\n").encode("latin-1"))
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"case_id,learned\n\x00\x00\n")
    unknown = tmp_path / "cols.csv"
    unknown.write_text("case_id,learned,colour\nx,2026-11-18,red\n")
    big = tmp_path / "big.csv"
    big.write_text("case_id,learned,subject\nx,2026-11-18," + "y" * 200_000 + "\n")
    (tmp_path / "dir.csv").mkdir()
    log = str(tmp_path / "c.sqlite")
    for f, words in ((latin, "is not UTF-8 text (byte 0xE9 on line 2)"), (nul, "NUL bytes"),
                     (unknown, "line 1, column colour: unknown column"), (big, "line 2"),
                     (tmp_path / "dir.csv", "is a folder"), (tmp_path / "notes.txt", "no file")):
        code, out, err = cli(capsys, "cases", "--log", log, "import", str(f), *AS)
        assert code == 2 and words in err and err.count("\n") == 1, (f, err)


def test_html_in_names_is_escaped_in_the_summary(tmp_path, capsys):
    log = str(tmp_path / "c.sqlite")
    cli(capsys, "cases", "--log", log, "add", "x", "--learned", "2026-11-18", "--title", "<script>alert(1)</script>",
        "--steward", "<img src=x onerror=alert(2)>", *AS)
    page = tmp_path / "x.html"
    assert cli(capsys, "cases", "--log", log, "show", "x", *AS, "--html", str(page))[0] == 0
    html = page.read_text()
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "<img" not in html
    assert "Thu 2026-12-17" in html and "Art. 43 §7.a(1)" in html


def test_ics_feed_with_alarms_and_a_title_with_line_breaks(tmp_path, capsys):
    """Every open deadline of the open cases; a CR/LF title is escaped (issue 14); two alarms per event."""
    from icalendar import Calendar

    log = str(tmp_path / "c.sqlite")
    from lmcore.grievance import Grievance
    from lmcore.storage.records import Case

    CaseLog(log).add(Case("x", Grievance(learned=dt.date(2026, 11, 18), title="Line one\r\nLine two\rthree")))
    feed = tmp_path / "feed.ics"
    code, out, _ = cli(capsys, "cases", "--log", log, "export", str(feed), *AS)
    assert code == 0
    cal = Calendar.from_ical(feed.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart") == dt.date(2026, 12, 17)  # step 1 filing (Art. 43 §7.a(1)), hand count above
    assert "Line one\nLine two\nthree" in str(first.get("summary"))
    assert len(first.walk("VALARM")) == 2
    assert b"\r\nLine two" not in feed.read_bytes()


def test_backup_and_restore_from_the_cli(db, tmp_path, capsys):
    cli(capsys, "cases", "--db", db, "add", "smith", "--learned", "2026-11-18", *AS)
    dest = tmp_path / ("b.sqlite" if db.startswith("sqlite") else "b.json")
    code, out, _ = cli(capsys, "cases", "--db", db, "backup", str(dest), "--json")
    assert code == 0 and json.loads(out)["cases"] == 1
    cli(capsys, "cases", "--db", db, "remove", "smith")
    code, out, _ = cli(capsys, "cases", "--db", db, "restore", str(dest))
    assert code == 0 and "Restored 1 case(s)" in out and CaseLog(db).ids() == ["smith"]


def test_panel_rotation_and_simulator_from_the_log(tmp_path, capsys):
    """Art. 44 §1.c: invocations designated in order of receipt, each to the next name on the roster (alphabetical by
    surname, §1.a): the first regular case goes to Abernathy, the second to Feldman."""
    log = str(tmp_path / "c.sqlite")
    inst = ["--path", "union-institutional", "--learned", "2026-09-01", "--filed", "2026-09-02"]
    assert cli(capsys, "cases", "--log", log, "add", "b", *inst, "--invoked", "2026-11-20", "--arbitrator", "Susan Feldman", *AS)[0] == 0
    assert cli(capsys, "cases", "--log", log, "add", "a", *inst, "--invoked", "2026-11-19", *AS)[0] == 0
    code, out, _ = cli(capsys, "cases", "--log", log, "panel", "--json", "--effective", "2026-01-01")
    data = json.loads(out)
    assert [(d["case_id"], d["arbitrator"]) for d in data["designations"]] == [("a", "Ruth Abernathy"), ("b", "Susan Feldman")]
    assert data["next"]["regular"] == "Thomas Garcia" and data["mismatches"] == []
    code, out, _ = cli(capsys, "cases", "--log", log, "simulate", "--json")
    sim = json.loads(out)
    assert code == 0 and sim["cases"] == 2 and sorted(c["case_id"] for c in sim["case_list"]) == ["a", "b"]
