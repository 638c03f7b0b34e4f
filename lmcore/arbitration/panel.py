"""The panel of arbitrators (Art. 44 §1): two alphabetical rosters, designation in rotation, removal on the
anniversary of the effective date, replacement, and the alternate-strike procedure for an FMCS list of seven.

A Panel is a frozen value: every change (a designation, a removal notice, a replacement) returns a new Panel.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .kinds import PARTIES, ROSTER, check_kind
from ..calendar import to_date
from ..errors import InvalidDate, InvalidInput, OutOfRange

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..deadlines import Deadline
    from ..contract.readings import Choice

ROSTERS = ("regular", "expedited")
EXAMPLE_NAMES = ("Ruth Abernathy", "Susan Feldman", "Thomas Garcia", "Helen Nakamura", "Daniel Okafor", "Robert Whitfield")
_MORE_NAMES = ("Maria Castillo", "Peter Lindqvist", "Grace Oyelaran", "Victor Brandt", "Linda Moreau", "Kenji Watanabe")


def example_names(contract: Contract) -> tuple[str, ...]:
    """A made-up roster the size of this contract's panel (§1.a) for the simulator and the panel when no names are
    given: the six example names for a panel of six, fewer or more for another unit's panel."""
    n = int(contract.value("arbitration.panel_size"))
    names = EXAMPLE_NAMES + _MORE_NAMES
    return names[:n] + tuple(f"Arbitrator {i}" for i in range(len(names) + 1, n + 1))


def sort_key(name: str, order: str = "surname") -> tuple[str, ...]:
    """Alphabetical order of a roster (interpretation arbitration.alphabetical_order): by surname, or as written."""
    if order == "as_written":
        return (name.casefold(),)
    if "," in name:
        surname, given = name.split(",", 1)
        return (surname.strip().casefold(), given.strip().casefold())
    parts = name.split()
    return (parts[-1].casefold(), " ".join(parts[:-1]).casefold())


def _clean(name: Any) -> str:
    return " ".join(str(name or "").split())


@dataclass(frozen=True)
class RemovalNotice:
    """A party's notice removing an arbitrator: valid only in the window before an anniversary (§1.d)."""

    arbitrator: str
    by: str
    given: dt.date
    anniversary: dt.date
    window_opens: Deadline
    window_closes: Deadline
    replacement_due: Deadline
    cite: str = "Art. 44 §1.d"

    def explain(self) -> str:
        return (f"The {self.by.capitalize()} gave notice on {self.given.isoformat()} removing {self.arbitrator} ({self.cite}). "
                f"The window was {self.window_opens.due.isoformat()} to {self.window_closes.due.isoformat()}; the removal "
                f"takes effect on the anniversary, {self.anniversary.isoformat()}. No further cases are assigned to "
                f"{self.arbitrator}; cases assigned before the notice stay with them. The parties must agree on a "
                f"replacement by {self.replacement_due.due.isoformat()} (Art. 44 §1.e).")


@dataclass(frozen=True)
class Member:
    """An arbitrator on the panel: when they joined (None = from the start) and any removal notice."""

    name: str
    joined: dt.date | None = None
    notice: RemovalNotice | None = None

    def assignable(self, on: dt.date | None) -> bool:
        """Can receive a new case on this day: joined, and no removal notice received (§1.d)."""
        if on is None:
            return self.notice is None
        return (self.joined is None or self.joined <= on) and (self.notice is None or on < self.notice.given)


@dataclass(frozen=True)
class Designation:
    """The arbitrator designated for a case on receipt of the invocation, next in rotation on the roster (§1.c)."""

    case_id: str
    kind: str
    roster: str
    arbitrator: str
    received: dt.date
    position: int
    roster_names: tuple[str, ...]
    cite: str = "Art. 44 §1.c"

    def explain(self) -> str:
        return (f"Case {self.case_id} ({self.kind}, received {self.received.isoformat()}): {self.arbitrator}, "
                f"number {self.position} of {len(self.roster_names)} on the {self.roster} roster "
                f"({', '.join(self.roster_names)}), next in rotation ({self.cite}).")


