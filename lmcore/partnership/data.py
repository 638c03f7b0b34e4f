"""The partnership chapter's data file (contracts/partnership/partnership.yaml) and its sources, validated on load:
every quote must be found word for word in its source (the copies of sources 000–003 bundled beside the file) or in
the contract text, as the contract's parameters are checked — any mistake is a ContractFileError naming the key."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from ..errors import ContractFileError

FOLDER = Path(__file__).parents[1] / "contracts" / "partnership"
RHYTHMS = ("quarterly", "monthly", "on_request", "as_issues_arise", "periodic", "on_event", "encouraged", "not_stated")


@dataclass(frozen=True)
class Source:
    """One source document: its key, file, title, author, and its text (whitespace made single)."""

    key: str
    file: str
    title: str
    author: str
    text: str


@dataclass(frozen=True)
class Quote:
    """Words copied from a source, with the source's key."""

    source: str
    text: str


def _models() -> Any:
    from pydantic import BaseModel, ConfigDict, Field

    class _S(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class SourceM(_S):
        file: str
        title: str
        author: str

    class QuoteM(_S):
        source: str
        text: str = Field(min_length=5)

    class DocM(_S):
        id: str
        title: str
        kind: Literal["executive order", "memorandum", "deadline"]
        year: int | None = None
        date: dt.date | None = None
        date_basis: str
        summary: str
        quotes: list[QuoteM] = Field(min_length=1)

    class LessonM(_S):
        id: str
        title: str
        advice: str

    class ItemM(_S):
        id: str
        title: str
        lessons: list[str] = []

    class GroupM(_S):
        quote: str
        source: str
        items: list[ItemM]
        resources: list[str] = []

    class CategoryM(_S):
        id: str
        title: str

    class ReportM(_S):
        source: str
        quote: str
        involvement_quote: str
        categories: list[CategoryM] = Field(min_length=5, max_length=5)

    class PdiM(_S):
        source: str
        quotes: list[str]

    class ForumM(_S):
        id: str
        rhythm: Literal["quarterly", "monthly", "on_request", "as_issues_arise", "periodic", "on_event", "encouraged", "not_stated"]
        committee: str | None = None
        name: str | None = None
        cite: str | None = None
        members: str | None = None
        quote: str | None = None
        parameter: str | None = None
        note: str = ""
        unless_agreed: bool = False

    class FileM(_S):
        sources: dict[str, SourceM]
        history: list[DocM]
        lessons: list[LessonM] = Field(min_length=7, max_length=7)
        elements: GroupM
        pillars: GroupM
        report: ReportM
        pdi: PdiM
        forums: list[ForumM]

    return FileM


@dataclass(frozen=True)
class Data:
    """The validated file: sources, and the raw validated sections the chapter's modules turn into values."""

    folder: Path
    sources: dict[str, Source]
    model: Any


def _flat(text: str) -> str:
    return " ".join(text.split())


def load(folder: str | Path | None = None) -> Data:
    """The partnership data file and its sources, every quote checked (cached for the bundled folder)."""
    folder = Path(folder).resolve() if folder is not None else FOLDER
    return _load(folder)


@lru_cache(maxsize=4)
def _load(folder: Path) -> Data:
    import yaml
    from pydantic import ValidationError

    path = folder / "partnership.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContractFileError(f"cannot read {path}: {exc.strerror}", fix="Give the folder of partnership.yaml") from None
    except yaml.YAMLError as exc:
        raise ContractFileError(f"{path.name} is not valid YAML: {exc}", fix=f"Correct {path}") from None
    try:
        m = _models().model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        raise ContractFileError(f"{path.name}: key '{key}': {err['msg']}", fix=f"Correct {path}") from None
    sources = {}
    for key, s in m.sources.items():
        f = folder / "sources" / s.file
        if not f.exists():
            raise ContractFileError(f"{path.name}: key 'sources.{key}.file': {f} does not exist", fix="Put the source text beside the file")
        sources[key] = Source(key, s.file, s.title, s.author, _flat(f.read_text(encoding="utf-8")))
    data = Data(folder, sources, m)
    _check_quotes(data, path)
    return data


def _check_quotes(data: Data, path: Path) -> None:
    m = data.model

    def found(where: str, source: str, text: str) -> None:
        if source not in data.sources:
            raise ContractFileError(f"{path.name}: key '{where}.source': no source '{source}'", fix=f"Sources: {', '.join(data.sources)}")
        if _flat(text) not in data.sources[source].text:
            raise ContractFileError(f"{path.name}: key '{where}': the words are not in {data.sources[source].file}: \"{text[:70]}\"",
                                    fix="Copy the quote exactly from the source")

    for i, doc in enumerate(m.history):
        if (doc.year is None) == (doc.date is None):
            raise ContractFileError(f"{path.name}: key 'history.{i}': give either a year or a date", fix="One of the two")
        for j, q in enumerate(doc.quotes):
            found(f"history.{i}.quotes.{j}", q.source, q.text)
    lesson_ids = {x.id for x in m.lessons}
    for i, x in enumerate(m.lessons):
        found(f"lessons.{i}.advice", "path_2", x.advice)
        found(f"lessons.{i}.title", "path_2", x.title)
    for group in ("elements", "pillars"):
        g = getattr(m, group)
        found(f"{group}.quote", g.source, g.quote)
        for i, item in enumerate(g.items):
            found(f"{group}.items.{i}.title", g.source, item.title)
            bad = [x for x in item.lessons if x not in lesson_ids]
            if bad:
                raise ContractFileError(f"{path.name}: key '{group}.items.{i}.lessons': no lesson '{bad[0]}'", fix=f"Lessons: {', '.join(sorted(lesson_ids))}")
        for i, r in enumerate(g.resources):
            found(f"{group}.resources.{i}", g.source, r)
    found("report.quote", m.report.source, m.report.quote)
    found("report.involvement_quote", m.report.source, m.report.involvement_quote)
    for i, c in enumerate(m.report.categories):
        found(f"report.categories.{i}.title", m.report.source, c.title.lower())
    for i, q in enumerate(m.pdi.quotes):
        found(f"pdi.quotes.{i}", m.pdi.source, q)


__all__ = ["FOLDER", "RHYTHMS", "Data", "Quote", "Source", "load"]
