"""Bulk grievance timelines: many grievances → every milestone's due date and status at once (numpy).

Reads the same step definitions as the single-grievance engine (lmcore.grievance.steps), so the two agree;
the tests compare them on random records, word for word. Bulk mode covers the procedure up to the invocation of
arbitration (Art. 43 §7–§10) without modifications (§13): `bulk_deadlines` takes a DataFrame (a due and a status
column per milestone); `BulkTimelines` takes date columns and gives, for each row, the step at hand and the
engine's own `Milestone` (with its explanation) on demand, leaving to `lmcore.grievance.timeline` the rows it does
not cover (OELMR notices, consolidation, resolved matters, the arbitration stage, stays of removal) and the rows
whose dates the engine would refuse (it says why).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from ..deadlines import Deadline, fmt_day
from ..errors import InvalidDate, InvalidInput
from .milestones import Milestone
from .record import DATE_FIELDS, Grievance
from .steps import PATHS, TERMINATION, StepSpec, path_steps, render

NAT = np.datetime64("NaT", "D")
_BULK_KINDS = ("event", "after", "decision", "reply", "end")
# Milestone statuses as small integers while computing (lmcore.grievance.milestones.STATUSES, in words)
DONE_ON_TIME, DONE_LATE, OPEN, MISSED, PROJECTED, PREMATURE = range(6)
STATUS_WORDS = ("done_on_time", "done_late", "open", "missed", "projected", "premature")
_WORDS = np.array(STATUS_WORDS, dtype=object)


def bulk_steps(path: str, stay: bool = True) -> list[StepSpec]:
    """The steps bulk mode computes for a path (up to the invocation of arbitration); `stay=False`: a removal grieved
    too late for a stay, which proceeds as an ordinary grievance (Art. 43 §14.a)."""
    return [s for s in path_steps(path, stay=stay) if s.anchor.kind in _BULK_KINDS]


def bulk_deadlines(frame: Any, contract: Any = None, as_of: Any = None, path: str = "employee") -> Any:
    """For each row (a grievance), `<milestone>_due` and `<milestone>_status` columns.

    Columns read: `learned` (required), and any of the recorded dates of `lmcore.grievance.Grievance`
    (filed, form_completed, step1_meeting, step1_decision, step2_appeal, …); a `path` column overrides `path`.
    """
    import pandas as pd

    from ..contract.loading import load_contract
    from ..calendar import to_date

    contract = contract or load_contract()
    today = np.datetime64(to_date(as_of or dt.date.today(), "'as of' date"), "D")
    if "learned" not in frame.columns:
        raise InvalidInput("the table has no 'learned' column", cite="Art. 43 §7.a(1)",
                           fix="Add a column 'learned' with the date each violation was learned of")
    unknown = [c for c in frame.columns if c not in DATE_FIELDS and c != "path"]
    if unknown:
        raise InvalidInput(f"unknown column(s): {', '.join(map(str, unknown))}", cite="Art. 43",
                           fix=f"Use the recorded dates: {', '.join(DATE_FIELDS)}")
    dates = {c: _column(frame[c], c) for c in frame.columns if c in DATE_FIELDS}
    paths = frame["path"].to_numpy(dtype=object) if "path" in frame.columns else None
    if paths is not None and (bad := set(map(str, paths)) - set(PATHS)):
        raise InvalidInput(f"unknown path(s) in the 'path' column: {', '.join(sorted(bad))}", cite="Art. 43 §7",
                           fix=f"Use one of: {', '.join(PATHS)}")
    out: dict[str, np.ndarray] = {}
    for p in PATHS if paths is not None else (path,):
        rows = np.flatnonzero(paths == p) if paths is not None else np.arange(len(frame))
        if paths is not None and rows.size == 0:
            continue
        for group, stay in _stay_groups(p, rows, dates, contract, today):
            part = {c: v[group] for c, v in dates.items()}
            for name, (due, status) in _run(bulk_steps(p, stay), p, part, contract, today, group).items():
                out.setdefault(f"{name}_due", np.full(len(frame), NAT))[group] = due
                out.setdefault(f"{name}_status", np.full(len(frame), None, dtype=object))[group] = status
    result = pd.DataFrame(out, index=frame.index)
    result.attrs["interpretations"] = [c.to_dict() for c in contract.used(*_READINGS)]
    return result


_READINGS = ("count.event_on_nonworkday", "grievance.reply_due_start", "grievance.late_decision_clock",
             "grievance.reply_due_without_meeting", "grievance.response_clock_start")


def _stay_groups(path: str, rows: np.ndarray, dates: dict[str, np.ndarray], contract: Any,
                 today: np.datetime64) -> list[tuple[np.ndarray, bool]]:
    """Removal-stay rows split into those that keep the stay and those grieved too late for it (§14.a)."""
    if path != "removal-stay":
        return [(rows, True)]
    due = np.asarray(contract.deadlines("grievance.removal_stay_filing", dates["learned"][rows]), dtype="datetime64[D]")
    filed = dates.get("filed", np.full(len(dates["learned"]), NAT))[rows]
    lost = np.where(np.isnat(filed), today > due, filed > due)
    return [(g, stay) for g, stay in ((rows[~lost], True), (rows[lost], False)) if g.size]


def _column(series: Any, name: str) -> np.ndarray:
    import pandas as pd

    try:
        values = pd.to_datetime(series, errors="raise")
    except (ValueError, TypeError) as exc:
        words, cite = DATE_FIELDS[name]
        raise InvalidDate(f"column '{name}' ({words}) has a value that is not a date: {exc}", cite=cite,
                          fix="Use YYYY-MM-DD dates and leave unknown ones empty", field=name) from None
    return values.to_numpy(dtype="datetime64[D]")


def _run(specs: list[StepSpec], path: str, cols: dict[str, np.ndarray], contract: Any, today: np.datetime64,
         rows: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """bulk_deadlines' columns for one path: after a resolved period the later steps are not needed (NaT, None)."""
    n = len(cols["learned"])
    empty = np.full(n, NAT)
    _checks(path, specs, cols, lambda name: cols.get(name, empty), today, rows)
    walk = _Walk(specs, cols, contract, today)
    result: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    ended = np.zeros(n, bool)  # resolved: the later steps are not needed
    for s in specs:
        code = walk.status[s.name]
        is_done = (code <= DONE_LATE) | (code == PREMATURE)
        gone = ended & ~is_done
        result[s.name] = (np.where(gone, NAT, walk.due[s.name]), np.where(gone, None, _WORDS[code]))
        if s.side == "period":
            ended |= is_done
    return result