@dataclass(frozen=True)
class Replacement:
    """A new arbitrator in place of a removed one, agreed within 30 calendar days of the notice (§1.e)."""

    removed: str
    newcomer: str
    agreed_on: dt.date
    method: str
    due: Deadline
    strike: StrikeResult | None = None

    @property
    def on_time(self) -> bool:
        return self.agreed_on <= self.due.due

    def explain(self) -> str:
        how = "by alternate strikes from the FMCS list (§1.b)" if self.strike else "by mutual agreement (§1.b)"
        late = "" if self.on_time else f" — LATE: the limit was {self.due.due.isoformat()}"
        return (f"{self.newcomer} replaces {self.removed}, agreed on {self.agreed_on.isoformat()} {how}{late}; "
                f"placed on both rosters in alphabetical order (Art. 44 §1.e).")


@dataclass(frozen=True)
class Panel:
    """The panel (§1.a): members, the Agreement's effective date, the rotation pointers and what has happened."""

    members: tuple[Member, ...]
    effective: dt.date
    size: int
    order: str = "surname"
    last: tuple[tuple[str, str], ...] = ()  # (roster, last arbitrator designated on it)
    designations: tuple[Designation, ...] = ()
    replacements: tuple[Replacement, ...] = ()

    # -- rosters and rotation --------------------------------------------------------------------
    def member(self, name: str) -> Member:
        key = _clean(name).casefold()
        for m in self.members:
            if m.name.casefold() == key:
                return m
        raise InvalidInput(f"no arbitrator named '{_clean(name)}' on the panel", cite="Art. 44 §1.a",
                           fix=f"The panel is: {'; '.join(m.name for m in self.members)}")

    def roster(self, roster: str = "regular", on: Any = None) -> tuple[str, ...]:
        """The names that can be designated on `on`, in alphabetical order (the same names on both rosters, §1.a, §1.e)."""
        _check_roster(roster)
        day = None if on is None else to_date(on, "date")
        names = [m.name for m in self.members if m.assignable(day)]
        return tuple(sorted(names, key=lambda n: sort_key(n, self.order)))

    def last_designated(self, roster: str) -> str | None:
        return dict(self.last).get(_check_roster(roster))

    def next_arbitrator(self, roster: str = "regular", on: Any = None) -> str:
        """The rotation pointer: the first name after the last one designated on this roster (wrapping round)."""
        names = self.roster(roster, on)
        if not names:
            raise OutOfRange(f"no arbitrator on the {roster} roster can take a case", cite="Art. 44 §1.a",
                             fix="Replace removed arbitrators (Art. 44 §1.e) before designating")
        last = self.last_designated(roster)
        if last is None:
            return names[0]
        after = [n for n in names if sort_key(n, self.order) > sort_key(last, self.order)]
        return (after or list(names))[0]

    def rotation(self, roster: str, n: int, on: Any = None) -> tuple[str, ...]:
        """The next n designations on a roster (the panel unchanged): for planning and the simulator."""
        names = self.roster(roster, on)
        first = names.index(self.next_arbitrator(roster, on))
        return tuple(names[(first + i) % len(names)] for i in range(n))

    def designate(self, case_id: str, kind: str, received: Any) -> tuple[Panel, Designation]:
        """Designate the next arbitrator in rotation on receipt of the invocation (§1.c). Returns the new Panel too."""
        kind = check_kind(kind)
        day = to_date(received, "date the invocation was received")
        if self.designations and day < self.designations[-1].received:
            raise InvalidDate(f"invocations are designated in the order they are received; {day.isoformat()} is before "
                              f"the last one ({self.designations[-1].received.isoformat()})", cite="Art. 44 §1.c",
                              fix="Designate cases in date order")
        roster = ROSTER[kind]
        name = self.next_arbitrator(roster, day)
        names = self.roster(roster, day)
        d = Designation(str(case_id), kind, roster, name, day, names.index(name) + 1, names)
        last = dict(self.last)
        last[roster] = name
        return replace(self, last=tuple(sorted(last.items())), designations=self.designations + (d,)), d

    def cases_of(self, name: str) -> tuple[Designation, ...]:
        """Cases designated to an arbitrator (kept even after a removal, §1.d)."""
        m = self.member(name)
        return tuple(d for d in self.designations if d.arbitrator == m.name)

    # -- removal and replacement -------------------------------------------------------------------
    def give_notice(self, name: str, by: str, on: Any, contract: Contract) -> tuple[Panel, RemovalNotice]:
        """Either party removes an arbitrator, with notice only in the 30 calendar days before an anniversary (§1.d)."""
        m = self.member(name)
        party = str(by).strip().lower()
        if party not in PARTIES:
            raise InvalidInput(f"'{by}' is not a party", cite="Art. 44 §1.d", fix="Either party may remove: union or department")
        day = to_date(on, "date of the removal notice")
        if m.notice is not None:
            raise InvalidInput(f"{m.name} was already given notice of removal on {m.notice.given.isoformat()}",
                               cite="Art. 44 §1.d", fix="Pick another arbitrator")
        if m.joined is not None and day < m.joined:
            raise InvalidDate(f"{m.name} joined the panel on {m.joined.isoformat()}, after {day.isoformat()}",
                              cite="Art. 44 §1.e", fix="Give the notice after the arbitrator joined")
        anniv, opens, closes = notice_window(self.effective, day, contract)
        if not opens.due <= day <= closes.due:
            raise OutOfRange(
                f"a removal notice on {day.isoformat()} is outside the window: notice may be given only from "
                f"{opens.due.isoformat()} to {closes.due.isoformat()}, the "
                f"{contract.amount('arbitration.removal_notice_window')} before the anniversary "
                f"{anniv.isoformat()} of the effective date {self.effective.isoformat()}", cite="Art. 44 §1.d",
                fix=f"Give notice between {opens.due.isoformat()} and {closes.due.isoformat()}; the removal takes effect "
                    "on the anniversary")
        due = contract.deadline("arbitration.replacement", day, label=f"Agree on a replacement for {m.name}")
        notice = RemovalNotice(m.name, party, day, anniv, opens, closes, due)
        members = tuple(replace(x, notice=notice) if x is m else x for x in self.members)
        return replace(self, members=members), notice

    def replace_arbitrator(self, removed: str, newcomer: str, agreed_on: Any, contract: Contract,
                           *, strike: StrikeResult | None = None) -> tuple[Panel, Replacement]:
        """Put the agreed (or struck-to) newcomer on both rosters in alphabetical order (§1.e)."""
        m = self.member(removed)
        if m.notice is None:
            raise InvalidInput(f"{m.name} has not been given notice of removal", cite="Art. 44 §1.e",
                               fix="Give the removal notice first (Art. 44 §1.d)")
        if any(r.removed == m.name for r in self.replacements):
            raise InvalidInput(f"{m.name} has already been replaced", cite="Art. 44 §1.e", fix="Pick another removal")
        new = _clean(newcomer)
        if strike is not None and not new:
            new = strike.selected
        if not new:
            raise InvalidInput("give the new arbitrator's name", cite="Art. 44 §1.e", fix="Type the name agreed on")
        if strike is not None and new.casefold() != strike.selected.casefold():
            raise InvalidInput(f"the strike procedure left {strike.selected}, not {new}", cite="Art. 44 §1.b",
                               fix=f"Use {strike.selected}, or agree on a name without strikes")
        if any(x.name.casefold() == new.casefold() for x in self.members):
            raise InvalidInput(f"{new} is already on the panel", cite="Art. 44 §1.e", fix="Pick someone else")
        day = to_date(agreed_on, "date the replacement was agreed")
        if day < m.notice.given:
            raise InvalidDate(f"the replacement ({day.isoformat()}) cannot be agreed before the removal notice "
                              f"({m.notice.given.isoformat()})", cite="Art. 44 §1.e", fix="Check the dates")
        rep = Replacement(m.name, new, day, "strike" if strike else "mutual", m.notice.replacement_due, strike)
        members = self.members + (Member(new, joined=day),)
        return replace(self, members=members, replacements=self.replacements + (rep,)), rep

    def status(self, on: Any) -> list[dict[str, Any]]:
        """One row per member for display: rosters' positions, next in rotation, removal status on a date."""
        day = to_date(on, "date")
        rows = []
        reg, exp = self.roster("regular", day), self.roster("expedited", day)
        nxt = {r: (self.next_arbitrator(r, day) if self.roster(r, day) else None) for r in ROSTERS}
        for m in sorted(self.members, key=lambda x: sort_key(x.name, self.order)):
            state = "on the panel"
            if m.joined is not None and day < m.joined:
                state = f"joins {m.joined.isoformat()}"
            elif m.notice is not None and day >= m.notice.anniversary:
                state = f"removed {m.notice.anniversary.isoformat()} (hears cases assigned before notice)"
            elif m.notice is not None and day >= m.notice.given:
                state = f"removal noticed {m.notice.given.isoformat()}; leaves {m.notice.anniversary.isoformat()}"
            rows.append({"name": m.name, "state": state,
                         "regular": reg.index(m.name) + 1 if m.name in reg else None,
                         "expedited": exp.index(m.name) + 1 if m.name in exp else None,
                         "next_regular": nxt["regular"] == m.name, "next_expedited": nxt["expedited"] == m.name,
                         "cases": len(self.cases_of(m.name))})
        return rows


