"""The case log on the shared database (lmcore.storage): every storage test runs on an SQLite file AND on the test
run's real PostgreSQL server (the `db_url` fixture). Versions and conflicts, the audit trail, §13 signatories and
arbitration cases, malformed stored records (issue 14), case ids that could look alike, the conversion of an lmcore
0.1 file written with that version's own schema, the WAL choice, backup and restore."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.errors import CaseLogError, InvalidInput, LmcoreError
from lmcore.grievance import CONSOLIDATIONS, DATE_FIELDS, PATHS, Extension, Grievance, Waiver
from lmcore.storage import database
from lmcore.storage.caselog import CaseLog, Conflict, who
from lmcore.storage.database import Database, default_path, head_revision, resolve_url
from lmcore.storage.records import Arbitration, Case, Signatories, check_case_id, printable

D = dt.date
SMITH = Grievance(learned=D(2026, 11, 18), title="Overtime rotation – J. Smith")
JONES = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4), waivers=(Waiver("step2", D(2026, 11, 20)),))


@pytest.fixture
def log(db_url):
    return CaseLog(db_url)


def smith(**kw) -> Case:
    return Case("smith", SMITH, grievants=("J. Smith",), steward="Ann Lee", official="R. Brown (supervisor)",
                agency="OSHA", subject="Overtime assigned out of rotation", articles=("Art. 12 §3",), **kw)


# -- writing and reading -------------------------------------------------------------------------------
def test_add_get_list_round_trip(log):
    saved = log.add(smith(), by="alice")
    assert saved.version == 1 and saved.created_by == saved.updated_by == "alice"
    got = log.get("  smith ")
    assert (got.grievance, got.grievants, got.steward, got.official, got.agency, got.subject, got.articles) == (
        SMITH, ("J. Smith",), "Ann Lee", "R. Brown (supervisor)", "OSHA", "Overtime assigned out of rotation", ("Art. 12 §3",))
    assert got.version == 1 and got.problem is None
    log.add(Case("jones", JONES), by="bob")
    assert log.ids() == ["jones", "smith"] and [c.case_id for c in log.cases()] == ["jones", "smith"]


def test_add_of_an_existing_id_is_refused(log):
    log.add(smith(), by="alice")
    with pytest.raises(InvalidInput, match="already in the case log") as exc:
        log.add(Case("smith", JONES), by="bob")
    assert "lmcore cases edit smith" in exc.value.fix
    assert log.get("smith").grievance == SMITH  # nothing replaced


def test_edit_bumps_the_version_and_records_old_and_new(log):
    log.add(smith(), by="alice")
    new = log.edit("smith", lambda c: replace(c, steward="Bo Chen", grievance=replace(c.grievance, filed=D(2026, 11, 20))),
                   by="bob", expect_version=1)
    assert new.version == 2 and log.get("smith").steward == "Bo Chen"
    changes = [(h.field, h.old, h.new, h.by, h.version) for h in log.history("smith") if h.version == 2]
    assert changes == [("steward", "Ann Lee", "Bo Chen", "bob", 2), ("filed", None, "2026-11-20", "bob", 2)]
    first = [h for h in log.history("smith") if h.version == 1]
    assert ("learned", None, "2026-11-18") in [(h.field, h.old, h.new) for h in first]
    assert all(h.at.endswith("+00:00") for h in first)
    assert log.edit("smith", lambda c: c, by="carl").version == 2  # nothing changed: no new version


def test_a_save_based_on_an_old_version_says_who_changed_what(log):
    log.add(smith(), by="alice")
    log.edit("smith", lambda c: replace(c, steward="Bo Chen"), by="bob", expect_version=1)
    with pytest.raises(Conflict) as exc:
        log.edit("smith", lambda c: replace(c, steward="Cy Dee"), by="carl", expect_version=1)
    msg = str(exc.value)
    assert "version 1" in msg and "now version 2" in msg and "bob" in msg and "'Ann Lee' → 'Bo Chen'" in msg
    assert "nothing was saved" in msg and log.get("smith").steward == "Bo Chen"
    with pytest.raises(Conflict, match="at version 2, not 7"):
        log.edit("smith", lambda c: c, expect_version=7)


def test_remove_keeps_the_history(log):
    log.add(smith(), by="alice")
    log.remove("smith", by="bob")
    assert log.ids() == []
    last = log.history("smith")[-1]
    assert (last.field, last.old, last.new, last.by) == ("case", "Overtime rotation – J. Smith", None, "bob")
    with pytest.raises(InvalidInput, match="no case 'smith'"):
        log.get("smith")


def test_signatories_and_arbitration_are_kept(log):
    """§13: who agreed to the Step 2 waiver and when (signed Fri 11-20); Art. 44: the arbitration case of the grievance."""
    g = replace(JONES, invoked=D(2026, 11, 23))
    case = Case("jones", g, signatories=(Signatories("waiver", "step2", "Ann Lee", "Bo Chen"),),
                arbitration=Arbitration("regular", "Helen Nakamura"))
    log.add(case, by="alice")
    got = log.get("jones")
    assert got.signatories == (Signatories("waiver", "step2", "Ann Lee", "Bo Chen"),)
    assert got.arbitration == Arbitration("regular", "Helen Nakamura") and got.grievance.invoked == D(2026, 11, 23)
    assert "step2 signed 2026-11-20 by Ann Lee (Union) and Bo Chen (Agency)" in got.fields()["waivers"]


def test_an_invoked_grievance_gets_its_arbitration_case(log):
    log.add(Case("x", Grievance(learned=D(2026, 10, 1), filed=D(2026, 10, 2), invoked=D(2026, 11, 20), expedited=True)))
    assert log.get("x").arbitration == Arbitration("expedited")


@pytest.mark.parametrize("bad,words", [
    (Case("x", SMITH, signatories=(Signatories("waiver", "step1", "A", "B"),)), "does not record"),
    (Case("x", SMITH, arbitration=Arbitration("regular")), "needs the date arbitration was invoked"),
    (Case("x", SMITH, status="lost"), "unknown case status"),
    (Case("x", SMITH, subject="x" * 100_000), "100,000 characters long"),
    (Case("x", SMITH, steward="a\nb"), "line break"),
])
def test_bad_cases_are_refused_with_the_reason(log, bad, words):
    with pytest.raises(LmcoreError, match=words):
        log.add(bad)
    assert log.ids() == []


def test_sql_looking_text_is_stored_as_text(log):
    evil = "x'); DROP TABLE caselog_cases; --"
    log.add(Case("o'neil; --", replace(SMITH, title=evil), steward=evil))
    assert log.get("o'neil; --").steward == evil and log.get("o'neil; --").title == evil


# -- ids and printing (issue 14) ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["a\u2028b", "a\u2029b", "a\x85b", "a\x9bb", "a\u202eb", "a\u2066b", "a\u200bb", "a\u200db",
                                  "a\ufeffb", "a\x1b[2Jb", "two\nlines", "a\rb"])
def test_case_ids_refuse_invisible_and_line_breaking_characters(name):
    with pytest.raises(InvalidInput, match="case name contains") as exc:
        check_case_id(name)
    assert exc.value.fix


def test_case_ids_are_nfc_normalised():
    """'é' typed as e + combining accent and as one character are the same id."""
    assert check_case_id("Jose\u0301") == check_case_id("Jos\u00e9") == "Jos\u00e9"
    assert check_case_id(" " + "x" * 80 + " ") == "x" * 80


def test_printable_never_lets_escape_sequences_through():
    text = printable("a\x1b]0;owned\x07b\x1b[2J\r\nc\u202ed\x9b")
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text and "\u202e" not in text and "\x9b" not in text
    assert text == "a\\x1b]0;owned\\x07b\\x1b[2J\\x0d\\x0ac\\u202ed\\x9b"


def test_who_prefers_the_jupyterhub_user(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "steward7")
    assert who("typed name") == "steward7"
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert who("  typed   name ") == "typed name"


# -- malformed stored records (issue 14) ------------------------------------------------------------------
def test_a_malformed_row_does_not_break_the_others(tmp_path):
    """A date column holding "2026-02-30" and a path no rule knows, written by hand into the file."""
    log = CaseLog(tmp_path / "c.sqlite")
    log.add(smith())
    log.add(Case("bad date", Grievance(learned=D(2026, 11, 18))))
    log.add(Case("bad path", Grievance(learned=D(2026, 11, 18))))
    with sqlite3.connect(tmp_path / "c.sqlite") as conn:
        conn.execute("UPDATE caselog_cases SET learned = '2026-02-30' WHERE case_id = 'bad date'")
        conn.execute("UPDATE caselog_cases SET path = 'sideways' WHERE case_id = 'bad path'")
    cases = {c.case_id: c for c in log.cases()}
    assert cases["smith"].problem is None and cases["smith"].grievance == SMITH
    assert "2026-02-30" in cases["bad date"].problem and "unknown grievance path 'sideways'" in cases["bad path"].problem
    with pytest.raises(CaseLogError, match="cannot be read"):
        log.grievance("bad path")


# -- the lmcore 0.1 file ----------------------------------------------------------------------------------------
def write_old_log(path, rows):
    """A case log exactly as lmcore 0.1 wrote it: application_id LMCG, user_version 1, one table of JSON blobs."""
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA application_id = {0x4C4D4347}")
        conn.execute("CREATE TABLE IF NOT EXISTS cases (case_id TEXT PRIMARY KEY, title TEXT, data TEXT, saved TEXT)")
        conn.execute("PRAGMA user_version = 1")
        for case_id, title, data in rows:
            text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, sort_keys=True)
            conn.execute("INSERT INTO cases VALUES (?, ?, ?, ?)", (case_id, title, text, "2026-11-20T09:30:00+00:00"))


def test_an_old_file_is_converted_on_first_open(tmp_path):
    path = tmp_path / "cases.sqlite"
    jones = replace(JONES, extensions=(Extension("step1_meeting", workdays=3, agreed_on=D(2026, 11, 5)),), title="Telework")
    write_old_log(path, [("smith", SMITH.title, SMITH.to_mapping()), ("jones", "Telework", jones.to_mapping()),
                         ("number title", 5, {**SMITH.to_mapping(), "title": 5}),
                         ("waivers text", "W", {**SMITH.to_mapping(), "waivers": "step1"}),
                         ("damaged", "", "{not json")])
    log = CaseLog(path)
    cases = {c.case_id: c for c in log.cases()}
    assert cases["smith"].grievance == SMITH and cases["jones"].grievance == jones
    assert cases["smith"].version == 1 and cases["smith"].updated_at == "2026-11-20T09:30:00+00:00"
    assert "the title is not text (int 5)" in cases["number title"].problem
    assert "the waivers are not a list" in cases["waivers text"].problem and cases["waivers text"].title == "W"
    assert "not readable JSON" in cases["damaged"].problem
    assert log.history("smith")[0].new == "converted from the lmcore 0.1 case log"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert conn.execute("SELECT version_num FROM lmcore_alembic_version").fetchone()[0] == head_revision()
        assert "cases" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        raw = conn.execute("SELECT legacy FROM caselog_cases WHERE case_id = 'damaged'").fetchone()[0]
    assert raw == "{not json"  # kept whole: nothing is lost
    fixed = log.edit("waivers text", lambda c: replace(c, grievance=SMITH), by="alice")  # a problem case can be corrected
    assert fixed.version == 2 and log.get("waivers text").problem is None
    CaseLog(path)  # opened again: already converted


def test_files_that_are_not_a_case_log(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("steward's notes\n" * 200)
    with pytest.raises(CaseLogError, match="is not an lmcore case log"):
        CaseLog(text)
    assert text.read_text().startswith("steward's notes")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE cases (case_id TEXT, data TEXT)")
    with pytest.raises(CaseLogError, match="another program"):
        CaseLog(other)
    newer = tmp_path / "newer.sqlite"
    CaseLog(newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE lmcore_alembic_version SET version_num = '9999'")
    with pytest.raises(CaseLogError, match="newer lmcore") as exc:
        CaseLog(newer)
    assert exc.value.fix == "Upgrade lmcore"
    (tmp_path / "file").write_text("x")
    with pytest.raises(CaseLogError, match="cannot create the folder"):
        CaseLog(tmp_path / "file" / "cases.sqlite")


# -- where, and WAL -----------------------------------------------------------------------------------------
def test_which_database(tmp_path, monkeypatch):
    monkeypatch.delenv("LMCORE_DATABASE_URL", raising=False)
    monkeypatch.setenv("LMCORE_CASELOG", str(tmp_path / "mine.sqlite"))
    assert default_path() == tmp_path / "mine.sqlite" and resolve_url() == f"sqlite:///{tmp_path / 'mine.sqlite'}"
    monkeypatch.setenv("LMCORE_DATABASE_URL", "postgresql://steward@db.local/caselog")
    assert resolve_url() == "postgresql+psycopg://steward@db.local/caselog"
    assert resolve_url(tmp_path / "x.sqlite") == f"sqlite:///{tmp_path / 'x.sqlite'}"  # --db / --log win
    with pytest.raises(CaseLogError, match="not a database this lmcore uses"):
        resolve_url("mysql://u:secret@h/db")
    monkeypatch.delenv("LMCORE_CASELOG")
    monkeypatch.delenv("LMCORE_DATABASE_URL")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "lmcore" / "cases.sqlite"


def test_wal_on_a_local_disk_rollback_journal_on_a_network_one(tmp_path, monkeypatch):
    assert Database(tmp_path / "a.sqlite").journal == "wal"
    monkeypatch.setattr(database, "file_system_of", lambda p: "nfs4")
    assert Database(tmp_path / "b.sqlite").journal == "delete"
    monkeypatch.setenv("LMCORE_SQLITE_JOURNAL", "wal")
    assert Database(tmp_path / "c.sqlite").journal == "wal"


def test_backup_and_restore(log, tmp_path):
    log.add(smith(), by="alice")
    log.add(Case("jones", JONES), by="alice")
    dest = log.db.backup(tmp_path / ("backup.sqlite" if log.db.backend == "sqlite" else "backup.json"))
    log.remove("jones")
    log.edit("smith", lambda c: replace(c, steward="changed"))
    counts = log.db.restore(dest)
    assert counts["caselog_cases"] == 2 and log.ids() == ["jones", "smith"] and log.get("smith").steward == "Ann Lee"
    json_copy = log.db.backup(tmp_path / "portable.json")  # the portable export works on both databases
    other = CaseLog(tmp_path / "other.sqlite")
    other.db.restore(json_copy)
    assert other.get("smith") == log.get("smith")
    log.add(Case("new", SMITH))  # ids and history go on after a restore
    assert log.history("new")[0].version == 1


def test_restore_refuses_what_is_not_a_backup(log, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}')
    with pytest.raises(CaseLogError, match="not an lmcore backup"):
        log.db.restore(bad)
    with pytest.raises(CaseLogError, match="no backup file"):
        log.db.restore(tmp_path / "missing.sqlite")
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"format": "caf\xe9"}')
    # {"format": "caf = 15 bytes: é is the 16th
    with pytest.raises(CaseLogError, match=r"latin.json is not UTF-8 text \(byte 16\)"):
        log.db.restore(latin)


def test_restore_reads_a_json_backup_with_a_size_bound(log, tmp_path, monkeypatch):
    """A file far larger than any backup (a disk image, /dev/zero through a link) is one line, not read into memory."""
    from lmcore.storage import database

    monkeypatch.setattr(database, "BACKUP_MAX_BYTES", 1024)
    big = tmp_path / "big.json"
    big.write_text('{"format": "' + "x" * 2000 + '"}')
    with pytest.raises(CaseLogError, match=r"the backup .*big.json is larger than 1 KB") as err:
        log.db.restore(big)
    assert "\n" not in str(err.value)


# -- round trip (hypothesis) ---------------------------------------------------------------------------------
dates = st.dates(D(2020, 1, 1), D(2030, 12, 31))
maybe = st.none() | dates
grievances = st.builds(
    Grievance, learned=dates, path=st.sampled_from(PATHS), **{k: maybe for k in DATE_FIELDS if k != "learned"},
    continuing=st.booleans(), agencies=st.sampled_from(["single", "multiple"]),
    consolidation=st.none() | st.sampled_from(CONSOLIDATIONS), expedited=st.booleans(),
    waivers=st.lists(st.builds(Waiver, step=st.sampled_from(["step1", "step2"]), agreed_on=maybe), max_size=2,
                     unique_by=lambda w: w.step).map(tuple),
    extensions=st.lists(st.builds(Extension, milestone=st.sampled_from(["step1_meeting", "step2_appeal", "step1_filing"]),
                                  workdays=st.none() | st.integers(0, 250), until=maybe, agreed_on=maybe),
                        max_size=3, unique_by=lambda e: e.milestone).map(tuple),
    title=st.text(max_size=40).map(str.strip))


@pytest.fixture(scope="module")
def shared_log(tmp_path_factory):
    return CaseLog(tmp_path_factory.mktemp("caselog") / "cases.sqlite")


@settings(deadline=None)  # each example commits to disk: its time is the disk's, under whatever load the machine has
@given(g=grievances, name=st.text(min_size=1, max_size=80).filter(lambda s: s.strip(" \t") and s.isprintable()))
def test_round_trip_of_any_grievance(shared_log, g, name):
    try:
        cid = check_case_id(name)
    except InvalidInput:
        return  # an invisible or format character: refused (tested above)
    case = Case(cid, g)
    if cid in shared_log.ids():
        shared_log.remove(cid)
    saved = shared_log.add(case)
    assert shared_log.get(cid).grievance == saved.grievance
