"""The contract text as a tree of articles, sections and items, so a citation finds its paragraph."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .citations import NAMED_ARTICLES, Cite
from ..errors import InvalidInput, UnknownCitation

_ARTICLE_HEAD = re.compile(r"^(?:Article (\d+)|New Article)\s*$")
_SECTION_HEAD = re.compile(r"^Section (\d+)[.:]\s*(.*)$")
# Page furniture between articles and above the Art. 10 forms: kept in the text file, not in any section.
_FURNITURE = re.compile(r"^((Union Final|Final Union) Proposal - .*|U\.S\. DEPARTMENT OF LABOR|FLEXIPLACE PROGRAM)\s*$")
# Item markers at the start of a line, with the style that decides nesting.
_MARKERS = [
    ("(n)", re.compile(r"^\((\d+)\)\s*")),
    ("(l)", re.compile(r"^\(([a-z])\)\s*")),
    ("l.", re.compile(r"^([a-z])\.\s+")),
    ("L.", re.compile(r"^([A-Z])\.\s+")),
    ("n.", re.compile(r"^(\d+)\.\s+")),
    ("n)", re.compile(r"^(\d+)\)\s*")),
]
_NAMED_BY_TITLE = {title: key for key, title in NAMED_ARTICLES.items()}


@dataclass(frozen=True)
class Section:
    """One part of the contract: its citation, heading line and full text (with its sub-items)."""

    cite: Cite
    heading: str
    text: str
    article_title: str

    @property
    def citation(self) -> str:
        return str(self.cite)


@dataclass(frozen=True)
class SearchHit:
    """A part of the contract that matches a search, with a short excerpt around the match."""

    cite: Cite
    article_title: str
    excerpt: str

    @property
    def citation(self) -> str:
        return str(self.cite)


@dataclass
class _Node:
    cite: Cite
    heading: str
    lines: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def full_text(self) -> str:
        parts = ["\n".join(self.lines)] + [c.full_text() for c in self.children]
        return "\n".join(p for p in parts if p)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


class ContractText:
    """The parsed contract: look up a citation's paragraph, list articles, search words."""

    def __init__(self, raw: str):
        self.raw = raw
        self._articles: dict[str, tuple[str, _Node]] = {}
        self._index: dict[Cite, _Node] = {}
        self._parse(raw)

    # -- parsing -------------------------------------------------------------------------------
    def _parse(self, raw: str) -> None:
        lines = [ln.rstrip() for ln in raw.splitlines()]
        i = 0
        article: _Node | None = None
        stack: list[tuple[str, _Node]] = []
        container: _Node | None = None
        while i < len(lines):
            line = lines[i].strip()
            i += 1
            m = _ARTICLE_HEAD.match(line)
            if m:
                while i < len(lines) and not lines[i].strip():
                    i += 1
                title = lines[i].strip()
                i += 1
                key = m.group(1) or _NAMED_BY_TITLE.get(title, title.lower())
                article = _Node(Cite(key), f"{m.group(0).strip()}. {title}")
                self._articles[key] = (title, article)
                self._index[article.cite] = article
                container, stack = article, []
                continue
            if article is None or not line or _FURNITURE.match(line):
                continue
            s = _SECTION_HEAD.match(line)
            if s and article.cite.article not in NAMED_ARTICLES:
                node = _Node(Cite(article.cite.article, (s.group(1),)), line, [line])
                article.children.append(node)
                self._index[node.cite] = node
                container, stack = node, []
                continue
            for piece in self._split_glued(line, stack):
                self._add_line(piece, container or article, stack)

    @staticmethod
    def _split_glued(line: str, stack: list[tuple[str, _Node]]) -> list[str]:
        """Split an item glued to the end of the one before ("...calendar month.h. Medical", Art. 5 §7.g/h)."""
        if stack and stack[-1][0] == "l.":
            nxt = chr(ord(stack[-1][1].cite.path[-1]) + 1)
            m = re.search(rf"(?<=[a-z]\.)({nxt}\. )(?=[A-Z])", line)
            if m:
                return [line[: m.start()], line[m.start():]]
        return [line]

    def _add_line(self, line: str, container: _Node, stack: list[tuple[str, _Node]]) -> None:
        for style, rx in _MARKERS:
            m = rx.match(line)
            if not m:
                continue
            styles = [st for st, _ in stack]
            if style in styles:
                del stack[styles.index(style):]
            parent = stack[-1][1] if stack else container
            node = _Node(parent.cite.child(m.group(1)), line, [line])
            if node.cite in self._index:  # a repeated marker (e.g. a form's numbered questions): keep as text
                parent.lines.append(line)
                return
            parent.children.append(node)
            self._index[node.cite] = node
            stack.append((style, node))
            return
        (stack[-1][1] if stack else container).lines.append(line)

    # -- look-ups ------------------------------------------------------------------------------
    @property
    def articles(self) -> list[tuple[Cite, str]]:
        """Every article in order: (citation, title)."""
        return [(Cite(key), title) for key, (title, _) in self._articles.items()]

    def article_title(self, cite: Cite | str) -> str:
        cite = Cite.parse(cite)
        self._node(cite.article_cite)
        return self._articles[cite.article][0]

    def exists(self, cite: Cite | str) -> bool:
        return Cite.parse(cite) in self._index

    def section(self, cite: Cite | str) -> Section:
        """The paragraph a citation names, with every sub-item under it."""
        c = Cite.parse(cite)
        node = self._node(c)
        return Section(c, node.heading, node.full_text(), self._articles[c.article][0])

    def children(self, cite: Cite | str) -> list[Cite]:
        return [child.cite for child in self._node(Cite.parse(cite)).children]

    def _node(self, c: Cite) -> _Node:
        if c in self._index:
            return self._index[c]
        if c.article not in self._articles:
            known = ", ".join(str(a) for a, _ in self.articles)
            raise UnknownCitation(f"{c.article_label} is not in this contract", fix=f"The articles are: {known}")
        parent = c
        while parent not in self._index:
            parent = parent.parent
        parts = ", ".join(str(k) for k in self.children(parent)) or "no numbered parts"
        raise UnknownCitation(f"{c} does not exist", fix=f"{parent} has: {parts}")

    def search(self, query: str, limit: int | None = None) -> list[SearchHit]:
        """Parts whose own words contain the phrase (or, failing that, every word), in contract order; at most `limit`."""
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise InvalidInput(f"a search shows at least one part, not limit={limit!r}", fix="Give a limit of 1 or more, or none")
        q = " ".join(query.split()).lower()
        if not q:
            return []
        words = q.split()
        hits: list[SearchHit] = []
        for phrase_only in (True, False):
            for key, (title, article) in self._articles.items():
                for node in article.walk():
                    own = " ".join(" ".join(node.lines).split())
                    low = own.lower()
                    if (q in low) if phrase_only else all(w in low for w in words):
                        hits.append(SearchHit(node.cite, title, _excerpt(own, low.find(words[0]))))
            if hits:
                break
        return hits[:limit] if limit else hits


    def search_any(self, phrases: list[str]) -> list[SearchHit]:
        """Parts whose own words contain any of the phrases, in contract order, each once (excerpt at the first found)."""
        qs = [q for q in dict.fromkeys(" ".join(p.split()).lower() for p in phrases) if q]
        # whole words, a plural allowed ("hearing" finds "hearings"); a longer name also ends a word ("prehearing"),
        # a short one (an acronym such as LWOP) only stands alone
        pattern = re.compile("|".join(rf"{'(?<![a-z0-9])' if len(q) < 5 else ''}{re.escape(q)}(?:s|es)?(?![a-z0-9])" for q in qs))
        hits: list[SearchHit] = []
        for key, (title, article) in self._articles.items():
            for node in article.walk():
                own = " ".join(" ".join(node.lines).split())
                if qs and (m := pattern.search(own.lower())):
                    hits.append(SearchHit(node.cite, title, _excerpt(own, m.start())))
        return hits


