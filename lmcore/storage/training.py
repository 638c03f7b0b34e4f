"""Training results on the shared database: every graded answer a trainee gives (on the training page or with
`lmcore scenarios quiz --record NAME`) is one row of `training_attempts`, written in its own transaction, so every
trainee on one server or one JupyterHub lands in the trainer's view and concurrent trainees lose no answer.

`TrainingResults(where)` opens the database `where` names (a URL, an SQLite path, or None for the setting: `--db`,
$LMCORE_DATABASE_URL, else the per-user SQLite file the case log uses). Who answered: the JupyterHub user
($JUPYTERHUB_USER, set by the hub, not by the trainee) where there is one, else the name typed (`trainee_name`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from ..errors import InvalidInput
from ..training.results import Attempt, Summary, hub_user, summarize
from . import practice_tables as T
from .database import Database

if TYPE_CHECKING:
    from ..training.grading import Grade

MAX_NAME = 200
MAX_TEXT = 5_000


def trainee_name(typed: str | None) -> str:
    """Who is answering: the JupyterHub user where there is one, else the name typed; no name is an error."""
    return check_name(hub_user() or typed)


def check_name(typed: Any) -> str:
    """A trainee's name as stored: spaces made single, control characters shown as codes, at most 200 characters."""
    from .records import printable

    name = " ".join(str(typed or "").split())
    if not name:
        raise InvalidInput("no trainee name", fix="Type your name, so that the trainer sees your answers", field="trainee")
    name = printable(name)
    if len(name) > MAX_NAME:
        raise InvalidInput(f"the name is {len(name)} characters long; at most {MAX_NAME} are kept",
                           fix="Type a shorter name", field="trainee")
    return name


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)[:MAX_TEXT]


def _value(text: str | None, answer_type: str) -> Any:
    """A stored answer back as the plain value attempt_from gives (a number as a float)."""
    if text is None or answer_type != "number":
        return text
    try:
        return float(text)
    except ValueError:
        return text


class TrainingResults:
    """The graded answers of every trainee using one database."""

    def __init__(self, where: str | Path | None = None, *, db: Database | None = None):
        self.db = db or Database(where)

    def __repr__(self) -> str:
        return f"TrainingResults({self.db.where!r})"

    @property
    def where(self) -> str:
        return self.db.where

    # -- writing -------------------------------------------------------------------------------------
    def record(self, attempt: Attempt) -> Attempt:
        """Store one graded answer (its time set now, in UTC, unless it has one) in its own transaction; returns it
        as stored. A busy database is retried; nothing else is written with it."""
        a = attempt if attempt.at is not None else replace(attempt, at=_now())
        if a.at.tzinfo is None:
            raise InvalidInput("the time of an answer must say its time zone", fix="Give it in UTC", field="at")
        row = {"trainee": check_name(a.trainee), "set_id": str(a.set_id), "scenario": str(a.scenario),
               "title": str(a.title or ""), "track": str(a.track), "article": str(a.article),
               "answer_type": str(a.answer_type or ""), "answer": _text(a.answer) or "", "expected": _text(a.expected),
               "correct": bool(a.correct), "slip_kind": a.slip_kind, "slip": _text(a.slip),
               "at": a.at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")}
        self.db.write(lambda conn: conn.execute(T.attempts.insert(), [row]))
        return replace(a, trainee=row["trainee"])

    def record_grade(self, grade: Grade, trainee: str | None, track: str | None = None) -> Attempt:
        """Store a graded answer for the trainee (the JupyterHub user where there is one)."""
        from ..training.results import attempt_from

        return self.record(attempt_from(grade, trainee_name(trainee), _now(), track))

    def forget(self, trainee: str) -> int:
        """Remove every answer of one trainee (a practice run, or at the trainee's request); returns how many."""
        name = " ".join(str(trainee or "").split())
        if not name:
            raise InvalidInput("no trainee name", fix="Name the trainee whose answers to remove", field="trainee")
        return self.db.write(lambda conn: conn.execute(delete(T.attempts).where(T.attempts.c.trainee == name)).rowcount)

    # -- reading -------------------------------------------------------------------------------------
    def attempts(self, *, trainee: str | None = None, set_id: str | None = None, track: str | None = None,
                 scenario: str | None = None) -> tuple[Attempt, ...]:
        """Every stored answer, oldest first, optionally of one trainee, set, track or scenario."""
        t = T.attempts
        q = select(t).order_by(t.c.id)
        for col, value in ((t.c.trainee, trainee), (t.c.set_id, set_id), (t.c.track, track), (t.c.scenario, scenario)):
            if value:
                q = q.where(col == value)
        return self.db.read(lambda conn: tuple(_attempt(r) for r in conn.execute(q)))

    def trainees(self) -> tuple[str, ...]:
        t = T.attempts.c.trainee
        return self.db.read(lambda conn: tuple(r[0] for r in conn.execute(select(t).distinct().order_by(t))))

    def count(self) -> int:
        return self.db.read(lambda conn: int(conn.execute(select(func.count()).select_from(T.attempts)).scalar() or 0))

    def summary(self, **filters: str | None) -> Summary:
        """The trainer's summary (per trainee, per scenario, most missed, typical slips) of the stored answers."""
        return summarize(self.attempts(**filters))


def _attempt(r: Any) -> Attempt:
    try:
        at = dt.datetime.fromisoformat(r.at)
    except (TypeError, ValueError):
        at = None
    return Attempt(r.trainee, r.scenario, r.set_id, r.track, r.article, _value(r.answer, r.answer_type),
                   _value(r.expected, r.answer_type), bool(r.correct), r.slip_kind, r.slip, at, r.title, r.answer_type)


__all__ = ["TrainingResults", "check_name", "hub_user", "trainee_name"]
