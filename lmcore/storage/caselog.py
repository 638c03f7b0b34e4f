"""The case log: an office's grievances and arbitration cases on the shared database (lmcore.storage.database),
each change written in one transaction with its audit trail, each case with a version so that a save based on
an old version is refused (saying who changed what since) instead of silently overwriting it.

`CaseLog(where)` opens the database `where` names (a URL, an SQLite path, or None for the setting/default, see
lmcore.storage.database.resolve_url). An lmcore 0.1 case log file is converted on its first open.
"""
from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.exc import IntegrityError

from ..errors import InvalidInput, LmcoreError
from ..grievance.record import DATE_FIELDS, Grievance
from . import tables as T
from .database import Database, StorageError, default_path
from .driver import insert_many
from .records import CITE, Arbitration, Case, Signatories, case_problem, check_case, check_case_id, printable

__all__ = ["CaseLog", "Change", "Conflict", "check_case_id", "default_path", "who"]


class Conflict(StorageError):
    """A save based on an old version of a case: refused, with who changed what since."""


@dataclass(frozen=True)
class Change:
    """One line of the audit trail: a field's old and new text, when (UTC) and by whom."""

    case_id: str
    version: int
    field: str
    old: str | None
    new: str | None
    at: str
    by: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new, "at": self.at, "by": self.by,
                "version": self.version}


def who(typed: str | None = None) -> str:
    """Who is making a change: the JupyterHub user where there is one (set by the hub, not by the person), else the
    name typed in the page or given with --by, else the login name."""
    for name in (os.environ.get("JUPYTERHUB_USER"), typed):
        if name and str(name).strip():
            return printable(" ".join(str(name).split()))[:200]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