# How each count starts: the cases of the engine's Engine.start (its words are in BulkTimelines._counted_from).
(EVENT, AS_OCCURRENCE, COMPLETED_FORM, FIRST_RECEIPT, AFTER_DONE, AFTER_DUE, MET, NOT_MET_YET, NO_MEETING, AS_MEETING,
 RECEIVED, RECEIVED_LATE, LATE_FROM_DUE, NO_DECISION, PERIOD_END) = range(15)


class _Walk:
    """The engine's walk over a path's steps, for every row at once: each milestone's start, whether that start is
    firm (recorded, or a deadline that passed), how it was reached, its due date and its status."""

    def __init__(self, specs: Sequence[StepSpec], cols: Mapping[str, np.ndarray], contract: Any, today: np.datetime64):
        n = len(cols["learned"])
        empty = np.full(n, NAT)
        col = lambda name: cols.get(name, empty)  # noqa: E731
        by_name = {s.name: s for s in specs}
        choice = contract.choice
        completed_form = choice("grievance.response_clock_start") == "completed_form"
        self.due: dict[str, np.ndarray] = {}
        self.start: dict[str, np.ndarray] = {}
        self.firm: dict[str, np.ndarray] = {}
        self.how: dict[str, np.ndarray] = {}
        self.no_decision_key: dict[str, np.ndarray] = {}  # counted with the parameter for "no timely decision"
        self.status: dict[str, np.ndarray] = {}
        missed: dict[str, np.ndarray] = {}

        def add(key: str, starts: np.ndarray) -> np.ndarray:
            return np.asarray(contract.deadlines(key, starts), dtype="datetime64[D]")

        for s in specs:
            a = s.anchor
            alt = np.zeros(n, bool)
            if a.kind == "event":
                st = col(a.of)
                how = np.full(n, EVENT)
                if a.of == "occurred":
                    how = np.where(np.isnat(st), AS_OCCURRENCE, EVENT)
                    st = np.where(np.isnat(st), col("learned"), st)
                f, d = np.ones(n, bool), add(s.key, st)
            elif a.kind == "after":
                pred = by_name[a.of]
                pdone = col(pred.done)
                has = ~np.isnat(pdone)
                st = np.where(has, pdone, self.due[pred.name])
                f = has | (self.firm[pred.name] & missed[pred.name] & (pred.side != "filer"))
                how = np.where(has, AFTER_DONE, AFTER_DUE)
                if a.clock:
                    clock = col(a.clock)
                    given = ~np.isnat(clock)
                    if completed_form:
                        st, f, how = np.where(given, clock, st), f | given, np.where(given, COMPLETED_FORM, how)
                    else:
                        how = np.where(given & has, FIRST_RECEIPT, how)
                d = add(s.key, st)
            elif a.kind == "decision":
                m = by_name[a.of]
                held = col(m.done)
                met = ~np.isnat(held)
                no_meeting = ~met & self.firm[m.name] & missed[m.name]
                st = np.where(met, held, self.due[m.name])
                d = add(s.key, st)
                how = np.where(met, MET, np.where(no_meeting, NO_MEETING, NOT_MET_YET))
                if choice("grievance.reply_due_without_meeting") == "meeting_deadline":
                    d = np.where(no_meeting, self.due[m.name], d)
                    st = np.where(no_meeting, self.start[m.name], st)
                    how = np.where(no_meeting, AS_MEETING, how)
                f = met | no_meeting
            elif a.kind == "reply":
                dec = by_name[a.of]
                received, rdue = col(dec.done), self.due[dec.name]
                has = ~np.isnat(received)
                late_day = rdue
                if choice("grievance.reply_due_start") == "first_day_late":
                    late_day = np.asarray(contract.calendar.add_workdays(rdue, 1), dtype="datetime64[D]")
                timely = has & (received <= rdue)
                late_receipt = has & ~timely & (choice("grievance.late_decision_clock") == "from_receipt")
                on_receipt = timely | late_receipt
                d = np.where(on_receipt, add(s.key, np.where(has, received, rdue)),
                             add(s.key_no_decision or s.key, late_day))
                st = np.where(on_receipt, received, late_day)
                alt = ~on_receipt
                how = np.where(timely, RECEIVED, np.where(late_receipt, RECEIVED_LATE,
                                                           np.where(has, LATE_FROM_DUE, NO_DECISION)))
                f = has | (self.firm[dec.name] & missed[dec.name])
            elif a.kind == "end":
                st, f, how = self.due[a.of], self.firm[a.of], np.full(n, PERIOD_END)
                d = add(s.key, st)
            else:
                raise InvalidInput(f"bulk mode does not count '{a.kind}' steps ({s.name})", cite=s.cite,
                                   fix="Use lmcore.grievance.timeline for this grievance")
            done = col(s.done) if s.done else empty
            is_done = ~np.isnat(done)
            miss = ~is_done & f & (today > d)
            self.status[s.name] = np.where(is_done, np.where(done <= d, DONE_ON_TIME, DONE_LATE),
                                           np.where(~f, PROJECTED, np.where(miss, MISSED, OPEN))).astype(np.int8)
            self.status[s.name][_premature(s, by_name, col, self.due, done)] = PREMATURE
            self.due[s.name], self.start[s.name], self.firm[s.name], missed[s.name] = d, st, f, miss
            self.how[s.name], self.no_decision_key[s.name] = how.astype(np.int8), alt


