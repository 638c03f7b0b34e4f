"""Bargaining time frames: the Union's request over a final space plan (Art. 29 §4.a) or organisational change
(Art. 35 §5.d), Agency-level (Art. 36 §3) and Departmental (Art. 36 §2) negotiations, agreed changes under
Art. 36 §4, and Union meeting rooms (Art. 46 §7). Every date is a Deadline that explains its count."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from ..calendar import to_date
from ..deadlines import Deadline, count_calendar_days, count_workdays, fmt_day
from ..errors import InvalidDate, InvalidInput, OutOfRange

if TYPE_CHECKING:
    from .committees import Meeting
    from ..contract.book import Contract
    from ..exports import CalendarEvent

Kind = Literal["space", "organizational_change"]
Level = Literal["agency", "department"]
REQUEST_RULES: dict[str, str] = {"space": "space.negotiation_request", "organizational_change": "committees.org_change_negotiation_request"}
KIND_WORDS = {"space": "final space plan", "organizational_change": "final approved organizational change"}
WAIVER, SESSION_DAYS = "bargaining.waiver_scope", "bargaining.session_days"
WAIVER_CITE = "Art. 36 §4"


@dataclass(frozen=True)
class Agreement:
    """Time frame the parties agreed to change (Art. 36 §4): `days` replaces the contract's number; None waives it."""

    rule: str
    days: int | None = None
    agreed_on: dt.date | None = None
    note: str = ""

    @property
    def waived(self) -> bool:
        return self.days is None

    def describe(self, contract: Contract) -> str:
        p = contract.param(self.rule)
        unit = p.unit.replace("_", " ")
        what = "waived" if self.waived else f"changed to {self.days} {unit} (the contract says {p.value})"
        when = f" on {self.agreed_on.isoformat()}" if self.agreed_on else ""
        return f"{p.label}: {what} by mutual agreement{when} ({WAIVER_CITE})" + (f": {self.note}" if self.note else "")


def _agreement_for(rule: str, agreements: tuple[Agreement, ...] | list[Agreement], contract: Contract) -> Agreement | None:
    found = [a for a in agreements if a.rule == rule]
    if not found:
        return None
    a = found[-1]
    p = contract.param(a.rule)
    if a.days is not None and (not isinstance(a.days, int) or a.days < 0):
        raise OutOfRange(f"an agreed time frame must be a whole number of days, 0 or more (not {a.days!r})", cite=WAIVER_CITE,
                         fix="Give the number of days the parties agreed, or waive it")
    if not p.cite.startswith("Art. 36") and contract.choice(WAIVER) == "article_36_only":
        raise InvalidInput(f"Art. 36 §4 lets the parties waive or extend the time frames 'specified in this Article'; {p.cite} is not in Art. 36",
                           cite=WAIVER_CITE, fix=f"If the parties agree that §4 reaches it, switch the interpretation {WAIVER} to also_request_windows")
    return a


def _with(d: Deadline, a: Agreement | None, contract: Contract, extra: tuple[str, ...] = ()) -> Deadline:
    """Label an agreed deadline and attach the readings it relied on."""
    ids = tuple(i for i in extra if i in contract.interpretations)
    if a is not None:
        label = f"{d.label} (as agreed: {a.days} instead of {contract.param(a.rule).value}, {WAIVER_CITE})"
        d = replace(d, label=label)
        if not contract.param(a.rule).cite.startswith("Art. 36"):
            ids += (WAIVER,)
    return replace(d, interpretations=d.interpretations + contract.used(*ids)) if ids else d


def _deadline(rule: str, start: dt.date, contract: Contract, agreements=()) -> tuple[Deadline | None, Deadline, Agreement | None]:
    """(the binding deadline or None if waived, the contract's own deadline, the agreement used)."""
    standard = contract.deadline(rule, start)
    a = _agreement_for(rule, agreements, contract)
    if a is None:
        return standard, standard, None
    if a.waived:
        return None, standard, a
    p = contract.param(rule)
    n = -a.days if p.direction == "before" else a.days
    return _with(contract.deadline(rule, start, amount=n), a, contract), standard, a


def request_due(received: dt.date, kind: Kind, contract: Contract, agreements=()) -> Deadline:
    """Last day for the Union to request negotiations: 5 workdays from receipt of the final plan (Art. 29 §4.a / Art. 35 §5.d)."""
    rule = _rule_for(kind)
    d, _, a = _deadline(rule, to_date(received, "date the plan was received"), contract, agreements)
    if d is None:
        raise InvalidInput("this request window was waived by the parties, so there is no due date", cite=WAIVER_CITE)
    return d


