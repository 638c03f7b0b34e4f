"""Leaves of absence (Art. 5): for union business (§4), extended leave without pay (§5) and
child-rearing leave (§12)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..contract.loading import contract_or_default
from ..deadlines import fmt_day
from ..rulings import Ruling, whole_number
from .sick import check_order, period_end

if TYPE_CHECKING:
    from ..contract.book import Contract


# -- leaves of absence (§4, §5, §12) ------------------------------------------------------------------
def appointed_union_leave(start: Any, *, on_leave_now: Any = 0, contract: Contract | None = None) -> Ruling:
    """Leave of absence for an appointed full-time AFGE job: 1 year, extendable to 2, at most 3 employees at once (§4.c)."""
    contract = contract_or_default(contract)
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
    return Ruling("Leave of absence for an appointed AFGE position:",
                  "can be granted" if slot else f"cannot be granted now ({people.value:g} already on leave)",
                   slot, first.cite, f"{first.quote}, {total.quote}. {people.quote}", reasons,
                   dates=(("first grant ends", first_end), ("latest end", last_end)))


def elected_union_leave(term_start: Any, term_end: Any, *, contract: Contract | None = None) -> Ruling:
    """Leave of absence for an elected AFGE National or Local 12 officer: the term of office, renewed on re-election (§4.a–b)."""
    contract = contract_or_default(contract)
    s, e = to_date(term_start, "start of the term of office"), to_date(term_end, "end of the term of office")
    check_order(s, e, "term of office", "Art. 5 §4.b")
    text = contract.section("Art. 5 §4.b").text.removeprefix("b. ")
    return Ruling("Leave of absence for an elected union officer:", f"{fmt_day(s)} to {fmt_day(e)}, the term of office", True,
                   "Art. 5 §4.b", text, ("Management approves it on written request (§4.a); there is no limit of one or two years.",
                                         "It is renewed automatically when the officer is re-elected and asks in writing."),
                   dates=(("ends", e),))


def _span_check(start: Any, end: Any, key: str, question: str, contract: Contract) -> Ruling:
    p = contract.param(key)
    s, e = to_date(start, "first day"), to_date(end, "last day")
    check_order(s, e, "leave", p.cite)
    limit = period_end(s, 12 * int(p.value))
    ok = e <= limit
    reason = (f"{fmt_day(s)} to {fmt_day(e)}; {p.value:g} year{'s' if p.value != 1 else ''} from {fmt_day(s)} ends {fmt_day(limit)} → "
              + ("within the limit." if ok else f"{(e - limit).days} day{'s' if (e - limit).days != 1 else ''} too long."))
    return Ruling(question, "within the limit" if ok else f"longer than {p.value:g} year{'s' if p.value != 1 else ''}", ok, p.cite,
                   p.quote, (reason,), dates=(("latest end", limit),))


def extended_lwop(start: Any, end: Any, *, contract: Contract | None = None) -> Ruling:
    """Extended leave without pay may be approved for up to one year, under 5 CFR 630 (Art. 5 §5.b)."""
    return _span_check(start, end, "leave.lwop_extended_max", "Extended leave without pay:", contract_or_default(contract))


def child_rearing_leave(start: Any, end: Any, *, contract: Contract | None = None) -> Ruling:
    """Annual leave and LWOP together for pregnancy and caring for minor children: up to two years (Art. 5 §12.a)."""
    return _span_check(start, end, "leave.child_rearing_max", "Maternity, paternity and child-rearing leave:", contract_or_default(contract))
