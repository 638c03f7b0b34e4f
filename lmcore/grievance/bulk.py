"""Bulk grievance deadlines: a DataFrame of many grievances → every milestone's due date and status (numpy).

Reads the same step definitions as the single-grievance engine (lmcore.grievance.steps), so the two agree;
the tests compare them on random records. Bulk mode covers the procedure up to the invocation of arbitration
(Art. 43 §7–§10) without modifications (§13); use `lmcore.grievance.timeline` for waivers, extensions,
OELMR notices, continuing conditions and the arbitration stage.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from ..errors import InvalidDate, InvalidInput
from .record import DATE_FIELDS
from .steps import PATHS, StepSpec, path_steps

NAT = np.datetime64("NaT", "D")
_BULK_KINDS = ("event", "after", "recorded", "decision", "reply", "end")


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
    n = len(cols["learned"])
    empty = np.full(n, NAT)
    col = lambda name: cols.get(name, empty)  # noqa: E731
    _checks(path, specs, cols, col, today, rows)
    cal = contract.calendar
    completed_form = contract.choice("grievance.response_clock_start") == "completed_form"
    due: dict[str, np.ndarray] = {}
    firm: dict[str, np.ndarray] = {}
    missed: dict[str, np.ndarray] = {}
    result: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    ended = np.zeros(n, bool)  # resolved: the later steps are not needed

    def add(key: str, starts: np.ndarray) -> np.ndarray:
        return np.asarray(contract.deadlines(key, starts), dtype="datetime64[D]")

    for s in specs:
        a = s.anchor
        if a.kind == "event":
            start = col(a.of)
            if a.of == "occurred":
                start = np.where(np.isnat(start), col("learned"), start)
            d, f = add(s.key, start), np.ones(n, bool)
        elif a.kind in ("after", "recorded"):
            pred = specs[0] if a.kind == "recorded" else next(p for p in specs if p.name == a.of)
            pdone = col(pred.done)
            start = np.where(np.isnat(pdone), due[pred.name], pdone)
            f = ~np.isnat(pdone) if a.kind == "recorded" else ~np.isnat(pdone) | (firm[pred.name] & missed[pred.name] & (pred.side != "filer"))
            own = col(a.of) if a.kind == "recorded" else (col(a.clock) if a.clock and completed_form else empty)
            start = np.where(np.isnat(own), start, own)
            f = np.where(np.isnat(own), f, True)
            d = add(s.key, start)
        elif a.kind == "decision":
            mdone, mdue = col(_spec(specs, a.of).done), due[a.of]
            no_meeting = np.isnat(mdone) & firm[a.of] & missed[a.of]
            d = add(s.key, np.where(np.isnat(mdone), mdue, mdone))
            if contract.choice("grievance.reply_due_without_meeting") == "meeting_deadline":
                d = np.where(no_meeting, mdue, d)
            f = ~np.isnat(mdone) | no_meeting
        elif a.kind == "reply":
            received, rdue = col(_spec(specs, a.of).done), due[a.of]
            late_day = rdue
            if contract.choice("grievance.reply_due_start") == "first_day_late":
                late_day = np.asarray(cal.add_workdays(rdue, 1), dtype="datetime64[D]")
            has = ~np.isnat(received)
            timely = has & (received <= rdue)
            if contract.choice("grievance.late_decision_clock") == "from_receipt":
                timely = has
            on_receipt = add(s.key, np.where(has, received, rdue))
            d = np.where(timely, on_receipt, add(s.key_no_decision or s.key, late_day))
            f = has | (firm[a.of] & missed[a.of])
        else:  # end of a resolution period
            d, f = add(s.key, due[a.of]), firm[a.of]
        done = col(s.done) if s.done else empty
        is_done = ~np.isnat(done)
        miss = ~is_done & f & (today > d)
        status = np.where(is_done, np.where(done <= d, "done_on_time", "done_late"),
                          np.where(~f, "projected", np.where(miss, "missed", "open"))).astype(object)
        status[_premature(s, specs, col, due, done)] = "premature"
        due[s.name], firm[s.name], missed[s.name] = d, f, miss
        gone = ended & ~is_done
        result[s.name] = (np.where(gone, NAT, d), np.where(gone, None, status))
        if s.side == "period":
            ended |= is_done
    return result


def _premature(s: StepSpec, specs: list[StepSpec], col: Any, due: dict[str, np.ndarray], done: np.ndarray) -> np.ndarray:
    """Filer steps taken before their window opened (as lmcore.grievance.timeliness judges one grievance): before
    the decision answered was received or overdue (§7.b(1), §10), or before the resolution period ran out (§8.b, §9)."""
    early = np.zeros(len(done), bool)
    if s.side != "filer" or s.anchor.kind not in ("reply", "end"):
        return early
    early = ~np.isnat(done) & (done <= due[s.anchor.of])
    if s.anchor.kind == "reply":
        received = col(_spec(specs, s.anchor.of).done)
        early &= ~(received <= done)
    return early


def _spec(specs: list[StepSpec], name: str) -> StepSpec:
    return next(s for s in specs if s.name == name)


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
        elif a.kind == "recorded":
            prev = np.where(np.isnat(col(a.of)), last[specs[0].name], col(a.of))
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
