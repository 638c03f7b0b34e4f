"""Contract: one bargaining unit's rule book — parameters, text and readings — that counts its deadlines."""
from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..calendar import WorkdayCalendar, to_date
from ..deadlines import Deadline, count_calendar_days, count_workdays
from ..errors import InvalidInput, OutOfRange
from .citations import Cite
from .readings import Choice, Flaw, Interpretation
from .terms import Term, matching_terms
from .text import ContractText, SearchHit, Section

# Calendar-wide readings, and the counting readings every workday deadline relies on.
CALENDAR_READINGS = ("calendar.inauguration_day", "calendar.executive_order_closures")


COUNT_AFTER = "count.event_on_nonworkday"


COUNT_BEFORE = "count.days_before_event"


_MISSING = object()


_UNIT_WORDS = {"workdays": "workday", "calendar_days": "calendar day", "days": "day", "months": "month",
               "years": "year", "hours": "hour", "minutes": "minute", "pay_periods": "pay period"}


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
        self.short_name: str = info.short_name  # "Department of Labor – AFGE Local 12": report titles, calendar names
        self.union: str = info.union  # "Local 12", as the text names the union party
        self.source: str = info.source
        self.text = text
        self.parameters = parameters
        self.interpretations = interpretations
        self.flaws = flaws
        self.choices: dict[str, str] = {k: i.default for k, i in interpretations.items()}
        self.closures: dict[dt.date, str] = {}
        self._flaws_at: dict[str, list[Flaw]] = {}  # flaws_for() by citation (shared by copies: flaws never change)
        self.terms: dict[str, Term] = {}  # words.yaml: the other names of the contract's terms (set by the loader)
        self.acronyms: dict[str, str] = {}  # words.yaml: acronym → the words the contract spells it out with
        self._find_deciding = True

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

    def amount(self, key: str) -> str:
        """A parameter in words for a message: "10 workdays", "3 months", "90 calendar days", "1" (a count)."""
        p = self.param(key)
        n = int(p.value) if float(p.value).is_integer() else p.value
        word = _UNIT_WORDS.get(p.unit)
        return str(n) if word is None else f"{n} {word}{'' if n == 1 else 's'}"

    def section(self, cite: str | Cite) -> Section:
        """The text of one part of the contract: contract.section("Art. 43 §7.a(1)")."""
        return self.text.section(cite)

    def search(self, query: str, limit: int | None = None) -> list[SearchHit]:
        """Parts of the contract that mention the words, with their citations. A query naming a term by one of its
        names in words.yaml ("telework") also finds the parts that print any of its names ("Flexiplace")."""
        meant = self.also_called(query)
        if not meant:
            return self.text.search(query, limit)
        self.text.search(query, limit)  # the same check of `limit` as a plain search
        hits = self.text.search_any([query, *(n for t in meant for n in t.names())])
        return hits[:limit] if limit else hits

    def also_called(self, query: str) -> list[Term]:
        """The terms a search names by one of their names (the contract's own word or another name, as whole words)."""
        return matching_terms(self.terms, query)

    def spell_out(self, acronym: str) -> str:
        """An acronym for its first use on a page: "Office of Employee and Labor-Management Relations (OELMR)"."""
        words = self.acronyms.get(acronym)
        return f"{words} ({acronym})" if words else acronym

    def cite(self, text: str | Cite) -> Cite:
        """Parse a citation and check that it exists in this contract."""
        c = Cite.parse(text)
        self.text.section(c)
        return c

    def flaws_for(self, cite: str | Cite) -> list[Flaw]:
        """Known flaws of the text at or under this citation (or the ones that contain it)."""
        key = str(cite)
        if key not in self._flaws_at:
            c = Cite.parse(cite)
            self._flaws_at[key] = [f for f in self.flaws.values() if any(_related(c, Cite.parse(x)) for x in f.cites)]
        return list(self._flaws_at[key])

    # -- interpretations -----------------------------------------------------------------------
    def choice(self, interpretation_id: str) -> str:
        if interpretation_id not in self.choices:
            raise InvalidInput(f"no interpretation named '{interpretation_id}'", fix=f"Known: {', '.join(sorted(self.choices))}")
        return self.choices[interpretation_id]

    def reading_words(self, interpretation_id: str, choice: str | None = None) -> str:
        """A reading named for a page, by its label (no program id), with one option's words when `choice` is given."""
        interp = self.interpretations[interpretation_id]
        named = f"the reading “{interp.label or interp.question}”"
        return named if choice is None else f"{named} ({interp.describe(choice)})"

    def used(self, *ids: str, cite: str | None = None) -> tuple[Choice, ...]:
        """The Choice records for interpretations a result relied on; `cite` names the rule they were used for
        (default: the section the interpretation itself cites)."""
        out = []
        for i in ids:
            interp = self.interpretations[i]
            ch = self.choice(i)
            out.append(Choice(i, ch, interp.describe(ch), ch == interp.default, cite or interp.cite, interp.label))
        return tuple(out)

    def deciding(self, answer: Callable[[Contract], Mapping[str, Any]], ids: Iterable[str],
                 base: Mapping[str, Any] | None = None) -> dict[str, tuple[str, ...]]:
        """Which of these readings decide each part of an answer: `answer(contract)` gives {name: value} (`base`: its
        value here, if known); a reading decides a part when switching it alone, to any other option, changes it."""
        base = answer(self) if base is None else base
        found: dict[str, list[str]] = {name: [] for name in base}
        for i in dict.fromkeys(ids):
            interp = self.interpretations.get(i)
            if interp is None:
                continue
            for option in interp.options:
                if option == self.choices[i]:
                    continue
                other = self.with_interpretations({i: option})
                other._find_deciding = False  # only its values are compared: no need to explain them again
                other = answer(other)
                for name, value in base.items():
                    if other.get(name, _MISSING) != value and i not in found[name]:
                        found[name].append(i)
        return {name: tuple(v) for name, v in found.items()}

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
        return _variant_calendar(self.choices, self.closures)

    # -- deadlines -----------------------------------------------------------------------------
    def deadline(self, key: str, start: Any, *, amount: int | None = None, label: str | None = None,
                 calendar: WorkdayCalendar | None = None) -> Deadline:
        """The deadline a time-limit parameter sets from `start`: contract.deadline("grievance.step1_filing", start=...).

        Its `interpretations` are exactly the readings that decide the date (`depends_on`): the counting, rolling and
        calendar readings each of which, switched alone, would move it; each cites the rule it was used for."""
        p = self.param(key)
        if p.unit not in ("workdays", "calendar_days"):
            raise InvalidInput(f"'{key}' is in {p.unit}, not a time limit in days", cite=p.cite, fix="Use a workdays or calendar_days parameter")
        start = to_date(start, "start date")
        n = p.signed if amount is None else amount
        if amount is not None and amount < 0 and p.direction == "after":
            raise OutOfRange(f"an extended limit cannot be negative ({amount})", cite=p.cite, fix="Give the number of days agreed")
        details: dict[str, Any] = dict(cite=p.cite, rule=key, label=label or p.label, quote=p.quote)
        return self._deadline(p, start, n, details, calendar)

    def count(self, start: Any, amount: int, *, unit: str = "workdays", roll: str = "none") -> Deadline:
        """A plain count not tied to a rule (`lmcore deadline START --workdays N`), with the readings that decide it."""
        if unit not in ("workdays", "calendar_days"):
            raise InvalidInput(f"unknown unit '{unit}'", fix="Count workdays or calendar_days")
        p = Parameter(key="", value=abs(int(amount)), unit=unit, cite="", quote="", label="Due",
                      direction="before" if amount < 0 else "after")
        return self._deadline(p, to_date(start, "start date"), int(amount), {}, None, roll=roll)

    def _deadline(self, p: Parameter, start: dt.date, n: int, details: dict[str, Any],
                  calendar: WorkdayCalendar | None, roll: str | None = None) -> Deadline:
        cal = calendar or self.calendar
        if p.unit == "workdays":
            d = count_workdays(cal, start, _before_shift(n, self.choices), nonworkday_start=_nonworkday_start(self.choices),
                               **details)
        else:
            d = count_calendar_days(cal, start, n, roll=roll or self._roll(p, self.choices), **details)
        ids = self._candidates(p, n)
        if calendar is None and self._find_deciding:
            ids = [i for i in ids if self._moves(p, start, n, d.due, i, roll)]
        return _with_choices(d, self.used(*ids, cite=p.cite or None))

    def readings_for(self, key: str, start: Any, *, amount: int | None = None) -> tuple[str, ...]:
        """Every reading that can decide this deadline, alone or together with others (closed over their combinations):
        the readings a "safe date" has to range over."""
        found = list(self.deadline(key, start, amount=amount).depends_on)
        seen: set[tuple[tuple[str, str], ...]] = set()
        while True:
            combos = [()]
            for i in found:
                combos = [c + ((i, o),) for c in combos for o in self.interpretations[i].options]
            fresh = [c for c in combos if c not in seen]
            if not fresh:
                return tuple(found)
            for combo in fresh:
                seen.add(combo)
                for i in self.with_interpretations(dict(combo)).deadline(key, start, amount=amount).depends_on:
                    if i not in found:
                        found.append(i)

    def counting_readings(self, key: str) -> tuple[str, ...]:
        """The readings that can take part in counting this time limit (how to count, how to roll, which days are off)."""
        p = self.param(key)
        return tuple(self._candidates(p, p.signed))

    def _candidates(self, p: Parameter, n: int) -> list[str]:
        """The readings that take part in counting this parameter: how to count, how to roll, which days are off."""
        own = (COUNT_BEFORE if n < 0 else COUNT_AFTER) if p.unit == "workdays" else p.interpretation
        return [i for i in (own, *CALENDAR_READINGS) if i and i in self.interpretations]

    def _moves(self, p: Parameter, start: dt.date, n: int, due: dt.date, reading: str, roll: str | None = None) -> bool:
        """True when another option of `reading`, all else kept, gives another due date."""
        for option in self.interpretations[reading].options:
            if option == self.choices[reading]:
                continue
            choices = {**self.choices, reading: option}
            cal = _variant_calendar(choices, self.closures)
            if p.unit == "workdays":
                other = cal.add_workdays(start, _before_shift(n, choices), nonworkday_start=_nonworkday_start(choices))
            else:
                other = cal.add_calendar_days(start, n, roll=roll or self._roll(p, choices))
            if other != due:
                return True
        return False

    @staticmethod
    def _roll(p: Parameter, choices: Mapping[str, str]) -> Any:
        return choices[p.interpretation] if p.interpretation else "none"

    def deadlines(self, key: str, starts: Any) -> Any:
        """Bulk form of deadline(): due dates only, for an array or Series of start dates (vectorised)."""
        p = self.param(key)
        if p.unit == "workdays":
            n = _before_shift(p.signed, self.choices)
            return self.calendar.add_workdays(starts, n, nonworkday_start=_nonworkday_start(self.choices))  # type: ignore[arg-type]
        if p.unit == "calendar_days":
            return self.calendar.add_calendar_days(starts, p.signed, roll=self._roll(p, self.choices))
        raise InvalidInput(f"'{key}' is in {p.unit}, not a time limit in days", cite=p.cite)

    def _before_shift(self, n: int) -> int:
        """Under the "full workdays between" reading, N workdays before an event is one workday earlier."""
        return _before_shift(n, self.choices)

    def _nonworkday_start(self) -> str:
        return _nonworkday_start(self.choices)


