"""Bargaining time frames: the Union's request over a final space plan (Art. 29 §4.a) or organisational change
(Art. 35 §5.d), Agency-level (Art. 36 §3) and Departmental (Art. 36 §2) negotiations and which level applies
(Art. 35 §5.e, Art. 36 §2.a–§3), and agreed changes under Art. 36 §4. Every date is a Deadline that explains its
count; a date counted from a session day the contract does not set is marked assumed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from ..calendar import to_date
from ..deadlines import Deadline, count_calendar_days, count_workdays, fmt_day
from ..contract.readings import Choice
from ..errors import InvalidDate, InvalidInput, OutOfRange
from .levels import bargaining_level

if TYPE_CHECKING:
    from .committees import Meeting, MeetingPattern
    from ..contract.book import Contract
    from ..exports import CalendarEvent

Kind = Literal["space", "organizational_change"]
Level = Literal["agency", "department"]
REQUEST_RULES: dict[str, str] = {"space": "space.negotiation_request", "organizational_change": "committees.org_change_negotiation_request"}
KIND_WORDS = {"space": "final space plan", "organizational_change": "final approved organizational change"}
WAIVER, SESSION_DAYS = "bargaining.waiver_scope", "bargaining.session_days"
WAIVER_CITE = "Art. 36 §4"
# Every time frame a bargaining plan counts: the request windows and Art. 36's own (the ones §4 lets the parties change).
ARTICLE_36_FRAMES = ("bargaining.agency_negotiations_start", "bargaining.agenda_notice", "bargaining.agenda_meeting",
                     "bargaining.session_max_days", "bargaining.agency_session_max_days")
TIME_FRAMES = (*REQUEST_RULES.values(), *ARTICLE_36_FRAMES)


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


def check_agreements(agreements: tuple[Agreement, ...] | list[Agreement], contract: Contract) -> None:
    """Each agreed change must be to a time frame of bargaining: Art. 36 §4 reaches no other article's time limits."""
    for a in agreements:
        p = contract.param(a.rule)
        if a.rule not in TIME_FRAMES:
            raise InvalidInput(f"'{a.rule}' (\"{p.label}\", {p.cite}) is not a time frame of these negotiations; Art. 36 §4 lets the "
                               "parties waive or extend only the bargaining time frames", cite=WAIVER_CITE,
                               fix=f"Agree a change to one of: {', '.join(TIME_FRAMES)}")


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
        p = contract.param("bargaining.agency_negotiations_start")
        raise InvalidInput(f"the parties waived \"{p.label}\" ({p.value} {p.unit.replace('_', ' ')}, {p.cite}), so there is no latest start",
                           cite=WAIVER_CITE)
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
    """One date of a bargaining plan: the binding deadline (None if waived) beside the contract's own; `assumed` when it
    is counted from a session day the contract does not set."""

    key: str
    title: str
    deadline: Deadline | None
    standard: Deadline
    agreement: Agreement | None = None
    assumed: bool = False
    assumption: str | None = None

    @property
    def due(self) -> dt.date | None:
        return self.deadline.due if self.deadline else None

    def explain(self, contract: Contract) -> str:
        if self.deadline is None:
            text = f"{self.title}: waived. {self.agreement.describe(contract) if self.agreement else ''}".strip()
        else:
            text = self.deadline.explain()
            if self.agreement is not None:
                text += f"\nWithout the agreement the date would be {fmt_day(self.standard.due)}. {self.agreement.describe(contract)}."
        if self.assumed:
            text += f"\nAssumed date: {self.assumption}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "title": self.title, "due": self.due.isoformat() if self.due else None, "waived": self.deadline is None,
                "contract_due": self.standard.due.isoformat(), "assumed": self.assumed, "assumption": self.assumption,
                "deadline": (self.deadline or self.standard).to_dict()}


