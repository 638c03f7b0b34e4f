"""The values a scenario's rule adapter deals in: what a rule can be asked (Ask), the rule's inputs (RuleSpec) and
lmcore's own answer with its explanation (Outcome) — what grading compares against and the slip detector reworks."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.readings import Choice
    from ..deadlines import Deadline


@dataclass(frozen=True)
class Ask:
    """One question a rule answers: its answer type and unit, and whether it needs `of:` (which milestone, which value)."""

    answer_type: str
    words: str
    unit: str | None = None
    needs_of: str | None = None
    of_choices: tuple[str, ...] = ()
    default_choices: dict[str, str] = field(default_factory=dict)

    @property
    def of_hint(self) -> str:
        return f"Name one of: {', '.join(self.of_choices)}" if self.of_choices else f"Name the {self.needs_of}"


@dataclass(frozen=True)
class Alternative:
    """A plausible wrong way to reach an answer, worked out by the rule itself: the slip's kind, its words, its value."""

    kind: str
    words: str
    value: Any


@dataclass(frozen=True)
class Outcome:
    """lmcore's answer to a scenario's question, with the rule's own explanation and what the slip detector needs:
    the Deadline behind a date, the other dates a count could wrongly start from, and question-specific slips."""

    value: Any
    explanation: str
    cite: str
    quote: str | None = None
    readings: tuple[Choice, ...] = ()
    deadline: Deadline | None = None
    starts: tuple[tuple[str, dt.date], ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    words: str = ""  # the explanation as a page shows it (no milestone or reading ids); empty: the same as explanation

    @property
    def page_explanation(self) -> str:
        return self.words or self.explanation


Compute = Callable[[dict[str, Any], str, "str | None", "Contract"], Outcome]


@dataclass(frozen=True)
class RuleSpec:
    """A rule a scenario can name: its inputs (the names the CLI and the case log use), the questions it answers, and
    the adapter that calls the rule engine."""

    name: str
    words: str
    facts: dict[str, str]
    required: tuple[str, ...]
    asks: dict[str, Ask]
    compute: Compute


__all__ = ["Alternative", "Ask", "Compute", "Outcome", "RuleSpec"]
