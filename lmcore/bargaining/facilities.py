"""Space and facilities the Department gives the Union (Art. 29 §2.a, Art. 46): working space, kiosks and bulletin boards
(§2), parking permits and visitor parking (§4), the meeting rooms (§7) and copies of regulations (§9).

Room names, hours, the full-day weekday and every count come from parameters.yaml: a room parameter's label names
its rooms before the colon ("Room N-4437 A and B: Union use from")."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..contract.readings import Choice
from ..deadlines import Deadline, fmt_day
from ..errors import ContractFileError, InvalidInput, OutOfRange
from ..rulings import Ruling, hours_value

if TYPE_CHECKING:
    from ..contract.book import Contract, Parameter

FULL_DAY_NOTICE, FPB_BOARDS = "facilities.wednesday_room_notice", "facilities.fpb_bulletin_boards"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def rooms_of(p: Parameter) -> str:
    """The rooms a room parameter is about: its label up to the colon."""
    return p.label.split(":")[0].strip()


def _weekday(p: Parameter) -> int:
    if p.value not in WEEKDAYS:
        raise ContractFileError(f"parameters.yaml: key '{p.key}': '{p.value}' is not a weekday name", cite=p.cite,
                                fix="Write the day as Monday … Sunday")
    return WEEKDAYS.index(p.value)


# -- meeting rooms (§7) ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RoomRequest:
    """A request for the Union's meeting rooms (Art. 46 §7): which rooms, which hours and the last day to ask."""

    meeting_day: dt.date
    rooms: str
    hours: str
    deadline: Deadline | None
    cite: str
    note: str
    interpretations: tuple[Choice, ...] = field(default=())

    def explain(self) -> str:
        head = f"{self.rooms}, {fmt_day(self.meeting_day)}, {self.hours} ({self.cite})."
        body = self.deadline.explain() if self.deadline else "No number of days is stated: ask as early as possible."
        readings = "\n".join(f"Reading used: {c}" for c in self.interpretations if not self.deadline or c not in self.deadline.interpretations)
        return "\n".join(x for x in (head, body, self.note, readings) if x)

    def to_dict(self) -> dict[str, object]:
        return {"meeting_day": self.meeting_day.isoformat(), "rooms": self.rooms, "hours": self.hours, "cite": self.cite,
                "request_by": self.deadline.due.isoformat() if self.deadline else None,
                "deadline": self.deadline.to_dict() if self.deadline else None, "note": self.note,
                "interpretations": [c.to_dict() for c in self.interpretations], "explanation": self.explain()}


def meeting_room_request_due(meeting_day: Any, contract: Contract, *, full_day: bool = False, full_day_wednesday: bool | None = None,
                             start_time: str | None = None, end_time: str | None = None) -> RoomRequest:
    """Last day to ask for the meeting rooms: the lunch-hour rooms need three or more workdays; the full-day rooms, on
    their weekday, 'an adequate advance request' with no number (interpretation facilities.wednesday_room_notice).
    (`full_day_wednesday` is the older name of `full_day`.)"""
    p = contract.param("facilities.meeting_room_request")
    start_p, end_p, whole = (contract.param(f"facilities.{k}") for k in ("meeting_room_start", "meeting_room_end", "full_day_rooms"))
    full_day = bool(full_day or full_day_wednesday)
    day = to_date(meeting_day, "meeting day")
    lo, hi = start_p.value, end_p.value
    note = ""
    if (why := contract.calendar.skip_reason(day)) is not None:
        note = f"{fmt_day(day)} is not a workday ({why}): the building may be closed."
    if full_day:
        weekday = _weekday(whole)
        if day.weekday() != weekday:
            raise InvalidInput(f"{fmt_day(day)} is not a {whole.value}: {rooms_of(whole)} are the Union's for the full day on {whole.value}s",
                               cite=whole.cite, fix=f"Pick a {whole.value}, or ask for {rooms_of(start_p)} from {lo} to {hi}")
        used = contract.used(FULL_DAY_NOTICE)
        d = None
        if contract.choice(FULL_DAY_NOTICE) == "three_workdays":
            d = contract.deadline(p.key, day, label=f"Ask for {rooms_of(whole)} (the full {whole.value}) by")
            d = replace(d, interpretations=d.interpretations + used)
        note = " ".join(x for x in (note, f'Rule: "{whole.quote}"') if x)
        return RoomRequest(day, rooms_of(whole), "the full day", d, whole.cite, note, used)
    for t, what in ((start_time, "start"), (end_time, "end")):
        if t is not None and not (lo <= _hhmm(t, p.cite) <= hi):
            raise OutOfRange(f"a meeting {what} at {t} is outside {lo}–{hi}, the hours of {rooms_of(start_p)}", cite=p.cite,
                             fix=f"Meet between {lo} and {hi}, book {rooms_of(whole)} for the full {whole.value}, or ask for other "
                                 "space (special effort, space available)")
    if start_time is not None and end_time is not None and _hhmm(end_time, p.cite) <= _hhmm(start_time, p.cite):
        raise InvalidInput(f"the meeting ends ({end_time}) before it starts ({start_time})", cite=p.cite, fix="Swap the times")
    d = contract.deadline(p.key, day)
    return RoomRequest(day, rooms_of(start_p), f"{lo}–{hi}", d, p.cite, note)