@dataclass(frozen=True)
class BargainingPlan:
    """The bargaining calendar that starts when the Union receives a final plan: request, start, agenda, session."""

    received: dt.date
    kind: str
    level: str
    items: tuple[PlanItem, ...]
    findings: tuple[str, ...]
    session: Meeting | None = None
    level_reasons: tuple[str, ...] = ()
    interpretations: tuple[Choice, ...] = ()

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
                 else "Departmental level (Art. 35 §5.e, Art. 36 §2.a)")
        lines = [f"{KIND_WORDS[self.kind].capitalize()} received {fmt_day(self.received)}; negotiations at the {where}."]
        lines += list(self.level_reasons)
        lines += [i.explain(contract) for i in self.items]
        lines += [f"Note: {f}" for f in self.findings]
        lines += [f"Reading used: {c}" for c in self.interpretations]
        return "\n\n".join(lines)

    def to_dict(self, contract: Contract) -> dict[str, object]:
        return {"received": self.received.isoformat(), "kind": self.kind, "level": self.level, "answer": self.answer(),
                "request_due": self.request.due.isoformat() if self.request.due else None,
                "items": [i.to_dict() for i in self.items], "findings": list(self.findings), "level_reasons": list(self.level_reasons),
                "assumed": any(i.assumed for i in self.items),
                "session": self.session.to_dict() if self.session else None,
                "interpretations": [c.to_dict() for c in self.interpretations], "explanation": self.explain(contract)}

    def events(self) -> list[CalendarEvent]:
        from ..exports import CalendarEvent

        return [
            CalendarEvent(i.due, i.title + (" (assumed date)" if i.assumed else ""),
                          i.deadline.explain() + (f"\nAssumed date: {i.assumption}" if i.assumed else ""), i.deadline.cite)
            for i in self.items if i.deadline is not None]


def plan(received: dt.date, kind: Kind, level: Level | None, contract: Contract, *, requested_on: dt.date | None = None,
         start: dt.date | None = None, agreements: tuple[Agreement, ...] = (), sessions: tuple[Meeting, ...] | None = None,
         agencies: int | None = None, osec_components: int = 0, effective: dt.date | None = None,
         last_session: dt.date | None = None, session_pattern: MeetingPattern | None = None) -> BargainingPlan:
    """Every bargaining date from receipt of a final space plan or organisational change. Agency level: start
    within 15 workdays (Art. 36 §3). Department level: the next quarterly session the item can still be put on —
    a session the user gives (`start`, `sessions`) or one on an assumed meeting day, counted (under the three-month
    reading) from the Agreement's `effective` date or the `last_session` held, as the contract calendar counts them."""
    received = to_date(received, "date the plan was received")
    rule = _rule_for(kind)
    check_agreements(agreements, contract)
    level_reasons: tuple[str, ...] = ()
    used: tuple[Choice, ...] = ()
    if agencies is not None or osec_components:
        derived, why, cite, used = bargaining_level(kind, agencies or 0, osec_components, contract)
        if level is not None and level != derived:
            name = {"department": "Departmental", "agency": "Agency"}
            raise InvalidInput(f"the change is bargained at the {name[derived]} level, not the {name.get(level, level)} level: {why}",
                               cite=cite, fix="Leave out the level, or correct the number of Agencies affected")
        level, level_reasons = derived, (f"{why} ({cite}).",)
    level = level or "agency"
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
    first = to_date(start, "start of negotiations") if start is not None else None
    if first is not None:
        _check_start(first, received, requested_on, level, req_std.cite)
    session, assumption = None, None
    if level == "agency":
        st, st_std, st_a = _deadline("bargaining.agency_negotiations_start", received, contract, agreements)
        items.append(PlanItem("start", "Agency-level negotiations begin no later than", st, st_std, st_a))
        if first is None and st is not None:
            first = st.due
        elif first is not None and st is not None and first > st.due:
            findings.append(f"The start {fmt_day(first)} is after the latest start {fmt_day(st.due)} ({st_std.cite}), unless the parties agree otherwise ({WAIVER_CITE}).")
    else:
        if first is not None and sessions:
            raise InvalidInput("give the start of negotiations or the scheduled sessions, not both", cite="Art. 36 §2.a",
                               fix="The start is the session the item goes to; the sessions let lmcore pick the first one it can make")
        if first is None:
            session = _next_session(asked, contract, sessions, agreements, effective=effective, last_session=last_session,
                                    pattern=session_pattern)
            first = session.day
            if session.assumed:
                assumption = f"counted from the session of {fmt_day(first)}, an assumed date: {session.assumption}"
        notice, notice_std, notice_a = _deadline("bargaining.agenda_notice", first, contract, agreements)
        items.append(PlanItem("agenda_notice", "Notify agenda items no later than", notice, notice_std, notice_a, assumption is not None, assumption))
        meet, meet_std, meet_a = _deadline("bargaining.agenda_meeting", first, contract, agreements)
        items.append(PlanItem("agenda_meeting", "Meet to finalize the agenda no later than", meet, meet_std, meet_a, assumption is not None, assumption))
        if notice is not None and notice.due < asked:
            findings.append(f"Agenda notice for negotiations starting {fmt_day(first)} was due {fmt_day(notice.due)}, before "
                            f"{fmt_day(asked)}: the item needs a later session or an agreed change ({WAIVER_CITE}).")
        if meet is not None and meet.due < asked:
            findings.append(f"The meeting to finalize the agenda for negotiations starting {fmt_day(first)} was due {fmt_day(meet.due)}, "
                            f"before the item was asked for ({fmt_day(asked)}): the item needs a later session or an agreed change ({WAIVER_CITE}).")
    rule_s = "bargaining.session_max_days" if level == "department" else "bargaining.agency_session_max_days"
    if first is not None:
        last = session_last_day(first, contract, level, agreements)
        if last is not None:
            own = session_last_day(first, contract, level)
            items.append(PlanItem("session_end", f"Negotiations starting {fmt_day(first)} may run continuously through", last, own or last,
                                  _agreement_for(rule_s, agreements, contract), assumption is not None, assumption))
    in_use = {i.standard.rule for i in items} | {rule_s}
    for a in agreements:
        if a.rule not in in_use:
            p = contract.param(a.rule)
            findings.append(f"The agreed change to \"{p.label}\" ({p.cite}) does not apply to negotiations at this level.")
    return BargainingPlan(received, kind, level, tuple(items), tuple(findings), session, level_reasons, used)


