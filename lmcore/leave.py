"""Leave (Art. 5) beyond annual leave: sick leave certificates and advances (§2), leave restriction periods (§3),
leaves of absence for union business (§4), extended LWOP (§5), child-rearing leave (§12) and family members (§14).

Annual leave lives in lmcore.annual_leave, administrative leave in lmcore.admin_leave; both are re-exported here.
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .admin_leave import blood_donation, civil_defense, cpa_exam, military_funeral, voting_leave
from .annual_leave import (accrual_rate, charge_for_absence, check_increment, project_year_end, restoration_check,
                           separation_repayment)
from .calendar import Step, to_date
from .deadlines import fmt_day
from .errors import InvalidDate, InvalidInput, OutOfRange
from .rulings import Ruling, hours_value, whole_number
from .interpretations import Choice
from .leave_year import leave_year, leave_year_of, restoration_request_deadline

if TYPE_CHECKING:
    from .contract import Contract

READ_MONTH_END = "leave.restriction_month_end"
READ_ADVANCE_DAYS = "leave.advance_sick_absence_days"


def _contract(contract: Contract | None) -> Contract:
    from . import load_contract

    return contract or load_contract()


def _order(first: dt.date, last: dt.date, what: str, cite: str) -> None:
    if last < first:
        raise InvalidDate(f"the {what} ends ({last.isoformat()}) before it begins ({first.isoformat()})", cite=cite,
                          fix="Give the first day, then the last day")


def period_end(start: dt.date, months: int, reading: str = "day_before_same_date") -> dt.date:
    """Last day of a period of `months` months beginning on `start` (interpretation leave.restriction_month_end)."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    last = _cal.monthrange(year, month)[1]
    if reading == "same_date":
        return dt.date(year, month, min(start.day, last))
    if start.day > last:
        return dt.date(year, month, last)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


# -- sick leave (§2) ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class CertificateCheck:
    """Does a sick-leave absence need a medical certificate? Ordinarily yes past 3 consecutive workdays (Art. 5 §2.e)."""

    first: dt.date
    last: dt.date
    steps: tuple[Step, ...]
    limit: int
    required: bool
    required_from: dt.date | None
    restricted: bool
    cite: str
    quote: str

    @property
    def workdays(self) -> tuple[dt.date, ...]:
        return tuple(s.day for s in self.steps if s.counted)

    def answer(self) -> str:
        n = len(self.workdays)
        if self.restricted:
            return f"A medical certificate may be required for this absence of {n} workday{'s' if n != 1 else ''} whatever its length (Art. 5 §2.e, §3)."
        if self.required:
            return (f"{n} consecutive workdays of sick leave: more than {self.limit}, so a medical certificate is ordinarily required "
                    f"(from workday {self.limit + 1}, {fmt_day(self.required_from)}) ({self.cite}).")  # type: ignore[arg-type]
        return f"{n} consecutive workday{'s' if n != 1 else ''} of sick leave: not more than {self.limit}, so no medical certificate is ordinarily required ({self.cite})."

    def explain(self) -> str:
        lines = [self.answer()]
        lines += [f"  {s}" for s in self.steps]
        lines.append("A written statement may be accepted instead when a physician was not available or not needed.")
        lines.append(f'Rule: "{self.quote}"')
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"first": self.first.isoformat(), "last": self.last.isoformat(), "workdays": len(self.workdays),
                "limit": self.limit, "required": self.required or self.restricted,
                "required_from": self.required_from.isoformat() if self.required_from else None, "cite": self.cite,
                "quote": self.quote, "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in self.steps if not s.counted],
                "answer": self.answer(), "explanation": self.explain()}


def medical_certificate(first_day: Any, last_day: Any, *, under_restriction: bool = False,
                        contract: Contract | None = None) -> CertificateCheck:
    """Count the workdays of a sick-leave absence; more than 3 consecutive ones ordinarily need a certificate (§2.e)."""
    contract = _contract(contract)
    p = contract.param("leave.medical_certificate_after")
    first, last = to_date(first_day, "first day of absence"), to_date(last_day, "last day of absence")
    _order(first, last, "absence", p.cite)
    steps = contract.calendar.explain(first - dt.timedelta(days=1), last)
    counted = [s.day for s in steps if s.counted]
    limit = int(p.value)
    required = len(counted) > limit
    return CertificateCheck(first, last, steps, limit, required, counted[limit] if required else None, under_restriction,
                            p.cite, p.quote)


