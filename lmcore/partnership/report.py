"""The annual partnership report in the 1999 memorandum's structure: the parties' efforts, then the specific
improvements achieved through partnership in its five categories (customer service, quality, productivity,
efficiency, quality of worklife), prepared with the union's involvement — as sections and a printable page."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..calendar import to_date
from ..errors import InvalidInput
from .data import load


@dataclass(frozen=True)
class ReportEntry:
    """One improvement achieved through partnership: its category, what improved, and optionally the forum it came
    from, when, and how it was measured."""

    category: str
    improvement: str
    forum: str | None = None
    date: dt.date | None = None
    measure: str | None = None

    def __post_init__(self) -> None:
        if not str(self.improvement or "").strip():
            raise InvalidInput("an improvement needs a description", fix="Say what improved as a result of partnership",
                               field="improvement")
        if self.date is not None and not isinstance(self.date, dt.date):
            object.__setattr__(self, "date", to_date(self.date, "date of the improvement"))


@dataclass(frozen=True)
class Section:
    """One part of the report: its title and the entries recorded under it."""

    id: str
    title: str
    entries: tuple[ReportEntry, ...]


@dataclass(frozen=True)
class PartnershipReport:
    """The report's sections in the memorandum's order, the rule it follows, and what is still missing."""

    year: int
    parties: str
    efforts: str
    union_involvement: str
    sections: tuple[Section, ...]
    rule: str
    involvement_rule: str
    source: str
    gaps: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "parties": self.parties, "efforts": self.efforts, "union_involvement": self.union_involvement,
                "rule": self.rule, "source": self.source, "gaps": list(self.gaps),
                "sections": [{"id": s.id, "title": s.title, "entries": [
                    {"category": e.category, "improvement": e.improvement, "forum": e.forum,
                     "date": e.date.isoformat() if e.date else None, "measure": e.measure} for e in s.entries]}
                    for s in self.sections]}

    def to_text(self) -> str:
        lines = [f"Partnership report {self.year} — {self.parties}", f"Structure: {self.source}: \"{self.rule}\"", "",
                 "Efforts: " + (self.efforts or "(not described)"),
                 "Union involvement: " + (self.union_involvement or "(not recorded)")]
        for s in self.sections:
            lines += ["", s.title]
            lines += [f"- {entry_words(e)}" for e in s.entries] or ["- No improvement recorded."]
        if self.gaps:
            lines += ["", "Still missing:"] + [f"- {g}" for g in self.gaps]
        return "\n".join(lines)

    def html(self) -> str:
        """A printable page (the browser's Print → Save as PDF); every typed value is escaped."""
        e = html.escape
        body = [f"<h1>Partnership report {self.year}</h1>", f"<p><b>{e(self.parties)}</b></p>",
                f"<p class=\"rule\">Structure of {e(self.source)}: “{e(self.rule)}”</p>",
                f"<h2>Efforts</h2><p>{e(self.efforts) or '<i>Not described.</i>'}</p>",
                f"<h2>Union involvement</h2><p>{e(self.union_involvement) or '<i>Not recorded.</i>'}</p>"]
        for s in self.sections:
            items = "".join(f"<li>{e(entry_words(x))}</li>" for x in s.entries) or "<li><i>No improvement recorded.</i></li>"
            body.append(f"<h2>{e(s.title)}</h2><ul>{items}</ul>")
        if self.gaps:
            body.append("<div class=\"gaps\"><b>Still missing</b><ul>" + "".join(f"<li>{e(g)}</li>" for g in self.gaps) + "</ul></div>")
        css = ("body{font-family:Georgia,serif;max-width:7.5in;margin:0 auto;line-height:1.45}h1{font-size:1.3em}"
               "h2{font-size:1.05em;margin-top:1.2em}.rule{font-size:.9em}.gaps{border:1px solid #c90;background:#fff8e1;"
               "padding:.4em .8em}@page{size:letter;margin:.75in}")
        return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Partnership report {self.year}</title>"
                f"<style>{css}</style></head><body>{''.join(body)}</body></html>\n")


def categories(folder: Any = None) -> tuple[tuple[str, str], ...]:
    """The five categories of the 1999 memorandum as (id, title), in its order."""
    return tuple((c.id, c.title) for c in load(folder).model.report.categories)


def annual_report(entries: Iterable[ReportEntry | dict[str, Any]], year: int, *, parties: str = "DOL and AFGE Local 12",
                  efforts: str = "", union_involvement: str = "", folder: Any = None) -> PartnershipReport:
    """Sort the entries into the memorandum's five categories (in its order); say what the report still lacks."""
    data = load(folder)
    cats = categories(folder)
    ids = [c for c, _ in cats]
    items = [x if isinstance(x, ReportEntry) else _entry(x) for x in entries]
    for x in items:
        if x.category not in ids:
            raise InvalidInput(f"'{x.category}' is not one of the memorandum's categories", cite="1999 memorandum",
                               fix=f"Use one of: {', '.join(ids)}", field="category")
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInput(f"the report year {year!r} is not a year", fix="Give a year such as 2026", field="year")
    sections = tuple(Section(c, t, tuple(x for x in items if x.category == c)) for c, t in cats)
    r = data.model.report
    gaps = []
    if not efforts.strip():
        gaps.append("A description of the nature and extent of the efforts made.")
    if not union_involvement.strip():
        gaps.append(f"The union's part: the memorandum says reports \"{r.involvement_quote}\".")
    gaps += [f"No improvement recorded under {s.title.lower()}." for s in sections if not s.entries]
    return PartnershipReport(year, parties, efforts.strip(), union_involvement.strip(), sections, r.quote, r.involvement_quote,
                             data.sources[r.source].title, tuple(gaps))


def _entry(d: dict[str, Any]) -> ReportEntry:
    allowed = {"category", "improvement", "forum", "date", "measure"}
    bad = set(d) - allowed
    if bad:
        raise InvalidInput(f"unknown report field '{sorted(bad)[0]}'", fix=f"Fields: {', '.join(sorted(allowed))}", field=sorted(bad)[0])
    if "category" not in d:
        raise InvalidInput("a report entry needs its category", fix="Give one of the five categories", field="category")
    return ReportEntry(d["category"], d.get("improvement") or "", d.get("forum") or None, d.get("date") or None,
                       d.get("measure") or None)


def entry_words(e: ReportEntry) -> str:
    parts = [e.improvement.strip()]
    if e.measure:
        parts.append(f"measure: {e.measure}")
    if e.forum:
        parts.append(f"through: {e.forum}")
    if e.date:
        parts.append(e.date.strftime("%a %Y-%m-%d"))
    return " — ".join(parts)


__all__ = ["PartnershipReport", "ReportEntry", "Section", "annual_report", "categories", "entry_words"]
