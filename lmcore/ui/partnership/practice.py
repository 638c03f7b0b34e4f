"""The partnership page's two reference sections: the Six Elements self-assessment a labor–management team fills in
(each member's ratings → a radar chart, the weakest element, next steps drawn from "The Path to Partnership 2.0",
and the Three Pillars) and the history as a timeline, each document cited by its own title and date, its words
folded away until asked for. Logic in lmcore.partnership; nothing here is stored."""
from __future__ import annotations

from typing import Any

import ipywidgets as W

from ...errors import InvalidInput, LmcoreError
from .. import Field, esc, html_widget, lean

RATINGS_HELP = "one rating per member, 0–4, e.g. 3, 4, 2"


def read_ratings(text: str, what: str) -> list[float]:
    """'3, 4, 2' → [3.0, 4.0, 2.0]; anything else is an error naming the element."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    if not parts:
        raise InvalidInput(f"no rating for {what}", fix="Give each member's rating, 0 to 4, e.g. 3, 4")
    out = []
    for p in parts:
        try:
            out.append(float(p))
        except ValueError:
            raise InvalidInput(f"'{p.strip()}' is not a rating", fix="Rate from 0 (not started) to 4 (sustained)") from None
    return out


class AssessmentSection:
    """The Six Elements and Three Pillars rated by the team; the result drawn as soon as every element is rated."""

    def __init__(self, params: dict[str, str]):
        from ...partnership.assessment import PAIRING_NOTE, SCALE, elements, lessons, pillars

        self.elements, self.pillars, self.lessons = elements(), pillars(), lessons()
        box = lambda key: lean(W.Text, {"width": "10em"}, value=params.get(key, ""), placeholder="e.g. 3, 4", continuous_update=False)
        self.rates = {e.id: Field(box(e.id), e.title, RATINGS_HELP) for e in self.elements}
        self.pillar_rates = {p: Field(box(p), title, RATINGS_HELP) for p, title in self.pillars}
        done = set(params.get("done", "").split(","))
        self.done = {x.id: lean(W.Checkbox, value=x.id in done, description=x.title, indent=False) for x in self.lessons}
        self.chart = W.Image(format="png", layout=W.Layout(max_width="520px", display="none"))
        self.result = html_widget()
        self.result.add_class("lmcore-assessment-result")
        scale = ", ".join(f"{k} = {v}" for k, v in SCALE.items())
        self.widget = W.VBox([
            html_widget(f"<p>Each member of the labor–management team rates how far the partnership has come on each of the Six "
                   f"Elements ({esc(scale)}); the page shows the team's mean, the weakest element and what to do next.</p>"),
            W.HBox([W.VBox([f.box for f in self.rates.values()]),
                    W.VBox([html_widget("<b>Three Pillars of Collaboration</b> <small>(optional)</small>"),
                            *[f.box for f in self.pillar_rates.values()],
                            html_widget("<b>Lessons already in place</b>"), *self.done.values()])],
                   layout=W.Layout(flex_flow="row wrap")),
            W.HBox([self.chart, self.result], layout=W.Layout(flex_flow="row wrap")),
            html_widget(f"<p><small>{esc(PAIRING_NOTE)}</small></p>")])
        for w in [*[f.widget for f in self.rates.values()], *[f.widget for f in self.pillar_rates.values()], *self.done.values()]:
            w.observe(lambda _: self.refresh(), "value")
        self.assessment: Any = None
        self.refresh()

    def refresh(self) -> None:
        from ...partnership import assess
        from ..plots import to_png
        from .charts import radar_chart

        titles = {**{e.id: e.title for e in self.elements}, **dict(self.pillars)}
        ratings, ok = {}, True
        for key, f in [*self.rates.items(), *self.pillar_rates.items()]:
            f.clear()
            if not f.widget.value.strip():
                continue
            try:
                ratings[key] = read_ratings(f.widget.value, titles[key])
            except LmcoreError as exc:
                f.show_error(str(exc))
                ok = False
        missing = [e.title for e in self.elements if e.id not in ratings]
        if not ok or missing:
            self.assessment = None
            self.chart.layout.display = "none"
            self.result.value = ("" if not ok else f"<p><i>Rate every element to see the result (still to rate: "
                                 f"{esc(', '.join(missing))}).</i></p>")
            return
        pillars = {p: ratings[p] for p, _ in self.pillars if p in ratings}
        try:
            a = assess({e.id: ratings[e.id] for e in self.elements}, lessons_done=[k for k, b in self.done.items() if b.value],
                       pillar_ratings=pillars if len(pillars) == len(self.pillars) else None)
        except LmcoreError as exc:
            field = self.rates.get(getattr(exc, "field", None) or "") or self.pillar_rates.get(getattr(exc, "field", None) or "")
            (field or next(iter(self.rates.values()))).show_error(str(exc))
            self.assessment = None
            self.chart.layout.display = "none"
            self.result.value = ""
            return
        self.assessment = a
        self.chart.value = to_png(radar_chart(a.radar(), [s.title for s in a.weakest]), dpi=90)
        self.chart.layout.display = "block"
        self.result.value = assessment_html(a, partial_pillars=0 < len(pillars) < len(self.pillars))


def assessment_html(a: Any, partial_pillars: bool = False) -> str:
    weakest = " and ".join(f"<b>{esc(s.title)}</b> ({s.score:.2f}, {esc(s.level)})" for s in a.weakest)
    steps = "".join(f"<li><b>{esc(n.lesson.title)}</b> <small>({esc(n.because)})</small>: “{esc(n.lesson.advice)}”</li>"
                    for n in a.next_steps) or "<li>Every lesson is in place.</li>"
    scores = "".join(f"<li>{esc(s.title)}: {s.score:.2f} ({esc(s.level)})</li>" for s in a.elements)
    pillars = ""
    if a.pillars:
        pillars = "<p><b>Three Pillars:</b> " + "; ".join(f"{esc(p.title)} {p.score:.2f} ({esc(p.level)})" for p in a.pillars) + "</p>"
    elif partial_pillars:
        pillars = "<p><small>Rate all three pillars to see them scored.</small></p>"
    return (f"<div style='max-width:46em'><p style='font-size:1.05em'>Weakest: {weakest}.</p><ul>{scores}</ul>{pillars}"
            f"<p><b>Next steps</b> (from “The Path to Partnership 2.0”):</p><ol>{steps}</ol></div>")


class HistorySection:
    """The timeline chart and, below it, each document by its title and date with its summary and sources; the
    sources' own words folded (one fold per document)."""

    def __init__(self) -> None:
        from ...partnership import timeline_rows

        self.rows = timeline_rows()
        self.chart = W.Image(format="png", layout=W.Layout(max_width="1000px"))
        self._drawn = False
        items = "".join(f"<li><b>{esc(r['title'])}</b> — {esc(r['when'])}. {esc(r['summary'])}<br><small>Source: "
                        f"{esc('; '.join(r['cited']))}. {esc(r['date_basis'])}</small></li>" for r in self.rows)
        quotes = [html_widget("".join(f"<blockquote style='margin:.3em 1em;font-family:Georgia,serif'>“{esc(q['text'])}”</blockquote>"
                                 for q in r["quotes"])) for r in self.rows]
        self.quotes = W.Accordion(children=quotes, titles=tuple(f"{r['title']} ({r['when']}): in the sources' words" for r in self.rows),
                                  selected_index=None)
        self.list = html_widget(f"<ol style='max-width:60em'>{items}</ol>")
        self.widget = W.VBox([self.chart, self.list, self.quotes])

    def draw(self) -> None:
        """Draw the chart (once: it is the same for everyone)."""
        if self._drawn:
            return
        from ..plots import to_png
        from .charts import timeline_chart

        self.chart.value = to_png(timeline_chart(self.rows), dpi=90)
        self._drawn = True


__all__ = ["AssessmentSection", "HistorySection", "assessment_html", "read_ratings"]
