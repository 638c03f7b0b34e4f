"""The contract calendar: from the ratification date, every recurring date of the Agreement for N contract
years on one page — effective date, anniversaries and arbitrator removal windows (Art. 44 §1.d), expirations
and reopener windows (Art. 47 §2), quarterly committee meetings (Art. 35 §3–§4) and mid-term sessions (Art. 36 §2).
Meeting and session days are not set by the contract: they and every date counted from them are marked assumed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..calendar import to_date
from ..deadlines import Deadline, fmt_day
from ..contract.readings import Choice
from ..errors import InvalidInput, OutOfRange
from ..safe_date import OTHER, OWN

if TYPE_CHECKING:
    from .committees import MeetingPattern
    from ..contract.book import Contract

SCHEDULED = ("department_lmrc", "agency_lmrc", "departmental_bargaining")
MAX_YEARS = 30


@dataclass(frozen=True)
class Entry:
    """One line of the calendar: a day, what happens or is due, the rule and how the day was found."""

    day: dt.date
    title: str
    kind: str
    cite: str
    detail: str
    assumed: bool = False
    assumption: str | None = None
    deadline: Deadline | None = None  # the contract time limit that gives the day, counted again under other readings
    side: str = OWN  # OTHER for a window's first day: the latest date over the readings is the safe one (issue 16)

    def to_dict(self) -> dict[str, object]:
        return {"date": self.day.isoformat(), "title": self.title, "kind": self.kind, "cite": self.cite, "detail": self.detail,
                "assumed": self.assumed, "assumption": self.assumption}


@dataclass(frozen=True)
class Unscheduled:
    """A body or duty the contract gives no fixed day: shown as such, never given invented dates."""

    name: str
    cite: str
    when: str
    quote: str


@dataclass(frozen=True)
class ContractCalendar:
    """All recurring dates from ratification to the N-th anniversary of the effective date, in date order."""

    ratified: dt.date
    effective: Deadline
    until: dt.date
    years: int
    entries: tuple[Entry, ...]
    unscheduled: tuple[Unscheduled, ...]
    assumptions: tuple[str, ...] = ()
    interpretations: tuple[Choice, ...] = ()
    parties: str = ""  # the agreement by its parties (the contract files' short name): the calendar file's name

    def between(self, first: dt.date, last: dt.date) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if first <= e.day <= last)

    def text(self) -> str:
        """The one-page calendar as plain text, grouped by year."""
        lines = [f"Contract calendar: ratified {fmt_day(self.ratified)}, effective {fmt_day(self.effective.due)} "
                 f"({self.effective.cite}), {self.years} contract year{'s' if self.years != 1 else ''} to {fmt_day(self.until)}."]
        year = None
        for e in self.entries:
            if e.day.year != year:
                year = e.day.year
                lines.append(f"\n{year}")
            lines.append(f"  {fmt_day(e.day)}  {'[assumed] ' if e.assumed else ''}{e.title} ({e.cite})")
        if self.assumptions:
            lines.append("\n[assumed]: a meeting day the contract does not set, and the dates counted from it:")
            lines += [f"  {a}" for a in self.assumptions]
        lines.append("\nNo fixed dates (the contract sets none):")
        lines += [f"  {u.name} ({u.cite}): {u.when}" for u in self.unscheduled]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"ratified": self.ratified.isoformat(), "effective": self.effective.due.isoformat(), "until": self.until.isoformat(),
                "years": self.years, "entries": [e.to_dict() for e in self.entries],
                "unscheduled": [{"name": u.name, "cite": u.cite, "when": u.when, "quote": u.quote} for u in self.unscheduled],
                "assumptions": list(self.assumptions), "interpretations": [c.to_dict() for c in self.interpretations],
                "effective_deadline": self.effective.to_dict()}

    def to_ics(self) -> bytes:
        """An iCalendar file of every dated entry (stable UIDs: importing again updates, not duplicates)."""
        from ..exports import CalendarEvent, to_ics

        events = [CalendarEvent(e.day, e.title + (" (assumed date)" if e.assumed else ""),
                                e.detail + (f"\nAssumed date: {e.assumption}" if e.assumed else ""), e.cite) for e in self.entries]
        return to_ics(events, name=f"{self.parties} contract calendar".strip(),
                      product=f"{self.parties} contract handbook".strip())


def contract_calendar(ratified: dt.date, contract: Contract, years: int | None = None,
                      patterns: dict[str, MeetingPattern] | None = None) -> ContractCalendar:
    """Every recurring date of the Agreement from ratification to the `years`-th anniversary of the effective date."""
    from . import negotiations as bargaining
    from . import committees
    from . import duration

    ratified = to_date(ratified, "ratification date")
    term = contract.param("duration.term")
    years = int(term.value) if years is None else years
    if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= MAX_YEARS:
        raise OutOfRange(f"{years!r} is not a number of contract years from 1 to {MAX_YEARS}", cite="Art. 47 §2",
                         fix=f"Give a whole number of years, e.g. {term.value:g} (the term, {term.cite})")
    eff = duration.effective_date(ratified, contract)
    until = duration.add_years(eff.due, years, contract)
    out: list[Entry] = [
        Entry(ratified, "Ratified by the Union membership", "duration", eff.cite or "Art. 47 §1", f"Ratification, {fmt_day(ratified)}."),
        Entry(eff.due, "Agreement takes effect", "duration", eff.cite or "Art. 47 §1", eff.explain()),
    ]
    for n in range(1, years + 1):
        a = duration.anniversary(eff.due, n, contract)
        w = duration.removal_window(a.day, contract)
        out += [
            Entry(w.opens.due, f"Arbitrator removal notice window opens (anniversary {n})", "arbitration", w.cite, w.opens.explain(),
                  deadline=w.opens, side=OTHER),
            Entry(w.closes.due, f"Arbitrator removal notice window closes (anniversary {n})", "arbitration", w.cite, w.closes.explain()),
            Entry(a.day, f"Anniversary {n}: arbitrator removals take effect", "arbitration", a.cite, a.explain()),
        ]
    for t in duration.terms(eff.due, until, contract):
        tag = "term" if t.number == 0 else f"renewal {t.number}"
        out += [
            Entry(t.reopener.opens.due, f"Reopener notice window opens ({tag})", "duration", t.reopener.cite, t.reopener.opens.explain(),
                  deadline=t.reopener.opens, side=OTHER),
            Entry(t.reopener.closes.due, f"Reopener notice window closes ({tag})", "duration", t.reopener.cite, t.reopener.closes.explain(),
                  deadline=t.reopener.closes),
            Entry(t.ground_rules_if_last_day.due, f"Ground-rules meeting by, if notice is given on the last day ({tag})", "duration",
                  t.ground_rules_if_last_day.cite or "Art. 47 §2", t.ground_rules_if_last_day.explain(), deadline=t.ground_rules_if_last_day),
            Entry(t.expires.day, f"{t.expires.label}", "duration", t.expires.cite, t.expires.explain()),
        ]
    pats = {**committees.DEFAULT_PATTERNS, **(patterns or {})}
    unknown = sorted(set(patterns or {}) - set(SCHEDULED))
    if unknown:
        raise InvalidInput(f"no meeting calendar for {', '.join(unknown)}", cite="Art. 35 §3",
                           fix=f"Set the meeting day of {', '.join(SCHEDULED)}")
    assumptions: list[str] = []
    given_days = contract.choice(committees.MEETING_DAYS) != "none"
    for key in SCHEDULED if given_days else ():
        meetings = committees.schedule(key, eff.due, until, contract, pats.get(key))
        if meetings:
            assumptions.append(f"{meetings[0].name}: {meetings[0].assumption}")
        for m in meetings:
            if key != "departmental_bargaining":
                out.append(Entry(m.day, f"{m.name} meeting ({m.period})", "committee", m.cite, m.explain(), True, m.assumption))
                continue
            notice, meet = bargaining.agenda_notice_due(m.day, contract), bargaining.agenda_meeting_due(m.day, contract)
            last = bargaining.session_last_day(m.day, contract, "department")
            counted = f"counted from the {m.period} session of {fmt_day(m.day)}, an assumed date"
            out += [
                Entry(notice.due, f"Agenda items for the {m.period} mid-term session due", "bargaining", notice.cite or "Art. 36 §2.b",
                      notice.explain(), True, counted, deadline=notice),
                Entry(meet.due, f"Agenda meeting for the {m.period} mid-term session by", "bargaining", meet.cite or "Art. 36 §2.b",
                      meet.explain(), True, counted, deadline=meet),
                Entry(m.day, f"Departmental mid-term bargaining session begins ({m.period})", "bargaining", m.cite, m.explain(), True, m.assumption),
            ]
            if last is not None and last.due != m.day:
                out.append(Entry(last.due, f"Mid-term session ({m.period}) may run through", "bargaining", last.cite or "Art. 36 §2.b",
                                 last.explain(), True, counted))
    entries = tuple(sorted((e for e in out if ratified <= e.day <= until), key=lambda e: (e.day, e.kind, e.title)))
    return ContractCalendar(ratified, eff, until, years, entries, _unscheduled(contract, not given_days), tuple(assumptions),
                            contract.used(committees.MEETING_DAYS, committees.QUARTERLY), contract.short_name)


def _unscheduled(contract: Contract, quarterly_too: bool = False) -> tuple[Unscheduled, ...]:
    from .committees import committees, rhythm_words

    out = [Unscheduled(c.name, c.cite, c.frequency() + ("; the contract sets no day" if c.scheduled else ""), c.quote)
           for c in committees(contract) if quarterly_too or not c.scheduled]
    for key, when in (("arbitration.case_review_meetings_per_year", "{rhythm} (no day fixed)"),
                      ("transit.certification_per_month", "{n} a month, by every participant (no day fixed)")):
        if key in contract.parameters:
            p = contract.param(key)
            n = int(p.value)
            out.append(Unscheduled(p.label, p.cite, when.format(rhythm=rhythm_words(n), n="once" if n == 1 else f"{n} times"), p.quote))
    return tuple(out)