class CaseLog:
    """The cases of one database (the per-user SQLite file by default, an office's PostgreSQL by setting)."""

    def __init__(self, where: str | Path | None = None, *, db: Database | None = None):
        self.db = db or Database(where)

    def __repr__(self) -> str:
        return f"CaseLog({self.db.where!r})"

    @property
    def where(self) -> str:
        return self.db.where

    @property
    def path(self) -> Path | None:
        """The SQLite file (None on a server database)."""
        return self.db.path

    # -- reading -------------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        return self.db.read(lambda c: [r[0] for r in c.execute(select(T.cases.c.case_id).order_by(T.cases.c.case_id))])

    def get(self, case_id: str) -> Case:
        """One case (with its problem, if its stored record cannot be used)."""
        cid = _key(case_id)
        found = self.db.read(lambda c: _load_one(c, cid))
        if found is None:
            raise self._unknown(cid)
        return found

    def grievance(self, case_id: str) -> Grievance:
        """The grievance of a case that can be used, or a clear error for one whose record cannot."""
        case = self.get(case_id)
        if case.grievance is None:
            raise StorageError(f"the saved record of case '{case.case_id}' cannot be read: {case.problem}", cite=CITE,
                               fix=f"Correct it with lmcore cases edit {case.case_id} …, or remove it")
        return case.grievance

    def cases(self, *, open_only: bool = False) -> list[Case]:
        """Every case, by id; a record that cannot be used comes with its problem instead of failing the rest."""
        cases = self.db.read(lambda c: _load(c, None))
        return [k for k in cases if k.is_open] if open_only else cases

    def history(self, case_id: str) -> list[Change]:
        """Every change to a case, oldest first (kept after the case is removed)."""
        cid = _key(case_id)
        rows = self.db.read(lambda c: c.execute(select(T.history).where(T.history.c.case_id == cid)
                                                .order_by(T.history.c.id)).fetchall())
        if not rows:
            raise self._unknown(cid)
        return [Change(r.case_id, r.version, r.field, r.old, r.new, r.at, r.by) for r in rows]

    # -- writing -------------------------------------------------------------------------------------
    def add(self, case: Case, *, by: str | None = None) -> Case:
        """Write a new case (version 1); an id already in the log is refused (change it with edit)."""
        case = check_case(case)
        name, stamp = who(by), _now()
        new = replace(case, version=1, created_at=stamp, created_by=name, updated_at=stamp, updated_by=name, problem=None)

        def op(conn: Connection) -> Case:
            if conn.execute(_VERSION, {"cid": new.case_id}).first() is not None:
                raise self._exists(new.case_id)
            _write(conn, new)
            _log(conn, new.case_id, 1, [(f, None, v) for f, v in new.fields().items() if v is not None], stamp, name)
            return new

        try:
            return self.db.write(op)
        except IntegrityError:  # the same id added at the same moment by someone else
            raise self._exists(new.case_id) from None

    def edit(self, case_id: str, change: Callable[[Case], Case], *, by: str | None = None,
             expect_version: int | None = None) -> Case:
        """Apply `change` to the stored case and write it as the next version, in one transaction. With
        `expect_version`, a case saved by someone else since that version is refused (Conflict) with what they
        changed. Returns the case as written (unchanged if nothing changed)."""
        cid = _key(case_id)
        name = who(by)

        def op(conn: Connection) -> Case:
            old = self._current(conn, cid, expect_version)
            new = check_case(change(old))
            if new.case_id != old.case_id:
                raise InvalidInput("a case's id cannot be changed by an edit", cite=CITE,
                                   fix="Add the case under the new id and remove the old one")
            before, after = old.fields() if old.grievance else {"record": "(unreadable)"}, new.fields()
            diff = [(f, before.get(f), after.get(f)) for f in dict.fromkeys([*before, *after]) if before.get(f) != after.get(f)]
            if not diff and old.grievance is not None:
                return old
            stamp = _now()
            new = replace(new, version=old.version + 1, created_at=old.created_at, created_by=old.created_by,
                          updated_at=stamp, updated_by=name, problem=None)
            _write(conn, new, old=old)
            _log(conn, cid, new.version, diff, stamp, name)
            return new

        return self.db.write(op)

    def _current(self, conn: Connection, cid: str, expect_version: int | None) -> Case:
        """The stored case, locked for this transaction; unknown, or saved by someone else since `expect_version`: refused."""
        old = _load_one(conn, cid, lock=True)
        if old is None:
            raise self._unknown(cid)
        if expect_version is not None and old.version != expect_version:
            raise self._conflict(conn, old, expect_version)
        return old

    def remove(self, case_id: str, *, by: str | None = None, expect_version: int | None = None) -> Case:
        """Delete a case (its history stays, with the removal as its last entry)."""
        cid = _key(case_id)
        name = who(by)

        def op(conn: Connection) -> Case:
            old = self._current(conn, cid, expect_version)
            conn.execute(T.cases.delete().where(T.cases.c.case_id == cid))
            _log(conn, cid, old.version + 1, [("case", old.title or cid, None)], _now(), name)
            return old

        return self.db.write(op)

    def add_many(self, cases: list[Case], *, by: str | None = None) -> int:
        """Write many new cases in one transaction (an import): all or none; an id already there refuses them all."""
        checked = [check_case(c) for c in cases]
        name, stamp = who(by), _now()
        new = [replace(c, version=1, created_at=stamp, created_by=name, updated_at=stamp, updated_by=name) for c in checked]
        history = [{"case_id": c.case_id, "version": 1, "field": f, "old": None, "new": v, "at": stamp, "by": name}
                   for c in new for f, v in c.fields().items() if v is not None]

        def op(conn: Connection) -> int:
            ids = [c.case_id for c in checked]
            taken = set()
            for i in range(0, len(ids), 500):
                taken |= {r[0] for r in conn.execute(select(T.cases.c.case_id).where(T.cases.c.case_id.in_(ids[i:i + 500])))}
            if taken:
                raise InvalidInput(f"{len(taken)} case id(s) are already in the case log: {', '.join(sorted(taken)[:10])}",
                                   cite=CITE, fix="Nothing was imported; remove those rows or change them with lmcore cases edit")
            _write_many(conn, new)
            insert_many(conn, T.history, history)
            return len(new)

        try:
            return self.db.write(op)
        except IntegrityError:
            raise InvalidInput("some case ids were added by someone else during the import", cite=CITE,
                               fix="Nothing was imported; run the import again") from None

    # -- messages ------------------------------------------------------------------------------------
    def _unknown(self, cid: str) -> InvalidInput:
        known = self.ids()
        listing = ", ".join(printable(k) for k in known[:20]) + (f" and {len(known) - 20} more" if len(known) > 20 else "")
        return InvalidInput(f"no case '{printable(cid)}' in the case log {self.where}", cite=CITE,
                            fix=f"Saved cases: {listing}" if known else "The log is empty: save one with lmcore cases add")

    def _exists(self, cid: str) -> InvalidInput:
        return InvalidInput(f"a case '{printable(cid)}' is already in the case log", cite=CITE,
                            fix=f"Change it with: lmcore cases edit {printable(cid)} … (or choose another id)")

    def _conflict(self, conn: Connection, old: Case, expected: int) -> Conflict:
        if expected > old.version:
            return Conflict(f"case '{printable(old.case_id)}' is at version {old.version}, not {expected}; nothing was saved",
                            cite=CITE, fix="Reload the case and make your change again")
        rows = conn.execute(select(T.history).where(T.history.c.case_id == old.case_id, T.history.c.version > expected)
                            .order_by(T.history.c.id)).fetchall()
        said = "; ".join(f"{printable(r.by)} at {r.at[:19].replace('T', ' ')} UTC changed {r.field}: "
                         f"{_short(r.old)} → {_short(r.new)}" for r in rows[:8]) + (f"; and {len(rows) - 8} more" if len(rows) > 8 else "")
        return Conflict(f"case '{printable(old.case_id)}' was changed since your version {expected} (it is now version "
                        f"{old.version}): {said or 'changed'}; nothing was saved", cite=CITE,
                        fix="Reload the case, check their changes and make yours again")


