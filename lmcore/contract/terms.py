"""The words stewards use for the contract's own terms ("telework" for Flexiplace, "comp time" for compensatory
time) and the acronyms it spells out: from the contract folder's words.yaml, so a search finds the contract's
words for everyday ones and a page spells an acronym out on first use."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A term as the contract prints it, where it stands, and the other names people use for it."""

    id: str
    term: str
    cite: str
    also_called: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        return (self.term, *self.also_called)

    def words(self) -> str:
        """'Flexiplace (Art. 10 §1), also called telework, teleworking, …'."""
        return f"{self.term} ({self.cite}), also called {', '.join(self.also_called)}"


def normal(text: str) -> str:
    """Lower case, single spaces: how searches and names are compared."""
    return " ".join(str(text).split()).lower()


def matching_terms(terms: dict[str, Term], query: str) -> list[Term]:
    """The terms a search names: the query holds one of a term's names (its own word or another name) as whole
    words ("AWOL charge" names AWOL, "telework request" names Flexiplace)."""
    q = f" {' '.join(re.sub(r'[^a-z0-9-]+', ' ', normal(query)).split())} "
    return [t for t in terms.values() if any(f" {normal(n)} " in q for n in t.names())]
