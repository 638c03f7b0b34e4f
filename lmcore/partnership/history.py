"""The history of Federal labor-management partnership as timeline rows: each document by its own title and date,
what it did in the sources' words, and how the date is known (issue 18)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .data import Quote, load


@dataclass(frozen=True)
class Document:
    """One step of the history: an executive order, a memorandum or a deadline, with its quotes and sources."""

    id: str
    title: str
    kind: str
    year: int
    date: dt.date | None
    date_basis: str
    summary: str
    quotes: tuple[Quote, ...]
    cited: tuple[str, ...]  # the titles of the sources quoted

    @property
    def when(self) -> str:
        """'June 21, 2002' for a dated document, '1993' for one known by its year only."""
        return f"{self.date:%B} {self.date.day}, {self.date.year}" if self.date else str(self.year)

    @property
    def x(self) -> float:
        """Position on a time axis in years (mid-year for a document known by its year only)."""
        if self.date is None:
            return self.year + 0.5
        start = dt.date(self.date.year, 1, 1)
        return self.date.year + (self.date - start).days / 365.25

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "kind": self.kind, "year": self.year,
                "date": self.date.isoformat() if self.date else None, "when": self.when, "x": round(self.x, 3),
                "date_basis": self.date_basis, "summary": self.summary, "cited": list(self.cited),
                "quotes": [{"source": q.source, "text": q.text} for q in self.quotes]}


def timeline(folder: Any = None) -> tuple[Document, ...]:
    """The documents in date order: E.O. 12871 (1993), the 1999 memorandum and its April 14, 2000 reports, E.O. 13203
    (2001), OPM's MSG-046a of June 21, 2002, E.O. 13522 (2009)."""
    data = load(folder)
    out = []
    for d in data.model.history:
        quotes = tuple(Quote(q.source, " ".join(q.text.split())) for q in d.quotes)
        cited = tuple(dict.fromkeys(data.sources[q.source].title for q in quotes))
        out.append(Document(d.id, d.title, d.kind, d.date.year if d.date else d.year, d.date, d.date_basis, d.summary,
                            quotes, cited))
    return tuple(sorted(out, key=lambda x: x.x))


def timeline_rows(folder: Any = None) -> list[dict[str, Any]]:
    """Plot-ready rows (x, title, when, kind, summary) for a timeline chart."""
    return [d.to_dict() for d in timeline(folder)]


__all__ = ["Document", "timeline", "timeline_rows"]