def _short(text: str | None) -> str:
    if text is None:
        return "(empty)"
    t = printable(text)
    return f"'{t[:60]}…'" if len(t) > 60 else f"'{t}'"


def _key(case_id: Any) -> str:
    return str(case_id if case_id is not None else "").strip(" \t")


def _log(conn: Connection, cid: str, version: int, diff: list[tuple[str, str | None, str | None]], at: str, by: str) -> None:
    if diff:
        conn.execute(_INSERT[T.history], [{"case_id": cid, "version": version, "field": f, "old": o, "new": n, "at": at, "by": by}
                                          for f, o, n in diff])


# -- rows ↔ cases ---------------------------------------------------------------------------------------
def _row(case: Case) -> dict[str, Any]:
    g = case.grievance
    assert g is not None
    return {"case_id": case.case_id, "version": case.version, "status": case.status, "title": g.title, "path": g.path,
            "steward": case.steward, "official": case.official, "agency": case.agency, "subject": case.subject,
            **{d: (getattr(g, d).isoformat() if getattr(g, d) else None) for d in T.DATE_COLUMNS},
            "continuing": g.continuing, "agencies": g.agencies, "consolidation": g.consolidation, "expedited": g.expedited,
            "legacy": None, "created_at": case.created_at, "created_by": case.created_by, "updated_at": case.updated_at,
            "updated_by": case.updated_by}


def _children(case: Case) -> dict[Any, list[dict[str, Any]]]:
    g = case.grievance
    assert g is not None
    cid = case.case_id
    items: list[dict[str, Any]] = []
    for w in g.waivers:
        s = case.signatories_of("waiver", w.step)
        items.append({"kind": "waiver", "target": w.step, "workdays": None, "until": None,
                      "agreed_on": w.agreed_on.isoformat() if w.agreed_on else None, "union_signatory": s.union,
                      "agency_signatory": s.agency})
    for e in g.extensions:
        s = case.signatories_of("extension", e.milestone)
        items.append({"kind": "extension", "target": e.milestone, "workdays": e.workdays,
                      "until": e.until.isoformat() if e.until else None,
                      "agreed_on": e.agreed_on.isoformat() if e.agreed_on else None, "union_signatory": s.union,
                      "agency_signatory": s.agency})
    a = case.arbitration
    return {
        T.grievants: [{"case_id": cid, "position": n, "name": x} for n, x in enumerate(case.grievants)],
        T.articles: [{"case_id": cid, "position": n, "cite": x} for n, x in enumerate(case.articles)],
        T.agreements: [{"case_id": cid, "position": n, **x} for n, x in enumerate(items)],
        T.arbitrations: [] if a is None else [{"case_id": cid, "kind": a.kind, "arbitrator": a.arbitrator,
                                               "record_closed": a.record_closed.isoformat() if a.record_closed else None}],
    }


