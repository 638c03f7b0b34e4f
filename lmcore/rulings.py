"""Ruling: an answer that is not a due date (yes/no, an amount of leave), with the rule's words and the reasons."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidInput, OutOfRange
from .contract.readings import Choice


@dataclass(frozen=True)
class Ruling:
    """The answer to one question under one rule: `ok` is allowed/met/eligible (None: depends on facts not given)."""

    question: str
    answer: str
    ok: bool | None
    cite: str
    quote: str
    reasons: tuple[str, ...] = ()
    amount: float | None = None
    unit: str | None = None
    flaws: tuple[str, ...] = ()
    interpretations: tuple[Choice, ...] = field(default=())
    dates: tuple[tuple[str, dt.date], ...] = ()

    def date(self, label: str) -> dt.date:
        """One of the dates the finding names ("ends", "latest end"...)."""
        for name, day in self.dates:
            if name == label:
                return day
        raise KeyError(label)

    def explain(self) -> str:
        lines = [f"{self.question} {self.answer} ({self.cite})."]
        lines += [f"- {r}" for r in self.reasons]
        lines.append(f'Rule: "{self.quote}"')
        lines += [f"Flaw in the text: {f}" for f in self.flaws]
        lines += [f"Reading used: {c}" for c in self.interpretations]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"question": self.question, "answer": self.answer, "ok": self.ok, "amount": self.amount, "unit": self.unit,
                "cite": self.cite, "quote": self.quote, "reasons": list(self.reasons),
                "dates": {name: day.isoformat() for name, day in self.dates}, "flaws": list(self.flaws),
                "interpretations": [c.to_dict() for c in self.interpretations], "explanation": self.explain()}


def hours_value(value: Any, what: str, cite: str, *, allow_zero: bool = True) -> float:
    """A number of hours (or days) typed by a user: a finite number, not negative, or a clear cited error."""
    if isinstance(value, bool) or value is None:
        raise InvalidInput(f"the {what} must be a number, not {value!r}", cite=cite, fix=f"Give the {what} as a number, e.g. 8 or 7.5")
    try:
        x = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"the {what} '{value}' is not a number", cite=cite, fix=f"Give the {what} as a number, e.g. 8 or 7.5") from None
    if not math.isfinite(x):
        raise InvalidInput(f"the {what} must be a finite number, not {value!r}", cite=cite, fix="Give an ordinary number")
    if x < 0 or (x == 0 and not allow_zero):
        raise OutOfRange(f"the {what} cannot be {'negative' if x < 0 else 'zero'} ({x:g})", cite=cite,
                         fix=f"Give the {what} as a number {'of zero or more' if allow_zero else 'above zero'}")
    return x


def whole_number(value: Any, what: str, cite: str, *, low: int = 0) -> int:
    """A count typed by a user (people, days, months): a whole number of at least `low`."""
    if isinstance(value, bool):
        raise InvalidInput(f"the {what} must be a whole number, not {value!r}", cite=cite, fix="Give a whole number")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"the {what} '{value}' is not a number", cite=cite, fix="Give a whole number") from None
    if not math.isfinite(x) or x != int(x):
        raise InvalidInput(f"the {what} must be a whole number, not {value!r}", cite=cite, fix="Give a whole number")
    if x < low:
        raise OutOfRange(f"the {what} cannot be less than {low} ({int(x)})", cite=cite, fix=f"Give a whole number of {low} or more")
    return int(x)


__all__ = ["Ruling", "hours_value", "whole_number"]
