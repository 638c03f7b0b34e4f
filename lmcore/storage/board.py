"""The due board: across every open case, the step at hand (the grievance engine's own `Timeline.at_hand`), its due
date with the explanation and rule, sorted overdue → due in the next 10 workdays → later → projected; and, before a
closure or a reading is applied, which open cases' deadlines would move (old → new).

Each case's row is computed by `lmcore.grievance.timeline` and kept in the `caselog_board_cache` table under
(case version, basis) — the basis being a digest of the contract's parameters, the readings and closures chosen,
the day, and the rule code itself — so a board over thousands of cases recomputes only the cases changed since.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from ..errors import LmcoreError
from . import tables as T
from .records import Case

SOON_WORKDAYS = 10  # "due in the next 10 workdays": a setting of the board (issue 19), not a rule of the contract
BUCKETS = ("overdue", "soon", "later", "projected", "undated", "done", "problem")
BUCKET_WORDS = {"overdue": "Overdue", "soon": f"Due in the next {SOON_WORKDAYS} workdays", "later": "Due later",
                "projected": "Projected", "undated": "Open, no fixed date", "done": "Nothing open", "problem": "Problem"}


@dataclass(frozen=True)
class BoardRow:
    """One open case on the board: the step at hand, its due date, status and rule, and the explanation that
    defends the date; `problem` replaces it all for a case whose record cannot be used."""

    case_id: str
    title: str
    steward: str
    path: str
    articles: tuple[str, ...]
    milestone: str = ""
    label: str = ""
    actor: str = ""
    due: dt.date | None = None
    status: str = ""
    cite: str = ""
    explanation: str = ""
    bucket: str = ""
    problem: str | None = None
    version: int = 0

    @property
    def is_open(self) -> bool:
        return self.problem is None and self.status in ("open", "projected")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(due=self.due.isoformat() if self.due else None, articles=list(self.articles))
        return d


def sort_key(row: BoardRow) -> tuple:
    """The board's one order: bucket (overdue first), then the date, then the case id. (The one place to switch the
    board to another date, e.g. a "safe date" before the last allowed day.)"""
    return (BUCKETS.index(row.bucket) if row.bucket in BUCKETS else len(BUCKETS), row.due or dt.date.max, row.case_id)


@dataclass(frozen=True)
class Board:
    """The board as of a day: its rows (sorted, filtered), the last day counted as "soon", and the counts."""

    as_of: dt.date
    soon_until: dt.date
    rows: tuple[BoardRow, ...]
    total: int  # open cases before the filters

    def counts(self) -> dict[str, int]:
        return {b: sum(r.bucket == b for r in self.rows) for b in BUCKETS}

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "soon_until": self.soon_until.isoformat(), "total_open": self.total,
                "counts": self.counts(), "rows": [r.to_dict() for r in self.rows]}


class Memo:
    """The contract as the engine sees it, remembering each deadline counted (a pure function of the rule, the
    start and the amount) and each citation's flaws: thousands of cases share most of their counts."""

    def __init__(self, contract: Any):
        self._c = contract
        self._deadlines: dict[tuple, Any] = {}
        self._flaws: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._c, name)

    def deadline(self, key: str, start: Any, **kw: Any) -> Any:
        k = (key, start, tuple(sorted(kw.items())))
        if k not in self._deadlines:
            self._deadlines[k] = self._c.deadline(key, start, **kw)
        return self._deadlines[k]

    def flaws_for(self, cite: Any) -> Any:
        k = str(cite)
        if k not in self._flaws:
            self._flaws[k] = self._c.flaws_for(cite)
        return self._flaws[k]