# Statements built once: SQLAlchemy keeps each one's compiled SQL, so a save pays for its round trips only.
_CASE = select(T.cases).where(T.cases.c.case_id == bindparam("cid"))
_CASE_FOR_UPDATE = _CASE.with_for_update()
_VERSION = select(T.cases.c.version).where(T.cases.c.case_id == bindparam("cid"))
_KIDS = {t: select(t).where(t.c.case_id == bindparam("cid")) for t in T.CHILDREN}
_KIDS = {t: q.order_by(t.c.position) if "position" in t.c else q for t, q in _KIDS.items()}
_UPDATE = T.cases.update().where(T.cases.c.case_id == bindparam("key_id"))
_DELETE_KIDS = {t: t.delete().where(t.c.case_id == bindparam("cid")) for t in T.CHILDREN}
_INSERT = {t: t.insert() for t in (T.cases, *T.CHILDREN, T.history)}


def _write(conn: Connection, case: Case, *, old: Case | None = None) -> None:
    """Insert a new case, or update the stored `old` one: its row, and the child tables whose rows changed."""
    kids = _children(case)
    if old is None:
        conn.execute(_INSERT[T.cases], [_row(case)])
        before: dict[Any, list[dict[str, Any]]] = {t: [] for t in T.CHILDREN}
    else:
        conn.execute(_UPDATE, {**_row(case), "key_id": case.case_id})
        before = _children(old) if old.grievance is not None else {t: [None] for t in T.CHILDREN}  # (unreadable: all)
    for t, rows in kids.items():
        if rows != before[t]:
            if before[t]:
                conn.execute(_DELETE_KIDS[t], {"cid": case.case_id})
            if rows:
                conn.execute(_INSERT[t], rows)


def _write_many(conn: Connection, cases: list[Case]) -> None:
    insert_many(conn, T.cases, [_row(c) for c in cases])
    kids: dict[Any, list[dict[str, Any]]] = {t: [] for t in T.CHILDREN}
    for c in cases:
        for t, rows in _children(c).items():
            kids[t] += rows
    for t, rows in kids.items():
        insert_many(conn, t, rows)


def _load_one(conn: Connection, cid: str, lock: bool = False) -> Case | None:
    """One case with its children (locked for the transaction with `lock` on a server database), or None."""
    r = conn.execute(_CASE_FOR_UPDATE if lock and conn.dialect.name == "postgresql" else _CASE, {"cid": cid}).first()
    if r is None:
        return None
    return _decode(r, {t.name: conn.execute(_KIDS[t], {"cid": cid}).all() for t in T.CHILDREN})


def _load(conn: Connection, ids: list[str] | None) -> list[Case]:
    """Cases with their children, by id (all when ids is None); each row decoded on its own."""
    q = select(T.cases).order_by(T.cases.c.case_id)
    if ids is not None:
        q = q.where(T.cases.c.case_id.in_(ids))
    rows = conn.execute(q).fetchall()
    if not rows:
        return []
    kids: dict[str, dict[str, list[Any]]] = {}
    for t in T.CHILDREN:
        cq = select(t)
        if ids is not None:
            cq = cq.where(t.c.case_id.in_(ids))
        if "position" in t.c:
            cq = cq.order_by(t.c.case_id, t.c.position)
        for r in conn.execute(cq):
            kids.setdefault(r.case_id, {}).setdefault(t.name, []).append(r)
    return [_decode(r, kids.get(r.case_id, {})) for r in rows]


