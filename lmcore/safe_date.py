"""The safe date (issue 16): a deadline under every reading of the text it depends on, and the one date that is on
time whichever reading an arbitrator takes — the earliest for a party's own act, the latest for the other party's."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .deadlines import fmt_day
from .errors import LmcoreError

# A deadline that depends on more readings than this says so instead of enumerating their combinations: each
# combination re-runs the rule (a grievance's whole walk), 5 two-option readings are already 32 runs, and a steward
# cannot weigh a longer list of "under this reading…" dates in a meeting anyway.
MAX_READINGS = 5

OWN, OTHER = "own", "other"  # whose act the deadline is: ours (earliest is safe) or the other party's (latest is safe)

NO_READING = "No reading changes this date."

Combo = tuple[tuple[str, str], ...]


def side_of(actor_side: str) -> str:
    """OWN for the grievance's filer side (filing, appeal, invocation, a notice either party gives), else OTHER (a
    decision due, a meeting the responder holds, the end of a period)."""
    return OWN if actor_side in ("filer", "either", OWN) else OTHER


@dataclass(frozen=True)
class Outcome:
    """The due date under one combination of the readings a deadline depends on."""

    choices: Combo
    due: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        return {"choices": dict(self.choices), "due": self.due.isoformat() if self.due else None}


@dataclass(frozen=True)
class SafeDate:
    """A deadline's date under the readings in use (`due`), under each combination of the readings it depends on
    (`outcomes`), and the safe date among them with the combination that gives it."""

    due: dt.date | None
    side: str
    readings: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    safe_due: dt.date | None
    safe_choices: Combo = ()
    too_many: bool = False
    words: str = NO_READING

    @property
    def differs(self) -> bool:
        """True when the safe date is not the date under the readings in use."""
        return self.safe_due != self.due

    @property
    def agree(self) -> bool:
        """True when every reading gives the same date."""
        return not self.too_many and len({o.due for o in self.outcomes}) <= 1

    def to_dict(self) -> dict[str, Any]:
        return {"safe_due": self.safe_due.isoformat() if self.safe_due else None,
                "safe_reading": None if self.agree else dict(self.safe_choices),
                "safe_words": self.words, "safe_side": self.side, "safe_depends_on": list(self.readings),
                "safe_too_many": self.too_many, "by_reading": [o.to_dict() for o in self.outcomes]}


Answer = Callable[[Any], tuple[Mapping[str, "dt.date | None"], Iterable[str]]]


class Survey:
    """Runs one rule under combinations of readings, each combination once: `answer(contract)` gives the due date of
    every deadline it computes, by name, and the readings it applied (a combination under which the record no longer
    fits the rule gives nothing)."""

    def __init__(self, contract: Any, answer: Answer):
        self.c, self.answer = contract, answer
        self._runs: dict[Combo, tuple[Mapping[str, dt.date | None], tuple[str, ...]] | None] = {}
        self.candidates: list[str] = []
        self.run({})

    def run(self, combo: Mapping[str, str]) -> tuple[Mapping[str, dt.date | None], tuple[str, ...]] | None:
        key = tuple(sorted((k, v) for k, v in combo.items() if self.c.choices.get(k) != v))
        if key not in self._runs:
            other = self.c
            if key:
                other = self.c.with_interpretations(dict(key))
                other._find_deciding = False  # only its dates are compared: no need to explain them
            try:
                dues, used = self.answer(other)
                self._runs[key] = (dict(dues), tuple(used))
            except LmcoreError:
                self._runs[key] = None
            if self._runs[key] is not None:
                self.candidates += [i for i in self._runs[key][1] if i in self.c.interpretations and i not in self.candidates]  # type: ignore[index]
        return self._runs[key]

    def safe(self, name: str, side: str, start: Iterable[str]) -> SafeDate:
        """The safe date of one deadline: its readings (from `start`, closed over combinations: a reading counts when
        switching it under some combination of the others moves this date), their combinations and the safe one."""
        base = self.run({})
        due = base[0].get(name) if base else None
        found = [i for i in dict.fromkeys(start) if i in self.c.interpretations]
        while len(found) <= MAX_READINGS:
            grew = False
            for combo in self._combos(found):
                here = self.run(dict(combo))
                if here is None:
                    continue
                for r in [i for i in self.candidates if i not in found]:
                    if self._moves(dict(combo), r, name, here[0].get(name)):
                        found.append(r)
                        grew = True
                        break
                if grew:
                    break
            if not grew:
                break
        if len(found) > MAX_READINGS:
            words = (f"This date depends on {len(found)} readings of the text, more than the {MAX_READINGS} whose "
                     "combinations are worked out: check it against each reading listed.")
            return SafeDate(due, side, tuple(found), (), due, (), True, words)
        outcomes = []
        for combo in self._combos(found):
            here = self.run(dict(combo))
            if here is not None:
                outcomes.append(Outcome(combo, here[0].get(name)))
        return pick(self.c, due, side, tuple(found), outcomes)

    def _moves(self, combo: dict[str, str], reading: str, name: str, due: dt.date | None) -> bool:
        for option in self.c.interpretations[reading].options:
            if option == combo.get(reading, self.c.choices[reading]):
                continue
            other = self.run({**combo, reading: option})
            if other is not None and other[0].get(name) != due:
                return True
        return False

    def _combos(self, ids: list[str]) -> list[Combo]:
        """Every combination of these readings' options, the one in use first."""
        opts = [sorted(self.c.interpretations[i].options, key=lambda o, i=i: o != self.c.choices[i]) for i in ids]
        return [tuple(zip(ids, combo)) for combo in itertools.product(*opts)]


