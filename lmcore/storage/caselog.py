"""A steward's case log: each grievance recorded once, and across all of them the deadline that comes next.

The log is one SQLite file per user. `default_path()` is `$LMCORE_CASELOG` if set, else
`$XDG_DATA_HOME/lmcore/cases.sqlite`, else `~/.local/share/lmcore/cases.sqlite` — inside the user's own home,
so on JupyterHub (one home folder or volume per person) every steward has their own log and sees no one
else's cases. Each operation opens its own short connection with a lock timeout, so two notebooks (kernels)
of the same user can share the file; the classic rollback journal is kept (no WAL) because home volumes are
often network file systems.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CaseLogError, InvalidInput, LmcoreError
from ..grievance.record import Grievance

SCHEMA_VERSION = 1  # PRAGMA user_version of the file
APPLICATION_ID = 0x4C4D4347  # PRAGMA application_id: "LMCG", marks the file as an lmcore case log
LOCK_TIMEOUT_S = 10.0  # how long one kernel waits for another kernel's write to finish
MAX_ID = 80
CITE = "Art. 43"  # grievance records: the grievance procedure
_FIX_PATH = "Set LMCORE_CASELOG to a file in a folder you can write to, or give --log PATH"
_SCHEMA = "CREATE TABLE IF NOT EXISTS cases (case_id TEXT PRIMARY KEY, title TEXT, data TEXT, saved TEXT)"


def default_path() -> Path:
    """Where this user's case log lives: $LMCORE_CASELOG, else $XDG_DATA_HOME/lmcore/cases.sqlite, else
    ~/.local/share/lmcore/cases.sqlite. Per user because it is in the user's own home (on JupyterHub each
    person's home volume holds their own log)."""
    if os.environ.get("LMCORE_CASELOG"):
        return Path(os.environ["LMCORE_CASELOG"]).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data).expanduser() / "lmcore" / "cases.sqlite"


def check_case_id(case_id: Any) -> str:
    """A case name as stored: surrounding spaces removed, 1 to 80 characters on one line."""
    text = str(case_id if case_id is not None else "").strip()
    if not text:
        raise InvalidInput("the case name is empty", cite=CITE, fix="Give the case a short name, e.g. 2026-014 Smith")
    if len(text) > MAX_ID:
        raise InvalidInput(f"the case name is {len(text)} characters long; at most {MAX_ID} are kept", cite=CITE,
                           fix="Use a shorter name (put the details in the grievance's title)")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise InvalidInput("the case name contains a line break or a control character", cite=CITE,
                           fix="Write the name on one line")
    return text


@dataclass(frozen=True)
class CaseEntry:
    """One saved case: its name, the grievance's title, the record (None if it can no longer be read) and when
    it was saved; `problem` says why a record cannot be read."""

    case_id: str
    title: str
    grievance: Grievance | None
    saved: dt.datetime | None
    problem: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    """The step at hand of one case: what is due by when, its status and rule, and the explanation that
    defends the date (the counting, days skipped, what a miss means). `problem` replaces it all for a case
    whose record no longer validates."""

    case_id: str
    title: str
    milestone: str = ""
    label: str = ""
    actor: str = ""
    due: dt.date | None = None
    status: str = ""
    cite: str = ""
    explanation: str = ""
    problem: str | None = None

    @property
    def is_open(self) -> bool:
        """Something is still to be done on this case (the step at hand is open or projected)."""
        return self.problem is None and self.status in ("open", "projected")

    def sort_key(self) -> tuple:
        """Open steps by due date, then open steps with no date (continuing conditions), then cases with
        nothing open, then records with a problem; ties by case name."""
        rank = 3 if self.problem else 0 if self.is_open and self.due else 1 if self.is_open else 2
        return (rank, self.due if rank == 0 else dt.date.min, self.case_id)

    def to_dict(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "title": self.title, "milestone": self.milestone, "label": self.label,
                "actor": self.actor, "due": self.due.isoformat() if self.due else None, "status": self.status,
                "cite": self.cite, "explanation": self.explanation, "problem": self.problem}


