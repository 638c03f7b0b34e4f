"""Flexiplace time frames (Art. 10): answering a request (§5), notices for recall (§7),
equipment service (§6.E.4) and inspection (§15), and termination (§8)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..contract.loading import contract_or_default
from ..contract.readings import Choice
from ..deadlines import Deadline, count_calendar_days, count_workdays, fmt_day
from ..errors import InvalidDate, InvalidInput
from ..rulings import whole_number

if TYPE_CHECKING:
    from ..contract.book import Contract


READ_INABILITY = "flexiplace.inability_days"
EXTENSION = "extension agreed (calendar days)"  # what an agreed extension of the decision is called in a message


@dataclass(frozen=True)
class Clocks:
    """The time frames of a request for permanent flexiplace: the decision (§5.A) and the start at the alternate site (§5.C)."""

    requested: dt.date
    decision: Deadline
    extended_by: int
    decided: dt.date | None
    agreement_completed: dt.date | None
    start: Deadline | None
    started: dt.date | None

    @property
    def decision_on_time(self) -> bool | None:
        return None if self.decided is None else self.decided <= self.decision.due

    @property
    def start_on_time(self) -> bool | None:
        return None if self.started is None or self.start is None else self.started <= self.start.due

    def answer(self) -> str:
        ext = f" ({abs(self.decision.amount) - self.extended_by} days + {self.extended_by} agreed)" if self.extended_by else ""
        return f"Decision due {self.decision.due.isoformat()}{ext} ({self.decision.cite})."

    def explain(self) -> str:
        lines = [self.answer(), self.decision.explain()]
        if self.decided is not None:
            lines.append(f"Decided {fmt_day(self.decided)}: " + ("on time." if self.decision_on_time else
                         _late(self.decided, self.decision.due)))
        lines.append("The time frame may be extended by mutual agreement of the employee and supervisor (§5.A); "
                     "a disapproval is given in writing with the reasons (§5.B).")
        if self.start is not None:
            lines += ["", self.start.explain(), "Unless circumstances dictate otherwise (§5.C)."]
            if self.started is not None:
                lines.append(f"Started {fmt_day(self.started)}: " + ("on time." if self.start_on_time else
                             f"later than {abs(self.start.amount)} calendar days."))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"requested": self.requested.isoformat(), "decision_due": self.decision.due.isoformat(), "extended_by": self.extended_by,
                "decided": self.decided.isoformat() if self.decided else None, "decision_on_time": self.decision_on_time,
                "agreement_completed": self.agreement_completed.isoformat() if self.agreement_completed else None,
                "start_due": self.start.due.isoformat() if self.start else None,
                "started": self.started.isoformat() if self.started else None, "start_on_time": self.start_on_time,
                "decision": self.decision.to_dict(), "start": self.start.to_dict() if self.start else None,
                "answer": self.answer(), "explanation": self.explain()}


def _late(day: dt.date, due: dt.date) -> str:
    n = (day - due).days
    return f"{n} day{'s' if n != 1 else ''} late."


def clocks(requested: Any, *, extended_by: Any = 0, decided: Any = None, agreement_completed: Any = None,
           started: Any = None, contract: Contract | None = None) -> Clocks:
    """Decision due 15 calendar days after the request (+ any agreed extension), start within 30 after the agreement."""
    contract = contract_or_default(contract)
    dp, sp = contract.param("flexiplace.decision"), contract.param("flexiplace.start")
    req = to_date(requested, "request date")
    ext = whole_number(extended_by, EXTENSION, dp.cite)
    decision = contract.deadline("flexiplace.decision", req, amount=int(dp.value) + ext if ext else None)
    dec = to_date(decided, "decision date") if decided is not None else None
    if dec is not None and dec < req:
        raise InvalidDate(f"the decision ({dec.isoformat()}) is dated before the request ({req.isoformat()})", cite=dp.cite,
                          fix=f"Check the dates: the request comes first, the decision within {dp.value} calendar days of it")
    done = to_date(agreement_completed, "date the agreement was completed") if agreement_completed is not None else None
    if done is not None and done < (dec or req):
        raise InvalidDate(f"the agreement ({done.isoformat()}) is dated before the {'decision' if dec else 'request'} "
                          f"({(dec or req).isoformat()})", cite=sp.cite, fix="The agreement is worked out after the request is approved")
    began = to_date(started, "first day at the alternate site") if started is not None else None
    if began is not None and done is None:
        raise InvalidInput("a start date needs the date the agreement was completed", cite=sp.cite, fix="Give the agreement date too")
    if began is not None and done is not None and began < done:
        raise InvalidDate(f"work at the alternate site ({began.isoformat()}) began before the agreement was completed ({done.isoformat()})",
                          cite=sp.cite, fix="A formal arrangement needs the signed agreement first (§2, §5.C)")
    start = contract.deadline("flexiplace.start", done) if done is not None else None
    return Clocks(req, decision, ext, dec, done, start, began)


def inability_shown_from(began: Any, contract: Contract | None = None) -> Deadline:
    """First day a supervisor may rest a termination on inability to work alone: after at least 90 days (§8.A.2)."""
    contract = contract_or_default(contract)
    p = contract.param("flexiplace.inability_shown_after")
    day = to_date(began, "first day of the arrangement")
    details = dict(cite=p.cite, rule=p.key, label="Inability to work alone can be shown from", quote=p.quote)
    if contract.choice(READ_INABILITY) == "workdays":
        d = count_workdays(contract.calendar, day, int(p.value), **details)
    else:
        d = count_calendar_days(contract.calendar, day, int(p.value), **details)
    from dataclasses import replace

    return replace(d, interpretations=contract.used(READ_INABILITY))


# -- notices (§6.E.4, §7, §8.B.1, §15) -------------------------------------------------------------------
def to_datetime(value: Any, what: str) -> dt.datetime:
    """A date and time from 'YYYY-MM-DD HH:MM' (or 'T'), a datetime, or a date (taken as 00:00)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    try:
        return dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidDate(f"'{value}' is not a date and time (the {what})", fix="Write it as YYYY-MM-DD HH:MM, e.g. 2026-11-23 09:00") from None


