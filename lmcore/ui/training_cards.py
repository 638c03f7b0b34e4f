"""The training page's HTML: a question's card (the story, the facts in words, a timesheet as a table, the readings
assumed, the question), the graded answer's headline (right or not, the likely slip) and its feedback (the rule's own
explanation, the trainer's working). Every text from a scenario file or a trainee is escaped."""
from __future__ import annotations

from typing import Any

from ..training.answers import words
from . import esc, in_words


def card_html(s: Any) -> str:
    """The question: title, article, story, the facts in words (a timesheet as a table), readings assumed, question."""
    from ..training.facts import fact_rows

    rows, tables = [], []
    for r in fact_rows(s):
        rows.append(f"<tr><th style='text-align:left;padding-right:1em'>{esc(r.label)}</th><td>{esc(r.text)}</td></tr>")
        if r.table:
            head = "".join(f"<th style='padding:0 .6em'>{esc(c)}</th>" for c in r.table[0])
            body = "".join("<tr>" + "".join(f"<td style='padding:0 .6em'>{esc(c)}</td>" for c in row) + "</tr>" for row in r.table[1:])
            tables.append(f"<table class='lmcore-table' style='font-size:.9em'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    for d, name in sorted(s.closures.items()):
        rows.append(f"<tr><th style='text-align:left;padding-right:1em'>Office closure</th><td>{esc(name)}, {d:%a %Y-%m-%d}</td></tr>")
    readings = ""
    if s.readings:
        items = "".join(f"<li>{esc(_reading_words(s, rid, choice))}</li>" for rid, choice in s.readings.items())
        readings = f"<p><b>This question assumes a reading of the text:</b></p><ul>{items}</ul>"
    return (f"<h3>{esc(s.title)} <small style='font-weight:normal'>({esc(s.article)})</small></h3>"
            f"<p>{esc(s.story)}</p><table style='border-collapse:collapse'>{''.join(rows)}</table>{''.join(tables)}{readings}"
            f"<p style='font-size:1.1em'><b>{esc(s.question.text)}</b></p>")


def _reading_words(s: Any, rid: str, choice: str) -> str:
    from ..contract.loading import load_contract

    interp = load_contract().interpretations.get(rid)
    if interp is None:
        return f"{rid} = {choice}"
    return f"{interp.question} — {interp.options.get(choice, choice)}"


def _for_page(text: str) -> str:
    """A text as the page shows it: any reading id left in running text (a trainer's working) named by its label."""
    from ..contract.loading import load_contract

    return in_words(text, load_contract())


def headline_html(g: Any) -> str:
    colour = "#2e7d32" if g.correct else "#b00020"
    mark = "✔" if g.correct else "✘"
    slip = f"<p><b>Likely slip:</b> {esc(g.slip.words)}.</p>" if g.slip else ""
    return f"<p style='color:{colour};font-size:1.15em'><b>{mark} {esc(g.headline())}</b></p>{slip}"


def feedback_html(g: Any) -> str:
    """The graded feedback below the headline: other slips, the rule's own explanation (days counted and skipped,
    the words of the clause, the reading used)."""
    s = g.scenario
    parts = []
    if not g.correct and not g.slips:
        parts.append("<p>No common slip gives your answer: compare your count with the one below, day by day.</p>")
    parts += [f"<p>Or: {esc(x.words)}.</p>" for x in g.slips[1:3]]
    if not g.agrees:
        parts.append(f"<p style='background:#fff4d6;padding:4px'><b>Note for the trainer:</b> the scenario file says "
                     f"{esc(words(g.trainer_expected, s.answer_type, s.choices, s.unit))}; lmcore says otherwise. One of them "
                     "is wrong (run <code>lmcore scenarios check</code>).</p>")
    parts.append("<p><b>How lmcore works it out</b></p><pre style='white-space:pre-wrap;font-family:inherit;background:#f7f9fc;"
                 f"padding:6px 10px;max-width:60em'>{esc(_for_page(g.page_explanation))}</pre>")
    if s.working:
        parts.append(f"<details><summary>The trainer's working</summary><pre style='white-space:pre-wrap;font-family:inherit'>"
                     f"{esc(_for_page(s.working.strip()))}</pre></details>")
    return "".join(parts)


__all__ = ["card_html", "feedback_html", "headline_html"]
