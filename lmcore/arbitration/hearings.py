"""The dated steps of an arbitration (Art. 44 §3, §5, §8, §9): hearing limit, prehearing and
exchange meetings, the arbitrability notice and the decision."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..errors import InvalidDate, InvalidInput
from ..safe_date import OTHER, OWN, SafeDate, Survey
from .kinds import HEARING_RULE, ROSTER, STAY_FLAW, check_kind

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.readings import Choice, Flaw
    from ..deadlines import Deadline


MILESTONES = ("hearing_by", "prehearing_meeting", "exchange_meeting", "arbitrability_notice", "decision")

# Whose act each date is, for its safe date: the hearing and the two meetings are held by the parties together and a
# notice is a party's own — holding or giving it by the earliest date of all readings is on time under every one;
# the decision is the arbitrator's — it is overdue only after the latest.
SIDES = {"hearing_by": OWN, "prehearing_meeting": OWN, "exchange_meeting": OWN, "arbitrability_notice": OWN,
         "decision": OTHER}


@dataclass(frozen=True)
class Milestone:
    """One dated step of an arbitration, with the Deadline that explains it and what it was counted from."""

    name: str
    deadline: Deadline
    basis: str
    note: str | None = None
    other: Deadline | None = None  # arbitrability: the second of the two limits, which did not bind
    hearing: dt.date | None = None  # hearing_by: the hearing date checked against it
    feasible: bool = True  # False when the date falls before the invocation: it can no longer be met (§5, §9)
    safe: SafeDate | None = None  # its date under every reading that decides it (lmcore.safe_date)

    @property
    def safe_due(self) -> dt.date:
        """The date that is on time whichever reading is taken."""
        return self.safe.safe_due if self.safe is not None and self.safe.safe_due else self.due

    @property
    def due(self) -> dt.date:
        return self.deadline.due

    @property
    def cite(self) -> str:
        return self.deadline.cite or ""

    @property
    def on_time(self) -> bool | None:
        return None if self.hearing is None else self.hearing <= self.due

    def explain(self, words: bool = False) -> str:
        """The milestone's date and counting; `words`: the form for pages (no milestone or reading ids)."""
        text = ("" if words else f"[{self.name}] ") + f"{self.deadline.explain(words)}\nCounted from: {self.basis}."
        if self.other is not None:
            text += f"\nThe other limit, {self.other.label} ({self.other.cite}), is not earlier: {self.other.due.isoformat()}."
        if self.on_time is not None:
            text += f"\nHearing {self.hearing.isoformat()}: " + ("within the limit." if self.on_time else "AFTER the limit.")
        return text + (f"\nNote: {self.note}" if self.note else "")

    def to_dict(self) -> dict[str, Any]:
        d = self.deadline
        out: dict[str, Any] = {
            "name": self.name, "due": self.due.isoformat(), "weekday": self.due.strftime("%a"), "cite": self.cite,
            "label": d.label, "rule": d.rule, "basis": self.basis, "amount": abs(d.amount), "unit": d.unit,
            "direction": d.direction, "roll": d.roll, "quote": d.quote,
            "skipped": [{"date": day.isoformat(), "reason": r} for day, r in d.skipped_by_name()],
            "interpretations": [c.to_dict() for c in d.interpretations], "depends_on": list(d.depends_on),
            "feasible": self.feasible, "explanation": self.explain(),
        }
        if self.note:
            out["note"] = self.note
        if self.other is not None:
            out["other"] = {"due": self.other.due.isoformat(), "cite": self.other.cite, "label": self.other.label,
                            "rule": self.other.rule}
        if self.hearing is not None:
            out.update(hearing=self.hearing.isoformat(), on_time=self.on_time)
        if self.safe is not None:
            out.update(self.safe.to_dict())
        return out


