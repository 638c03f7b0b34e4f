"""Forum meetings on the shared database: the meetings held by the contract's committees and forums (one row each,
`partnership_meetings`), and the tracker — every forum's record against what the contract requires
(lmcore.partnership.forums) from the meetings stored. The base of PartnershipRecords (storage.partnership)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.exc import IntegrityError

from ..calendar import to_date
from ..errors import InvalidDate, InvalidInput
from . import practice_tables as T
from .caselog import who
from .database import Database

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..partnership.forums import Forum, ForumStatus

MAX_LINE, MAX_TEXT = 500, 5_000


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def clean_text(value: Any, what: str, limit: int = MAX_TEXT, *, one_line: bool = False, field: str | None = None) -> str:
    """A typed text as stored: stripped (one line: spaces made single), within its length limit."""
    text = "" if value is None else str(value).strip()
    if one_line:
        text = " ".join(text.split())
    if len(text) > limit:
        raise InvalidInput(f"the {what} is {len(text):,} characters long; at most {limit:,} are kept", fix=f"Shorten the {what}",
                           field=field)
    return text


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Meeting:
    """A forum meeting as stored: which forum, the day it was held, a note, who recorded it and when."""

    id: int
    forum: str
    held: dt.date | None
    note: str
    recorded_at: str
    recorded_by: str
    problem: str | None = None  # a stored date that cannot be read (typed into the database by hand)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "forum": self.forum, "held": iso(self.held), "note": self.note, "recorded_at": self.recorded_at,
                "recorded_by": self.recorded_by, "problem": self.problem}


@dataclass(frozen=True)
class Tracker:
    """Every forum's record on a day from the stored meetings, and the meetings left out (with why)."""

    as_of: dt.date
    statuses: tuple[ForumStatus, ...]
    left_out: tuple[tuple[Meeting, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "forums": [s.to_dict() for s in self.statuses],
                "left_out": [{**m.to_dict(), "why": why} for m, why in self.left_out]}


class ForumMeetings:
    """The forum meetings of one database, and the tracker built from them."""

    def __init__(self, where: str | Path | None = None, *, db: Database | None = None, contract: Contract | None = None):
        self.db = db or Database(where)
        self._contract = contract
        self._forums: dict[str, Forum] | None = None

    def __repr__(self) -> str:
        return f"PartnershipRecords({self.db.where!r})"

    @property
    def where(self) -> str:
        return self.db.where

    def forums(self) -> dict[str, Forum]:
        """The contract's forums by id (lmcore.partnership.forums), loaded once."""
        if self._forums is None:
            from ..contract.loading import load_contract
            from ..partnership.forums import forum_requirements

            self._contract = self._contract or load_contract()
            self._forums = {f.id: f for f in forum_requirements(self._contract)}
        return self._forums

    # -- forum meetings ------------------------------------------------------------------------------------
    def add_meeting(self, forum: str, held: Any, *, note: str = "", by: str | None = None,
                    today: dt.date | None = None) -> Meeting:
        """Record that a forum met on a day (not after today); the same forum and day twice is refused."""
        f = self._forum(forum)
        day = day_arg(held, "meeting date", "held")
        today = today or dt.date.today()
        if day > today:
            raise InvalidDate(f"the meeting on {day:%a %Y-%m-%d} is after today ({today:%a %Y-%m-%d}): it has not been held yet",
                              cite=f.cite, fix="Record a meeting once it has been held", field="held")
        row = {"forum": f.id, "held": day.isoformat(), "note": clean_text(note, "note", field="note"), "recorded_at": now(),
               "recorded_by": who(by)}
        twice = InvalidInput(f"a meeting of the {f.name} on {day:%a %Y-%m-%d} is already recorded", cite=f.cite,
                             fix="Record each meeting once", field="held")

        def op(conn: Connection) -> Meeting:
            m = T.meetings
            if conn.execute(select(m.c.id).where(m.c.forum == f.id, m.c.held == row["held"])).first() is not None:
                raise twice
            new_id = conn.execute(m.insert().values(**row)).inserted_primary_key[0]
            return Meeting(int(new_id), f.id, day, row["note"], row["recorded_at"], row["recorded_by"])

        try:
            return self.db.write(op)
        except IntegrityError:  # the same meeting recorded at the same moment by someone else
            raise twice from None

    def meetings(self, forum: str | None = None) -> tuple[Meeting, ...]:
        """Every stored meeting (of one forum), by forum and day; a row whose date cannot be read comes with its problem."""
        m = T.meetings
        q = select(m).order_by(m.c.forum, m.c.held, m.c.id)
        if forum:
            q = q.where(m.c.forum == forum)
        return self.db.read(lambda conn: tuple(_meeting(r) for r in conn.execute(q)))

    def remove_meeting(self, forum: str, held: Any) -> Meeting:
        """Remove a meeting recorded by mistake."""
        day = day_arg(held, "meeting date", "held")
        m = T.meetings
        try:
            f = self._forum(forum)
            key, name = f.id, f.name
        except InvalidInput:  # a forum the contract no longer names: its meetings can still be removed
            key = name = str(forum)

        def op(conn: Connection) -> Meeting:
            r = conn.execute(select(m).where(m.c.forum == key, m.c.held == day.isoformat())).first()
            if r is None:
                raise InvalidInput(f"no meeting of the {name} on {day:%a %Y-%m-%d} is recorded", field="held",
                                   fix="See the meetings recorded (lmcore partnership meetings list)")
            conn.execute(delete(m).where(m.c.id == r.id))
            return _meeting(r)

        return self.db.write(op)

    def tracker(self, as_of: Any, contract: Contract | None = None, *, since: Any = None) -> Tracker:
        """Every forum's record on `as_of` from the stored meetings (those after it, of a forum the contract does not
        name, or with an unreadable date are left out, each with why)."""
        from ..partnership.forums import forum_statuses

        day = day_arg(as_of, "as-of date", "as_of")
        known = self.forums()
        contract = contract or self._contract
        held: dict[str, list[dt.date]] = {}
        left: list[tuple[Meeting, str]] = []
        for mt in self.meetings():
            if mt.problem:
                left.append((mt, mt.problem))
            elif mt.forum not in known:
                left.append((mt, "the contract names no such forum"))
            elif mt.held > day:
                left.append((mt, f"after the as-of date {day:%a %Y-%m-%d}"))
            else:
                held.setdefault(mt.forum, []).append(mt.held)
        return Tracker(day, forum_statuses(held, day, contract, since=since), tuple(left))

    def _forum(self, key: Any) -> Forum:
        found = self.forums()
        k = str(key or "").strip()
        if k in found:
            return found[k]
        by_name = {f.name.casefold(): f for f in found.values()}
        if k.casefold() in by_name:
            return by_name[k.casefold()]
        raise InvalidInput(f"no forum named '{k}'", fix=f"Known forums: {', '.join(found)}", field="forum")


def day_arg(value: Any, what: str, field: str) -> dt.date:
    try:
        return to_date(value, what)
    except InvalidDate as exc:
        raise InvalidDate(exc.what, cite=exc.cite, fix=exc.fix, field=field) from None


def _meeting(r: Any) -> Meeting:
    try:
        day, problem = dt.date.fromisoformat(r.held), None
    except (TypeError, ValueError):
        day, problem = None, f"the stored date '{r.held}' is not a date"
    return Meeting(int(r.id), r.forum, day, r.note or "", r.recorded_at, r.recorded_by, problem)


__all__ = ["ForumMeetings", "Meeting", "Tracker", "clean_text", "iso", "now"]
