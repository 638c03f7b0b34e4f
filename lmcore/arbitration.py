"""Arbitration (Art. 44): which track a case takes (§7), its hearing and decision deadlines (§3, §5, §8, §9),
and who pays what (§2, §3.f). Panel and rotation are in `panel.py`; the scheduling simulator in `arbitration_sim.py`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .calendar import to_date
from .errors import InvalidDate, InvalidInput, OutOfRange

if TYPE_CHECKING:
    from .contract import Contract
    from .deadlines import Deadline
    from .interpretations import Choice, Flaw

KINDS = ("regular", "expedited", "stayed")
# A stayed removal is a regular (non-expedited) arbitration with a shorter hearing limit: regular roster.
ROSTER = {"regular": "regular", "stayed": "regular", "expedited": "expedited"}
HEARING_RULE = {
    "regular": "arbitration.hearing_regular",
    "stayed": "arbitration.hearing_stayed",
    "expedited": "arbitration.hearing_expedited",
}
MILESTONES = ("hearing_by", "prehearing_meeting", "exchange_meeting", "arbitrability_notice", "decision")
STAY_FLAW = "art44_cites_section13_for_stays"


@dataclass(frozen=True)
class Subject:
    """What a grievance is about, and where §7 sends it: 'expedited' (§7.b), 'never' (§7.d) or 'other' (§7.c)."""

    id: str
    label: str
    cite: str
    route: str


SUBJECTS: dict[str, Subject] = {s.id: s for s in (
    Subject("counseling", "Written counseling, warning, reprimand or admonishment", "Art. 44 §7.b(1)", "expedited"),
    Subject("suspension_14_days_or_less", "Suspension of fourteen (14) days or less", "Art. 44 §7.b(1)", "expedited"),
    Subject("leave_restriction", "Leave restriction letter", "Art. 44 §7.b(2)", "expedited"),
    Subject("awol", "Absent Without Leave (AWOL) charge", "Art. 44 §7.b(3)", "expedited"),
    Subject("flexitime_removal", "Removal from flexitime", "Art. 44 §7.b(4)", "expedited"),
    Subject("appraisal_element_rating", "Performance appraisal: only element rating(s) challenged", "Art. 44 §7.b(5)", "expedited"),
    Subject("merit_staffing_certificate", "Merit staffing: sole issue is exclusion from the certificate of eligibles",
            "Art. 44 §7.b(6)", "expedited"),
    Subject("within_grade_denial", "Denial of a within-grade increase", "Art. 44 §7.b(7)", "expedited"),
    Subject("discrimination", "Allegation of discrimination (race, color, religion, sex, national origin, age, disability)",
            "Art. 44 §7.d(1)", "never"),
    Subject("prohibited_personnel_practice", "Allegation of a prohibited personnel practice (5 U.S.C. 2302(b))",
            "Art. 44 §7.d(2)", "never"),
    Subject("contract_interpretation", "A question of contract interpretation", "Art. 44 §7.d(3)", "never"),
    Subject("unfair_labor_practice", "A charge of an unfair labor practice", "Art. 44 §7.d(4)", "never"),
    Subject("suspension_over_14_days", "Suspension of more than fourteen (14) days", "Art. 44 §7.c", "other"),
    Subject("removal", "Removal (5 U.S.C. 4303 or 7512)", "Art. 44 §7.c", "other"),
    Subject("other", "Any other subject", "Art. 44 §7.c", "other"),
)}


@dataclass(frozen=True)
class CaseType:
    """The track a case takes (regular, expedited or stayed), with the rule and words behind it."""

    kind: str
    roster: str
    subjects: tuple[Subject, ...]
    reasons: tuple[tuple[str, str], ...]  # (words, citation)
    flaws: tuple[Flaw, ...] = ()

    def explain(self) -> str:
        lines = [f"Case type: {self.kind} arbitration (the {self.roster} roster)."]
        lines += [f"- {words} ({cite})" for words, cite in self.reasons]
        lines += [f"- {f}" for f in self.flaws]
        return "\n".join(lines)


def classify(subjects: Iterable[str], contract: Contract, *, mutual_consent: bool = False,
             stayed: bool = False) -> CaseType:
    """Regular, expedited or stayed (Art. 44 §7.b–§7.d; a removal stayed under Art. 43 §14 is heard within 30 days)."""
    ids = [str(s).strip() for s in subjects if str(s).strip()]
    if stayed and "removal" not in ids:
        ids.append("removal")
    if not ids:
        raise InvalidInput("say what the grievance is about", cite="Art. 44 §7.b",
                           fix=f"Give one or more subjects: {', '.join(SUBJECTS)}")
    unknown = [s for s in ids if s not in SUBJECTS]
    if unknown:
        raise InvalidInput(f"unknown subject '{unknown[0]}'", cite="Art. 44 §7.b",
                           fix=f"Use one of: {', '.join(SUBJECTS)}")
    subs = tuple(dict.fromkeys(SUBJECTS[s] for s in ids))
    never = [s for s in subs if s.route == "never"]
    listed = all(s.route == "expedited" for s in subs)
    reasons: list[tuple[str, str]] = []
    if stayed:
        p = contract.param("arbitration.hearing_stayed")
        reasons.append(("The removal is stayed (Art. 43 §14.a): the hearing must be held within "
                        f"{p.value} calendar days of invocation", p.cite))
        reasons.append((contract.param("grievance.removal_stay_duration").quote, "Art. 43 §14.a"))
        flaws = tuple(f for f in (contract.flaws.get(STAY_FLAW),) if f is not None)
        return CaseType("stayed", "regular", subs, tuple(reasons), flaws)
    if never:
        reasons += [(f"Expedited arbitration will not be used where the subject matter includes {s.label.lower()}", s.cite)
                    for s in never]
        if mutual_consent:
            reasons.append(("Mutual consent (§7.c) cannot override §7.d", "Art. 44 §7.d"))
        return CaseType("regular", "regular", subs, tuple(reasons))
    if listed:
        reasons += [(f"Expedited arbitration will be used for: {s.label.lower()}", s.cite) for s in subs]
        return CaseType("expedited", "expedited", subs, tuple(reasons))
    others = [s.label.lower() for s in subs if s.route == "other"]
    if mutual_consent:
        reasons.append((f"Not a §7.b subject ({', '.join(others)}), invoked to expedited arbitration by mutual consent",
                        "Art. 44 §7.c"))
        return CaseType("expedited", "expedited", subs, tuple(reasons))
    reasons.append((f"Not a §7.b subject ({', '.join(others)}): regular arbitration unless both parties consent",
                    "Art. 44 §7.c"))
    return CaseType("regular", "regular", subs, tuple(reasons))


def check_kind(kind: str) -> str:
    """A case kind the rules know, or a clear error."""
    k = str(kind).strip().lower()
    if k not in KINDS:
        raise InvalidInput(f"unknown kind of arbitration '{kind}'", cite="Art. 44 §3.c",
                           fix="Use regular (§3.c), stayed (§3.d, a removal stayed under Art. 43 §14) or expedited (§3.e)")
    return k


@dataclass(frozen=True)
class Milestone:
    """One dated step of an arbitration, with the Deadline that explains it and what it was counted from."""

    name: str
    deadline: Deadline
    basis: str
    note: str | None = None
    other: Deadline | None = None  # arbitrability: the second of the two limits, which did not bind
    hearing: dt.date | None = None  # hearing_by: the hearing date checked against it

    @property
    def due(self) -> dt.date:
        return self.deadline.due

    @property
    def cite(self) -> str:
        return self.deadline.cite or ""

    @property
    def on_time(self) -> bool | None:
        return None if self.hearing is None else self.hearing <= self.due

    def explain(self) -> str:
        text = f"[{self.name}] {self.deadline.explain()}\nCounted from: {self.basis}."
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
            "interpretations": [c.to_dict() for c in d.interpretations], "explanation": self.explain(),
        }
        if self.note:
            out["note"] = self.note
        if self.other is not None:
            out["other"] = {"due": self.other.due.isoformat(), "cite": self.other.cite, "label": self.other.label,
                            "rule": self.other.rule}
        if self.hearing is not None:
            out.update(hearing=self.hearing.isoformat(), on_time=self.on_time)
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
    """Every deadline of an invoked case: hearing limit (§3.c–e), prehearing meetings (§5), arbitrability (§9), decision (§8)."""
    kind = check_kind(kind)
    invoked = to_date(invoked, "invocation date")
    hearing = None if hearing in (None, "") else to_date(hearing, "hearing date")
    record_closed = None if record_closed in (None, "") else to_date(record_closed, "date the record closed")
    rule = contract.param(HEARING_RULE[kind])
    if hearing is not None and hearing <= invoked:
        raise InvalidDate(f"the hearing ({hearing.isoformat()}) must come after the invocation ({invoked.isoformat()})",
                          cite=rule.cite, fix="Check both dates: a hearing is held after arbitration is invoked", field="hearing")
    _check_record(kind, invoked, hearing, record_closed)
    hb = contract.deadline(HEARING_RULE[kind], invoked, label=f"Hearing held by ({kind})")
    out = [Milestone("hearing_by", hb, f"invocation on {invoked.isoformat()}", hearing=hearing,
                     note=_hearing_note(contract, hb, hearing))]
    base = hearing or hb.due
    basis = (f"the hearing on {hearing.isoformat()}" if hearing else
             f"the last day for the hearing, {hb.due.isoformat()} (no hearing date given)")
    out.append(Milestone("prehearing_meeting", contract.deadline("arbitration.prehearing_meeting", base), basis))
    out.append(Milestone("exchange_meeting", contract.deadline("arbitration.exchange_meeting", base), basis))
    out.append(_arbitrability(contract, invoked, base, basis))
    if kind == "expedited" and hearing is not None:
        out.append(Milestone("decision", contract.deadline("arbitration.expedited_decision", hearing, label="Expedited decision"),
                             f"the hearing on {hearing.isoformat()}"))
    elif kind != "expedited" and record_closed is not None:
        out.append(Milestone("decision", contract.deadline("arbitration.regular_award", record_closed, label="Award served"),
                             f"the close of the record on {record_closed.isoformat()}"))
    flaws = tuple(f for f in (contract.flaws.get(STAY_FLAW),) if f is not None) if kind == "stayed" else ()
    return ArbitrationSchedule(kind, invoked, hearing, record_closed, tuple(out), _notes(contract, kind), flaws)


def _check_record(kind: str, invoked: dt.date, hearing: dt.date | None, record_closed: dt.date | None) -> None:
    if record_closed is None:
        return
    if kind == "expedited":
        raise InvalidInput("an expedited case has no record to close: no transcript and no briefs", cite="Art. 44 §7.e(2)",
                           fix="Give the hearing date instead: the decision is due within 5 calendar days of it (§8.c)",
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


def _arbitrability(contract: Contract, invoked: dt.date, base: dt.date, basis: str) -> Milestone:
    """Art. 44 §9 / Art. 43 §11: no later than 20 workdays after invocation AND at least 10 workdays before the hearing."""
    after = contract.deadline("arbitration.arbitrability_notice_after_invocation", invoked,
                              label="Raise grievability/arbitrability (20 workdays after invocation)")
    before = contract.deadline("arbitration.arbitrability_notice_before_hearing", base,
                               label="Raise grievability/arbitrability (10 workdays before the hearing)")
    binding, other = (after, before) if after.due <= before.due else (before, after)
    note = ("Both limits apply, so the earlier one binds. Art. 44 §9 binds the Department; Art. 43 §11 says the same "
            "of either party.")
    if binding.due <= invoked:
        note += " The hearing is too soon after invocation: this notice could not be given in time."
    who = f"invocation on {invoked.isoformat()}" if binding is after else basis
    return Milestone("arbitrability_notice", binding, who, note=note, other=other)


def _notes(contract: Contract, kind: str) -> tuple[tuple[str, str], ...]:
    if kind == "expedited":
        return ((contract.param("arbitration.expedited_hearing_days").quote, "Art. 44 §7.e(1)"),
                (contract.param("arbitration.expedited_hours_per_side").quote, "Art. 44 §7.e(1)"),
                ("The expedited arbitration hearing shall not be transcribed, and neither party shall file a brief or any "
                 "other written argument.", "Art. 44 §7.e(2)"))
    if kind == "stayed":
        return ((contract.param("grievance.removal_stay_duration").quote, "Art. 43 §14.a"),)
    return ()


# -- costs (§2, §3.f) -------------------------------------------------------------------------------
PARTIES = ("union", "department")


@dataclass(frozen=True)
class CostLine:
    """One cost and who pays it, under which rule."""

    item: str
    amount: Decimal
    union: Decimal
    department: Decimal
    cite: str
    rule: str


@dataclass(frozen=True)
class CostSplit:
    """The arbitration bill divided between the Union and the Department, line by line."""

    lines: tuple[CostLine, ...]

    @property
    def union(self) -> Decimal:
        return sum((ln.union for ln in self.lines), Decimal(0))

    @property
    def department(self) -> Decimal:
        return sum((ln.department for ln in self.lines), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((ln.amount for ln in self.lines), Decimal(0))

    def explain(self) -> str:
        rows = [f"{ln.item}: {usd(ln.amount)} → Union {usd(ln.union)}, Department {usd(ln.department)} "
                f"({ln.cite}: {ln.rule})" for ln in self.lines]
        rows.append(f"Total {usd(self.total)}: Union pays {usd(self.union)}, Department pays {usd(self.department)}.")
        return "\n".join(rows)

    def to_dict(self) -> dict[str, Any]:
        return {"lines": [{"item": ln.item, "amount": _cents(ln.amount), "union": _cents(ln.union),
                           "department": _cents(ln.department), "cite": ln.cite, "rule": ln.rule} for ln in self.lines],
                "union": _cents(self.union), "department": _cents(self.department), "total": _cents(self.total)}


def _cents(x: Decimal) -> str:
    """'1234.50'; an equal split of an odd cent keeps the half cent ('0.005') rather than hide it."""
    q = Decimal("0.01") if x == x.quantize(Decimal("0.01")) else Decimal("0.001")
    return str(x.quantize(q))


def usd(x: Decimal) -> str:
    """$1,234.50 (with a half cent shown as $0.005)."""
    return f"${Decimal(_cents(x)):,}"


def split_costs(contract: Contract, *, fees: Any = 0, expenses: Any = 0, transcripts: Any = 0,
                cancellation_fee: Any = 0, cancellation_requested_by: str | None = None) -> CostSplit:
    """Fees and expenses split equally (§2.a); transcripts paid by management (§2.b); a late cancellation fee by the asker (§3.f)."""
    share = Decimal(str(contract.value("arbitration.fee_share"))) / 100
    quote = contract.param("arbitration.fee_share").quote
    lines = []
    for item, raw in (("Arbitrator's fees", fees), ("Arbitrator's expenses", expenses)):
        amt = _money(raw, item, "Art. 44 §2.a")
        if amt:
            lines.append(CostLine(item, amt, amt * share, amt - amt * share, "Art. 44 §2.a", quote))
    amt = _money(transcripts, "Transcripts", "Art. 44 §2.b")
    if amt:
        lines.append(CostLine("Transcripts", amt, Decimal(0), amt, "Art. 44 §2.b",
                              "Management will pay for such transcripts as may be requested by either party"))
    amt = _money(cancellation_fee, "Cancellation fee", "Art. 44 §3.f")
    if amt:
        who = (cancellation_requested_by or "").strip().lower()
        if who not in PARTIES:
            raise InvalidInput("say which party asked for the late postponement or cancellation", cite="Art. 44 §3.f",
                               fix="Give the requesting party: union or department")
        lines.append(CostLine(f"Cancellation fee (requested by the {who.capitalize()})", amt,
                              amt if who == "union" else Decimal(0), amt if who == "department" else Decimal(0),
                              "Art. 44 §3.f", "the party requesting the postponement or cancellation shall pay the cancellation fee"))
    return CostSplit(tuple(lines))


def _money(raw: Any, what: str, cite: str) -> Decimal:
    text = str(raw if raw not in (None, "") else 0).replace(",", "").replace("$", "").strip()
    try:
        amt = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(f"{what}: '{raw}' is not an amount of money", cite=cite, fix="Give dollars, e.g. 1250.00") from None
    if not amt.is_finite() or amt < 0:
        raise OutOfRange(f"{what}: {raw} is not a cost (it must be zero or more)", cite=cite, fix="Give a positive amount")
    if amt != amt.quantize(Decimal("0.01")):
        raise OutOfRange(f"{what}: {raw} has fractions of a cent", cite=cite, fix="Give dollars and cents")
    return amt
