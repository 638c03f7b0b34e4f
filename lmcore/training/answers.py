"""Reading an answer (a trainee's, or the trainer's `expected:`) by its type — date, number, yes/no, choice —
comparing two answers, and writing one back in words. An answer that cannot be read is an AnswerError, never a guess."""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ..errors import InvalidInput

# A number with an optional $, thousands commas and a unit word after it: "$1,375.00", "7.5 hours", "-2".
_NUMBER = re.compile(r"^\s*\$?\s*([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+)\s*(?:[a-z%$ ]*)\s*$", re.I)
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
YES, NO = ("yes", "y", "true", "grievable", "required"), ("no", "n", "false", "not grievable", "not required")
TOLERANCE = 0.005  # half a cent, or well under a minute of hours: numbers are compared to the hundredth


class AnswerError(InvalidInput):
    """An answer that cannot be read as the question's type (a date that is not a date, a choice not offered)."""


def parse_answer(text: Any, answer_type: str, choices: dict[str, str] | None = None) -> Any:
    """A trainee's typed answer as a value of the question's type: date, float, bool or a choice id."""
    if isinstance(text, bool) and answer_type == "yes/no":
        return text
    raw = str(text if text is not None else "").strip()
    if not raw:
        raise AnswerError("the answer is empty", fix=_how(answer_type, choices))
    if answer_type == "date":
        return _date(raw)
    if answer_type == "number":
        m = _NUMBER.match(raw)
        if not m:
            raise AnswerError(f"'{raw}' is not a number", fix=_how(answer_type, choices))
        x = float(m.group(1).replace(",", ""))
        if not math.isfinite(x):
            raise AnswerError(f"'{raw}' is not an ordinary number", fix=_how(answer_type, choices))
        return x
    if answer_type == "yes/no":
        low = " ".join(raw.lower().rstrip(".!").split())
        if low in YES:
            return True
        if low in NO:
            return False
        raise AnswerError(f"'{raw}' is not yes or no", fix=_how(answer_type, choices))
    if answer_type == "choice":
        return _choice(raw, choices or {})
    raise AnswerError(f"unknown answer type '{answer_type}'", fix="Use date, number, yes/no or choice")


def parse_expected(value: Any, answer_type: str, choices: dict[str, str]) -> Any:
    """The trainer's `expected:` as a value (YAML already gives dates, numbers and yes/no as such)."""
    if answer_type == "date" and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if answer_type == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if answer_type == "yes/no" and isinstance(value, bool):
        return value
    if answer_type == "choice" and str(value) not in choices:
        raise AnswerError(f"'{value}' is not one of the choices", fix=f"Give one of: {', '.join(choices)}")
    return parse_answer(value, answer_type, choices)


def same(a: Any, b: Any, answer_type: str) -> bool:
    """Two answers of one type agree (numbers to the hundredth)."""
    if a is None or b is None:
        return a is b
    if answer_type == "number":
        return abs(float(a) - float(b)) < TOLERANCE
    return a == b


def words(value: Any, answer_type: str, choices: dict[str, str] | None = None, unit: str | None = None) -> str:
    """An answer as a person reads it: 'Thu 2026-12-17', '$1,375.00', '7.00 hours', 'yes', the choice's words."""
    if value is None:
        return "no date (none applies)" if answer_type == "date" else "none"
    if answer_type == "date":
        return value.strftime("%a %Y-%m-%d")
    if answer_type == "number":
        if unit == "usd":
            return f"{'-' if value < 0 else ''}${abs(value):,.2f}"
        return f"{value:,.2f}" + (f" {unit}" if unit else "")
    if answer_type == "yes/no":
        return "yes" if value else "no"
    return (choices or {}).get(value) or str(value)  # the choice's words (JSON, `plain`, keeps its id)


def plain(value: Any, answer_type: str) -> Any:
    """An answer as JSON: ISO date, number, 'yes'/'no', choice id."""
    if value is None:
        return None
    if answer_type == "date":
        return value.isoformat()
    if answer_type == "number":
        return round(float(value), 2)
    if answer_type == "yes/no":
        return "yes" if value else "no"
    return value


def _date(raw: str) -> dt.date:
    text = _WEEKDAY.sub("", raw.strip())
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    if re.match(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$", text):
        raise AnswerError(f"'{raw}' could be read two ways (month/day or day/month)", fix="Write the date as YYYY-MM-DD, e.g. 2026-12-17")
    raise AnswerError(f"'{raw}' is not a real calendar date", fix="Write the date as YYYY-MM-DD, e.g. 2026-12-17")


def _choice(raw: str, choices: dict[str, str]) -> str:
    low = raw.lower().strip()
    for key, label in choices.items():
        if low in (key.lower(), label.lower()):
            return key
    if re.fullmatch(r"[0-9]+", low) and 1 <= int(low) <= len(choices):  # (isdigit() also takes '²', which int() refuses)
        return list(choices)[int(low) - 1]
    raise AnswerError(f"'{raw}' is not one of the choices", fix="Answer with one of: " + ", ".join(choices)
                      + " (or its number in the list)")


def _how(answer_type: str, choices: dict[str, str] | None) -> str:
    return {"date": "Write the date as YYYY-MM-DD, e.g. 2026-12-17", "number": "Give a number, e.g. 7.5 or 1375.00",
            "yes/no": "Answer yes or no",
            "choice": "Answer with one of: " + ", ".join(choices or {})}.get(answer_type, "Give an answer")


__all__ = ["AnswerError", "TOLERANCE", "parse_answer", "parse_expected", "plain", "same", "words"]