def agency_negotiations_start_by(received: dt.date, contract: Contract, agreements=()) -> Deadline:
    """Latest start of Agency-level negotiations: 15 workdays after the Union received the final plan (Art. 36 §3)."""
    d, _, _ = _deadline("bargaining.agency_negotiations_start", to_date(received, "date the plan was received"), contract, agreements)
    if d is None:
        raise InvalidInput("the 15-workday start was waived by the parties, so there is no latest start", cite=WAIVER_CITE)
    return d


def agenda_notice_due(negotiations_start: dt.date, contract: Contract) -> Deadline:
    """Last day to notify an agenda item: at least 30 calendar days before Departmental negotiations start (Art. 36 §2.b)."""
    return contract.deadline("bargaining.agenda_notice", to_date(negotiations_start, "start of negotiations"))


def agenda_meeting_due(negotiations_start: dt.date, contract: Contract) -> Deadline:
    """Last day for the meeting that finalizes the agenda: 5 workdays before negotiations start (Art. 36 §2.b)."""
    return contract.deadline("bargaining.agenda_meeting", to_date(negotiations_start, "start of negotiations"))


def session_last_day(first_day: dt.date, contract: Contract, level: Level = "department", agreements=()) -> Deadline | None:
    """Last day of a session that runs 'continuously for up to five (5) days' (Art. 36 §2.b / §3); the first day is day 1.
    Workdays or calendar days: interpretation bargaining.session_days. None when the parties waived the limit."""
    rule = "bargaining.session_max_days" if level == "department" else "bargaining.agency_session_max_days"
    p = contract.param(rule)
    first_day = to_date(first_day, "first day of the session")
    a = _agreement_for(rule, agreements, contract)
    if a is not None and a.waived:
        return None
    n = int(p.value if a is None else a.days)
    if n < 1:
        raise OutOfRange(f"a session of {n} days has no last day", cite=p.cite, fix="Give at least 1 day")
    reading = contract.choice(SESSION_DAYS)
    cal = contract.calendar
    details = dict(cite=p.cite, rule=rule, quote=p.quote, label=f"Last day of the session (day {n}, counting the first day {fmt_day(first_day)} as day 1)")
    if reading == "workdays":
        if (why := cal.skip_reason(first_day)) is not None:
            raise InvalidDate(f"the session would start on {fmt_day(first_day)}, which is not a workday ({why})", cite=p.cite,
                              fix=f"Start on a workday, or switch {SESSION_DAYS} to calendar_days")
        d = count_workdays(cal, first_day, n - 1, **details)
    else:
        d = count_calendar_days(cal, first_day, n - 1, **details)
    return _with(d, a, contract, (SESSION_DAYS,))


def _rule_for(kind: str) -> str:
    if kind not in REQUEST_RULES:
        raise InvalidInput(f"'{kind}' is not a kind of change the contract sets a request window for", cite="Art. 29 §4.a",
                           fix="Use 'space' (Art. 29 §4.a) or 'organizational_change' (Art. 35 §5.d)")
    return REQUEST_RULES[kind]


@dataclass(frozen=True)
class PlanItem:
    """One date of a bargaining plan: the binding deadline (None if waived) beside the contract's own."""

    key: str
    title: str
    deadline: Deadline | None
    standard: Deadline
    agreement: Agreement | None = None

    @property
    def due(self) -> dt.date | None:
        return self.deadline.due if self.deadline else None

    def explain(self, contract: Contract) -> str:
        if self.deadline is None:
            return f"{self.title}: waived. {self.agreement.describe(contract) if self.agreement else ''}".strip()
        text = self.deadline.explain()
        if self.agreement is not None:
            text += f"\nWithout the agreement the date would be {fmt_day(self.standard.due)}. {self.agreement.describe(contract)}."
        return text

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "title": self.title, "due": self.due.isoformat() if self.due else None, "waived": self.deadline is None,
                "contract_due": self.standard.due.isoformat(), "deadline": (self.deadline or self.standard).to_dict()}


