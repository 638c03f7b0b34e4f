"""Readings of the contract where the text is ambiguous, flawed or silent: named, documented, switchable."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Interpretation:
    """A named question the text leaves open, its default answer, the alternatives and why."""

    id: str
    question: str
    default: str
    options: dict[str, str]
    rationale: str
    cite: str
    law: str | None = None
    label: str = ""  # the reading's name in words (pages show it; the id stays in JSON and the CLI)

    def describe(self, choice: str) -> str:
        return self.options[choice]


@dataclass(frozen=True)
class Choice:
    """The answer a result relied on: which interpretation, which option, in words."""

    id: str
    choice: str
    description: str
    is_default: bool
    cite: str
    label: str = ""  # the interpretation's label in words

    def __str__(self) -> str:
        flag = "default" if self.is_default else "switched from the default"
        return f"{self.id} = {self.choice} ({flag}): {self.description} [{self.cite}]"

    def words(self) -> str:
        """The reading for a page, without program ids: its label, what it says and whether it is the default."""
        flag = "the default reading" if self.is_default else "switched from the default reading"
        return f"{self.label or 'Reading of the text'} ({self.cite}, {flag}): {self.description}"

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "choice": self.choice,
            "description": self.description,
            "default": self.is_default,
            "cite": self.cite,
            "label": self.label,
        }


@dataclass(frozen=True)
class Flaw:
    """A known flaw of the printed text (a wrong cross-reference, a broken sentence), and how lmcore reads it."""

    id: str
    cite: str
    title: str
    description: str
    reading: str
    quote: str | None = None
    also: tuple[str, ...] = ()

    @property
    def cites(self) -> tuple[str, ...]:
        return (self.cite, *self.also)

    def __str__(self) -> str:
        return f"Flaw in the text at {', '.join(self.cites)}: {self.description} lmcore's reading: {self.reading}"
