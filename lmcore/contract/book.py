"""Contract: one bargaining unit's rule book — parameters, text and readings — that counts its deadlines."""
from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..calendar import WorkdayCalendar, to_date
from ..deadlines import Deadline, count_calendar_days, count_workdays
from ..errors import InvalidInput, OutOfRange
from .citations import Cite
from .readings import Choice, Flaw, Interpretation
from .text import ContractText, SearchHit, Section

# Calendar-wide readings, and the counting readings every workday deadline relies on.
CALENDAR_READINGS = ("calendar.inauguration_day", "calendar.executive_order_closures")


COUNT_AFTER = "count.event_on_nonworkday"


COUNT_BEFORE = "count.days_before_event"


@dataclass(frozen=True)
class Parameter:
    """A number the contract states, with its unit, citation and the words it comes from."""

    key: str
    value: Any
    unit: str
    cite: str
    quote: str
    label: str
    direction: str = "after"
    note: str | None = None
    interpretation: str | None = None
    law: str | None = None
    informational: str | None = None

    @property
    def signed(self) -> int:
        """The count with its direction: negative for "N workdays before"."""
        return -int(self.value) if self.direction == "before" else int(self.value)


class Contract:
    """The rule book: look up parameters and text, count deadlines, switch interpretations."""

    def __init__(self, folder: Path, info: Any, text: ContractText, parameters: dict[str, Parameter],
                 interpretations: dict[str, Interpretation], flaws: dict[str, Flaw]):
        self.folder = folder
        self.id: str = info.id
        self.title: str = info.title
        self.source: str = info.source
        self.text = text
        self.parameters = parameters
        self.interpretations = interpretations
        self.flaws = flaws
        self.choices: dict[str, str] = {k: i.default for k, i in interpretations.items()}
        self.closures: dict[dt.date, str] = {}

    # -- parameters and text ------------------------------------------------------------------
    def param(self, key: str) -> Parameter:
        try:
            return self.parameters[key]
        except KeyError:
            group = key.split(".")[0]
            near = [k for k in self.parameters if k.startswith(group + ".")] or sorted({k.split(".")[0] for k in self.parameters})
            raise InvalidInput(f"the contract has no parameter '{key}'", fix=f"Known keys include: {', '.join(near[:12])}") from None

    def value(self, key: str) -> Any:
        return self.param(key).value

    def section(self, cite: str | Cite) -> Section:
        """The text of one part of the contract: contract.section("Art. 43 §7.a(1)")."""
        return self.text.section(cite)

    def search(self, query: str, limit: int | None = None) -> list[SearchHit]:
        """Parts of the contract that mention the words, with their citations."""
        return self.text.search(query, limit)

    def cite(self, text: str | Cite) -> Cite:
        """Parse a citation and check that it exists in this contract."""
        c = Cite.parse(text)
        self.text.section(c)
        return c

    def flaws_for(self, cite: str | Cite) -> list[Flaw]:
        """Known flaws of the text at or under this citation (or the ones that contain it)."""
        c = Cite.parse(cite)
        return [f for f in self.flaws.values() if any(_related(c, Cite.parse(x)) for x in f.cites)]

    # -- interpretations -----------------------------------------------------------------------
    def choice(self, interpretation_id: str) -> str:
        if interpretation_id not in self.choices:
            raise InvalidInput(f"no interpretation named '{interpretation_id}'", fix=f"Known: {', '.join(sorted(self.choices))}")
        return self.choices[interpretation_id]

    def used(self, *ids: str) -> tuple[Choice, ...]:
        """The Choice records for interpretations a result relied on."""
        out = []
        for i in ids:
            interp = self.interpretations[i]
            ch = self.choice(i)
            out.append(Choice(i, ch, interp.describe(ch), ch == interp.default, interp.cite))
        return tuple(out)

    def with_interpretations(self, choices: Mapping[str, str] | None = None, **more: str) -> Contract:
        """A copy with some interpretations switched: contract.with_interpretations({"count.event_on_nonworkday": ...})."""
        new = self._copy()
        for key, ch in {**(choices or {}), **more}.items():
            interp = self.interpretations.get(key)
            if interp is None:
                raise InvalidInput(f"no interpretation named '{key}'", fix=f"Known: {', '.join(sorted(self.interpretations))}")
            if ch not in interp.options:
                raise InvalidInput(f"'{ch}' is not an option of {key}", cite=interp.cite, fix=f"Choose one of: {', '.join(interp.options)}")
            new.choices[key] = ch
        return new

    def with_closures(self, closures: Mapping[Any, str]) -> Contract:
        """A copy whose calendar also skips these office closures ({date: "Weather closure"})."""
        new = self._copy()
        new.closures = {**self.closures, **{to_date(d, "closure date"): n for d, n in closures.items()}}
        return new

    def _copy(self) -> Contract:
        new = copy.copy(self)
        new.choices = dict(self.choices)
        new.__dict__.pop("calendar", None)
        return new

    @cached_property
    def calendar(self) -> WorkdayCalendar:
        """The workday calendar under the current calendar interpretations and closures."""
        return _base_calendar(
            self.choices.get("calendar.inauguration_day") == "include",
            self.choices.get("calendar.executive_order_closures", "include") == "include",
        ).with_closures(self.closures)

    # -- deadlines -----------------------------------------------------------------------------
    def deadline(self, key: str, start: Any, *, amount: int | None = None, label: str | None = None,
                 calendar: WorkdayCalendar | None = None) -> Deadline:
        """The deadline a time-limit parameter sets from `start`: contract.deadline("grievance.step1_filing", start=...)."""
        p = self.param(key)
        if p.unit not in ("workdays", "calendar_days"):
            raise InvalidInput(f"'{key}' is in {p.unit}, not a time limit in days", cite=p.cite, fix="Use a workdays or calendar_days parameter")
        cal = calendar or self.calendar
        start = to_date(start, "start date")
        n = p.signed if amount is None else amount
        if amount is not None and amount < 0 and p.direction == "after":
            raise OutOfRange(f"an extended limit cannot be negative ({amount})", cite=p.cite, fix="Give the number of days agreed")
        details: dict[str, Any] = dict(cite=p.cite, rule=key, label=label or p.label, quote=p.quote)
        if p.unit == "workdays":
            reading = COUNT_BEFORE if n < 0 else COUNT_AFTER
            d = count_workdays(cal, start, self._before_shift(n), nonworkday_start=self._nonworkday_start(), **details)
            ids = [i for i in (reading,) if i in self.interpretations]
        else:
            roll = self.choices[p.interpretation] if p.interpretation else "none"
            d = count_calendar_days(cal, start, n, roll=roll, **details)
            ids = [p.interpretation] if p.interpretation else []
        ids += self._calendar_readings(cal, d)
        return _with_choices(d, self.used(*ids))

    def deadlines(self, key: str, starts: Any) -> Any:
        """Bulk form of deadline(): due dates only, for an array or Series of start dates (vectorised)."""
        p = self.param(key)
        if p.unit == "workdays":
            n = self._before_shift(p.signed)
            return self.calendar.add_workdays(starts, n, nonworkday_start=self._nonworkday_start())  # type: ignore[arg-type]
        if p.unit == "calendar_days":
            roll = self.choices[p.interpretation] if p.interpretation else "none"
            return self.calendar.add_calendar_days(starts, p.signed, roll=roll)  # type: ignore[arg-type]
        raise InvalidInput(f"'{key}' is in {p.unit}, not a time limit in days", cite=p.cite)

    def _before_shift(self, n: int) -> int:
        """Under the "full workdays between" reading, N workdays before an event is one workday earlier."""
        return n - 1 if n < 0 and self.choices.get(COUNT_BEFORE) == "full_workdays_between" else n

    def _nonworkday_start(self) -> str:
        return self.choices.get(COUNT_AFTER, "next_workday_is_day_1")

    def _calendar_readings(self, cal: WorkdayCalendar, d: Deadline) -> list[str]:
        days = {s.day for s in d.steps} | {d.due}
        ids = []
        if days & cal.executive_order_days and "calendar.executive_order_closures" in self.interpretations:
            ids.append("calendar.executive_order_closures")
        # Inauguration Day: January 20 (21 when the 20th is a Sunday) of the year after a presidential election
        inaug = {dt.date(y, 1, d) for y in {x.year for x in days} if y % 4 == 1 for d in (20, 21)}
        if days & inaug and "calendar.inauguration_day" in self.interpretations:
            ids.append("calendar.inauguration_day")
        return ids


def _related(a: Cite, b: Cite) -> bool:
    """True when one citation contains the other (same article, one path a prefix of the other)."""
    n = min(len(a.path), len(b.path))
    return a.article == b.article and a.path[:n] == b.path[:n]


def _with_choices(d: Deadline, choices: tuple[Choice, ...]) -> Deadline:
    from dataclasses import replace

    return replace(d, interpretations=choices)


_CALENDARS: dict[tuple[bool, bool], WorkdayCalendar] = {}


def _base_calendar(inauguration: bool, executive_orders: bool) -> WorkdayCalendar:
    """Calendars are costly to build (holiday tables for every year): share one per setting."""
    key = (inauguration, executive_orders)
    if key not in _CALENDARS:
        _CALENDARS[key] = WorkdayCalendar(inauguration_day=inauguration, executive_order_closures=executive_orders)
    return _CALENDARS[key]