class CaseLog:
    """The grievances one user has saved, in one SQLite file (created with its folders if missing)."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path).expanduser() if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CaseLogError(f"cannot create the folder of the case log {self.path.parent}: {exc.strerror}",
                               cite=CITE, fix=_FIX_PATH) from None
        self._check_or_create()

    def __repr__(self) -> str:
        return f"CaseLog({str(self.path)!r})"

    # -- the file --------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A short-lived connection; with write=True one transaction that takes the write lock at once."""
        try:
            conn = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        try:
            if write:
                conn.execute("BEGIN IMMEDIATE")
            yield conn
            if write:
                conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        finally:
            conn.close()  # an open transaction is rolled back

    def _error(self, exc: sqlite3.Error) -> CaseLogError:
        text = str(exc)
        if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text):
            return CaseLogError(f"{self.path} is not an lmcore case log (or is damaged)", cite=CITE,
                                fix="Give another file with --log or LMCORE_CASELOG; move this one aside if it is yours")
        if "locked" in text or "busy" in text:
            return CaseLogError(f"the case log {self.path} stayed locked by another notebook for "
                                f"{LOCK_TIMEOUT_S:g} s", cite=CITE, fix="Try again in a moment")
        return CaseLogError(f"cannot use the case log {self.path}: {text}", cite=CITE, fix=_FIX_PATH)

    def _check_or_create(self) -> None:
        """Read the file's marks; an empty file becomes a case log (under the write lock: two kernels may race)."""
        with self._connect() as conn:
            empty = self._inspect(conn)
        if empty:
            with self._connect(write=True) as conn:
                if self._inspect(conn):
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    conn.execute(_SCHEMA)
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _inspect(self, conn: sqlite3.Connection) -> bool:
        """True for an empty file; nothing for a case log this lmcore reads; else a clear CaseLogError."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id == 0 and version == 0 and not tables:
            return True
        if app_id != APPLICATION_ID:
            raise CaseLogError(f"{self.path} is an SQLite file of another program, not an lmcore case log",
                               cite=CITE, fix="Give another file with --log or LMCORE_CASELOG")
        if version > SCHEMA_VERSION:
            raise CaseLogError(f"{self.path} was written by a newer lmcore (case log version {version}; this "
                               f"lmcore reads version {SCHEMA_VERSION})", cite=CITE, fix="Upgrade lmcore")
        columns = [r[1] for r in conn.execute("PRAGMA table_info(cases)")]
        if version != SCHEMA_VERSION or columns != ["case_id", "title", "data", "saved"]:
            raise CaseLogError(f"{self.path} is a damaged lmcore case log (version {version}, cases table "
                               f"{columns or 'missing'})", cite=CITE, fix="Move it aside; a new log is then made")
        return False

    # -- records ---------------------------------------------------------------------------------
    def save(self, case_id: str, grievance: Grievance, *, saved: dt.datetime | None = None) -> None:
        """Record a grievance under a case name (replacing an earlier record of that name)."""
        cid = check_case_id(case_id)
        data = json.dumps(grievance.to_mapping(), ensure_ascii=False, sort_keys=True)
        stamp = (saved or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)).isoformat()
        with self._connect(write=True) as conn:
            conn.execute("INSERT OR REPLACE INTO cases (case_id, title, data, saved) VALUES (?, ?, ?, ?)",
                         (cid, grievance.title, data, stamp))

    def get(self, case_id: str) -> Grievance:
        """The grievance saved under a case name."""
        cid = str(case_id).strip()
        with self._connect() as conn:
            row = conn.execute("SELECT case_id, title, data, saved FROM cases WHERE case_id = ?", (cid,)).fetchone()
        if row is None:
            raise self._unknown(cid)
        entry = _entry(row)
        if entry.grievance is None:
            raise CaseLogError(f"the saved record of case '{cid}' cannot be read: {entry.problem}", cite=CITE,
                               fix=f"Save it again (lmcore cases add {cid} …), or remove it")
        return entry.grievance

    def remove(self, case_id: str) -> None:
        """Delete a case from the log."""
        cid = str(case_id).strip()
        with self._connect(write=True) as conn:
            gone = conn.execute("DELETE FROM cases WHERE case_id = ?", (cid,)).rowcount
        if not gone:
            raise self._unknown(cid)

    def ids(self) -> list[str]:
        with self._connect() as conn:
            return [r[0] for r in conn.execute("SELECT case_id FROM cases ORDER BY case_id")]

    def cases(self) -> list[CaseEntry]:
        """Every saved case, by name; a record that cannot be read comes with its problem instead of failing."""
        with self._connect() as conn:
            rows = conn.execute("SELECT case_id, title, data, saved FROM cases ORDER BY case_id").fetchall()
        return [_entry(r) for r in rows]

    def agenda(self, as_of: dt.date, contract: Any = None) -> list[AgendaItem]:
        """For every case the step at hand as of a date (Art. 43 timeline), the next due date first; cases
        with nothing open after, then records that no longer validate (with the reason)."""
        from ..contract.loading import load_contract

        contract = contract or load_contract()
        return sorted((_item(e, as_of, contract) for e in self.cases()), key=AgendaItem.sort_key)

    def _unknown(self, cid: str) -> InvalidInput:
        known = self.ids()
        listing = ", ".join(known[:20]) + (f" and {len(known) - 20} more" if len(known) > 20 else "")
        return InvalidInput(f"no case '{cid}' in the case log {self.path}", cite=CITE,
                            fix=f"Saved cases: {listing}" if known else "The log is empty: save one with lmcore cases add")


def _entry(row: tuple) -> CaseEntry:
    case_id, title, data, saved = row
    try:
        stamp = dt.datetime.fromisoformat(saved) if saved else None
    except (TypeError, ValueError):
        stamp = None
    try:
        mapping = json.loads(data)
        if not isinstance(mapping, dict):
            raise ValueError("not a record")
        g = Grievance.from_mapping(mapping)
        return CaseEntry(case_id, g.title, g, stamp)
    except LmcoreError as exc:
        return CaseEntry(case_id, title or "", None, stamp, str(exc))
    except (TypeError, ValueError) as exc:
        return CaseEntry(case_id, title or "", None, stamp, f"the stored record is not a grievance ({exc})")


def _item(entry: CaseEntry, as_of: dt.date, contract: Any) -> AgendaItem:
    """The step at hand of one case, or the reason its record cannot be used."""
    from ..grievance.engine import timeline

    if entry.grievance is None:
        return AgendaItem(entry.case_id, entry.title, problem=f"The saved record cannot be read: {entry.problem}")
    try:
        t = timeline(entry.grievance, contract, as_of)
    except LmcoreError as exc:
        return AgendaItem(entry.case_id, entry.title, problem=f"The saved record does not fit this contract or "
                          f"date: {exc} Open the case, correct it and save it again.")
    if not t.milestones:
        return AgendaItem(entry.case_id, entry.title, status="closed", explanation="\n".join(t.notes))
    m = t.at_hand
    return AgendaItem(entry.case_id, entry.title, m.name, m.label, m.actor, m.due, m.status, m.cite, m.explain())


__all__ = ["AgendaItem", "CaseEntry", "CaseLog", "check_case_id", "default_path"]