def pick(contract: Any, due: dt.date | None, side: str, readings: tuple[str, ...], outcomes: list[Outcome]) -> SafeDate:
    """The safe date among the outcomes — the earliest for OWN, the latest for OTHER — and the combination giving it
    (the one in use when it does, else the one that switches fewest readings)."""
    dated = [o for o in outcomes if o.due is not None]
    if not dated or len({o.due for o in outcomes}) <= 1:
        return SafeDate(due, side, readings, tuple(outcomes), due, outcomes[0].choices if outcomes else (), False, NO_READING)
    best = (min if side == OWN else max)(o.due for o in dated)  # type: ignore[type-var]
    giving = [o for o in dated if o.due == best]
    choice = min(giving, key=lambda o: sum(contract.choices[i] != v for i, v in o.choices))
    return SafeDate(due, side, readings, tuple(outcomes), best, choice.choices, False,
                    safe_words(contract, due, best, choice.choices, side))


def safe_words(contract: Any, due: dt.date | None, safe: dt.date | None, combo: Combo, side: str) -> str:
    """'Safe date Fri 2026-12-18 — under the reading "…" the limit is a day earlier.' (the reading in words)."""
    if safe is None or due is None:
        return NO_READING
    if safe == due:
        way = "earliest" if side == OWN else "latest"
        return f"Safe date {fmt_day(safe)} — the readings in use already give the {way} date of all readings."
    switched = [(i, o) for i, o in combo if contract.choices.get(i) != o]
    names = " and ".join(f"'{reading_label(contract, i, o)}'" for i, o in switched)
    days = abs((due - safe).days)
    gap = "a day" if days == 1 else f"{days} days"
    way = "earlier" if safe < due else "later"
    what = "reading" if len(switched) == 1 else "readings"
    return f"Safe date {fmt_day(safe)} — under the {what} {names} the limit is {gap} {way} than {fmt_day(due)}."


def reading_label(contract: Any, reading: str, option: str) -> str:
    """A reading in words: its option's description without the example in brackets at its end."""
    text = contract.interpretations[reading].describe(option).strip()
    return re.sub(r"\s*\([^()]*\)\.?$", "", text).rstrip(".:;")


def for_deadline(contract: Any, key: str, start: Any, *, side: str, amount: int | None = None,
                 calendar: Any = None) -> SafeDate:
    """The safe date of one time limit counted from `start` (`Contract.deadline`), over `Contract.readings_for`."""
    start_ids = contract.readings_for(key, start, amount=amount)
    survey = Survey(contract, lambda c: ({"due": c.deadline(key, start, amount=amount).due}, c.counting_readings(key)))
    return survey.safe("due", side, start_ids)


def of_deadline(contract: Any, d: Any, *, side: str) -> SafeDate:
    """The safe date of a Deadline made from a contract parameter (its rule, start and amount)."""
    if not d.rule or d.rule not in contract.parameters:
        return SafeDate(d.due, side, (), (Outcome((), d.due),), d.due)
    p = contract.param(d.rule)
    amount = None if d.amount == p.signed else d.amount
    return for_deadline(contract, d.rule, d.start, side=side, amount=amount)


# Time limits outside Art. 43–44 where the latest date over the readings is the safe one: the other side's act, or
# the first day of a window (a notice before it is too early). Every other limit is a party's own act: the earliest.
LATEST_IS_SAFE = {
    "flexiplace.decision": "the supervisor decides the request",
    "duration.reopener_notice_earliest": "the window's first day: a notice before it is too early",
}

_DEADLINE_KEYS = {"due", "start", "amount", "unit", "rule", "steps"}
_COUNTED = ("workdays", "calendar_days")


def side_of_rule(rule: str | None) -> str:
    """OTHER for a time limit in LATEST_IS_SAFE (the other side's act, a window's first day), else OWN."""
    return OTHER if rule in LATEST_IS_SAFE else OWN


def of_shown(contract: Any, d: Any, side: str | None = None) -> SafeDate | None:
    """The safe date of a Deadline a page shows, its side from its rule; None when it is no contract time limit counted
    in days (no rule, a session length, an hour notice) or when counting it again from its start does not give the
    date shown (a date built by a rule's own code, e.g. a window's last day): then the page shows the date as it is.
    `side` when the rule's key alone does not say it (one parameter for both edges of a window)."""
    if d is None or not getattr(d, "rule", None) or d.rule not in contract.parameters:
        return None
    if contract.param(d.rule).unit not in _COUNTED:
        return None
    try:
        safe = of_deadline(contract, d, side=side or side_of_rule(d.rule))
    except (LmcoreError, ValueError, TypeError):
        return None
    return safe if safe.due == d.due else None


def annotate(contract: Any, data: Any) -> Any:
    """JSON output with each deadline in it (a `Deadline.to_dict()` of a contract time limit) given its safe date:
    `safe_due`, `safe_reading`, `by_reading` and the rest of `SafeDate.to_dict()` (for the leave, flexiplace,
    bargaining and deadline commands, whose results hold their Deadlines as dictionaries)."""
    if isinstance(data, list):
        return [annotate(contract, x) for x in data]
    if not isinstance(data, dict):
        return data
    out = {k: annotate(contract, v) for k, v in data.items()}
    if _DEADLINE_KEYS <= data.keys() and data.get("rule") in getattr(contract, "parameters", {}) and "safe_due" not in data:
        p = contract.param(data["rule"])
        if p.unit in _COUNTED and data.get("start"):
            try:
                amount = None if data["amount"] == p.signed else int(data["amount"])
                side = side_of_rule(data["rule"])
                out.update(for_deadline(contract, data["rule"], dt.date.fromisoformat(data["start"]), side=side,
                                        amount=amount).to_dict())
            except (LmcoreError, ValueError, TypeError):
                pass  # a deadline the contract cannot count again as given: shown as it is
    return out