@dataclass(frozen=True)
class ArbitrationSchedule:
    """All the milestones of one invoked case, the notes on how its hearing runs, and flaws of the text it touches."""

    kind: str
    invoked: dt.date
    hearing: dt.date | None
    record_closed: dt.date | None
    milestones: tuple[Milestone, ...]
    notes: tuple[tuple[str, str], ...]
    flaws: tuple[Flaw, ...]

    @property
    def roster(self) -> str:
        return ROSTER[self.kind]

    def __getitem__(self, name: str) -> Milestone:
        for m in self.milestones:
            if m.name == name:
                return m
        raise KeyError(name)

    @property
    def interpretations(self) -> tuple[Choice, ...]:
        seen: dict[str, Choice] = {}
        for m in self.milestones:
            for c in m.deadline.interpretations + (m.other.interpretations if m.other else ()):
                seen.setdefault(c.id, c)
        return tuple(seen.values())

    def explain(self) -> str:
        head = f"{self.kind.capitalize()} arbitration invoked {self.invoked.isoformat()} ({self.roster} roster)."
        parts = [head] + [m.explain() for m in self.milestones]
        parts += [f"{words} ({cite})" for words, cite in self.notes]
        parts += [str(f) for f in self.flaws]
        return "\n\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "invoked": self.invoked.isoformat(), "kind": self.kind, "roster": self.roster,
            "hearing": self.hearing.isoformat() if self.hearing else None,
            "record_closed": self.record_closed.isoformat() if self.record_closed else None,
            "milestones": [m.to_dict() for m in self.milestones],
            "notes": [{"text": w, "cite": c} for w, c in self.notes],
            "flaws": [{"id": f.id, "title": f.title, "description": f.description, "reading": f.reading,
                       "cites": list(f.cites)} for f in self.flaws],
            "interpretations": [c.to_dict() for c in self.interpretations],
        }


def milestones(invoked: Any, kind: str, contract: Contract, *, hearing: Any = None,
               record_closed: Any = None) -> ArbitrationSchedule:
    """Every deadline of an invoked case: hearing limit (§3.c–e), prehearing meetings (§5), arbitrability (§9), decision (§8).
    Each lists the readings that decide its date, also those of the hearing limit it is counted back from."""
    sched = _schedule(invoked, kind, contract, hearing, record_closed)
    own = {m.name: [c.id for c in m.deadline.interpretations] for m in sched.milestones}
    origin: dict[str, str] = {}
    for m in sched.milestones:
        for c in m.deadline.interpretations:
            origin.setdefault(c.id, c.cite)
    base = {m.name: m.due for m in sched.milestones}
    decided = contract.deciding(lambda c: {m.name: m.due for m in _schedule(invoked, kind, c, hearing, record_closed).milestones},
                                dict.fromkeys(i for ids in own.values() for i in ids), base)
    def answer(c: Contract) -> tuple[dict[str, dt.date], list[str]]:
        s = _schedule(invoked, kind, c, hearing, record_closed)
        return {m.name: m.due for m in s.milestones}, [ch.id for ch in s.interpretations]

    survey = Survey(contract, answer)
    out = []
    for m in sched.milestones:
        cites = {c.id: c.cite for c in m.deadline.interpretations}
        used = tuple(contract.used(i, cite=cites.get(i) or origin[i])[0] for i in decided[m.name])
        out.append(replace(m, deadline=replace(m.deadline, interpretations=used),
                           safe=survey.safe(m.name, SIDES[m.name], decided[m.name])))
    return replace(sched, milestones=tuple(out))


def _schedule(invoked: Any, kind: str, contract: Contract, hearing: Any, record_closed: Any) -> ArbitrationSchedule:
    kind = check_kind(kind)
    invoked = to_date(invoked, "invocation date")
    hearing = None if hearing in (None, "") else to_date(hearing, "hearing date")
    record_closed = None if record_closed in (None, "") else to_date(record_closed, "date the record closed")
    rule = contract.param(HEARING_RULE[kind])
    if hearing is not None and hearing <= invoked:
        raise InvalidDate(f"the hearing ({hearing.isoformat()}) must come after the invocation ({invoked.isoformat()})",
                          cite=rule.cite, fix="Check both dates: a hearing is held after arbitration is invoked", field="hearing")
    _check_record(kind, invoked, hearing, record_closed, contract)
    hb = contract.deadline(HEARING_RULE[kind], invoked, label=f"Hearing held by ({kind})")
    out = [Milestone("hearing_by", hb, f"invocation on {invoked.isoformat()}", hearing=hearing,
                     note=_hearing_note(contract, hb, hearing))]
    base = hearing or hb.due
    basis = (f"the hearing on {hearing.isoformat()}" if hearing else
             f"the last day for the hearing, {hb.due.isoformat()} (no hearing date given)")
    out.append(_meeting("prehearing_meeting", contract, invoked, base, basis))
    out.append(_meeting("exchange_meeting", contract, invoked, base, basis))
    out.append(_arbitrability(contract, invoked, base, basis))
    if kind == "expedited" and hearing is not None:
        out.append(Milestone("decision", contract.deadline("arbitration.expedited_decision", hearing, label="Expedited decision"),
                             f"the hearing on {hearing.isoformat()}"))
    elif kind != "expedited" and record_closed is not None:
        out.append(Milestone("decision", contract.deadline("arbitration.regular_award", record_closed, label="Award served"),
                             f"the close of the record on {record_closed.isoformat()}"))
    flaws = tuple(f for f in (contract.flaws.get(STAY_FLAW),) if f is not None) if kind == "stayed" else ()
    return ArbitrationSchedule(kind, invoked, hearing, record_closed, tuple(out), _notes(contract, kind), flaws)


