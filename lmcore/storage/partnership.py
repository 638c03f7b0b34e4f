"""The partnership chapter's records on the shared database: the forum meetings held (storage.forum_meetings), the
pre-decisional involvement log and the annual report's improvements and text — one office's, on the same database
as its case log (`--db`, $LMCORE_DATABASE_URL, else the per-user SQLite file), each change in one transaction.

Who recorded a change: the JupyterHub user where there is one, else the name typed or `--by`, else the login name
(as in the case log). A PDI entry has a version: a save based on an old one is refused, saying who saved it since."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import InvalidDate, InvalidInput
from ..partnership.pdi import PdiRecord
from ..partnership.report import PartnershipReport, ReportEntry, annual_report, categories
from . import practice_tables as T
from .caselog import Conflict, who
from .forum_meetings import MAX_LINE, MAX_TEXT, ForumMeetings, Meeting, Tracker, clean_text, iso, now

FIRST_YEAR, LAST_YEAR = 1971, 2099  # the years lmcore's workday calendar knows
PARTIES = "DOL and AFGE Local 12"


def check_year(value: Any) -> int:
    """A report year: a whole number the calendar knows (1971–2099)."""
    try:
        year = int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"'{value}' is not a year", fix="Give a year such as 2026", field="year") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(f"{year} is outside the years lmcore knows ({FIRST_YEAR}–{LAST_YEAR})", fix="Give a year such as 2026",
                           field="year")
    return year


@dataclass(frozen=True)
class PdiEntry:
    """One stored issue of the pre-decisional involvement log, with its version (a save from an old one is refused)."""

    id: int
    version: int
    record: PdiRecord | None
    recorded_at: str
    recorded_by: str
    updated_at: str
    updated_by: str
    problem: str | None = None
    issue: str = ""

    def to_dict(self) -> dict[str, Any]:
        body = self.record.to_dict() if self.record else {"issue": self.issue}
        return {"id": self.id, "version": self.version, **body, "recorded_at": self.recorded_at, "recorded_by": self.recorded_by,
                "updated_at": self.updated_at, "updated_by": self.updated_by, "problem": self.problem}


@dataclass(frozen=True)
class ReportItem:
    """One stored improvement of a year's report."""

    id: int
    year: int
    entry: ReportEntry | None
    recorded_at: str
    recorded_by: str
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        e = self.entry
        body = {"category": e.category, "improvement": e.improvement, "forum": e.forum, "date": iso(e.date),
                "measure": e.measure} if e else {}
        return {"id": self.id, "year": self.year, **body, "recorded_at": self.recorded_at, "recorded_by": self.recorded_by,
                "problem": self.problem}


@dataclass(frozen=True)
class ReportText:
    """A year's report text: the parties, the efforts made, the union's involvement ('' until written)."""

    year: int
    parties: str = PARTIES
    efforts: str = ""
    union_involvement: str = ""
    updated_at: str | None = None
    updated_by: str | None = None