def row_of(case: Case, as_of: dt.date, contract: Any) -> BoardRow:
    """A case's step at hand as of a day (its problem if the record cannot be used or does not fit the contract)."""
    from ..grievance.engine import timeline

    base = dict(case_id=case.case_id, title=case.title, steward=case.steward, path=case.grievance.path if case.grievance else "",
                articles=case.articles, version=case.version)
    if case.grievance is None:
        return BoardRow(**base, problem=f"The saved record cannot be used: {case.problem}", bucket="problem")
    try:
        t = timeline(case.grievance, contract, as_of)
    except LmcoreError as exc:
        return BoardRow(**base, bucket="problem", problem=f"The saved record does not fit this contract or date: {exc} "
                        "Open the case, correct it and save it again.")
    if not t.milestones:
        return BoardRow(**base, status="done", explanation="\n".join(t.notes), bucket="done")
    m = t.at_hand
    return BoardRow(**base, milestone=m.name, label=m.label, actor=m.actor, due=m.due, status=m.status, cite=m.cite,
                    explanation=m.explain())


def bucket_of(row: BoardRow, as_of: dt.date, soon_until: dt.date) -> str:
    if row.problem:
        return "problem"
    if row.status == "missed":
        return "overdue"
    if row.status == "projected":
        return "projected"
    if row.status != "open":
        return "done"
    if row.due is None:
        return "undated"
    if row.due < as_of:
        return "overdue"
    return "soon" if row.due <= soon_until else "later"


