"""The handbook dashboard: browse and search the contract's words, and count workdays on a month calendar.

Two tools for people who never saw Python: a contract browser (search → matching parts with citations; pick a
part → its text and any known flaw of the printed text) and a calendar explorer (a date and N workdays → the
due date, with every skipped weekend and holiday named and drawn). Logic lives in lmcore; this only wires widgets.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import ipywidgets as W

from ..contract.citations import Cite
from ..errors import InvalidDate, LmcoreError, OutOfRange
from . import (CSS_ANSWER, Field, app_box, cite_html, esc, html_widget, lean, mark_ready, query_params,
                show_png)
from .inputs import NumberText, attention_html, date_field, needs_attention, page_today

DEFAULTS = {"q": "credit hours", "cite": "Art. 43 §7.a(1)", "workdays": "20"}
MAX_WORKDAYS = 260  # about one year of workdays: the most the month calendar can draw legibly
SEARCH_LIMIT = 40
_AFTER, _BEFORE = "count.event_on_nonworkday", "count.days_before_event"


class HandbookApp:
    """The handbook's widgets and the three actions behind them: search, show a part, count workdays."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str]):
        self.contract, self.as_of = contract, as_of
        self.hits: list[Any] = []
        self.deadline: Any = None
        self.shown: str | None = None
        self._syncing = False
        self._quiet = True  # no answers drawn while the starting inputs are set
        self._build_browser()
        self._build_explorer()
        self.widget = app_box([
            html_widget(f'<p class="lmcore-lede">The {esc(contract.short_name)} contract, in its own words, and a '
                        "workday counter that shows every day it skips.</p>"),
            html_widget("<h3>Find it in the contract</h3>"), self.browser,
            html_widget("<h3>Count workdays</h3>"), self.explorer,
        ])
        self.widget.add_class("lmcore-handbook")
        self._apply(params)
        mark_ready(self.widget)

    # -- the contract browser ------------------------------------------------------------------
    def _build_browser(self) -> None:
        self.q = Field(lean(W.Text, {"width": "22em"}, placeholder="e.g. credit hours", continuous_update=False),
                       "Search the contract", "words or a phrase; press Enter")
        self.results = html_widget()
        self.results.add_class("lmcore-search-results")
        articles = [(f"{c.article_label} — {t}", str(c)) for c, t in self.contract.text.articles]
        self.article = lean(W.Dropdown, {"width": "22em"}, options=articles)
        self.part = lean(W.Dropdown, {"width": "26em"}, options=[])
        self.match = lean(W.Dropdown, {"width": "22em"}, options=[("(search first)", "")])
        self.cite = Field(lean(W.Text, {"width": "16em"}, placeholder="e.g. Art. 43 §7.a(1)", continuous_update=False),
                          "Or type a citation", "like Art. 43 §7.a(1) or Transit Subsidy ¶4")
        self.text = html_widget()
        self.text.add_class("lmcore-text-panel")
        pick = W.HBox([html_widget("<b>Open an article</b>", width="230px"), self.article, self.part],
                      layout=W.Layout(flex_flow="row wrap"))
        matches = W.HBox([html_widget("<b>Open a match</b>", width="230px"), self.match])
        self.browser = W.VBox([self.q.box, self.results, matches, pick, self.cite.box, self.text])
        self.q.widget.observe(lambda ch: self._quiet or self.search(ch["new"]), "value")
        self.match.observe(self._picked, "value")
        self.article.observe(self._article_picked, "value")
        self.part.observe(self._picked, "value")
        self.cite.widget.observe(lambda ch: self._quiet or self.show(ch["new"]), "value")

    def search(self, query: str) -> None:
        """Search box → the matching parts with their citations (the typed words are escaped, never run as HTML)."""
        self.q.clear()
        words = " ".join(str(query).split())
        if not words:
            self.hits = []
            self.results.value = "<p><i>Type words to search the contract.</i></p>"
            self._set_matches()
            return
        self.hits = self.contract.search(words)
        shown = self.hits[:SEARCH_LIMIT]
        if not shown:
            self.results.value = f"<p>No part of the contract contains <q>{esc(words)}</q>.</p>"
        else:
            more = f" (first {SEARCH_LIMIT} shown)" if len(self.hits) > SEARCH_LIMIT else ""
            terms = self.contract.also_called(words)
            marked = " ".join([words, *(n for t in terms for n in t.names())])
            items = "".join(f"<li><b>{esc(h.citation)}</b> <small>({esc(h.article_title)})</small>: {_mark(h.excerpt, marked)}</li>"
                            for h in shown)
            said = f"<q>{esc(words)}</q>" + (" or another of its names" if terms else "")
            self.results.value = (f"{_also_called(terms)}"
                                  f"<p>{len(self.hits)} part{'s' if len(self.hits) != 1 else ''} of the contract contain "
                                  f"{said}{more}:</p><ol class=\"lmcore-hits\">{items}</ol>")
        self._set_matches()

    def _set_matches(self) -> None:
        self._syncing = True
        try:
            opts = [(f"{h.citation} — {h.article_title}", h.citation) for h in self.hits[:SEARCH_LIMIT]]
            self.match.options = [("(pick a match to read it)", "")] + opts if opts else [("(no matches)", "")]
            self.match.value = ""
        finally:
            self._syncing = False

    def _picked(self, change: dict[str, Any]) -> None:
        if not self._syncing and change["new"]:
            self.cite.widget.value = change["new"]

    def _article_picked(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._fill_parts(change["new"])
        self.cite.widget.value = change["new"]

    def _fill_parts(self, article: str) -> None:
        was, self._syncing = self._syncing, True
        try:
            parts = [("(the whole article)", article)] + [
                (_short(self.contract.section(c).heading, str(c)), str(c)) for c in self.contract.text.children(article)
            ]
            self.part.options = parts
            self.part.value = article
        finally:
            self._syncing = was

    def show(self, cite: str) -> None:
        """A citation → that part's text, with any known flaw of the printed text; a bad citation is explained beside the box."""
        try:
            c = self.contract.cite(str(cite).strip())
            html = cite_html(self.contract, c)
        except LmcoreError as exc:
            self.cite.show_error(str(exc))
            self.text.value = '<p class="lmcore-stale"><i>No text shown: fix the citation marked ⚠.</i></p>'
            self.shown = None
            return
        self.cite.clear()
        self.shown = str(c)
        self.text.value = html
        self._syncing = True
        try:
            article = str(c.article_cite)
            if self.article.value != article:
                self.article.value = article
            self._fill_parts(article)
            section = str(Cite(c.article, c.path[:1])) if c.path else article
            if section in dict((v, k) for k, v in self.part.options):
                self.part.value = section
        finally:
            self._syncing = False

    # -- the calendar explorer -----------------------------------------------------------------
    def _build_explorer(self) -> None:
        self.start = date_field("Start: the event day", self.as_of, "not counted itself")
        self.start.widget.add_class("lmcore-start")
        self.n = NumberText("Workdays to count", 20, f"negative counts backward; at most {MAX_WORKDAYS}",
                            what="workdays to count", whole=True)
        self.closures = Field(lean(W.Text, {"width": "26em"}, placeholder="2026-12-24=Executive order, 2027-01-29=Snow", continuous_update=False), "Extra office closures", "optional: DATE=name, comma between")
        interp = self.contract.interpretations
        self.reading_after = lean(W.Dropdown, {"width": "40em"}, options=[(v, k) for k, v in interp[_AFTER].options.items()], value=self.contract.choice(_AFTER))
        self.reading_before = lean(W.Dropdown, {"width": "40em"}, options=[(v, k) for k, v in interp[_BEFORE].options.items()], value=self.contract.choice(_BEFORE))
        readings = W.VBox([
            html_widget(f"<b>Readings of the text</b> <small>({esc(interp[_AFTER].cite)}, {esc(interp[_BEFORE].cite)}; "
                   "the default is marked in the answer)</small>"),
            W.HBox([html_widget("When the event day is not a workday:", width="230px"), self.reading_after]),
            W.HBox([html_widget("Counting backward (N before an event):", width="230px"), self.reading_before]),
        ])
        self.answer = html_widget()
        self.answer.add_class(CSS_ANSWER)
        self.plot = W.Image(format="png", layout=W.Layout(max_width="100%"))
        self.plot.add_class("lmcore-plot")
        self.explorer = W.VBox([self.start.box, self.n.box, self.closures.box, readings, self.answer, self.plot])
        for w in (self.start.widget, self.n.widget, self.closures.widget, self.reading_after, self.reading_before):
            w.observe(lambda ch: self._quiet or self.count(), "value")

    def count(self) -> None:
        """Date and N → the due date in words (days counted, weekends and holidays skipped by name) and on the calendar."""
        for f in (self.start, self.n, self.closures):
            f.clear()
        unread = needs_attention([self.start, self.n])
        if unread:  # each shows its own message beside it: no due date for a value the person did not mean
            self.deadline = None
            self.answer.value = attention_html(len(unread))
            show_png(self.plot, lambda: b"")  # no chart of an earlier input, now or drawn later
            return
        try:
            d, cal = self._deadline()
        except _FieldError as fe:
            fe.field.show_error(str(fe.error))
            self.deadline = None
            self.answer.value = '<p class="lmcore-stale"><i>No answer: fix the input marked ⚠.</i></p>'
            show_png(self.plot, lambda: b"")  # no chart of an earlier input, now or drawn later
            return
        self.deadline = d
        lines = d.explain(words=True).split("\n")
        self.answer.value = (f'<p class="lmcore-due"><b>{esc(lines[0])}</b></p>'
                             + "".join(f"<p>{esc(line)}</p>" for line in lines[1:]))
        from .plots import month_calendar, to_png

        show_png(self.plot, lambda: to_png(month_calendar(d, calendar=cal)))

    def _deadline(self) -> tuple[Any, Any]:
        from ..deadlines import count_workdays

        start, n = self.start.value, self.n.value
        if start is None:
            raise _FieldError(self.start, InvalidDate("the start date is empty or not a real date",
                                                      fix="Pick a day, or type it as YYYY-MM-DD"))
        if abs(int(n)) > MAX_WORKDAYS:
            raise _FieldError(self.n, OutOfRange(f"{n} workdays is more than this explorer counts ({MAX_WORKDAYS})",
                                                 fix=f"Give a number from -{MAX_WORKDAYS} to {MAX_WORKDAYS}, "
                                                     "or use the command line: lmcore deadline START --workdays N"))
        try:
            closures = parse_closures(self.closures.value)
        except LmcoreError as exc:
            raise _FieldError(self.closures, exc) from None
        contract = self.contract.with_interpretations({_AFTER: self.reading_after.value, _BEFORE: self.reading_before.value})
        if closures:
            contract = contract.with_closures(closures)
        reading = _BEFORE if n < 0 else _AFTER
        try:
            d = count_workdays(contract.calendar, start, contract._before_shift(int(n)),
                               nonworkday_start=contract._nonworkday_start(), interpretations=contract.used(reading))
        except LmcoreError as exc:
            raise _FieldError(self.start, exc) from None
        return d, contract.calendar

    # -- starting inputs and the deterministic summary -----------------------------------------
    def _apply(self, params: dict[str, str]) -> None:
        """Starting inputs (from the link's query string): a bad value is reported beside its field, never dropped silently."""
        problems: list[tuple[Field, str]] = []
        start = self.as_of
        if params.get("start"):
            try:
                start = dt.date.fromisoformat(params["start"].strip())
            except ValueError:
                problems.append((self.start, f"The link's start={params['start']} is not a date (YYYY-MM-DD); "
                                             f"showing {self.as_of.isoformat()} instead."))
        n = 20
        try:
            n = int(params.get("workdays", "20"))
        except ValueError:
            problems.append((self.n, f"The link's workdays={params.get('workdays')} is not a whole number; showing 20 instead."))
        self.start.set(start)
        self.n.set(n)
        self.closures.widget.value = params.get("closures", "")
        self.q.widget.value = params.get("q", "")
        self.search(self.q.widget.value)
        self.cite.widget.value = params.get("cite", DEFAULTS["cite"])
        self.show(self.cite.widget.value)
        self.count()
        for field, message in problems:
            field.show_error(message)
        self._quiet = False

    def summary(self) -> str:
        """What the page shows, as plain text (deterministic: nbval compares it)."""
        lines = [f"The contract handbook (as of {self.as_of.isoformat()})"]
        q = " ".join(self.q.value.split())
        if q:
            cites = ", ".join(h.citation for h in self.hits[:8]) + (", …" if len(self.hits) > 8 else "")
            lines.append(f'Search "{q}": {len(self.hits)} matching part{"s" if len(self.hits) != 1 else ""}: {cites}')
        if self.shown:
            sec = self.contract.section(self.shown)
            flaws = [f.title for f in self.contract.flaws_for(sec.cite)]
            lines.append(f"Showing {sec.citation} ({sec.article_title}): {_short(' '.join(sec.text.split()), '', 90)}")
            lines.append("Known flaws here: " + ("; ".join(flaws) if flaws else "none"))
        if self.deadline is not None:
            lines.append("Calendar explorer: " + self.deadline.explain())
        return "\n".join(lines)


class _FieldError(Exception):
    """An lmcore error and the input it belongs beside."""

    def __init__(self, field: Field, error: LmcoreError):
        super().__init__(str(error))
        self.field, self.error = field, error


def parse_closures(text: str) -> dict[dt.date, str]:
    """'2026-12-24=Executive order, 2027-01-29=Snow' → {date: name}; a bad date is a clear InvalidDate."""
    out: dict[dt.date, str] = {}
    for item in filter(None, (p.strip() for p in re.split(r"[,;\n]", text or ""))):
        day, _, name = item.partition("=")
        try:
            out[dt.date.fromisoformat(day.strip())] = name.strip() or "Office closure"
        except ValueError:
            raise InvalidDate(f"'{day.strip()}' in the closures is not a date",
                              fix="Write each closure as YYYY-MM-DD=name, e.g. 2026-12-24=Executive order") from None
    return out


def _mark(excerpt: str, words: str) -> str:
    """Escape a search excerpt, then highlight the searched words (matching is done on the escaped text)."""
    out = esc(excerpt)
    alternatives = "|".join(re.escape(esc(w)) for w in sorted(set(words.split()), key=len, reverse=True))
    return re.sub(f"({alternatives})", r"<mark>\1</mark>", out, flags=re.IGNORECASE) if alternatives else out


def _short(heading: str, cite: str, width: int = 60) -> str:
    text = heading if not cite else f"{cite} — {re.sub(r'^Section [0-9]+[.:] *', '', heading)}"
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None) -> HandbookApp:
    """The handbook dashboard. Starting inputs come from `params`, else from the page link (?start=&workdays=&q=&cite=)."""
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    as_of = as_of or page_today()
    if params is None:
        params = query_params({"q": DEFAULTS["q"]})
    return HandbookApp(contract, as_of, params)


__all__ = ["HandbookApp", "build_app", "parse_closures"]


def _also_called(terms: list[Any]) -> str:
    """The contract's own word for what was searched, with its other names ("Flexiplace … also called telework")."""
    return "".join(f'<p class="lmcore-also-called">Searched as <b>{esc(t.term)}</b> ({esc(t.cite)}), also called '
                   f"{esc(', '.join(t.also_called))}.</p>" for t in terms)