def _check_start(first: dt.date, received: dt.date, requested_on: dt.date | None, level: str, cite: str) -> None:
    """Negotiations over a final plan cannot start before the Union has it, nor before it asked to negotiate."""
    where = "Art. 36 §3" if level == "agency" else "Art. 36 §2.b"
    if first < received:
        raise InvalidDate(f"negotiations cannot start on {first.isoformat()}, before the final plan was received ({received.isoformat()})",
                          cite=where, fix=f"Negotiations follow receipt of the plan and the Union's request ({cite}): check the dates")
    if requested_on is not None and first < requested_on:
        raise InvalidDate(f"negotiations cannot start on {first.isoformat()}, before the Union asked for them ({requested_on.isoformat()})",
                          cite=cite, fix="Check the start and the request dates")


def _next_session(asked: dt.date, contract: Contract, sessions: tuple[Meeting, ...] | None, agreements=(), *,
                  effective: dt.date | None = None, last_session: dt.date | None = None, pattern: MeetingPattern | None = None) -> Meeting:
    """The first Departmental session after the request whose agenda notice and agenda meeting (as agreed, if changed)
    are not before it. Sessions given are used as they are; otherwise they fall on the (assumed) meeting day, and
    the three-month gap runs from the last session held or the effective date — the same series as the contract calendar."""
    from .committees import QUARTERLY, add_months, committee, period_months, schedule

    c = committee("departmental_bargaining", contract)
    if sessions is not None:
        pool = tuple(sessions)
    else:
        if last_session is not None and effective is not None and last_session < effective:
            raise InvalidDate(f"the last session {last_session.isoformat()} is before the Agreement took effect ({effective.isoformat()})",
                              cite=c.cite, fix="Give the last session held under this Agreement")
        if last_session is None and effective is None and contract.choice(QUARTERLY) == "every_three_months":
            raise InvalidInput(f"under {contract.reading_words(QUARTERLY, 'every_three_months')} a session must come within three months of the one "
                               "before, so the next one depends on when the last was held", cite=c.cite,
                               fix="Give the date of the last Departmental session held, or the ratification date of the Agreement")
        begin = last_session + dt.timedelta(days=1) if last_session is not None else (effective or asked)
        horizon = add_months(max(asked, begin), 3 * period_months(c) + 2)
        pool = schedule(c.key, begin, horizon, contract, pattern, last_held=last_session)
    for s in sorted(pool, key=lambda m: m.day):
        if s.day <= asked:
            continue
        notice = _deadline("bargaining.agenda_notice", s.day, contract, agreements)[0]
        meeting = _deadline("bargaining.agenda_meeting", s.day, contract, agreements)[0]
        if (notice is None or notice.due >= asked) and (meeting is None or meeting.due >= asked):
            return s
    p = contract.param("bargaining.agenda_notice")
    raise InvalidInput(f"no Departmental session after {asked.isoformat()} leaves {p.value} {p.unit.replace('_', ' ')} for the agenda notice "
                       f"and time for the agenda meeting", cite=p.cite, fix="Give a start date, or more sessions")