def _premature(s: StepSpec, by_name: Mapping[str, StepSpec], col: Any, due: Mapping[str, np.ndarray],
               done: np.ndarray) -> np.ndarray:
    """Filer steps taken before their window opened (as lmcore.grievance.timeliness judges one grievance): before
    the decision answered was received or overdue (§7.b(1), §10), or before the resolution period ran out (§8.b, §9)."""
    early = np.zeros(len(done), bool)
    if s.side != "filer" or s.anchor.kind not in ("reply", "end"):
        return early
    early = ~np.isnat(done) & (done <= due[s.anchor.of])
    if s.anchor.kind == "reply":
        received = col(by_name[s.anchor.of].done)
        early &= ~(received <= done)
    return early


def _checks(path: str, specs: list[StepSpec], cols: dict[str, np.ndarray], col: Any, today: np.datetime64,
            rows: np.ndarray) -> None:
    """The single-grievance checks, row-wise: dates after 'as of', missing or out-of-order steps."""
    if np.isnat(cols["learned"]).any():
        raise _rows(InvalidDate, "the learned date is missing", "Art. 43 §7.a(1)", np.isnat(cols["learned"]), "learned", rows)
    used = {"learned", "occurred"} | {x for s in specs for x in (s.done, s.anchor.clock, s.anchor.of) if x}
    for name, values in cols.items():
        if name not in used and (~np.isnat(values)).any():
            raise _rows(InvalidInput, f"the {DATE_FIELDS[name][0]} does not apply to the {path} path (bulk mode covers "
                        "the steps up to the invocation of arbitration)", DATE_FIELDS[name][1], ~np.isnat(values), name, rows)
        late = values > today
        if late.any():
            raise _rows(InvalidDate, f"the {DATE_FIELDS[name][0]} is after the 'as of' date ({today}): a step cannot "
                        "be marked as done before it happens", DATE_FIELDS[name][1], late, name, rows)
    last: dict[str, np.ndarray] = {}
    filer_missing = np.zeros(len(cols["learned"]), bool)
    last_filer = cols["learned"].copy()  # the latest filing or appeal recorded so far
    for s in specs:
        a = s.anchor
        if a.kind == "event":
            prev = col(a.of) if a.of != "occurred" else np.where(np.isnat(col("occurred")), col("learned"), col("occurred"))
        elif a.kind == "reply" and s.side == "filer":
            prev = last_filer  # before the decision it answers: premature (a status), not a mistake
        else:
            prev = last[a.of]
        done = col(s.done) if s.done else np.full(len(prev), NAT)
        bad = ~np.isnat(done) & ~np.isnat(prev) & (done < prev)
        if bad.any():
            raise _rows(InvalidDate, f"the {DATE_FIELDS[s.done][0]} is before the step it follows", s.cite, bad, s.done, rows)  # type: ignore[index]
        skipped = ~np.isnat(done) & filer_missing
        if skipped.any():
            raise _rows(InvalidInput, f"the {DATE_FIELDS[s.done][0]} is given but an earlier filing or appeal date "  # type: ignore[index]
                        "is missing", s.cite, skipped, s.done, rows)
        if s.side == "filer":
            filer_missing |= np.isnat(done)
            last_filer = np.where(np.isnat(done), last_filer, done)
        last[s.name] = np.where(np.isnat(done), prev, done)