def _check_roster(roster: str) -> str:
    if roster not in ROSTERS:
        raise InvalidInput(f"unknown roster '{roster}'", cite="Art. 44 §1.a", fix="Use regular or expedited")
    return roster


def make_panel(names: Iterable[str], effective: Any, contract: Contract, *, size: int | None = None) -> Panel:
    """A panel of six arbitrators (§1.a), or another number the parties agreed (`size`)."""
    p = contract.param("arbitration.panel_size")
    size = int(p.value if size is None else size)
    clean = [_clean(n) for n in names]
    if size < 1:
        raise OutOfRange(f"a panel of {size} arbitrators", cite=p.cite, fix="A panel needs at least one arbitrator")
    if any(not n for n in clean):
        raise InvalidInput("an arbitrator's name is empty", cite=p.cite, fix="Give every arbitrator's name")
    if len({n.casefold() for n in clean}) != len(clean):
        raise InvalidInput("the same arbitrator is named twice", cite=p.cite, fix="Give each arbitrator once")
    if len(clean) != size:
        raise OutOfRange(f"{len(clean)} names for a panel of {size}", cite=p.cite,
                         fix=f"Give {size} names, or the number the parties agreed (it may be changed by mutual agreement)")
    order = contract.choice("arbitration.alphabetical_order")
    return Panel(tuple(Member(n) for n in clean), to_date(effective, "effective date"), size, order)


