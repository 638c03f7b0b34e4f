"""Duration of the Agreement (Art. 47): effective date, three-year term then year to year, the 90-to-60-day
reopener window, the ground-rules meeting, and the arbitrator removal window at each anniversary (Art. 44 §1.d)."""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..calendar import to_date
from ..deadlines import Deadline, count_calendar_days, count_workdays, fmt_day
from ..errors import OutOfRange
from ..contract.readings import Choice

if TYPE_CHECKING:
    from ..contract.book import Contract

EFFECTIVE_DAYS, EXPIRATION, FEB29 = "duration.effective_days", "duration.expiration_date", "duration.feb29_anniversary"
REMOVAL_CLOSES = "arbitration.removal_window_closes_nonworkday"


@dataclass(frozen=True)
class ContractDate:
    """A date found by counting whole years (an anniversary, an expiration), with the rule and the reading used."""

    day: dt.date
    label: str
    cite: str
    quote: str
    basis: str
    interpretations: tuple[Choice, ...] = ()

    def explain(self) -> str:
        lines = [f"{self.label}: {fmt_day(self.day)} ({self.cite}).", self.basis, f'Rule: "{self.quote}"']
        lines += [f"Reading used: {c}" for c in self.interpretations]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"date": self.day.isoformat(), "label": self.label, "cite": self.cite, "quote": self.quote,
                "interpretations": [c.to_dict() for c in self.interpretations], "explanation": self.explain()}


@dataclass(frozen=True)
class Window:
    """A period in which a notice may be given: the first and the last day, each a Deadline."""

    label: str
    opens: Deadline
    closes: Deadline
    cite: str

    def contains(self, day: dt.date) -> bool:
        return self.opens.due <= to_date(day, "notice date") <= self.closes.due

    def explain(self) -> str:
        head = f"{self.label}: from {fmt_day(self.opens.due)} to {fmt_day(self.closes.due)} ({self.cite})."
        return "\n".join([head, "Opens — " + self.opens.explain(), "Closes — " + self.closes.explain()])

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "cite": self.cite, "opens": self.opens.due.isoformat(), "closes": self.closes.due.isoformat(),
                "opens_deadline": self.opens.to_dict(), "closes_deadline": self.closes.to_dict(), "explanation": self.explain()}


def effective_date(ratified: dt.date, contract: Contract) -> Deadline:
    """The day the Agreement takes effect: 30 days after ratification by the Union membership (Art. 47 §1);
    calendar days or workdays under interpretation duration.effective_days."""
    key = "duration.effective_after_ratification"
    ratified = to_date(ratified, "ratification date")
    used = contract.used(EFFECTIVE_DAYS)
    if contract.choice(EFFECTIVE_DAYS) == "workdays":
        p = contract.param(key)
        d = count_workdays(contract.calendar, ratified, int(p.value), cite=p.cite, rule=key, label=p.label, quote=p.quote,
                           interpretations=contract.used("count.event_on_nonworkday"))
    else:
        d = contract.deadline(key, ratified)
    return replace(d, interpretations=used + d.interpretations)


def add_years(day: dt.date, years: int, contract: Contract) -> dt.date:
    """The same date `years` later; February 29 goes to Feb 28 or Mar 1 (interpretation duration.feb29_anniversary)."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not _cal.isleap(year):
        return dt.date(year, 2, 28) if contract.choice(FEB29) == "feb28" else dt.date(year, 3, 1)
    return day.replace(year=year)


def _year_readings(effective: dt.date, contract: Contract) -> tuple[Choice, ...]:
    return contract.used(FEB29) if (effective.month, effective.day) == (2, 29) else ()


def anniversary(effective: dt.date, n: int, contract: Contract) -> ContractDate:
    """The n-th anniversary of the effective date, the day an arbitrator's removal takes effect (Art. 44 §1.d)."""
    effective = to_date(effective, "effective date")
    if n < 1:
        raise OutOfRange(f"anniversary number {n} must be 1 or more", cite="Art. 44 §1.d", fix="Count anniversaries from 1")
    day = add_years(effective, n, contract)
    quote = contract.section("Art. 44 §1.d").text.split(" ", 1)[1].split(". ")[0] + "."  # its first sentence: removal on the anniversary
    return ContractDate(day, f"Anniversary {n} of the effective date", "Art. 44 §1.d", quote,
                        f"{_ord(n)} anniversary of the effective date {fmt_day(effective)}.", _year_readings(effective, contract))


