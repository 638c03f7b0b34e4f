"""Deadline: a due date that carries its rule, its citation and the days counted and skipped to reach it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .calendar import Step, WorkdayCalendar
from .contract.readings import Choice

Unit = Literal["workdays", "calendar_days"]


def fmt_day(day: dt.date) -> str:
    """'Thu 2026-12-17': the weekday beside every date so it can be checked on a wall calendar."""
    return day.strftime("%a %Y-%m-%d")


@dataclass(frozen=True)
class Deadline:
    """A due date with the rule behind it and the counting that reaches it, so it can explain itself."""

    due: dt.date
    start: dt.date
    amount: int
    unit: Unit
    steps: tuple[Step, ...]
    cite: str | None = None
    rule: str | None = None
    label: str | None = None
    quote: str | None = None
    roll: str = "none"
    interpretations: tuple[Choice, ...] = field(default=())
    passed: tuple[Step, ...] = ()  # calendar-day limits: day N and the days after (or before) it the roll passed over

    @property
    def direction(self) -> str:
        return "before" if self.amount < 0 else "after"

    @property
    def skipped(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if not s.counted)

    @property
    def counted(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.counted)

    @property
    def depends_on(self) -> tuple[str, ...]:
        """The ids of the readings that decide this date: each, switched alone, would move it (Contract.deadline)."""
        return tuple(c.id for c in self.interpretations)

    @property
    def last_counted(self) -> dt.date:
        """Day N itself, before any roll."""
        return self.steps[-1].day if self.steps else self.start

    def skipped_by_name(self) -> list[tuple[dt.date, str]]:
        """What a steward needs to name in a meeting: for a workday count the holidays and closures skipped (weekends
        left out); for a calendar-day limit every day the roll passed over, day N first."""
        if self.unit == "calendar_days":
            return [(s.day, s.reason or "") for s in self.passed]
        return [(s.day, s.reason or "") for s in self.skipped if s.day.weekday() < 5 or "(" in (s.reason or "")]

    def day_notes(self) -> list[tuple[dt.date, str]]:
        """Counted days worth naming (a half-day closing is a workday, counted like any other)."""
        return [(s.day, s.note) for s in self.steps if s.counted and s.note]

    def explain(self, words: bool = False) -> str:
        """The answer in words: what is due, under which rule, how the days were counted and what was skipped.
        `words`: the form for pages, each reading named by its label instead of its id (CLI and JSON keep the ids)."""
        n, unit = abs(self.amount), "workday" if self.unit == "workdays" else "calendar day"
        unit += "" if n == 1 else "s"
        head = f"{self.label or 'Due'}: {fmt_day(self.due)}"
        if self.cite:
            head += f" ({self.cite})"
        lines = [head + "."]
        lines.append(f"Counted {n} {unit} {self.direction} {fmt_day(self.start)}; that day itself is not counted.")
        if self.unit == "workdays":
            weekends = sum(1 for s in self.skipped if s.day.weekday() >= 5 and "(" not in (s.reason or ""))
            parts = []
            if weekends:
                parts.append(f"{weekends} weekend day{'s' if weekends != 1 else ''}")
            parts += [f"{fmt_day(d)} {reason}" for d, reason in self.skipped_by_name()]
            lines.append("Skipped: " + ("; ".join(parts) if parts else "nothing") + ".")
        else:
            lines.append(self._calendar_day_words())
        lines += [f"Counted as a workday: {fmt_day(d)} {note}." for d, note in self.day_notes()]
        if self.quote:
            lines.append(f'Rule: "{self.quote}"')
        for choice in self.interpretations:
            lines.append(f"Reading used: {choice.words() if words else choice}")
        return "\n".join(lines)

    def _calendar_day_words(self) -> str:
        """Day N named, and when it is not a workday, where the reading moves the date and every day passed over."""
        n, last = abs(self.amount), self.last_counted
        reason = self.steps[-1].reason if self.steps else None
        if not self.passed:
            if reason is None:
                return f"Day {n} is {fmt_day(last)}, a workday; weekends and holidays in between count."
            return f"Day {n} is {fmt_day(last)}, not a workday ({reason}); the date stays: the limit is not moved."
        first, rest = self.passed[0], self.passed[1:]
        way = "back" if self.due < last else "forward"
        text = f"Day {n} is {fmt_day(last)}, not a workday ({first.reason})"
        if rest:
            names = [f"{fmt_day(s.day)} ({s.reason})" for s in rest]
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            text += f"; moving {way}, {joined} {'is' if len(rest) == 1 else 'are'} passed over too"
        else:
            text += f"; moving {way}"
        return text + f" → {fmt_day(self.due)}."

    def to_dict(self) -> dict[str, object]:
        return {
            "due": self.due.isoformat(),
            "start": self.start.isoformat(),
            "amount": self.amount,
            "unit": self.unit,
            "cite": self.cite,
            "rule": self.rule,
            "label": self.label,
            "quote": self.quote,
            "roll": self.roll,
            "steps": [
                {"date": s.day.isoformat(), "counted": s.counted, "number": s.number, "reason": s.reason, "note": s.note}
                for s in self.steps
            ],
            "skipped": [{"date": d.isoformat(), "reason": r} for d, r in self.skipped_by_name()],
            "notes": [{"date": d.isoformat(), "note": note} for d, note in self.day_notes()],
            "depends_on": list(self.depends_on),
            "interpretations": [c.to_dict() for c in self.interpretations],
            "explanation": self.explain(),
        }


def count_workdays(
    calendar: WorkdayCalendar,
    start: dt.date,
    amount: int,
    *,
    nonworkday_start: str = "next_workday_is_day_1",
    **details: object,
) -> Deadline:
    """A Deadline `amount` workdays after start (before it when negative), with every day explained."""
    due = calendar.add_workdays(start, amount, nonworkday_start=nonworkday_start)  # type: ignore[arg-type]
    steps = calendar.explain(start, due)
    return Deadline(due=due, start=start, amount=amount, unit="workdays", steps=steps, **details)  # type: ignore[arg-type]


def count_calendar_days(
    calendar: WorkdayCalendar, start: dt.date, amount: int, *, roll: str = "none", **details: object
) -> Deadline:
    """A Deadline `amount` calendar days after start, moved by `roll` if it lands on a non-workday."""
    plain = calendar.add_calendar_days(start, amount)
    due = calendar.add_calendar_days(start, amount, roll=roll)  # type: ignore[arg-type]
    steps = calendar.explain(start, plain, counting="calendar_days")
    passed = calendar.passed_over(plain, due)
    return Deadline(
        due=due, start=start, amount=amount, unit="calendar_days", steps=steps, roll=roll, passed=passed,
        **details,  # type: ignore[arg-type]
    )