class PartnershipRecords(ForumMeetings):
    """Forum meetings, the PDI log and the annual report's entries of one database."""

    # -- the pre-decisional involvement log --------------------------------------------------------------
    def add_pdi(self, record: PdiRecord, *, by: str | None = None) -> PdiEntry:
        row, name, stamp = _pdi_row(record), who(by), now()
        row.update(version=1, recorded_at=stamp, recorded_by=name, updated_at=stamp, updated_by=name)

        def op(conn: Connection) -> PdiEntry:
            new_id = conn.execute(T.pdi.insert().values(**row)).inserted_primary_key[0]
            return _pdi({**row, "id": int(new_id)})

        return self.db.write(op)

    def update_pdi(self, entry_id: int, record: PdiRecord, *, expect_version: int | None = None,
                   by: str | None = None) -> PdiEntry:
        """Write a changed entry as its next version; with `expect_version`, refused if someone saved it since."""
        row, name, stamp = _pdi_row(record), who(by), now()
        p = T.pdi

        def op(conn: Connection) -> PdiEntry:
            old = self._pdi_row(conn, entry_id)
            if expect_version is not None and old.version != expect_version:
                raise Conflict(f"entry {entry_id} (“{old.issue}”) was changed since you opened it: it is now version "
                               f"{old.version}, saved by {old.updated_by} at {old.updated_at[:16].replace('T', ' ')} UTC",
                               fix="Open it again to see the changes, then save yours")
            new = {**row, "version": old.version + 1, "updated_at": stamp, "updated_by": name}
            conn.execute(update(p).where(p.c.id == old.id).values(**new))
            return _pdi({**dict(old._mapping), **new})

        return self.db.write(op)

    def pdi_log(self) -> tuple[PdiEntry, ...]:
        """Every entry, the information given first (then by when it was recorded)."""
        p = T.pdi
        q = select(p).order_by(p.c.information_given, p.c.id)
        return self.db.read(lambda conn: tuple(_pdi(dict(r._mapping)) for r in conn.execute(q)))

    def pdi_entry(self, entry_id: int) -> PdiEntry:
        return self.db.read(lambda conn: _pdi(dict(self._pdi_row(conn, entry_id)._mapping)))

    def remove_pdi(self, entry_id: int) -> PdiEntry:
        def op(conn: Connection) -> PdiEntry:
            old = self._pdi_row(conn, entry_id)
            conn.execute(delete(T.pdi).where(T.pdi.c.id == old.id))
            return _pdi(dict(old._mapping))

        return self.db.write(op)

    @staticmethod
    def _pdi_row(conn: Connection, entry_id: Any) -> Any:
        try:
            key = int(str(entry_id).strip())
        except ValueError:
            raise InvalidInput(f"'{entry_id}' is not an entry number", fix="Give the number shown in the list", field="id") from None
        r = conn.execute(select(T.pdi).where(T.pdi.c.id == key)).first()
        if r is None:
            raise InvalidInput(f"no entry {key} in the pre-decisional involvement log", field="id",
                               fix="See the entries (lmcore partnership pdi list)")
        return r

    # -- the annual report ---------------------------------------------------------------------------------
    def add_report_entry(self, year: Any, entry: ReportEntry, *, by: str | None = None) -> ReportItem:
        """Record an improvement under one of the memorandum's five categories for a year's report."""
        y = check_year(year)
        ids = [c for c, _ in categories()]
        if entry.category not in ids:
            raise InvalidInput(f"'{entry.category}' is not one of the memorandum's categories", cite="1999 memorandum",
                               fix=f"Use one of: {', '.join(ids)}", field="category")
        row = {"year": y, "category": entry.category,
               "improvement": clean_text(entry.improvement, "improvement", field="improvement"),
               "forum": clean_text(entry.forum, "forum", MAX_LINE, one_line=True, field="forum") or None,
               "date": iso(entry.date), "measure": clean_text(entry.measure, "measure", field="measure") or None,
               "recorded_at": now(), "recorded_by": who(by)}

        def op(conn: Connection) -> ReportItem:
            new_id = conn.execute(T.report_entries.insert().values(**row)).inserted_primary_key[0]
            return _item({**row, "id": int(new_id)})

        return self.db.write(op)

    def report_entries(self, year: Any) -> tuple[ReportItem, ...]:
        y = check_year(year)
        e = T.report_entries
        q = select(e).where(e.c.year == y).order_by(e.c.id)
        return self.db.read(lambda conn: tuple(_item(dict(r._mapping)) for r in conn.execute(q)))

    def remove_report_entry(self, entry_id: Any) -> ReportItem:
        e = T.report_entries
        try:
            key = int(str(entry_id).strip())
        except ValueError:
            raise InvalidInput(f"'{entry_id}' is not an entry number", fix="Give the number shown in the list", field="id") from None

        def op(conn: Connection) -> ReportItem:
            r = conn.execute(select(e).where(e.c.id == key)).first()
            if r is None:
                raise InvalidInput(f"no report entry {key}", fix="See the entries (lmcore partnership report YEAR)", field="id")
            conn.execute(delete(e).where(e.c.id == key))
            return _item(dict(r._mapping))

        return self.db.write(op)

    def set_report_text(self, year: Any, *, parties: str | None = None, efforts: str | None = None,
                        union_involvement: str | None = None, by: str | None = None) -> ReportText:
        """Write a year's report text (only the parts given change)."""
        y = check_year(year)
        changes = {k: clean_text(v, k.replace("_", " "), MAX_LINE if k == "parties" else MAX_TEXT, one_line=k == "parties", field=k)
                   for k, v in (("parties", parties), ("efforts", efforts), ("union_involvement", union_involvement))
                   if v is not None}
        if "parties" in changes and not changes["parties"]:
            raise InvalidInput("the parties are empty", fix=f"Name them, e.g. {PARTIES}", field="parties")
        stamp = {"updated_at": now(), "updated_by": who(by)}
        r = T.reports

        def op(conn: Connection) -> ReportText:
            old = conn.execute(select(r).where(r.c.year == y)).first()
            if old is None:
                row = {"year": y, "parties": PARTIES, "efforts": "", "union_involvement": "", **changes, **stamp}
                conn.execute(r.insert().values(**row))
            else:
                row = {**dict(old._mapping), **changes, **stamp}
                conn.execute(update(r).where(r.c.year == y).values(**changes, **stamp))
            return ReportText(**row)

        try:
            return self.db.write(op)
        except IntegrityError:  # the year's text first written at the same moment by someone else: now an update
            return self.db.write(op)

    def report_text(self, year: Any) -> ReportText:
        y = check_year(year)
        r = self.db.read(lambda conn: conn.execute(select(T.reports).where(T.reports.c.year == y)).first())
        return ReportText(**dict(r._mapping)) if r is not None else ReportText(y)

    def report(self, year: Any) -> PartnershipReport:
        """The year's report from the stored entries and text, in the memorandum's five categories (entries that
        cannot be read are left out; `report_entries` shows them with their problem)."""
        y = check_year(year)
        text = self.report_text(y)
        entries = [i.entry for i in self.report_entries(y) if i.entry is not None]
        return annual_report(entries, y, parties=text.parties, efforts=text.efforts, union_involvement=text.union_involvement)