def expiration(effective: dt.date, contract: Contract, renewals: int = 0) -> ContractDate:
    """The expiration date of the three-year term (renewals=0) or of its k-th year-to-year renewal (Art. 47 §2);
    the last day in force or the anniversary itself under interpretation duration.expiration_date."""
    effective = to_date(effective, "effective date")
    if renewals < 0:
        raise OutOfRange(f"renewals must be 0 or more, not {renewals}", cite="Art. 47 §2", fix="0 is the first three-year term")
    term, renew = contract.param("duration.term"), contract.param("duration.renewal_period")
    years = int(term.value) + renewals * int(renew.value)
    anniv = add_years(effective, years, contract)
    last_day = contract.choice(EXPIRATION) == "day_before_anniversary"
    day = anniv - dt.timedelta(days=1) if last_day else anniv
    what = f"{term.value} years" + (f" and {renewals} renewal year{'s' if renewals != 1 else ''}" if renewals else "")
    basis = (f"{what} from the effective date {fmt_day(effective)} reach {fmt_day(anniv)}; "
             + (f"the last day in force is the day before, {fmt_day(day)}." if last_day else "the Agreement expires on that anniversary."))
    label = (f"Expiration of the {_number_word(int(term.value))}-year term" if not renewals
             else f"Expiration after renewal {renewals} (year to year)" if renew.value == 1
             else f"Expiration after renewal {renewals} ({_number_word(int(renew.value))}-year renewals)")
    return ContractDate(day, label, term.cite, (renew if renewals else term).quote, basis,
                        contract.used(EXPIRATION) + _year_readings(effective, contract))


def reopener_window(expires: dt.date, contract: Contract) -> Window:
    """When either party may give notice to renegotiate: not more than 90 nor less than 60 calendar days before
    the expiration date (Art. 47 §2)."""
    expires = to_date(expires, "expiration date")
    opens = contract.deadline("duration.reopener_notice_earliest", expires, label="Reopener notice window opens")
    closes = contract.deadline("duration.reopener_notice_latest", expires, label="Reopener notice window closes (last day)")
    return Window("Notice to renegotiate or amend", opens, closes, opens.cite or "Art. 47 §2")


def ground_rules_meeting_due(notice_given: dt.date, contract: Contract, *, expires: dt.date | None = None) -> Deadline:
    """Last day to meet on ground rules: within 10 workdays of a reopener notice (Art. 47 §2). With `expires`,
    a notice outside the 90-to-60-day window is refused."""
    notice_given = to_date(notice_given, "notice date")
    if expires is not None:
        w = reopener_window(expires, contract)
        if not w.contains(notice_given):
            early, late = (contract.value(f"duration.reopener_notice_{k}") for k in ("earliest", "latest"))
            raise OutOfRange(f"a notice on {fmt_day(notice_given)} is outside the reopener window "
                             f"{fmt_day(w.opens.due)} – {fmt_day(w.closes.due)}", cite=w.cite,
                             fix=f"Give notice not more than {early} nor less than {late} calendar days before the expiration date")
    return contract.deadline("duration.ground_rules_meeting", notice_given)


def removal_window(anniv: dt.date, contract: Contract) -> Window:
    """The 30 calendar days before an anniversary of the effective date: the only time notice removing an
    arbitrator from the panel may be given (Art. 44 §1.d)."""
    anniv = to_date(anniv, "anniversary")
    p = contract.param("arbitration.removal_notice_window")
    opens = contract.deadline(p.key, anniv, label="Arbitrator removal notice window opens")
    closes = count_calendar_days(contract.calendar, anniv, -1, roll=contract.choice(REMOVAL_CLOSES), cite=p.cite, rule=p.key,
                                 label="Arbitrator removal notice window closes (last day)", quote=p.quote,
                                 interpretations=contract.used(REMOVAL_CLOSES))
    return Window("Notice removing an arbitrator from the panel", opens, closes, p.cite)


@dataclass(frozen=True)
class Term:
    """One period of the Agreement: the three-year term (number 0) or a year-to-year renewal, with its windows."""

    number: int
    starts: dt.date
    expires: ContractDate
    reopener: Window
    ground_rules_if_last_day: Deadline

    def to_dict(self) -> dict[str, object]:
        return {"number": self.number, "starts": self.starts.isoformat(), "expires": self.expires.to_dict(),
                "reopener": self.reopener.to_dict(), "ground_rules_if_last_day": self.ground_rules_if_last_day.to_dict()}


def terms(effective: dt.date, until: dt.date, contract: Contract) -> tuple[Term, ...]:
    """The term and each year-to-year renewal whose reopener window opens on or before `until`."""
    effective, until = to_date(effective, "effective date"), to_date(until, "last day")
    out: list[Term] = []
    starts, k = effective, 0
    while True:
        exp = expiration(effective, contract, k)
        window = reopener_window(exp.day, contract)
        if window.opens.due > until:
            return tuple(out)
        gr = contract.deadline("duration.ground_rules_meeting", window.closes.due,
                               label="Ground-rules meeting, if notice is given on the window's last day")
        out.append(Term(k, starts, exp, window, gr))
        starts, k = exp.day + dt.timedelta(days=1), k + 1


def _number_word(n: int) -> str:
    """'three' for 3 (as the Agreement writes its term), digits above ten."""
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


def _ord(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