def _check_record(kind: str, invoked: dt.date, hearing: dt.date | None, record_closed: dt.date | None,
                  contract: Contract) -> None:
    if record_closed is None:
        return
    if kind == "expedited":
        raise InvalidInput("an expedited case has no record to close: no transcript and no briefs", cite="Art. 44 §7.e(2)",
                           fix="Give the hearing date instead: the decision is due within "
                               f"{contract.amount('arbitration.expedited_decision')} of it (§8.c)",
                           field="record_closed")
    if record_closed < (hearing or invoked):
        what = f"the hearing ({hearing.isoformat()})" if hearing else f"the invocation ({invoked.isoformat()})"
        raise InvalidDate(f"the record closed ({record_closed.isoformat()}) before {what}", cite="Art. 44 §8.e",
                          fix="The record closes at or after the hearing (after any briefs); check the dates", field="record_closed")


def _hearing_note(contract: Contract, hb: Deadline, hearing: dt.date | None) -> str | None:
    if hearing is None:
        return None
    if hearing > hb.due:
        return f"The hearing is {(hearing - hb.due).days} calendar day(s) after the limit."
    reason = contract.calendar.skip_reason(hearing)
    return f"The hearing date is not a workday ({reason})." if reason else None


def _meeting(name: str, contract: Contract, invoked: dt.date, base: dt.date, basis: str) -> Milestone:
    """Art. 44 §5.a / §5.b: a meeting no later than N workdays before the hearing; flagged when that day is already
    past at the invocation (the hearing was set too soon after it to meet in time)."""
    key = f"arbitration.{name}"
    d = contract.deadline(key, base)
    if d.due < invoked:
        return Milestone(name, d, basis, feasible=False,
                         note=f"The hearing is less than {contract.amount(key)} after the invocation "
                              f"({invoked.isoformat()}): this meeting could not be held in time. Meet as soon as possible, "
                              f"or move the hearing with the other party ({d.cite}).")
    if d.due == invoked:
        return Milestone(name, d, basis, note="This meeting is due the day arbitration is invoked.")
    return Milestone(name, d, basis)


def _arbitrability(contract: Contract, invoked: dt.date, base: dt.date, basis: str) -> Milestone:
    """Art. 44 §9 / Art. 43 §11: no later than 20 workdays after invocation AND at least 10 workdays before the hearing."""
    k_after, k_before = "arbitration.arbitrability_notice_after_invocation", "arbitration.arbitrability_notice_before_hearing"
    after = contract.deadline(k_after, invoked,
                              label=f"Raise grievability/arbitrability ({contract.amount(k_after)} after invocation)")
    before = contract.deadline(k_before, base,
                               label=f"Raise grievability/arbitrability ({contract.amount(k_before)} before the hearing)")
    binding, other = (after, before) if after.due <= before.due else (before, after)
    note = ("Both limits apply, so the earlier one binds. Art. 44 §9 binds the Department; Art. 43 §11 says the same "
            "of either party.")
    if binding.due <= invoked:
        note += " The hearing is too soon after invocation: this notice could not be given in time."
    who = f"invocation on {invoked.isoformat()}" if binding is after else basis
    return Milestone("arbitrability_notice", binding, who, note=note, other=other, feasible=binding.due > invoked)


def _notes(contract: Contract, kind: str) -> tuple[tuple[str, str], ...]:
    if kind == "expedited":
        days, hours = contract.param("arbitration.expedited_hearing_days"), contract.param("arbitration.expedited_hours_per_side")
        return ((f"The hearing takes {contract.amount(days.key)}: \"{days.quote}\"", days.cite),
                (f"Each party has up to {contract.amount(hours.key)}: \"{hours.quote}\"", hours.cite),
                (" ".join(contract.section("Art. 44 §7.e(2)").text.split()[1:]), "Art. 44 §7.e(2)"))
    if kind == "stayed":
        return ((contract.param("grievance.removal_stay_duration").quote, "Art. 43 §14.a"),)
    return ()