@dataclass(frozen=True)
class BargainingPlan:
    """The bargaining calendar that starts when the Union receives a final plan: request, start, agenda, session."""

    received: dt.date
    kind: str
    level: str
    items: tuple[PlanItem, ...]
    findings: tuple[str, ...]
    session: Meeting | None = None

    def item(self, key: str) -> PlanItem:
        return next(i for i in self.items if i.key == key)

    @property
    def request(self) -> PlanItem:
        return self.item("request")

    def answer(self) -> str:
        r = self.request
        due = r.due.isoformat() if r.due else "waived"
        return f"Request negotiations by {due} ({r.standard.cite})"

    def explain(self, contract: Contract) -> str:
        where = ("Agency level (Art. 36 §3)" if self.level == "agency"
                 else "Departmental level (Art. 35 §5.e, Art. 36 §2.a: more than one Agency)")
        lines = [f"{KIND_WORDS[self.kind].capitalize()} received {fmt_day(self.received)}; negotiations at the {where}."]
        lines += [i.explain(contract) for i in self.items]
        lines += [f"Note: {f}" for f in self.findings]
        return "\n\n".join(lines)

    def to_dict(self, contract: Contract) -> dict[str, object]:
        return {"received": self.received.isoformat(), "kind": self.kind, "level": self.level, "answer": self.answer(),
                "request_due": self.request.due.isoformat() if self.request.due else None,
                "items": [i.to_dict() for i in self.items], "findings": list(self.findings),
                "session": self.session.to_dict() if self.session else None, "explanation": self.explain(contract)}

    def events(self) -> list[CalendarEvent]:
        from ..exports import CalendarEvent

        return [CalendarEvent(i.due, i.title, i.deadline.explain(), i.deadline.cite) for i in self.items if i.deadline is not None]


def plan(received: dt.date, kind: Kind, level: Level, contract: Contract, *, requested_on: dt.date | None = None,
         start: dt.date | None = None, agreements: tuple[Agreement, ...] = (), sessions: tuple[Meeting, ...] | None = None) -> BargainingPlan:
    """Every bargaining date from receipt of a final space plan or organisational change. Agency level: start
    within 15 workdays (Art. 36 §3). Department level: the next quarterly session the item can still be put on."""
    received = to_date(received, "date the plan was received")
    rule = _rule_for(kind)
    if level not in ("agency", "department"):
        raise InvalidInput(f"'{level}' is not a bargaining level", cite="Art. 36 §1", fix="Use 'agency' (one Agency) or 'department' (more than one)")
    req, req_std, req_a = _deadline(rule, received, contract, agreements)
    items = [PlanItem("request", "Union requests negotiations", req, req_std, req_a)]
    findings: list[str] = []
    if requested_on is not None:
        requested_on = to_date(requested_on, "date of the Union's request")
        if requested_on < received:
            raise InvalidDate(f"the request date {requested_on} is before the plan was received ({received})", cite=req_std.cite,
                              fix="The window opens on receipt of the final plan")
        if req is not None and requested_on > req.due:
            findings.append(f"The request on {fmt_day(requested_on)} is after the last day, {fmt_day(req.due)} ({req_std.cite}).")
    asked = requested_on or (req.due if req is not None else received)
    session = None
    if level == "agency":
        st, st_std, st_a = _deadline("bargaining.agency_negotiations_start", received, contract, agreements)
        items.append(PlanItem("start", "Agency-level negotiations begin no later than", st, st_std, st_a))
        first = to_date(start, "start of negotiations") if start is not None else (st.due if st is not None else None)
        if start is not None and st is not None and first > st.due:
            findings.append(f"The start {fmt_day(first)} is after the latest start {fmt_day(st.due)} ({st_std.cite}), unless the parties agree otherwise ({WAIVER_CITE}).")
    else:
        if start is not None:
            first = to_date(start, "start of negotiations")
        else:
            session = _next_session(asked, contract, sessions, agreements)
            first = session.day
        notice, notice_std, notice_a = _deadline("bargaining.agenda_notice", first, contract, agreements)
        items.append(PlanItem("agenda_notice", "Notify agenda items no later than", notice, notice_std, notice_a))
        meet, meet_std, meet_a = _deadline("bargaining.agenda_meeting", first, contract, agreements)
        items.append(PlanItem("agenda_meeting", "Meet to finalize the agenda no later than", meet, meet_std, meet_a))
        if notice is not None and notice.due < asked:
            findings.append(f"Agenda notice for negotiations starting {fmt_day(first)} was due {fmt_day(notice.due)}, before "
                            f"{fmt_day(asked)}: the item needs a later session or an agreed change ({WAIVER_CITE}).")
    rule_s = "bargaining.session_max_days" if level == "department" else "bargaining.agency_session_max_days"
    if first is not None:
        last = session_last_day(first, contract, level, agreements)
        if last is not None:
            items.append(PlanItem("session_end", f"Negotiations starting {fmt_day(first)} may run continuously through", last, last,
                                  _agreement_for(rule_s, agreements, contract)))
    used = {i.standard.rule for i in items} | {rule_s}
    for a in agreements:
        if a.rule not in used:
            p = contract.param(a.rule)
            findings.append(f"The agreed change to \"{p.label}\" ({p.cite}) does not apply to negotiations at this level.")
    return BargainingPlan(received, kind, level, tuple(items), tuple(findings), session)