def _hhmm(text: str, cite: str) -> str:
    t = str(text).strip()
    try:
        return dt.time.fromisoformat(t).strftime("%H:%M")
    except ValueError:
        raise InvalidInput(f"'{text}' is not a time like 12:00", cite=cite, fix="Write times as HH:MM (24-hour)") from None


# -- parking (§4) --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ParkingRequest:
    """Visitor parking in the FPB (§4.b): the last day to ask; the Union's own assigned permits (§4.a) beside it."""

    deadline: Deadline
    permits: int
    permits_cite: str
    permits_quote: str

    def answer(self) -> str:
        return (f"Ask the Office of Facilities Management for visitor parking on {fmt_day(self.deadline.start)} by "
                f"{fmt_day(self.deadline.due)} ({self.deadline.cite}); it is granted to the extent space is available.")

    def explain(self) -> str:
        return "\n".join([self.answer(), self.deadline.explain(),
                          f"The Union's own {self.permits} assigned permits are for persons it designates, and it pays the standard "
                          f"fees ({self.permits_cite}: \"{self.permits_quote}\")."])

    def to_dict(self) -> dict[str, object]:
        return {"need": self.deadline.start.isoformat(), "request_by": self.deadline.due.isoformat(), "permits": self.permits,
                "permits_cite": self.permits_cite, "deadline": self.deadline.to_dict(), "answer": self.answer(),
                "explanation": self.explain()}


def visitor_parking_request_due(need_day: Any, contract: Contract) -> ParkingRequest:
    """Last day to ask for a visitor's parking space: 'one (1) day in advance of the need' (Art. 46 §4.b)."""
    day = to_date(need_day, "day the parking is needed")
    permits = contract.param("facilities.parking_permits")
    return ParkingRequest(contract.deadline("facilities.visitor_parking_notice", day), int(permits.value), permits.cite, permits.quote)


# -- kiosks and bulletin boards (§2) -------------------------------------------------------------------------
@dataclass(frozen=True)
class Building:
    """A building where bargaining unit employees work: whether it has one of the Union's kiosks, whether it is the FPB."""

    name: str
    kiosk: bool = False
    fpb: bool = False