def advance_sick_leave(requested_days: Any, absence_first: Any, absence_last: Any, *, permanent: bool = True,
                       medical_certificate: bool = True, serious: bool = True, future_accrual_doubtful: bool = False,
                       day_hours: float = 8.0, contract: Contract | None = None) -> Ruling:
    """Sick leave that can be advanced: up to 30 days, for serious illness past 3 consecutive days (Art. 5 §2.f)."""
    contract = _contract(contract)
    cap, after = contract.param("leave.advance_sick_max"), contract.param("leave.advance_sick_after")
    asked = hours_value(requested_days, "days of sick leave asked in advance", cap.cite, allow_zero=False)
    first, last = to_date(absence_first, "first day of absence"), to_date(absence_last, "last day of absence")
    _order(first, last, "absence", after.cite)
    kind = contract.choice(READ_ADVANCE_DAYS)
    length = (last - first).days + 1 if kind == "calendar_days" else len([s for s in contract.calendar.explain(first - dt.timedelta(days=1), last) if s.counted])
    unit = "calendar days" if kind == "calendar_days" else "workdays"
    checks = [
        (permanent, "the employee is a permanent employee in the bargaining unit"),
        (medical_certificate, "the request comes with a medical certificate"),
        (serious, "the illness or injury is serious"),
        (length > after.value, f"the absence extends beyond {after.value:g} consecutive days ({fmt_day(first)} to {fmt_day(last)}: {length} {unit})"),
        (not future_accrual_doubtful, "future accrual of sick leave is not doubtful"),
    ]
    reasons = [f"{'✓' if ok else '✗'} {words}" for ok, words in checks]
    allowed = min(asked, float(cap.value)) if all(ok for ok, _ in checks) else 0.0
    if asked > cap.value:
        reasons.append(f"{asked:g} days asked; the advance may not exceed {cap.value:g} days.")
    reasons.append(f"{allowed:g} days × {day_hours:g} hours (a full-time workday) = {allowed * day_hours:g} hours.")
    answer = f"{allowed:g} days ({allowed * day_hours:g} hours) can be advanced" if allowed else "No advance of sick leave"
    return Ruling("Advanced sick leave:", answer, bool(allowed), cap.cite, contract.section(cap.cite).text.split("\n")[0].removeprefix("f. "),
                   tuple(reasons), allowed, "days", interpretations=contract.used(READ_ADVANCE_DAYS))


# -- leave restriction (§3.c) --------------------------------------------------------------------------
@dataclass(frozen=True)
class RestrictionPeriod:
    """The first period of a leave restriction or one extension of it, with its dates."""

    number: int
    start: dt.date
    end: dt.date
    months: int

    @property
    def kind(self) -> str:
        return "initial restriction" if self.number == 0 else f"extension {self.number}"

    def __str__(self) -> str:
        return f"{self.kind}: {fmt_day(self.start)} to {fmt_day(self.end)} ({self.months} month{'s' if self.months != 1 else ''})"


@dataclass(frozen=True)
class RestrictionPlan:
    """A leave restriction: at most 4 months, then extensions of 4 months or less each if the problem persists (Art. 5 §3.c)."""

    periods: tuple[RestrictionPeriod, ...]
    cite: str
    quote: str
    interpretations: tuple[Choice, ...] = field(default=())

    @property
    def end(self) -> dt.date:
        return self.periods[-1].end

    def in_force(self, day: Any) -> RestrictionPeriod | None:
        d = to_date(day, "date")
        return next((p for p in self.periods if p.start <= d <= p.end), None)

    def answer(self) -> str:
        first = self.periods[0]
        text = f"Leave restriction from {fmt_day(first.start)} to {fmt_day(first.end)}"
        if len(self.periods) > 1:
            text += f", extended {len(self.periods) - 1} time{'s' if len(self.periods) > 2 else ''} to {fmt_day(self.end)}"
        return text + f" ({self.cite})."

    def explain(self) -> str:
        lines = [self.answer()] + [f"  {p}" for p in self.periods]
        if len(self.periods) > 1:
            lines.append("Each extension needs the problem to persist and a new written notice of the restriction.")
        lines.append(f'Rule: "{self.quote}"')
        lines += [f"Reading used: {c}" for c in self.interpretations]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"periods": [{"number": p.number, "kind": p.kind, "start": p.start.isoformat(), "end": p.end.isoformat(),
                             "months": p.months} for p in self.periods], "end": self.end.isoformat(), "cite": self.cite,
                "quote": self.quote, "interpretations": [c.to_dict() for c in self.interpretations], "answer": self.answer(),
                "explanation": self.explain()}