def _rows(kind: type, what: str, cite: str, mask: np.ndarray, name: str, rows: np.ndarray) -> Exception:
    where = np.flatnonzero(mask)
    return kind(f"{what} in {where.size} row(s), first at row {rows[where[0]]} (counting from 0)", cite=cite,
                fix=f"Correct the '{name}' column in those rows", field=name)

# -- many timelines: the step at hand of each row, and the engine's own Milestone of any step on demand ----------
PLAIN_PATHS = ("employee", "merit-staffing", "union-institutional", "department")
NOT_COVERED = ("step1_oelmr_notice", "step2_oelmr_notice", "consolidated", "resolved", "invoked",
               "arbitrability_notice", "hearing", "award")  # a row with any of these dates is left to the engine
COVERED = tuple(f for f in DATE_FIELDS if f not in NOT_COVERED)
_ENDS = TERMINATION[1]  # the consequence that ends the grievance (Art. 43 §12; milestones.ended_at)
_FROM_EVENT = {"learned": "from learning of the alleged violation", "occurred": "from the occurrence of the violation"}
_EPOCH = dt.date(1970, 1, 1).toordinal()
_NAT_INT = np.iinfo(np.int64).min


def is_plain(g: Grievance) -> bool:
    """A record BulkTimelines reads in full from its dates: no §13 waiver or extension, not a continuing condition,
    not consolidated (the single-grievance engine computes the others)."""
    return not (g.waivers or g.extensions or g.continuing or g.consolidation)


def columns_of(grievances: Sequence[Grievance]) -> dict[str, np.ndarray]:
    """The recorded dates of grievances as datetime64 columns, NaT where a date is not recorded."""
    n = len(grievances)
    out = {}
    for name in DATE_FIELDS:
        values = [getattr(g, name) for g in grievances]
        out[name] = np.fromiter((_NAT_INT if v is None else v.toordinal() - _EPOCH for v in values), np.int64,
                                n).view("datetime64[D]")
    return out


def _date(value: np.datetime64) -> dt.date | None:
    return None if np.isnat(value) else value.astype(object)