@dataclass(frozen=True)
class NoticeCheck:
    """Advance notice before an event measured in hours: the latest time to give it and whether it was given in time."""

    label: str
    event: dt.datetime
    hours: float
    latest: dt.datetime
    given: dt.datetime | None
    hours_given: float | None
    met: bool | None
    qualifier: str
    cite: str
    quote: str

    def answer(self) -> str:
        head = f"{self.label}: give notice by {self.latest:%a %Y-%m-%d %H:%M} ({self.hours:g} hours before; {self.qualifier}; {self.cite})"
        if self.given is None:
            return head + "."
        return head + f"; given {self.hours_given:g} hours ahead → " + ("enough." if self.met else "less than the rule asks.")

    def explain(self) -> str:
        return f'{self.answer()}\nRule: "{self.quote}"'

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "event": self.event.isoformat(timespec="minutes"), "hours": self.hours,
                "latest": self.latest.isoformat(timespec="minutes"), "given": self.given.isoformat(timespec="minutes") if self.given else None,
                "hours_given": self.hours_given, "met": self.met, "qualifier": self.qualifier, "cite": self.cite, "quote": self.quote,
                "answer": self.answer()}


def _notice(key: str, qualifier: str, event: Any, given: Any, contract: Contract | None) -> NoticeCheck:
    contract = contract_or_default(contract)
    p = contract.param(key)
    ev = to_datetime(event, "time of the event")
    latest = ev - dt.timedelta(hours=float(p.value))
    g = to_datetime(given, "time notice was given") if given is not None else None
    if g is not None and g > ev:
        raise InvalidDate(f"the notice ({g:%Y-%m-%d %H:%M}) comes after the event ({ev:%Y-%m-%d %H:%M})", cite=p.cite,
                          fix="Advance notice is given before the event")
    hours_given = None if g is None else round((ev - g).total_seconds() / 3600, 2)
    met = None if g is None else g <= latest
    return NoticeCheck(p.label, ev, float(p.value), latest, g, hours_given, met, qualifier, p.cite, p.quote)