def _decode(r: Any, kids: dict[str, list[Any]]) -> Case:
    meta = dict(case_id=str(r.case_id), version=int(r.version or 0), created_at=str(r.created_at or ""),
                created_by=str(r.created_by or ""), updated_at=str(r.updated_at or ""), updated_by=str(r.updated_by or ""))
    try:
        if r.legacy is not None:
            raise _legacy_problem(r.legacy)
        grievants = tuple(x.name for x in kids.get(T.grievants.name, []))
        articles = tuple(x.cite for x in kids.get(T.articles.name, []))
        waivers, extensions, signed = [], [], []
        for a in kids.get(T.agreements.name, []):
            if a.kind == "waiver":
                waivers.append({"step": a.target, "agreed_on": a.agreed_on})
            elif a.kind == "extension":
                extensions.append({"milestone": a.target, "workdays": a.workdays, "until": a.until, "agreed_on": a.agreed_on})
            else:
                raise InvalidInput(f"a §13 agreement of unknown kind '{a.kind}'", cite="Art. 43 §13")
            if a.union_signatory or a.agency_signatory:
                signed.append(Signatories(a.kind, a.target, a.union_signatory or "", a.agency_signatory or ""))
        mapping = {d: getattr(r, d) for d in DATE_FIELDS}
        mapping.update(path=r.path, title=r.title, continuing=bool(r.continuing), agencies=r.agencies,
                       consolidation=r.consolidation, expedited=bool(r.expedited), waivers=waivers, extensions=extensions)
        g = Grievance.from_mapping(mapping)
        arb = None
        for a in kids.get(T.arbitrations.name, []):
            from ..calendar import to_date

            arb = Arbitration(a.kind, a.arbitrator or "", to_date(a.record_closed, "date the record closed")
                              if a.record_closed else None)
        case = Case(grievance=g, grievants=grievants, steward=r.steward or "", official=r.official or "",
                    agency=r.agency or "", subject=r.subject or "", articles=articles, signatories=tuple(signed),
                    arbitration=arb, status=r.status or "open", **meta)
        checked = check_case(case)
        return checked if checked.case_id == case.case_id else replace(checked, case_id=case.case_id)  # (as stored)
    except (LmcoreError, TypeError, ValueError, AttributeError) as exc:
        return Case(grievance=None, status=str(r.status or "open"), problem=case_problem(exc),
                    shown_title=r.title if isinstance(r.title, str) else "", **meta)


def _legacy_problem(raw: str) -> LmcoreError:
    """Why an lmcore 0.1 record could not be converted, in the words the grievance reader uses."""
    import json

    try:
        data = json.loads(raw)
    except ValueError:
        return InvalidInput("the record kept from the old case log file is not readable JSON", cite=CITE,
                            fix="Add the case again with lmcore cases add, then remove this one")
    if not isinstance(data, dict):
        return InvalidInput("the record kept from the old case log file is not a grievance", cite=CITE)
    for key, kind, words in (("title", str, "the title is not text"), ("waivers", list, "the waivers are not a list"),
                             ("extensions", list, "the extensions are not a list"), ("path", str, "the path is not text")):
        if key in data and not isinstance(data[key], kind):
            return InvalidInput(f"the record kept from the old case log file is malformed: {words} "
                                f"({type(data[key]).__name__} {data[key]!r:.40})", cite=CITE,
                                fix="Edit the case to correct it (lmcore cases edit), or remove it")
    try:
        Grievance.from_mapping(data)
    except LmcoreError as exc:
        return exc
    except (TypeError, ValueError) as exc:
        return InvalidInput(f"the record kept from the old case log file is not a grievance ({exc})", cite=CITE)
    return InvalidInput("the record kept from the old case log file has fields of an unexpected type", cite=CITE,
                        fix="Edit the case to correct it (lmcore cases edit), or remove it")