class BulkTimelines:
    """The timelines of many plain grievances (`is_plain`) of one path as of a day, computed at once: each row's
    step at hand (`at_hand`, with its `due` date and `status` code) and, on demand, the engine's own `Milestone` of
    any step, word for word. `engine` marks the rows left to lmcore.grievance.timeline: dates this mode does not
    cover (OELMR notices, consolidation, resolution, arbitration, a stay of removal), dates too near the ends of
    the calendar's years, and records the engine's checks would refuse (it says why)."""

    def __init__(self, path: str, dates: Mapping[str, np.ndarray], contract: Any, as_of: dt.date, *,
                 agencies: str = "single"):
        n = len(dates["learned"])
        self.path, self.contract, self.as_of = path, contract, as_of
        today = np.datetime64(as_of, "D")
        cal = contract.calendar
        lo, hi = np.datetime64(dt.date(cal.first_year, 1, 1), "D"), np.datetime64(dt.date(cal.last_year, 6, 30), "D")
        covered = path in PLAIN_PATHS and agencies in ("single", "multiple") and lo <= today <= hi
        self.specs: tuple[StepSpec, ...] = tuple(path_steps(path, agencies=agencies)) if covered else ()
        covered = covered and all(s.anchor.kind in _BULK_KINDS for s in self.specs)
        engine = np.full(n, not covered)
        if covered:
            engine |= np.isnat(dates["learned"]) | _refused(self.specs, dates, today)
            for name, v in dates.items():
                engine |= ~np.isnat(v) & ((v < lo) | (v > hi) | (name in NOT_COVERED))
        self.engine = engine
        self.dates = {k: np.where(engine, NAT, v) for k, v in dates.items()}
        self.dates["learned"] = np.where(engine, today, dates["learned"])  # rows left to the engine: a harmless record
        self._by_name = {s.name: s for s in self.specs}
        self._walk = _Walk(self.specs, self.dates, contract, today) if covered else None
        if self._walk is not None and n:
            early = np.any([np.isin(self._walk.status[s.name], (PREMATURE, DONE_LATE)) for s in self.specs
                            if s.side == "filer"], axis=0)
            if early.any():  # a filer's premature or late step: the engine's notes say what follows (grievance.timeliness)
                self.engine = engine = engine | early
                self.dates = {k: np.where(engine, NAT, v) for k, v in dates.items()}
                self.dates["learned"] = np.where(engine, today, dates["learned"])
                self._walk = _Walk(self.specs, self.dates, contract, today)
        self._deadlines: dict[tuple, Deadline] = {}
        self._flaws: dict[str, tuple] = {}
        self._signatures: dict[str, np.ndarray] = {}
        self._milestones: dict[tuple[str, bytes], Milestone] = {}
        self._decides: dict[str, np.ndarray] | None = None
        self._walks: dict[tuple[tuple[str, str], ...], _Walk] = {}
        self._texts: dict[tuple[str, bytes], str] = {}
        self.at_hand, self.due, self.status = np.zeros(n, np.int64), np.full(n, NAT), np.full(n, OPEN, np.int8)
        if self._walk is not None and n:
            codes = np.stack([self._walk.status[s.name] for s in self.specs], axis=1)
            ends = np.array([s.consequence_cite == _ENDS for s in self.specs])
            pick = np.full(n, len(self.specs) - 1)  # Timeline.at_hand: where it ended, else open, else projected, else the last
            for mask in (codes == PROJECTED, codes == OPEN, (codes == MISSED) & ends):
                pick = np.where(mask.any(axis=1), mask.argmax(axis=1), pick)
            rows = np.arange(n)
            self.at_hand = pick
            self.due = np.stack([self._walk.due[s.name] for s in self.specs], axis=1)[rows, pick]
            self.status = codes[rows, pick]

    def __len__(self) -> int:
        return len(self.engine)

    def milestone(self, i: int, name: str | None = None) -> Milestone:
        """Row i's milestone `name` (its step at hand when None) exactly as lmcore.grievance.timeline gives it."""
        s, key = self._key(i, name)
        m = self._milestones.get(key)
        if m is None:
            m = self._milestones[key] = self._build(i, s)
        return m

    def explain(self, i: int, name: str | None = None) -> str:
        """`milestone(i, name).explain()`: the date in words, with the days counted and skipped and the rule (the
        rows of a caseload share most of their words, so each text is made once)."""
        s, key = self._key(i, name)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self.milestone(i, s.name).explain()
        return text

    def milestones(self, i: int) -> tuple[Milestone, ...]:
        """Every milestone of row i, in the path's order."""
        return tuple(self.milestone(i, s.name) for s in self.specs)

    def _key(self, i: int, name: str | None) -> tuple[StepSpec, tuple[str, bytes]]:
        """The step and everything its Milestone depends on in row i (two rows with the same key have the same one)."""
        if self.engine[i]:
            raise InvalidInput(f"row {i} is not one bulk mode computes", cite="Art. 43",
                               fix="Use lmcore.grievance.timeline for this grievance")
        s = self._by_name[name] if name else self.specs[int(self.at_hand[i])]
        sig = self._signatures.get(s.name)
        if sig is None:
            w = self._walk
            assert w is not None
            bits = self.decides()[s.name]
            parts = [(bits * (1 << np.arange(bits.shape[1], dtype=np.int64))).sum(axis=1)]
            for t in self.specs[:self.specs.index(s) + 1]:  # the steps up to this one: where each reading was first used
                parts += [w.how[t.name], w.start[t.name], w.firm[t.name], w.status[t.name], w.no_decision_key[t.name]]
            if s.done:
                parts.append(self._col(s.done))
            if s.anchor.kind == "reply":
                dec = self._by_name[s.anchor.of]
                parts += [self._col(dec.done), w.due[dec.name]]  # type: ignore[arg-type]
            sig = self._signatures[s.name] = np.stack([p.astype("datetime64[D]").view(np.int64) if p.dtype.kind == "M"
                                                       else p.astype(np.int64) for p in parts], axis=1)
        return s, (s.name, sig[i].tobytes())

    def decides(self) -> dict[str, np.ndarray]:
        """For each step, a (rows × readings) array: True where switching that reading alone (`self.readings`, to any
        other option) moves the step's due date — the readings that decide it, as the engine finds them
        (lmcore.grievance.engine._deciding_readings), for every row at once."""
        if self._decides is None:
            w, c = self._walk, self.contract
            assert w is not None
            found = {s.name: np.zeros((len(self), len(self.readings)), bool) for s in self.specs}
            for k, rid in enumerate(self.readings):
                for option in c.interpretations[rid].options:
                    if option == c.choice(rid):
                        continue
                    other = self._walk_under(((rid, option),))
                    for s in self.specs:
                        a, b = w.due[s.name], other.due[s.name]
                        found[s.name][:, k] |= ~((a == b) | (np.isnat(a) & np.isnat(b)))
            self._decides = found
        return self._decides

    def _walk_under(self, combo: tuple[tuple[str, str], ...]) -> _Walk:
        """The walk again with these readings switched (kept: decides() and safe_due() share them)."""
        if combo not in self._walks:
            self._walks[combo] = _Walk(self.specs, self.dates, self.contract.with_interpretations(dict(combo)),
                                       np.datetime64(self.as_of, "D"))
        return self._walks[combo]

    def safe_due(self) -> np.ndarray:
        """Each row's safe date for its step at hand (lmcore.safe_date): the earliest due date for a filer's step, the
        latest for the other side's, over every combination of the readings that decide that step in that row
        (`decides`): one reading alone is the walk `decides` made; the rows two or more readings decide are walked
        again, only they, under each combination of two or more of those readings (more than safe_date.MAX_READINGS
        among them all: rows grouped by their own readings; a row with more than that: each reading alone). Kept per
        contract for the same rows and day: a board drawn again does not walk them again."""

        if self._walk is None or not len(self):
            return self.due
        key = (self.path, tuple((s.name, s.key, s.key_no_decision, s.side) for s in self.specs), self.as_of,
               hashlib.sha1(b"".join(self.dates[k].tobytes() for k in sorted(self.dates))).hexdigest())
        kept = _kept_safe(self.contract)
        if key not in kept:
            if len(kept) >= 16:
                kept.clear()
            kept[key] = self._safe_due()
        return kept[key].copy()

    def _safe_due(self) -> np.ndarray:
        from ..safe_date import MAX_READINGS, OWN, side_of

        dec, c, specs = self.decides(), self.contract, self.specs
        n, at = len(self), self.at_hand
        rows = np.arange(n)
        own = np.array([side_of(s.side) == OWN for s in specs])[at]
        best = self.due.copy()

        def fold(sel: np.ndarray, due: np.ndarray) -> None:
            d, b, o = due[sel], best[sel], own[sel]
            take = ~np.isnat(d) & (np.isnat(b) | np.where(o, d < b, d > b))
            best[sel] = np.where(take, d, b)

        def at_hand(w: _Walk, sel: np.ndarray) -> np.ndarray:
            return np.stack([w.due[s.name] for s in specs], axis=1)[np.arange(len(sel)), at[sel]]

        everyone = np.ones(n, bool)
        for rid in self.readings:  # each reading alone: the walks decides() made, over every row
            for option in c.interpretations[rid].options:
                if option != c.choice(rid):
                    fold(everyone, at_hand(self._walk_under(((rid, option),)), rows))
        deciding = np.stack([dec[s.name] for s in specs], axis=1)[rows, at]  # (rows × readings): decide the step at hand
        several = deciding.sum(axis=1) >= 2
        if not several.any():
            return best
        union = deciding[several].any(axis=0)
        groups = [union] if union.sum() <= MAX_READINGS else list(np.unique(deciding[several], axis=0))
        for pattern in groups:  # the rows two or more readings decide: walked together under their combinations
            ids = [r for r, on in zip(self.readings, pattern) if on]
            if len(ids) > MAX_READINGS:
                continue
            sel = several if pattern is union else several & (deciding == pattern).all(axis=1)
            sub, idx = {k: v[sel] for k, v in self.dates.items()}, np.flatnonzero(sel)
            for combo in itertools.product(*[c.interpretations[r].options for r in ids]):
                switched = {r: o for r, o in zip(ids, combo) if o != c.choice(r)}
                if len(switched) >= 2:
                    w = _Walk(specs, sub, c.with_interpretations(switched), np.datetime64(self.as_of, "D"))
                    fold(sel, _scatter(n, idx, at_hand(w, idx)))
        return best

    @property
    def readings(self) -> tuple[str, ...]:
        """Every reading that can take part in these timelines: the counting and calendar readings of each step's
        time limit and the readings that say where a count starts."""
        c = self.contract
        ids = [i for s in self.specs for i in c.counting_readings(s.key_no_decision or s.key)]
        ids += [i for s in self.specs for i in c.counting_readings(s.key)]
        return tuple(i for i in dict.fromkeys([*ids, *_READINGS]) if i in c.interpretations)

    def _applied(self, i: int, s: StepSpec) -> dict[str, Any]:
        """The readings step s of row i applies itself (its count's and its start's), by id, in the engine's order."""
        d = self._deadline(i, s)
        ids: dict[str, Any] = {}
        for ch in (*d.interpretations, *self._counted_from(i, s)[1]):
            ids.setdefault(ch.id, ch)
        return ids

    def _build(self, i: int, s: StepSpec) -> Milestone:
        w, c = self._walk, self.contract
        assert w is not None
        d = self._deadline(i, s)
        words, _ = self._counted_from(i, s)
        first: dict[str, Any] = {}  # where each reading was first applied: the rule it is cited with when inherited
        for t in self.specs:
            for rid, ch in self._applied(i, t).items():
                first.setdefault(rid, ch)
            if t is s:
                break
        own = self._applied(i, s)
        deciding = {rid for rid, on in zip(self.readings, self.decides()[s.name][i]) if on}
        ids = [rid for rid in first if rid in deciding] + [rid for rid in self.readings if rid in deciding and rid not in first]
        cite = c.param(s.key).cite
        choices = tuple(c.used(rid, cite=(own.get(rid) or first.get(rid) or _NO_CHOICE).cite or cite)[0] for rid in ids)
        if s.cite not in self._flaws:
            self._flaws[s.cite] = tuple(c.flaws_for(s.cite))
        return Milestone(s.name, s.label, s.actor, s.side, d.due, cite, STATUS_WORDS[int(w.status[s.name][i])],
                         render(s.consequence, c), s.consequence_cite, d, _date(self._col(s.done)[i]) if s.done else None,
                         _date(w.start[s.name][i]), words, (), self._flaws[s.cite], choices)

    def _col(self, name: str) -> np.ndarray:
        return self.dates.get(name, np.full(len(self), NAT))

    def _deadline(self, i: int, s: StepSpec) -> Deadline:
        w = self._walk
        assert w is not None
        if w.how[s.name][i] == AS_MEETING:
            meeting = self._by_name[s.anchor.of]
            return replace(self._deadline(i, meeting), label=f"{s.label} (no meeting held: due when the meeting time ran out)")
        key = (s.key_no_decision or s.key) if w.no_decision_key[s.name][i] else s.key
        memo = (key, _date(w.start[s.name][i]), s.label)
        if memo not in self._deadlines:
            self._deadlines[memo] = self.contract.deadline(key, memo[1], label=s.label)
        return self._deadlines[memo]

    def _counted_from(self, i: int, s: StepSpec) -> tuple[str, tuple]:
        """Where the count starts, in the engine's words (Engine.start), and the readings that choice relied on."""
        w, a, used = self._walk, s.anchor, self.contract.used
        assert w is not None
        how, day = int(w.how[s.name][i]), fmt_day(_date(w.start[s.name][i]))  # type: ignore[arg-type]
        firm = bool(w.firm[s.name][i])
        if how == EVENT:
            return f"{_FROM_EVENT[a.of]}, {day}", ()
        if how == AS_OCCURRENCE:
            return (f"from the occurrence of the violation, {day} (the date given; §8.b(3) counts from the occurrence, "
                    "not from when it was learned of)", ())
        if how == COMPLETED_FORM:
            return f"from receipt of the properly completed form, {day} (§6.b)", used("grievance.response_clock_start", cite="Art. 43 §6.b")
        if how in (FIRST_RECEIPT, AFTER_DONE, AFTER_DUE):
            what = _what(self._by_name[a.of])
            if how == FIRST_RECEIPT:
                return f"from the {what}, {day} (first receipt)", used("grievance.response_clock_start", cite="Art. 43 §6.b")
            if how == AFTER_DONE:
                return f"from the {what}, {day}", ()
            return f"from the last day allowed for the {what}, {day} (not recorded: {'it was missed' if firm else 'projected'})", ()
        if how == MET:
            return f"from the meeting, {day}", ()
        if how == NOT_MET_YET:
            return f"from the last day allowed for the meeting, {day} (not held yet: projected)", ()
        if how in (NO_MEETING, AS_MEETING):
            words = "as the meeting: no meeting was held" if how == AS_MEETING else \
                f"from the last day allowed for the meeting, {day} (no meeting was held)"
            return words, used("grievance.reply_due_without_meeting", cite=s.cite)
        if how == PERIOD_END:
            return f"from the end of the resolution period, {day}", ()
        dec = self._by_name[a.of]  # a reply to a decision (§7.b(1), §10)
        what, received = f"Step {dec.name[4]} decision", _date(self._col(dec.done)[i])
        if how == RECEIVED:
            return f"from receipt of the {what}, {fmt_day(received)}", ()  # type: ignore[arg-type]
        late = used("grievance.reply_due_start", cite=s.cite)
        if self.contract.choice("grievance.reply_due_start") == "first_day_late":  # the first day late: a workday count
            late += used(*self.contract.count(_date(w.due[dec.name][i]), 1).depends_on, cite=s.cite)
        was_due = fmt_day(_date(w.due[dec.name][i]))  # type: ignore[arg-type]
        if how == RECEIVED_LATE:
            return f"from receipt of the late {what}, {fmt_day(received)}", late + used("grievance.late_decision_clock", cite=s.cite)  # type: ignore[arg-type]
        if how == LATE_FROM_DUE:
            return (f"from when the {what} was due, {was_due} (it came late, on {fmt_day(received)})",  # type: ignore[arg-type]
                    late + used("grievance.late_decision_clock", cite=s.cite))
        return f"from when the {what} was due, {was_due} ({'no timely decision' if firm else 'if no decision comes: projected'})", late