def _before_shift(n: int, choices: Mapping[str, str]) -> int:
    return n - 1 if n < 0 and choices.get(COUNT_BEFORE) == "full_workdays_between" else n


def _nonworkday_start(choices: Mapping[str, str]) -> Any:
    return choices.get(COUNT_AFTER, "next_workday_is_day_1")


def _related(a: Cite, b: Cite) -> bool:
    """True when one citation contains the other (same article, one path a prefix of the other)."""
    n = min(len(a.path), len(b.path))
    return a.article == b.article and a.path[:n] == b.path[:n]


def _with_choices(d: Deadline, choices: tuple[Choice, ...]) -> Deadline:
    from dataclasses import replace

    return replace(d, interpretations=choices)


_CALENDARS: dict[tuple[bool, bool], WorkdayCalendar] = {}


_WITH_CLOSURES: dict[tuple[bool, bool, tuple[tuple[dt.date, str], ...]], WorkdayCalendar] = {}


def _variant_calendar(choices: Mapping[str, str], closures: Mapping[dt.date, str]) -> WorkdayCalendar:
    """The calendar under these calendar readings and closures (shared: building one costs a holiday table)."""
    inaug = choices.get("calendar.inauguration_day") == "include"
    eo = choices.get("calendar.executive_order_closures", "include") == "include"
    if not closures:
        return _base_calendar(inaug, eo)
    key = (inaug, eo, tuple(sorted(closures.items())))
    if key not in _WITH_CLOSURES:
        if len(_WITH_CLOSURES) > 64:
            _WITH_CLOSURES.clear()
        _WITH_CLOSURES[key] = _base_calendar(inaug, eo).with_closures(closures)
    return _WITH_CLOSURES[key]


def _base_calendar(inauguration: bool, executive_orders: bool) -> WorkdayCalendar:
    """Calendars are costly to build (holiday tables for every year): share one per setting."""
    key = (inauguration, executive_orders)
    if key not in _CALENDARS:
        _CALENDARS[key] = WorkdayCalendar(inauguration_day=inauguration, executive_order_closures=executive_orders)
    return _CALENDARS[key]
