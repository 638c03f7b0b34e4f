"""Training results on the shared database (issue 18, phase 2), on SQLite and on a real PostgreSQL server: a graded
answer stored and read back as it was graded, who answered (the JupyterHub user over the typed name), the trainer's
summary from the store, the migration from a case log at 0001, backup and restore, and several trainees answering at
once from separate processes without losing an answer."""
from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect

from lmcore.errors import InvalidInput
from lmcore.grievance import Grievance
from lmcore.storage.caselog import CaseLog
from lmcore.storage.database import MIGRATIONS, VERSION_TABLE, Database, head_revision, resolve_url
from lmcore.storage.records import Case
from lmcore.storage.training import TrainingResults, trainee_name
from lmcore.training import Attempt, attempt_from, grade, load_scenarios, summarize

LIB = load_scenarios()
AT = dt.datetime(2026, 11, 23, 14, 30, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def _no_hub(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


def g(sid: str, answer: str):
    return grade(LIB.get(sid), answer)


def test_the_head_migration_is_0002_and_makes_the_tables(db_url):
    db = Database(db_url)
    names = set(db.read(lambda c: inspect(c).get_table_names()))
    assert head_revision() == "0002"
    assert {"training_attempts", "partnership_meetings", "partnership_pdi", "partnership_report_entries",
            "partnership_reports"} <= names
    assert db.read(lambda c: c.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()) == "0002"


def test_a_case_log_at_0001_is_upgraded_and_keeps_its_cases(db_url):
    """A database made by lmcore before this change (schema 0001, one case in it) gains the new tables on open."""
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA application_id = 1280131911")  # lmcore's mark (0x4C4D4347)
            conn.exec_driver_sql("PRAGMA user_version = 2")
    engine.dispose()
    assert "training_attempts" not in inspect(create_engine(resolve_url(db_url))).get_table_names()
    CaseLog(db_url).add(Case("kept", Grievance(learned=dt.date(2026, 11, 18))), by="old lmcore")
    results = TrainingResults(db_url)
    results.record_grade(g("step1-filing-thanksgiving", "2026-12-14"), "Ana")
    assert CaseLog(db_url).ids() == ["kept"] and results.count() == 1


def test_a_graded_answer_is_stored_as_graded(db_url):
    """Art. 43 §7.a(1): learned Fri 2026-11-13; day 1 Mon 11-16 … Thu 11-26 Thanksgiving skipped … day 20 Mon 12-14.
    Ben answers Fri 12-11: he counted Fri 11-13 itself as day 1 (11-13 = 1 … 12-11 = 20)."""
    r = TrainingResults(db_url)
    stored = r.record_grade(g("step1-filing-thanksgiving", "Fri 2026-12-11"), "  Ben  ", track="steward")
    (a,) = r.attempts()
    assert a == stored
    assert (a.trainee, a.scenario, a.set_id, a.track, a.article) == ("Ben", "step1-filing-thanksgiving", "grievance-basics",
                                                                     "steward", "Art. 43 §7.a(1)")
    assert (a.answer, a.expected, a.correct, a.slip_kind, a.answer_type) == ("2026-12-11", "2026-12-14", False,
                                                                             "event_day_counted", "date")
    assert "you counted the day of the event (Fri 2026-11-13) as day 1" in a.slip
    assert a.title == "Filing at Step 1 across Thanksgiving"
    assert a.at.tzinfo is not None and abs((dt.datetime.now(dt.timezone.utc) - a.at).total_seconds()) < 600


def test_numbers_and_yes_no_come_back_as_graded(db_url):
    """A number answer reads back as a number (the CSV and the summary see the same value as at grading time)."""
    r = TrainingResults(db_url)
    number = next(s for s in LIB.scenarios if s.answer_type == "number")
    yes_no = next(s for s in LIB.scenarios if s.answer_type == "yes/no")
    fresh = [attempt_from(grade(number, str(number.expected)), "Ana", AT), attempt_from(grade(yes_no, "yes"), "Ana", AT)]
    for a in fresh:
        r.record(a)
    assert r.attempts() == tuple(fresh)
    assert isinstance(r.attempts()[0].answer, float) and r.attempts()[1].answer == "yes"


def test_the_jupyterhub_user_is_who_answered(db_url, monkeypatch):
    """On JupyterHub the hub's user name is recorded, whatever name is typed in the page."""
    monkeypatch.setenv("JUPYTERHUB_USER", "ana.lopez")
    r = TrainingResults(db_url)
    r.record_grade(g("step1-filing-thanksgiving", "2026-12-14"), "Someone Else")
    assert r.trainees() == ("ana.lopez",) and trainee_name(None) == "ana.lopez"


def test_no_name_no_answer_stored(db_url):
    r = TrainingResults(db_url)
    with pytest.raises(InvalidInput, match="no trainee name"):
        r.record_grade(g("step1-filing-thanksgiving", "2026-12-14"), "   ")
    with pytest.raises(InvalidInput, match="at most 200"):
        trainee_name("x" * 201)
    assert trainee_name("Ana\x1b[31m") == "Ana\\x1b[31m"  # a terminal escape is kept visible, never raw
    assert r.count() == 0


def test_filters_and_the_summary_from_the_store(db_url):
    """Ana right twice; Ben counts the event day (12-11) and takes the merit staffing matter to Step 1 (employee path,
    but Art. 43 §7.a(2) files it at Step 2): the trainer's summary is the same from the store as from the grades."""
    r = TrainingResults(db_url)
    fresh = [attempt_from(g("step1-filing-thanksgiving", "2026-12-14"), "Ana", AT, "steward"),
             attempt_from(g("merit-staffing-route", "merit-staffing"), "Ana", AT, "steward"),
             attempt_from(g("step1-filing-thanksgiving", "2026-12-11"), "Ben", AT, "manager"),
             attempt_from(g("merit-staffing-route", "employee"), "Ben", AT, "manager")]
    for a in fresh:
        r.record(a)
    assert r.summary().to_dict() == summarize(fresh).to_dict()
    s = r.summary()
    assert [(t.trainee, t.answered, t.correct) for t in s.trainees] == [("Ana", 2, 2), ("Ben", 2, 0)]
    assert [x.scenario for x in r.attempts(trainee="Ben")] == ["step1-filing-thanksgiving", "merit-staffing-route"]
    assert len(r.attempts(track="steward")) == 2 and len(r.attempts(scenario="merit-staffing-route")) == 2
    assert r.attempts(set_id="leave") == ()
    assert r.forget("Ben") == 2 and r.trainees() == ("Ana",)


def test_csv_export_never_runs_a_typed_formula(db_url):
    r = TrainingResults(db_url)
    r.record(attempt_from(g("step1-filing-thanksgiving", "2026-12-14"), '=HYPERLINK("http://x","y")', AT))
    line = r.summary().to_csv().splitlines()[1]
    assert line.startswith("\"'=HYPERLINK(")


def test_backup_and_restore_cover_the_training_results(db_url, tmp_path):
    r = TrainingResults(db_url)
    r.record_grade(g("step1-filing-thanksgiving", "2026-12-14"), "Ana")
    saved = r.db.backup(tmp_path / "backup.json")
    r.forget("Ana")
    assert r.count() == 0
    counts = r.db.restore(saved)
    assert counts["training_attempts"] == 1 and r.trainees() == ("Ana",)
    r.record_grade(g("step1-filing-thanksgiving", "2026-12-11"), "Ben")  # ids go on after the restored ones
    assert r.count() == 2


# -- several trainees at once --------------------------------------------------------------------------------
WRITERS, ANSWERS = 4, 25


def _trainee(url: str, n: int, out_fd: int) -> None:
    """Child process: one trainee answering ANSWERS times, each answer in its own transaction (as the page does)."""
    lines = []
    try:
        r = TrainingResults(url)
        base = attempt_from(g("step1-filing-thanksgiving", "2026-12-11"), f"trainee {n}", AT)
        for i in range(ANSWERS):
            r.record(Attempt(**{**base.__dict__, "title": f"{n}-{i}", "at": None}))
            lines.append(f"stored {n}-{i}")
    except Exception as exc:  # any error reaches the test as text
        lines.append(f"error {type(exc).__name__}: {exc}")
    finally:
        os.write(out_fd, ("\n".join(lines) + "\n").encode())
        os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_trainees_answering_at_once_lose_no_answer(db_url):
    TrainingResults(db_url).db.dispose()  # migrated before the writers start
    pipes = []
    start = time.monotonic()
    for n in range(WRITERS):
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            _trainee(db_url, n, wfd)
        os.close(wfd)
        pipes.append((pid, rfd))
    out = []
    for pid, rfd in pipes:
        with os.fdopen(rfd, "rb") as f:
            out += [x for x in f.read().decode().split("\n") if x]
        os.waitpid(pid, 0)
    assert [x for x in out if x.startswith("error")] == []
    reported = {x.split(" ", 1)[1] for x in out}
    stored = TrainingResults(db_url).attempts()
    assert len(reported) == WRITERS * ANSWERS
    assert {a.title for a in stored} == reported and len(stored) == WRITERS * ANSWERS  # none lost, none twice
    assert {a.trainee for a in stored} == {f"trainee {n}" for n in range(WRITERS)}
    assert time.monotonic() - start < 120
