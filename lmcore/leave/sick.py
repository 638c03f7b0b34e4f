"""Sick leave (Art. 5): medical certificates and advances (§2), leave restriction periods (§3) and who
counts as a family member (§14)."""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..calendar import Step, to_date
from ..contract.loading import contract_or_default
from ..contract.readings import Choice
from ..deadlines import fmt_day
from ..errors import InvalidDate, InvalidInput, OutOfRange
from ..rulings import Ruling, hours_value, whole_number

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..safe_date import SafeDate


READ_MONTH_END = "leave.restriction_month_end"


READ_ADVANCE_DAYS = "leave.advance_sick_absence_days"


def check_order(first: dt.date, last: dt.date, what: str, cite: str) -> None:
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
    contract = contract_or_default(contract)
    p = contract.param("leave.medical_certificate_after")
    first, last = to_date(first_day, "first day of absence"), to_date(last_day, "last day of absence")
    check_order(first, last, "absence", p.cite)
    steps = contract.calendar.explain(first - dt.timedelta(days=1), last)
    counted = [s.day for s in steps if s.counted]
    limit = int(p.value)
    required = len(counted) > limit
    return CertificateCheck(first, last, steps, limit, required, counted[limit] if required else None, under_restriction,
                            p.cite, p.quote)


def advance_sick_leave(requested_days: Any, absence_first: Any, absence_last: Any, *, permanent: bool = True,
                       medical_certificate: bool = True, serious: bool = True, future_accrual_doubtful: bool = False,
                       day_hours: float | None = None, contract: Contract | None = None) -> Ruling:
    """Sick leave that can be advanced: up to 30 days, for serious illness past 3 consecutive days (Art. 5 §2.f).
    A day is `day_hours` long; by default a full-time day, the law's 'one day' of 5 U.S.C. 6303(a)(3) (law file)."""
    from ..contract.law import load_law

    contract = contract_or_default(contract)
    one_day = load_law().param("annual_leave.accrual_15_plus")
    what = f"a full-time day, as {one_day.cite} counts 'one day'" if day_hours is None else "the employee's workday"
    day_hours = float(one_day.value) if day_hours is None else hours_value(day_hours, "hours in a workday", "Art. 5 §2.f", allow_zero=False)
    cap, after = contract.param("leave.advance_sick_max"), contract.param("leave.advance_sick_after")
    asked = hours_value(requested_days, "days of sick leave asked in advance", cap.cite, allow_zero=False)
    first, last = to_date(absence_first, "first day of absence"), to_date(absence_last, "last day of absence")
    check_order(first, last, "absence", after.cite)
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
    reasons.append(f"{allowed:g} days × {day_hours:g} hours ({what}) = {allowed * day_hours:g} hours.")
    answer = f"{allowed:g} days ({allowed * day_hours:g} hours) can be advanced" if allowed else "No advance of sick leave"
    return Ruling("Advanced sick leave:", answer, bool(allowed), cap.cite, contract.section(cap.cite).text.split("\n")[0].removeprefix("f. "),
                   tuple(reasons), allowed, "days", interpretations=contract.used(READ_ADVANCE_DAYS))


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


def leave_restriction(start: Any, months: Any = None, extensions: Any = (), *, contract: Contract | None = None) -> RestrictionPlan:
    """The dates of a leave restriction of `months` (≤ 4; the most when not given) and its extensions (each ≤ 4 months),
    back to back (§3.c)."""
    contract = contract_or_default(contract)
    first_p, ext_p = contract.param("leave.restriction_max"), contract.param("leave.restriction_extension_max")
    day = to_date(start, "start of the leave restriction")
    n = whole_number(first_p.value if months is None else months, "length of the leave restriction in months", first_p.cite, low=1)
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


def restriction_safe_dates(start: Any, months: Any = None, extensions: Any = (), *, contract: Contract | None = None) -> tuple[SafeDate, ...]:
    """The safe last day of each period of a leave restriction (issue 16): the end of a period the supervisor sets, so the
    latest day over the readings of §3.c (the day before the same date N months later, or that date itself)."""
    from ..safe_date import OTHER, Survey

    contract = contract_or_default(contract)
    n = len(leave_restriction(start, months, extensions, contract=contract).periods)
    survey = Survey(contract, lambda c: ({f"end{p.number}": p.end for p in leave_restriction(start, months, extensions, contract=c).periods},
                                         (READ_MONTH_END,)))
    return tuple(survey.safe(f"end{i}", OTHER, ()) for i in range(n))


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
    contract = contract_or_default(contract)
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