def basis(contract: Any, as_of: dt.date) -> str:
    """A digest of everything a row depends on besides the case: contract parameters, readings, closures, the day
    and the code that counts (lmcore's rule modules and the holidays package)."""
    params = sorted((k, repr(p.value), p.unit, p.direction) for k, p in contract.parameters.items())
    text = json.dumps([str(getattr(contract, "folder", "")), params, sorted(contract.choices.items()),
                       sorted((d.isoformat(), n) for d, n in contract.closures.items()), as_of.isoformat(), code_digest()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


_CODE: list[str] = []


def code_digest() -> str:
    """A digest of the rule code a board row comes from (computed once per process)."""
    if not _CODE:
        import holidays

        root = Path(__file__).resolve().parents[1]
        h = hashlib.sha256(str(getattr(holidays, "__version__", "")).encode())
        for p in sorted([*root.glob("grievance/*.py"), *root.glob("contract/*.py"), root / "calendar.py",
                         root / "deadlines.py", Path(__file__)]):
            h.update(p.read_bytes())
        _CODE.append(h.hexdigest()[:16])
    return _CODE[0]


def compute_rows(log: Any, as_of: dt.date, contract: Any, *, use_cache: bool = True) -> list[BoardRow]:
    """Every open case's row (buckets not yet set): from the cache where the case is unchanged, else computed."""
    key = basis(contract, as_of)
    heads, cached = log.db.read(lambda c: _heads(c, key))
    rows: dict[str, BoardRow] = {}
    missing = []
    for h in heads:
        hit = cached.get(h["case_id"]) if use_cache else None
        if hit is not None and hit[0] == h["version"]:
            rows[h["case_id"]] = _from_json(hit[1])
        else:
            missing.append(h["case_id"])
    if missing:
        memo = Memo(contract)
        fresh = [row_of(c, as_of, memo) for c in log.db.read(lambda c: _cases(c, missing))]
        for r in fresh:
            rows[r.case_id] = r
        if use_cache:
            _store(log.db, fresh, key)
    return [rows[h["case_id"]] for h in heads if h["case_id"] in rows]


def due_board(log: Any, as_of: dt.date, contract: Any, *, steward: str | None = None, path: str | None = None,
              article: str | None = None, status: str | None = None, use_cache: bool = True) -> Board:
    """The board of every open case as of a day, filtered (steward and path exactly, ignoring case; an article by
    its start, e.g. "Art. 12" matches "Art. 12 §3"; status a bucket or a milestone status), in `sort_key` order."""
    soon_until = contract.calendar.add_workdays(as_of, SOON_WORKDAYS)
    rows = [replace(r, bucket=bucket_of(r, as_of, soon_until)) for r in compute_rows(log, as_of, contract, use_cache=use_cache)]
    total = len(rows)
    if steward:
        rows = [r for r in rows if r.steward.casefold() == steward.strip().casefold()]
    if path:
        rows = [r for r in rows if r.path == path.strip()]
    if article:
        want = " ".join(article.split()).casefold()
        rows = [r for r in rows if any(a.casefold() == want or a.casefold().startswith(want + " ") for a in r.articles)]
    if status:
        s = status.strip().lower().replace(" ", "_")
        rows = [r for r in rows if r.bucket == s or r.status == s]
    return Board(as_of, soon_until, tuple(sorted(rows, key=sort_key)), total)


@dataclass(frozen=True)
class Move:
    """A deadline of an open case that a change of calendar or reading would move."""

    case_id: str
    title: str
    milestone: str
    label: str
    old: dt.date | None
    new: dt.date | None
    cite: str

    def to_dict(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "title": self.title, "milestone": self.milestone, "label": self.label,
                "old": self.old.isoformat() if self.old else None, "new": self.new.isoformat() if self.new else None,
                "cite": self.cite}


def deadline_moves(cases: list[Case], as_of: dt.date, before: Any, after: Any) -> list[Move]:
    """Every open or projected deadline of the open cases whose date differs between two contracts (a closure added,
    a reading switched): what the board would show differently, before the change is applied."""
    from ..grievance.engine import timeline

    old_c, new_c = Memo(before), Memo(after)
    out = []
    for case in cases:
        if case.grievance is None or not case.is_open:
            continue
        try:
            old = {m.name: m for m in timeline(case.grievance, old_c, as_of).milestones if m.is_open}
            new = {m.name: m for m in timeline(case.grievance, new_c, as_of).milestones}
        except LmcoreError:
            continue
        for name, m in old.items():
            n = new.get(name)
            if n is None or n.due != m.due:
                out.append(Move(case.case_id, case.title, name, m.label, m.due, n.due if n else None, m.cite))
    return sorted(out, key=lambda x: (x.old or dt.date.max, x.case_id))


# -- the cache -------------------------------------------------------------------------------------------
def _heads(conn: Connection, key: str) -> tuple[list[dict[str, Any]], dict[str, tuple[int, str]]]:
    heads = [dict(case_id=r.case_id, version=r.version) for r in conn.execute(
        select(T.cases.c.case_id, T.cases.c.version).where(T.cases.c.status == "open").order_by(T.cases.c.case_id))]
    cached = {r.case_id: (r.version, r.row) for r in conn.execute(
        select(T.board_cache.c.case_id, T.board_cache.c.version, T.board_cache.c.row).where(T.board_cache.c.basis == key))}
    return heads, cached


def _cases(conn: Connection, ids: list[str]) -> list[Case]:
    from .caselog import _load

    out: list[Case] = []
    for i in range(0, len(ids), 900):
        out += _load(conn, ids[i:i + 900])
    return out


def _store(db: Any, rows: list[BoardRow], key: str) -> None:
    """Keep the rows just computed (best effort: a busy database only means they are computed again next time)."""
    from .database import StorageError

    data = [{"case_id": r.case_id, "version": r.version, "basis": key, "row": json.dumps(r.to_dict(), ensure_ascii=False)}
            for r in rows]

    def op(conn: Connection) -> None:
        ids = [d["case_id"] for d in data]
        for i in range(0, len(ids), 900):
            conn.execute(T.board_cache.delete().where(T.board_cache.c.case_id.in_(ids[i:i + 900])))
        live = set()
        for i in range(0, len(ids), 900):  # a case removed meanwhile keeps no row
            live |= {r[0] for r in conn.execute(select(T.cases.c.case_id).where(T.cases.c.case_id.in_(ids[i:i + 900])))}
        kept = [d for d in data if d["case_id"] in live]
        if kept:
            conn.execute(T.board_cache.insert(), kept)

    from sqlalchemy.exc import IntegrityError

    try:
        db.write(op, retry_seconds=2.0)
    except (StorageError, IntegrityError):  # busy, or another reader stored the same rows at the same moment
        pass


def _from_json(text: str) -> BoardRow:
    d = json.loads(text)
    d["due"] = dt.date.fromisoformat(d["due"]) if d.get("due") else None
    d["articles"] = tuple(d.get("articles") or ())
    return BoardRow(**{k: v for k, v in d.items() if k in BoardRow.__dataclass_fields__})


__all__ = ["BUCKETS", "Board", "BoardRow", "Move", "SOON_WORKDAYS", "deadline_moves", "due_board", "row_of", "sort_key"]