def leave_restriction(start: Any, months: Any = 4, extensions: Any = (), *, contract: Contract | None = None) -> RestrictionPlan:
    """The dates of a leave restriction of `months` (≤ 4) and its extensions (each ≤ 4 months), back to back (§3.c)."""
    contract = _contract(contract)
    first_p, ext_p = contract.param("leave.restriction_max"), contract.param("leave.restriction_extension_max")
    day = to_date(start, "start of the leave restriction")
    n = whole_number(months, "length of the leave restriction in months", first_p.cite, low=1)
    if n > first_p.value:
        raise OutOfRange(f"a leave restriction can be in place for no longer than {first_p.value} months, not {n}", cite=first_p.cite,
                         fix=f"Impose at most {first_p.value} months; if the problem persists, extend it in steps of {ext_p.value} months "
                             f"or less (e.g. {first_p.value} then {min(n - first_p.value, ext_p.value)})")
    reading = contract.choice(READ_MONTH_END)
    periods = [RestrictionPeriod(0, day, period_end(day, n, reading), n)]
    for i, ext in enumerate(extensions or (), start=1):
        m = whole_number(ext, f"length of extension {i} in months", ext_p.cite, low=1)
        if m > ext_p.value:
            raise OutOfRange(f"extension {i} of the leave restriction is {m} months; each extension may be {ext_p.value} months or less",
                             cite=ext_p.cite, fix=f"Split it into extensions of at most {ext_p.value} months")
        s = periods[-1].end + dt.timedelta(days=1)
        periods.append(RestrictionPeriod(i, s, period_end(s, m, reading), m))
    quote = f"{first_p.quote} However, if the problem persists, {ext_p.quote}."
    return RestrictionPlan(tuple(periods), first_p.cite, quote, contract.used(READ_MONTH_END))


# -- leaves of absence (§4, §5, §12) ------------------------------------------------------------------
def appointed_union_leave(start: Any, *, on_leave_now: Any = 0, contract: Contract | None = None) -> Ruling:
    """Leave of absence for an appointed full-time AFGE job: 1 year, extendable to 2, at most 3 employees at once (§4.c)."""
    contract = _contract(contract)
    first, total, people = (contract.param(f"leave.union_appointed_leave{s}") for s in ("", "_max", "_max_people"))
    day = to_date(start, "start of the leave of absence")
    others = whole_number(on_leave_now, "number of unit employees already on such leave", people.cite)
    first_end = period_end(day, 12 * int(first.value))
    last_end = period_end(day, 12 * int(total.value))
    slot = others < people.value
    reasons = (f"First grant: {fmt_day(day)} to {fmt_day(first_end)} ({first.value:g} year).",
               f"Extended on request with Local 12's consent: up to {fmt_day(last_end)} ({total.value:g} years in all).",
               f"{others} unit employee{'s' if others != 1 else ''} already on such leave; at most {people.value:g} at a time → "
               + ("a place is free." if slot else "no place is free until one returns."),
               "The leave is without pay (§4.d); the employee returns to the same position or one of like status, grade and pay (§4.f).")
    return Ruling("Leave of absence for an appointed AFGE position:", "can be granted" if slot else "cannot be granted now (three already on leave)",
                   slot, first.cite, f"{first.quote}, {total.quote}. {people.quote}", reasons,
                   dates=(("first grant ends", first_end), ("latest end", last_end)))


def elected_union_leave(term_start: Any, term_end: Any, *, contract: Contract | None = None) -> Ruling:
    """Leave of absence for an elected AFGE National or Local 12 officer: the term of office, renewed on re-election (§4.a–b)."""
    contract = _contract(contract)
    s, e = to_date(term_start, "start of the term of office"), to_date(term_end, "end of the term of office")
    _order(s, e, "term of office", "Art. 5 §4.b")
    text = contract.section("Art. 5 §4.b").text.removeprefix("b. ")
    return Ruling("Leave of absence for an elected union officer:", f"{fmt_day(s)} to {fmt_day(e)}, the term of office", True,
                   "Art. 5 §4.b", text, ("Management approves it on written request (§4.a); there is no limit of one or two years.",
                                         "It is renewed automatically when the officer is re-elected and asks in writing."),
                   dates=(("ends", e),))