class _NoChoice:
    cite = ""


_NO_CHOICE = _NoChoice()


_SAFE: weakref.WeakKeyDictionary[Any, dict[tuple, np.ndarray]] = weakref.WeakKeyDictionary()


def _kept_safe(contract: Any) -> dict[tuple, np.ndarray]:
    """The safe dates already worked out under this contract (its readings, closures and parameters never change:
    with_interpretations and with_closures make new contracts); a board's Memo stands for its contract."""
    base = getattr(contract, "_c", contract)
    try:
        return _SAFE.setdefault(base, {})
    except TypeError:  # cannot be referenced weakly: nothing kept
        return {}


def _scatter(n: int, idx: np.ndarray, values: np.ndarray) -> np.ndarray:
    """A full-length column with `values` at the rows `idx` (NaT elsewhere)."""
    out = np.full(n, NAT)
    out[idx] = values
    return out


def _what(spec: StepSpec) -> str:
    """A step named in a sentence, as the engine names it: "filing", "appeal", "invocation", or its label."""
    if spec.side == "filer":
        return "filing" if "filing" in spec.name else "appeal" if "appeal" in spec.name else "invocation"
    return spec.label[0].lower() + spec.label[1:]


def _refused(specs: Sequence[StepSpec], cols: Mapping[str, np.ndarray], today: np.datetime64) -> np.ndarray:
    """Rows the engine's checks (lmcore.grievance.checks) refuse, or may refuse: the engine is asked for those. A date
    the path does not use or after 'as of', a step recorded after a filing or appeal that is not, a step before the
    one it follows, and the pairs checked on their own (learned/occurred, the completed forms)."""
    n = len(cols["learned"])
    empty = np.full(n, NAT)
    col = lambda name: cols.get(name, empty)  # noqa: E731
    given = lambda name: ~np.isnat(col(name))  # noqa: E731
    used = ({"learned"} | {x for s in specs for x in (s.done, s.anchor.clock) if x}
            | {s.anchor.of for s in specs if s.anchor.kind == "event"})
    bad = np.zeros(n, bool)
    for name, values in cols.items():
        bad |= ~np.isnat(values) & ((name not in used) | (values > today))
    filer_missing = np.zeros(n, bool)
    last: dict[str, np.ndarray] = {}
    for s in specs:
        a = s.anchor
        prev = np.where(given(a.of), col(a.of), col("learned")) if a.kind == "event" else last[a.of]
        if s.done:
            done = col(s.done)
            bad |= given(s.done) & (filer_missing | (done < prev))  # (a comparison with NaT is False)
            if s.side == "filer":
                filer_missing |= ~given(s.done)
            prev = np.where(given(s.done), done, prev)
        last[s.name] = prev
    for later, earlier in (("learned", "occurred"), ("form_completed", "filed"), ("step2_form_completed", "step2_appeal")):
        bad |= given(later) & (col(later) < col(earlier))
    for extra, needs in (("form_completed", "filed"), ("step2_form_completed", "step2_appeal")):
        bad |= given(extra) & ~given(needs)
    return bad


__all__ = ["COVERED", "NOT_COVERED", "BulkTimelines", "NAT", "PLAIN_PATHS", "STATUS_WORDS", "bulk_deadlines", "bulk_steps", "columns_of", "is_plain"]