def notice_window(effective: Any, on: Any, contract: Contract) -> tuple[dt.date, Deadline, Deadline]:
    """The next anniversary of the effective date after `on` and the 30-day notice window before it (§1.d):
    (anniversary, opens, closes), counted by lmcore.bargaining.duration (Art. 47 §1)."""
    from ..bargaining.duration import add_years, removal_window

    eff, day = to_date(effective, "effective date"), to_date(on, "date")
    n = max(1, day.year - eff.year)
    while add_years(eff, n, contract) <= day:
        n += 1
    anniv = add_years(eff, n, contract)
    w = removal_window(anniv, contract)
    return anniv, w.opens, w.closes


# -- the alternate-strike procedure (§1.b) --------------------------------------------------------------
@dataclass(frozen=True)
class StrikeStep:
    """One strike: which party struck which name (its least-wanted one left) and the names still standing."""

    number: int
    party: str
    struck: str
    rank: int
    remaining: tuple[str, ...]

    def __str__(self) -> str:
        return (f"Strike {self.number}: the {self.party.capitalize()} strikes {self.struck} (its choice no. {self.rank} "
                f"of those listed); left: {', '.join(self.remaining)}")


@dataclass(frozen=True)
class StrikeResult:
    """The outcome of alternate strikes from an FMCS list of seven: the name left and every step to it."""

    names: tuple[str, ...]
    selected: str
    first: str
    steps: tuple[StrikeStep, ...]
    choice: Choice
    coin: str | None = None
    agreed: str | None = None  # a name both parties rank first: they may simply agree on it (§1.b)

    def explain(self) -> str:
        lines = [f"FMCS list (Art. 44 §1.b): {', '.join(self.names)}."]
        if self.coin:
            lines.append(self.coin)
        lines.append(f"The {self.first.capitalize()} strikes first. Reading used: {self.choice}")
        lines += [str(s) for s in self.steps]
        lines.append(f"Selected: {self.selected} (the one name that remains).")
        if self.agreed:
            lines.append(f"Both parties rank {self.agreed} first: they could simply agree on that name (§1.b).")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"names": list(self.names), "selected": self.selected, "first": self.first, "coin": self.coin,
                "agreed": self.agreed, "interpretation": self.choice.to_dict(), "cite": "Art. 44 §1.b",
                "steps": [{"number": s.number, "party": s.party, "struck": s.struck, "rank": s.rank,
                           "remaining": list(s.remaining)} for s in self.steps]}