def recall_notice(recall_at: Any, given: Any = None, contract: Contract | None = None) -> NoticeCheck:
    """Recall to the regular office: not less than 24 hours' notice where practicable (§7)."""
    return _notice("flexiplace.recall_notice", "where practicable", recall_at, given, contract)


def equipment_notice(service_at: Any, given: Any = None, contract: Contract | None = None) -> NoticeCheck:
    """Service or maintenance of government-owned equipment: ordinarily at least 24 hours' notice (§6.E.4)."""
    return _notice("flexiplace.equipment_notice", "ordinarily", service_at, given, contract)


def inspection_notice(inspection_at: Any, given: Any = None, contract: Contract | None = None) -> NoticeCheck:
    """Inspection of the home work site: at least 24 hours' notice, and reasonable cause to suspect hazards (§15)."""
    return _notice("flexiplace.inspection_notice", "and only with reasonable cause to believe conditions are hazardous",
                   inspection_at, given, contract)


@dataclass(frozen=True)
class TerminationNotice:
    """Notice of termination of an agreement: 5 workdays if possible, in writing with the reasons (§8.B)."""

    deadline: Deadline
    given: dt.date | None
    workdays_given: int | None
    interpretations: tuple[Choice, ...] = field(default=())

    @property
    def met(self) -> bool | None:
        return None if self.given is None else self.given <= self.deadline.due

    def answer(self) -> str:
        d = self.deadline
        head = f"Give written notice of termination by {fmt_day(d.due)}: {abs(d.amount)} workdays before {fmt_day(d.start)}, if possible ({d.cite})"
        if self.given is None:
            return head + "."
        return head + f"; given {fmt_day(self.given)}, {self.workdays_given} workdays ahead → " + ("enough." if self.met else f"less than {abs(d.amount)}.")

    def explain(self) -> str:
        return "\n".join([self.answer(), self.deadline.explain(),
                          "The notice must be in writing with the reasons (§8.B.2); management should notify the Local 12 Agency Vice-President (§8.B.3)."])

    def to_dict(self) -> dict[str, object]:
        return {"notice_by": self.deadline.due.isoformat(), "effective": self.deadline.start.isoformat(),
                "given": self.given.isoformat() if self.given else None, "workdays_given": self.workdays_given, "met": self.met,
                "deadline": self.deadline.to_dict(), "answer": self.answer()}


def termination_notice(effective: Any, given: Any = None, contract: Contract | None = None) -> TerminationNotice:
    """The day written notice should be given for a termination effective on `effective` (§8.B.1: 5 work days if possible)."""
    contract = contract_or_default(contract)
    p = contract.param("flexiplace.termination_notice")
    eff = to_date(effective, "date the termination takes effect")
    d = contract.deadline("flexiplace.termination_notice", eff)
    g = to_date(given, "date the notice was given") if given is not None else None
    if g is not None and g > eff:
        raise InvalidDate(f"the notice ({g.isoformat()}) comes after the termination takes effect ({eff.isoformat()})", cite=p.cite,
                          fix="Advance notice is given before the termination")
    one = dt.timedelta(days=1)
    # Workdays of notice: from the day it is given up to the day before the termination takes effect.
    n = None if g is None else int(contract.calendar.workdays_between(g - one, eff - one))
    return TerminationNotice(d, g, n, d.interpretations)


def termination_grounds(contract: Contract | None = None) -> tuple[tuple[str, str], ...]:
    """The six grounds on which a supervisor may terminate an agreement (§8.A), with their citations."""
    contract = contract_or_default(contract)
    return tuple((str(c), contract.section(c).text.split(" ", 1)[1]) for c in contract.text.children("Art. 10 §8.A"))
