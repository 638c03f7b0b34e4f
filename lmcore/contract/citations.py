"""Citations of the contract: parse any common spelling, format one canonical way ("Art. 43 §7.a(1)")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import UnknownCitation

# Articles without a number ("New Article" in the text) are cited by name and paragraph: "Transit Subsidy ¶4".
NAMED_ARTICLES = {"transit": "Transit Subsidy", "childcare": "Child Care Subsidy"}
_NAMED_PATTERNS = {
    "transit": r"transit(?:\s+subsidy)?",
    "childcare": r"child\s*care(?:\s+subsidy)?",
}

_ARTICLE_RE = re.compile(r"^\s*(?:art(?:icle)?\.?\s*)(\d+)\s*(.*)$", re.IGNORECASE)
_SECTION_RE = re.compile(r"^[,;]?\s*(?:§+|sec(?:tion)?\.?|s\.)\s*(\d+)\s*(.*)$", re.IGNORECASE)
_ITEM_TOKEN_RE = re.compile(r"[A-Za-z]+|\d+")


@dataclass(frozen=True, order=True)
class Cite:
    """A place in the contract: an article, optionally a section, then nested items ("7", "a", "1")."""

    article: str
    path: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str | Cite) -> Cite:
        """Read "Art. 43 §7.a(1)", "Article 43, Section 7.a.(1)" or "Transit Subsidy ¶4"."""
        if isinstance(text, Cite):
            return text
        raw = str(text).strip()
        for key, pattern in _NAMED_PATTERNS.items():
            m = re.match(rf"^\s*{pattern}\s*(?:¶|item|para(?:graph)?\.?)?\s*(.*)$", raw, re.IGNORECASE)
            if m:
                return cls(key, _items(m.group(1), raw))
        m = _ARTICLE_RE.match(raw)
        if not m:
            raise UnknownCitation(
                f"'{raw}' is not a citation of this contract",
                fix="Write it like 'Art. 43 §7.a(1)', 'Article 43, Section 7.a(1)' or 'Transit Subsidy ¶4'",
            )
        article, rest = m.group(1), m.group(2).strip()
        if not rest:
            return cls(article)
        s = _SECTION_RE.match(rest)
        if not s:
            raise UnknownCitation(
                f"cannot read the section in '{raw}'",
                fix="Give the section after '§' or 'Section', e.g. 'Art. 43 §7.a(1)'",
            )
        return cls(article, (s.group(1), *_items(s.group(2), raw)))

    @property
    def article_label(self) -> str:
        """"Art. 43" or "Transit Subsidy"."""
        return NAMED_ARTICLES.get(self.article, f"Art. {self.article}")

    @property
    def article_cite(self) -> Cite:
        return Cite(self.article)

    @property
    def parent(self) -> Cite | None:
        """The enclosing part ("Art. 43 §7.a" for "Art. 43 §7.a(1)"), or None for a whole article."""
        return Cite(self.article, self.path[:-1]) if self.path else None

    def child(self, item: str) -> Cite:
        return Cite(self.article, (*self.path, item))

    def __str__(self) -> str:
        if self.article in NAMED_ARTICLES:
            return self.article_label + (" ¶" + "".join(_fmt_rest(self.path, first_dot=False)) if self.path else "")
        if not self.path:
            return self.article_label
        return f"{self.article_label} §{self.path[0]}" + "".join(_fmt_rest(self.path[1:], first_dot=True))


def _items(rest: str, raw: str) -> tuple[str, ...]:
    rest = rest.strip()
    leftover = _ITEM_TOKEN_RE.sub("", rest)
    if re.search(r"[^\s.()¶,]", leftover):
        raise UnknownCitation(f"cannot read the items in '{raw}'", fix="Use letters and numbers like '7.a(1)(b)'")
    return tuple(_ITEM_TOKEN_RE.findall(rest))


def _fmt_rest(items: tuple[str, ...], first_dot: bool) -> list[str]:
    """First item after the section takes a dot; a number after a capital letter too (Art. 10 §8.A.2)."""
    out: list[str] = []
    prev = ""
    for i, item in enumerate(items):
        if (i == 0 and first_dot) or (item.isdigit() and prev.isalpha() and prev.isupper()):
            out.append("." + item)
        elif i == 0:
            out.append(item)
        else:
            out.append(f"({item})")
        prev = item
    return out


def normalize(text: str | Cite) -> str:
    """The canonical spelling of a citation: normalize("Article 43, Section 7.a(1)") == "Art. 43 §7.a(1)"."""
    return str(Cite.parse(text))
