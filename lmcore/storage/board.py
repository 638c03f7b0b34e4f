"""The due board: across every open case, the step at hand (the grievance engine's own `Timeline.at_hand`), its due
date with the explanation and rule, sorted overdue → due in the next 10 workdays → later → projected; and, before a
closure or a reading is applied, which open cases' deadlines would move (old → new).

`board_rows` is the one place a row's date is computed. A plain case (no §13 agreement, no arbitration, not
continuing or consolidated: `caseload.read_open`) goes through the vectorised engine
(`lmcore.grievance.bulk.BulkTimelines`, all such cases at once; its explanation is worded when first read, by the
engine's own `Milestone.explain`); every other case through `lmcore.grievance.timeline` (`row_of`), its row kept in
the `caselog_board_cache` table under (case version, basis) — the basis being a digest of the contract's
parameters, the readings and closures chosen, the day, and the rule code itself.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, select

from ..errors import LmcoreError
from . import tables as T
from .records import Case

SOON_WORKDAYS = 10  # "due in the next 10 workdays": a setting of the board (issue 19), not a rule of the contract
BUCKETS = ("overdue", "soon", "later", "projected", "undated", "done", "problem")
BUCKET_WORDS = {"overdue": "Overdue", "soon": f"Due in the next {SOON_WORKDAYS} workdays", "later": "Due later",
                "projected": "Projected", "undated": "Open, no fixed date", "done": "Nothing open", "problem": "Problem"}


class Words:
    """An explanation worded when first read, by make(arg): the board's plain rows share one vectorised computation
    that can word any of them (`BulkTimelines.explain`, row number); compares as its text."""

    __slots__ = ("_make", "_arg", "_text")

    def __init__(self, make: Any, arg: Any):
        self._make, self._arg, self._text = make, arg, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = self._make(self._arg)
            self._make = self._arg = None
        return self._text

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other) if isinstance(other, (str, Words)) else NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))


@dataclass(frozen=True)
class BoardRow:
    """One open case on the board: the step at hand, its due date, status and rule, and the explanation that
    defends the date (`explanation`: the words, made from `words` when first read); `problem` replaces it all for a
    case whose record cannot be used."""

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
    bucket: str = ""
    problem: str | None = None
    version: int = 0
    words: str | Words = ""
    safe_due: dt.date | None = None  # the step's safe date (lmcore.safe_date): on time whichever reading is taken

    @property
    def explanation(self) -> str:
        return str(self.words)

    @property
    def is_open(self) -> bool:
        return self.problem is None and self.status in ("open", "projected")

    def to_dict(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "title": self.title, "steward": self.steward, "path": self.path,
                "articles": list(self.articles), "milestone": self.milestone, "label": self.label, "actor": self.actor,
                "due": self.due.isoformat() if self.due else None, "status": self.status, "cite": self.cite,
                "explanation": self.explanation, "bucket": self.bucket, "problem": self.problem, "version": self.version,
                "safe_due": self.safe_due.isoformat() if self.safe_due else None}


def sort_key(row: BoardRow) -> tuple:
    """The board's one order: bucket (overdue first), then the safe date (on time whichever reading is taken: the
    earliest for a filer's step, the latest for the other side's; the due date when no reading moves it), then the
    due date, then the case id."""
    return (BUCKETS.index(row.bucket) if row.bucket in BUCKETS else len(BUCKETS), row.safe_due or row.due or dt.date.max,
            row.due or dt.date.max, row.case_id)


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

    def __init__(self, contract: Any, kept: tuple[dict, dict] | None = None):
        self._c = contract
        self._deadlines, self._flaws = kept if kept is not None else ({}, {})

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


_KEPT: weakref.WeakKeyDictionary[Any, tuple[dict, dict]] = weakref.WeakKeyDictionary()


def memo_for(contract: Any) -> Memo:
    """A Memo sharing what earlier ones counted for this contract while the contract lives (a page redrawing its
    board words each date once). A contract is not changed once made: with_closures and with_interpretations give
    new ones; the counts kept hold no reference to it."""
    if isinstance(contract, Memo):
        return contract
    try:
        kept = _KEPT.get(contract)
        if kept is None:
            kept = _KEPT[contract] = ({}, {})
    except TypeError:  # an object that cannot be referenced weakly: counts kept for this call only
        kept = None
    return Memo(contract, kept)


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
        return BoardRow(**base, status="done", words="\n".join(t.notes), bucket="done")
    from ..grievance.engine import Engine
    from ..grievance.safe_dates import safe_of

    m = t.at_hand
    safe = safe_of(m, lambda c: Engine(case.grievance, c, as_of).run(), contract)
    return BoardRow(**base, milestone=m.name, label=m.label, actor=m.actor, due=m.due, status=m.status, cite=m.cite,
                    words=m.explain(), safe_due=safe.safe_due if safe is not None else m.due)


def bucket_of(row: BoardRow, as_of: dt.date, soon_until: dt.date) -> str:
    return _bucket(row.problem, row.status, row.due, as_of, soon_until)


def _bucket(problem: str | None, status: str, due: dt.date | None, as_of: dt.date, soon_until: dt.date) -> str:
    if problem:
        return "problem"
    if status == "missed":
        return "overdue"
    if status == "projected":
        return "projected"
    if status != "open":
        return "done"
    if due is None:
        return "undated"
    if due < as_of:
        return "overdue"
    return "soon" if due <= soon_until else "later"


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
                         root / "deadlines.py", root / "safe_date.py", Path(__file__)]):
            h.update(p.read_bytes())
        _CODE.append(h.hexdigest()[:16])
    return _CODE[0]


def board_rows(log: Any, as_of: dt.date, contract: Any, soon_until: dt.date, *, use_cache: bool = True) -> list[BoardRow]:
    """Every open case's row, with its bucket, by case id: the one place a board row's date is computed (see the
    module's docstring). A plain case the vectorised engine leaves aside (a date it does not cover, a record the
    engine refuses) goes to the grievance engine like the others."""
    from ..grievance.bulk import STATUS_WORDS
    from .caseload import read_open

    memo = memo_for(contract)
    cases = log.db.read(read_open)
    rows: list[BoardRow | None] = [None] * len(cases)
    groups, whole = _vectorised(cases.paths, cases.agencies, cases.plain, cases.dates, memo, as_of)
    for idx, tl in groups:
        steps = [(s.name, s.label, s.actor, s.cite) for s in tl.specs]
        at, codes, dues = tl.at_hand.tolist(), tl.status.tolist(), tl.due.astype(object).tolist()
        safes = tl.safe_due().astype(object).tolist()
        for j in np.flatnonzero(~tl.engine).tolist():
            i, (name, label, actor, cite), status = idx[j], steps[at[j]], STATUS_WORDS[codes[j]]
            rows[i] = BoardRow(cases.ids[i], cases.titles[i], cases.stewards[i], tl.path, cases.articles[i], name, label,
                               actor, dues[j], status, cite, _bucket(None, status, dues[j], as_of, soon_until), None,
                               cases.versions[i], Words(tl.explain, j), safes[j])
    if whole:
        where = {cases.ids[i]: i for i in whole}
        for r in _engine_rows(log, list(where), [cases.versions[i] for i in where.values()], as_of, memo, contract,
                              use_cache):
            rows[where[r.case_id]] = replace(r, bucket=bucket_of(r, as_of, soon_until))
    return [r for r in rows if r is not None]


def timeline_problems(grievances: list[Any], contract: Any, as_of: dt.date) -> dict[int, LmcoreError]:
    """Which grievances' timelines cannot be computed as of the day, and why, in the engine's words (a file to
    import is checked so): the plain ones all at once by the vectorised engine, the others one by one."""
    from ..grievance.bulk import columns_of, is_plain
    from ..grievance.engine import timeline

    memo = memo_for(contract)
    plain = np.array([is_plain(g) for g in grievances], bool)
    dates = columns_of(grievances)
    groups, whole = _vectorised([g.path for g in grievances], [g.agencies for g in grievances], plain, dates, memo, as_of)
    dues = _DueDates(contract)
    out = {}
    for i in sorted(whole):
        try:
            timeline(grievances[i], dues, as_of)
        except LmcoreError as exc:
            out[i] = exc
    return out


class _DueDates(Memo):
    """The contract for checking that timelines compute, not for showing them: a deadline's due date is counted (by
    the vectorised count, `Contract.deadlines`) without the day-by-day account of its explanation, which nothing
    reads here (the engine's checks and statuses look at due dates only). Near the ends of the calendar's years, and
    for a count changed by a §13 extension, the whole deadline is counted, so every refusal keeps the engine's words."""

    def deadline(self, key: str, start: Any, **kw: Any) -> Any:
        cal = self._c.calendar
        if kw.keys() - {"label"} or not isinstance(start, dt.date) or not (
                cal.first_year < start.year < cal.last_year):
            return super().deadline(key, start, **kw)
        k = (key, start, kw.get("label"))
        if k not in self._deadlines:
            from ..deadlines import Deadline

            p = self._c.param(key)
            if p.unit not in ("workdays", "calendar_days"):
                return super().deadline(key, start, **kw)
            due = np.asarray(self._c.deadlines(key, np.array([start], "datetime64[D]")), "datetime64[D]")[0].item()
            self._deadlines[k] = Deadline(due, start, p.signed, p.unit, (), p.cite, key, kw.get("label") or p.label, p.quote)
        return self._deadlines[k]


def _vectorised(paths: list[str], agencies: list[str], plain: np.ndarray, dates: dict[str, np.ndarray], contract: Any,
                as_of: dt.date) -> tuple[list[tuple[list[int], Any]], list[int]]:
    """The plain rows through BulkTimelines, one per path and agencies: (row numbers, timelines) for each, and the
    row numbers left to the grievance engine."""
    from ..grievance.bulk import PLAIN_PATHS, BulkTimelines

    by_kind: dict[tuple[str, str], list[int]] = {}
    whole = []
    for i in range(len(paths)):
        if plain[i] and paths[i] in PLAIN_PATHS:
            by_kind.setdefault((paths[i], agencies[i]), []).append(i)
        else:
            whole.append(i)
    groups = []
    for (path, kind), idx in by_kind.items():
        tl = BulkTimelines(path, {k: v[idx] for k, v in dates.items()}, contract, as_of, agencies=kind)
        groups.append((idx, tl))
        whole += [idx[j] for j in np.flatnonzero(tl.engine).tolist()]
    return groups, whole


def _engine_rows(log: Any, ids: list[str], versions: list[int], as_of: dt.date, memo: Memo, contract: Any,
                 use_cache: bool) -> list[BoardRow]:
    """The rows of these cases through the grievance engine (row_of): from the board cache where the case is unchanged
    since, else computed and kept."""
    key = basis(contract, as_of)
    want = dict(zip(ids, versions))

    def read(conn: Connection) -> tuple[list[BoardRow], list[Case]]:
        hits = []
        for i in range(0, len(ids), 900) if use_cache else ():
            for r in conn.execute(select(T.board_cache.c.case_id, T.board_cache.c.version, T.board_cache.c.row)
                                  .where(T.board_cache.c.case_id.in_(ids[i:i + 900]), T.board_cache.c.basis == key)):
                if want.get(r.case_id) == r.version:
                    hits.append(_from_json(r.row))
        known = {h.case_id for h in hits}
        return hits, _cases(conn, [c for c in ids if c not in known])

    hits, missing = log.db.read(read)
    fresh = [row_of(c, as_of, memo) for c in missing]
    if fresh and use_cache:
        _store(log.db, fresh, key)
    return hits + fresh


def due_board(log: Any, as_of: dt.date, contract: Any, *, steward: str | None = None, path: str | None = None,
              article: str | None = None, status: str | None = None, use_cache: bool = True) -> Board:
    """The board of every open case as of a day, filtered (steward and path exactly, ignoring case; an article by
    its start, e.g. "Art. 12" matches "Art. 12 §3"; status a bucket or a milestone status), in `sort_key` order."""
    soon_until = contract.calendar.add_workdays(as_of, SOON_WORKDAYS)
    rows = board_rows(log, as_of, contract, soon_until, use_cache=use_cache)
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
        conn.execute(T.board_cache.delete().where(T.board_cache.c.basis != key))  # another day's or reading's rows
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
    d["safe_due"] = dt.date.fromisoformat(d["safe_due"]) if d.get("safe_due") else None
    d["articles"] = tuple(d.get("articles") or ())
    d["words"] = d.pop("explanation", "") or ""
    return BoardRow(**{k: v for k, v in d.items() if k in BoardRow.__dataclass_fields__})


__all__ = ["BUCKETS", "Board", "BoardRow", "Move", "SOON_WORKDAYS", "Words", "board_rows", "deadline_moves", "due_board",
           "memo_for", "row_of", "sort_key", "timeline_problems"]