def _next_session(asked: dt.date, contract: Contract, sessions: tuple[Meeting, ...] | None, agreements=()) -> Meeting:
    """The first quarterly Departmental session whose agenda-notice day (as agreed, if changed) is on or after the request."""
    from .committees import schedule

    pool = sessions if sessions is not None else schedule("departmental_bargaining", asked, asked + dt.timedelta(days=500), contract)
    for s in sorted(pool, key=lambda m: m.day):
        notice = _deadline("bargaining.agenda_notice", s.day, contract, agreements)[0]
        if s.day > asked and (notice is None or notice.due >= asked):
            return s
    raise InvalidInput(f"no Departmental session after {asked} leaves 30 days for the agenda notice", cite="Art. 36 §2.b",
                       fix="Give a start date, or more sessions")


@dataclass(frozen=True)
class RoomRequest:
    """A request for Room N-4437 (Art. 46 §7): which rooms, which hours and the last day to ask."""

    meeting_day: dt.date
    rooms: str
    hours: str
    deadline: Deadline | None
    cite: str
    note: str

    def explain(self) -> str:
        head = f"{self.rooms}, {fmt_day(self.meeting_day)}, {self.hours} ({self.cite})."
        body = self.deadline.explain() if self.deadline else "No number of days is stated: ask as early as possible."
        return "\n".join(x for x in (head, body, self.note) if x)

    def to_dict(self) -> dict[str, object]:
        return {"meeting_day": self.meeting_day.isoformat(), "rooms": self.rooms, "hours": self.hours, "cite": self.cite,
                "request_by": self.deadline.due.isoformat() if self.deadline else None,
                "deadline": self.deadline.to_dict() if self.deadline else None, "explanation": self.explain()}


def meeting_room_request_due(meeting_day: dt.date, contract: Contract, *, full_day_wednesday: bool = False,
                             start_time: str | None = None, end_time: str | None = None) -> RoomRequest:
    """Last day to ask for Room N-4437: three or more workdays ahead for A and B between 11:45 a.m. and 1:30 p.m.;
    A, B and C the full day on Wednesday on 'adequate advance request' (interpretation facilities.wednesday_room_notice)."""
    p = contract.param("facilities.meeting_room_request")
    day = to_date(meeting_day, "meeting day")
    lo, hi = contract.value("facilities.meeting_room_start"), contract.value("facilities.meeting_room_end")
    note = ""
    if (why := contract.calendar.skip_reason(day)) is not None:
        note = f"{fmt_day(day)} is not a workday ({why}): the building may be closed."
    if full_day_wednesday:
        if day.weekday() != 2:
            raise InvalidInput(f"{fmt_day(day)} is not a Wednesday: the full-day use of Room N-4437 A, B and C is on Wednesdays",
                               cite=p.cite, fix="Pick a Wednesday, or ask for A and B from 11:45 a.m. to 1:30 p.m.")
        reading = contract.choice("facilities.wednesday_room_notice")
        d = None
        if reading == "three_workdays":
            d = contract.deadline(p.key, day, label="Ask for Room N-4437 A, B and C (full Wednesday) by")
        used = contract.used("facilities.wednesday_room_notice")
        if d is not None:
            d = replace(d, interpretations=d.interpretations + used)
        note = (note + f" Reading used: {used[0]}").strip()
        return RoomRequest(day, "Room N-4437 A, B and C", "the full day", d, p.cite, note)
    for t, what in ((start_time, "start"), (end_time, "end")):
        if t is not None and not (lo <= _hhmm(t, p.cite) <= hi):
            raise OutOfRange(f"a meeting {what} at {t} is outside {lo}–{hi}, the hours of Room N-4437 A and B", cite=p.cite,
                             fix="Meet between 11:45 and 13:30, book the full Wednesday, or ask for other space (special effort, space available)")
    if start_time is not None and end_time is not None and _hhmm(end_time, p.cite) <= _hhmm(start_time, p.cite):
        raise InvalidInput(f"the meeting ends ({end_time}) before it starts ({start_time})", cite=p.cite, fix="Swap the times")
    d = contract.deadline(p.key, day)
    return RoomRequest(day, "Room N-4437 A and B", f"{lo}–{hi}", d, p.cite, note)


def _hhmm(text: str, cite: str) -> str:
    t = str(text).strip()
    try:
        return dt.time.fromisoformat(t).strftime("%H:%M")
    except ValueError:
        raise InvalidInput(f"'{text}' is not a time like 12:00", cite=cite, fix="Write times as HH:MM (24-hour)") from None