def _excerpt(text: str, at: int, width: int = 160) -> str:
    start = max(0, at - width // 2)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


# -- the numbers a quote writes (checked against a parameter's value on load) ---------------------------------
_WORD_AND_FIGURE = re.compile(r"\b[a-z]+(?:-[a-z]+)?\s*\((\d+)\)", re.IGNORECASE)  # "twenty (20)", "twenty-five (25)"
# Numbers that name something rather than count it: "5 U.S.C. 4303", "26 USC 129", "Local 12", "Room N-4437", "Article 35".
_NAMING = re.compile(r"(\d+\s+(U\.S\.C\.|USC|CFR)\s+[\d.]+(\s*(or|and)\s*\d+)?|(Local|Article|Section|Room\s+N-)\s*\d+|§\s*[\d.]+)")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.m\.", re.IGNORECASE)


def written_numbers(quote: str) -> tuple[set[Decimal], set[Decimal], set[str]]:
    """The numbers a quote writes: as word and figure ("twenty (20)"), as figures ("15 calendar days", "$5,000",
    "8 1/2"), and times of day ("3 p.m." → "15:00"). Citations and names ("5 U.S.C. 4303", "Local 12") are not numbers."""
    pairs = {Decimal(n) for n in _WORD_AND_FIGURE.findall(quote)}
    times = set()
    for h, m, ap in _CLOCK.findall(quote):
        hour = int(h) % 12 + (12 if ap.lower() == "p" else 0)
        times.add(f"{hour:02d}:{m or '00'}")
    rest = _NAMING.sub(" ", _CLOCK.sub(" ", quote))
    figures = set()
    for m in re.finditer(r"(?<![\w.])\$?(\d{1,3}(?:,\d{3})+|\d*\.\d+|\d+)(?:\s+(\d)/(\d)\b)?", rest):
        value = Decimal(m.group(1).replace(",", ""))
        if m.group(2):
            value += Decimal(m.group(2)) / Decimal(m.group(3))
        figures.add(value)
    return pairs, figures, times