def _span_check(start: Any, end: Any, key: str, question: str, contract: Contract) -> Ruling:
    p = contract.param(key)
    s, e = to_date(start, "first day"), to_date(end, "last day")
    _order(s, e, "leave", p.cite)
    limit = period_end(s, 12 * int(p.value))
    ok = e <= limit
    reason = (f"{fmt_day(s)} to {fmt_day(e)}; {p.value:g} year{'s' if p.value != 1 else ''} from {fmt_day(s)} ends {fmt_day(limit)} → "
              + ("within the limit." if ok else f"{(e - limit).days} day{'s' if (e - limit).days != 1 else ''} too long."))
    return Ruling(question, "within the limit" if ok else f"longer than {p.value:g} year{'s' if p.value != 1 else ''}", ok, p.cite,
                   p.quote, (reason,), dates=(("latest end", limit),))


def extended_lwop(start: Any, end: Any, *, contract: Contract | None = None) -> Ruling:
    """Extended leave without pay may be approved for up to one year, under 5 CFR 630 (Art. 5 §5.b)."""
    return _span_check(start, end, "leave.lwop_extended_max", "Extended leave without pay:", _contract(contract))


def child_rearing_leave(start: Any, end: Any, *, contract: Contract | None = None) -> Ruling:
    """Annual leave and LWOP together for pregnancy and caring for minor children: up to two years (Art. 5 §12.a)."""
    return _span_check(start, end, "leave.child_rearing_max", "Maternity, paternity and child-rearing leave:", _contract(contract))


# -- family member (§14) -----------------------------------------------------------------------------
RELATIONS: dict[str, tuple[str, str]] = {
    "spouse": ("a", "spouse"), "parent_of_spouse": ("a", "parent of the spouse"),
    "child": ("b", "child"), "adopted_child": ("b", "adopted child"), "spouse_of_child": ("b", "spouse of a child"),
    "parent": ("c", "parent"),
    "sibling": ("d", "brother or sister"), "spouse_of_sibling": ("d", "spouse of a brother or sister"),
    "other_blood_or_affinity": ("e", "other relative by blood or affinity"),
    "unrelated": ("", "person not related by blood or affinity"),
}


def family_member(relation: str, close_association: bool = False, *, contract: Contract | None = None) -> Ruling:
    """Is this relative a family member for Art. 5 (family leave, care)? Items a–e of §14."""
    contract = _contract(contract)
    if relation not in RELATIONS:
        raise InvalidInput(f"'{relation}' is not a relation lmcore knows", cite="Art. 5 §14", fix=f"Use one of: {', '.join(RELATIONS)}")
    item, words = RELATIONS[relation]
    if item == "":
        return Ruling(f"Is a {words} a family member (Art. 5 §14)?", "No", False, "Art. 5 §14.e", _item_text(contract, "e"),
                       ("§14 covers relatives; item e needs a relation by blood or affinity as well as a close association.",))
    ok = item != "e" or close_association
    reasons = (f"Item {item}: {_item_text(contract, item)}",)
    if item == "e":
        reasons += ("Only when the close association is the equivalent of a family relationship: "
                    + ("said to be so." if close_association else "not said to be so."),)
    return Ruling(f"Is the employee's {words} a family member?", "Yes" if ok else "Not unless the association is that close", ok,
                   f"Art. 5 §14.{item}", contract.section("Art. 5 §14").text.split("\n")[1], reasons)


def _item_text(contract: Contract, item: str) -> str:
    return contract.section(f"Art. 5 §14.{item}").text.split(" ", 1)[1]


__all__ = ["CertificateCheck", "RELATIONS", "RestrictionPeriod", "RestrictionPlan", "accrual_rate", "advance_sick_leave",
           "appointed_union_leave", "blood_donation", "charge_for_absence", "check_increment", "child_rearing_leave",
           "civil_defense", "cpa_exam", "elected_union_leave", "extended_lwop", "family_member", "leave_restriction",
           "leave_year", "leave_year_of", "medical_certificate", "military_funeral", "period_end", "project_year_end",
           "restoration_check", "restoration_request_deadline", "separation_repayment", "voting_leave"]