def _pdi_row(record: PdiRecord) -> dict[str, Any]:
    if not isinstance(record, PdiRecord):
        raise InvalidInput("a pre-decisional involvement entry must be a PdiRecord", fix="Build it with PdiRecord(...)")
    return {"issue": clean_text(record.issue, "issue", MAX_LINE, one_line=True, field="issue"),
            "information_given": record.information_given.isoformat(), "input_received": iso(record.input_received),
            "decision": iso(record.decision),
            "decision_summary": clean_text(record.decision_summary, "decision summary", field="decision_summary"),
            "forum": clean_text(record.forum, "forum", MAX_LINE, one_line=True, field="forum") or None,
            "notes": clean_text(record.notes, "notes", field="notes")}


def _pdi(r: dict[str, Any]) -> PdiEntry:
    fields = ("issue", "information_given", "input_received", "decision", "decision_summary", "forum", "notes")
    try:
        record, problem = PdiRecord(**{k: r.get(k) for k in fields}), None
    except (InvalidInput, InvalidDate) as exc:
        record, problem = None, str(exc)
    return PdiEntry(int(r["id"]), int(r["version"]), record, r["recorded_at"], r["recorded_by"], r["updated_at"], r["updated_by"],
                    problem, r.get("issue") or "")


def _item(r: dict[str, Any]) -> ReportItem:
    try:
        entry, problem = ReportEntry(r["category"], r["improvement"], r.get("forum"), r.get("date"), r.get("measure")), None
    except (InvalidInput, InvalidDate) as exc:
        entry, problem = None, str(exc)
    return ReportItem(int(r["id"]), int(r["year"]), entry, r["recorded_at"], r["recorded_by"], problem)


__all__ = ["Meeting", "PartnershipRecords", "PdiEntry", "ReportItem", "ReportText", "Tracker", "check_year"]