def alternate_strikes(names: Sequence[str], union_ranking: Sequence[str], department_ranking: Sequence[str],
                      contract: Contract, *, first: str | None = None, seed: int = 0) -> StrikeResult:
    """Each party in turn strikes the name it wants least until one remains (§1.b); rankings list the most wanted first."""
    list_size = int(contract.value("arbitration.fmcs_list_size"))
    keep = int(contract.value("arbitration.strike_remaining"))
    clean = [_clean(n) for n in names]
    if len(clean) != list_size or len({n.casefold() for n in clean}) != list_size or not all(clean):
        raise InvalidInput(f"the FMCS list must have {list_size} different names, not {len(set(clean))}",
                           cite="Art. 44 §1.b", fix=f"Give the {list_size} names FMCS supplied")
    rank = {p: _ranking(r, clean, p) for p, r in (("union", union_ranking), ("department", department_ranking))}
    if first is not None:
        contract = contract.with_interpretations({"arbitration.first_striker": first})
    how = contract.choice("arbitration.first_striker")
    coin = None
    if how == "coin_toss":
        side = "union" if random.Random(int(seed)).random() < 0.5 else "department"
        coin = f"Coin toss (seed {int(seed)}): the {side.capitalize()} strikes first."
        how = side
    left, party, steps = list(clean), how, []
    while len(left) > keep:
        worst = max(left, key=lambda n: rank[party][n])
        left.remove(worst)
        steps.append(StrikeStep(len(steps) + 1, party, worst, rank[party][worst] + 1, tuple(left)))
        party = "department" if party == "union" else "union"
    tops = {min(clean, key=lambda n: rank[p][n]) for p in PARTIES}
    return StrikeResult(tuple(clean), left[0], how, tuple(steps), contract.used("arbitration.first_striker")[0], coin,
                        tops.pop() if len(tops) == 1 else None)


def _ranking(ranking: Sequence[str], names: list[str], party: str) -> dict[str, int]:
    """A party's full ranking of the list as {name: 0 for the most wanted, ...}, matched without regard to case."""
    by_key = {n.casefold(): n for n in names}
    got = [by_key.get(_clean(r).casefold()) for r in ranking]
    missing = [n for n in names if n not in got]
    unknown = [_clean(r) for r, g in zip(ranking, got) if g is None]
    if unknown or missing or len(got) != len(names):
        what = f"'{unknown[0]}' is not on the list" if unknown else (f"{missing[0]} is missing" if missing else "a name is repeated")
        raise InvalidInput(f"the {party.capitalize()}'s ranking must list each of the {len(names)} names once: {what}",
                           cite="Art. 44 §1.b", fix="Rank all names from most to least wanted")
    return {n: i for i, n in enumerate(got)}  # type: ignore[misc]