def bulletin_boards(buildings: Sequence[Building], contract: Contract) -> Ruling:
    """How many Union bulletin boards the Department provides: one in each building with unit employees that has no
    kiosk, and the FPB's own boards (Art. 46 §2.c; reading facilities.fpb_bulletin_boards)."""
    each, fpb, kiosks = (contract.param(f"facilities.{k}") for k in ("bulletin_boards_per_building", "fpb_bulletin_boards", "kiosks"))
    if not buildings:
        raise InvalidInput("no building is given", cite=each.cite, fix="List each building where bargaining unit employees work")
    if sum(b.fpb for b in buildings) > 1:
        raise InvalidInput("more than one building is marked as the FPB", cite=fpb.cite, fix="Mark only the Frances Perkins Building")
    names = [b.name.strip() for b in buildings]
    if any(not n for n in names) or len(set(names)) != len(names):
        raise InvalidInput("each building needs its own name, given once", cite=each.cite, fix="Name every building once")
    add = contract.choice(FPB_BOARDS) == "in_addition"
    reasons, total = [], 0
    for b in buildings:
        own = 0 if b.kiosk else int(each.value)
        why = "it has a kiosk" if b.kiosk else f"{own} in each building with unit employees and no kiosk"
        if b.fpb:
            n = int(fpb.value) + (own if add else 0)
            why = f"the FPB's own, {fpb.cite}" + (f", and {why}" if add and own else "")
        else:
            n = own
        total += n
        reasons.append(f"{b.name}: {n} ({why}).")
    if any(b.kiosk for b in buildings):
        reasons.append(f"The Department provides {kiosks.value:g} kiosks in the Washington, D.C., metropolitan area ({kiosks.cite}).")
    used = contract.used(FPB_BOARDS) if any(b.fpb for b in buildings) else ()
    quote = f"{each.quote}, and {fpb.quote}."
    return Ruling("Union bulletin boards the Department provides:", f"{total} bulletin board{'s' if total != 1 else ''}", True, each.cite,
                  quote, tuple(reasons), float(total), "bulletin boards", interpretations=used)


# -- working space (Art. 29 §2.a) ------------------------------------------------------------------------------
def working_space(square_feet: Any, contract: Contract) -> Ruling:
    """Does an employee's working space meet the minimum of Art. 29 §2.a (a guideline in designing the workplace)?"""
    p = contract.param("space.working_space_min")
    area = hours_value(square_feet, "working space in square feet", p.cite, allow_zero=False)
    ok = area >= p.value
    short = f"{p.value - area:g} square feet short" if not ok else "at or above the minimum"
    return Ruling("Working space:", f"{area:g} square feet: {short} ({p.value:g} at least)", ok, p.cite, p.quote,
                  (f"{area:g} {'≥' if ok else '<'} {p.value:g} square feet.",
                   "A guideline the Agency uses in designing or redesigning the workplace (Art. 29 §2); space changes are "
                   "consulted on and may be negotiated (§3, §4)."), area, "square feet")


# -- what Art. 46 provides, in one list --------------------------------------------------------------------------
@dataclass(frozen=True)
class Entitlement:
    """One thing the Department provides the Union, with the number and the words it comes from."""

    what: str
    amount: str
    cite: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        return {"what": self.what, "amount": self.amount, "cite": self.cite, "quote": self.quote}


def entitlements(contract: Contract) -> tuple[Entitlement, ...]:
    """The countable facilities of Art. 29 §2.a and Art. 46, each from its parameter."""
    def unit(p: Parameter) -> str:
        return {"count": "", "square_feet": " square feet", "workdays": " workdays ahead", "calendar_days": " calendar day(s) ahead"}.get(p.unit, "")

    out = []
    for key in ("space.working_space_min", "facilities.kiosks", "facilities.fpb_bulletin_boards", "facilities.bulletin_boards_per_building",
                "facilities.parking_permits", "facilities.visitor_parking_notice", "facilities.meeting_room_request",
                "facilities.full_day_rooms", "facilities.regulation_copies"):
        p = contract.param(key)
        amount = p.value if isinstance(p.value, str) else f"{p.value:g}{unit(p)}"
        if key == "facilities.meeting_room_request":
            lo, hi = contract.value("facilities.meeting_room_start"), contract.value("facilities.meeting_room_end")
            amount += f", {lo}–{hi}"
        out.append(Entitlement(p.label, amount, p.cite, p.quote))
    return tuple(out)


__all__ = ["Building", "Entitlement", "ParkingRequest", "RoomRequest", "bulletin_boards", "entitlements", "meeting_room_request_due",
           "rooms_of", "visitor_parking_request_due", "working_space"]
