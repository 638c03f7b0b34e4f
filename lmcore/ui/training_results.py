"""Dashboard: the trainer's view (notebooks/training_results.ipynb). Every trainee's graded answers from the shared
database (lmcore.storage.training): the scenarios most often missed first, with the typical slip in words, then results
per trainee and per scenario and the slips made, as tables and a chart; every answer as a CSV download.

`build_app(contract=None, as_of=date, params=None, where=None, library=None)` → `ResultsApp` (`.widget`, `.summary()`).
Link: `?set=grievance-basics&track=steward&trainee=NAME&since=2026-11-23`. The database (`where`, else the setting) is
opened only when the page is shown in a browser (or on `open()`), never while the notebook is executed without one.
CSS classes: `lmcore-results-missed`, `lmcore-results-trainees`, `lmcore-results-scenarios`, `lmcore-results-slips`,
`lmcore-results-csv`, `lmcore-results-refresh`.
"""
from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

import ipywidgets as W

from ..errors import LmcoreError
from . import CSS_ANSWER, Field, app_box, error_html, esc, html_widget, lean, mark_ready
from .practice_parts import DateText, choose, download_link

TRACKS = [("Every track", ""), ("Stewards", "steward"), ("Managers", "manager"), ("Questions for both", "both")]
_TABLE = "class='lmcore-table' style='border-collapse:collapse;font-size:.92em'"


def results_chart(summary: Any, titles: dict[str, str], limit: int = 8) -> Any:
    """Two bar charts (a Figure): the share of answers missed per scenario (most missed first) and how many wrong
    answers each kind of slip explains — axes labelled, in plain words."""
    from matplotlib.figure import Figure

    from ..training.slips import kind_words

    rows = list(summary.most_missed[:limit])
    slips = list(summary.slips[:limit])
    fig = Figure(figsize=(10.5, 0.55 * max(len(rows), len(slips), 2) + 1.6), dpi=100)
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": (1.15, 1)})
    labels = ["\n".join(textwrap.wrap(titles.get(r.scenario, r.scenario), 34)[:2]) for r in rows][::-1]
    left.barh(labels or ["(none missed)"], [100 * r.missed_share for r in rows][::-1] or [0], color="#d62728")
    for y, r in enumerate(rows[::-1]):
        left.text(100 * r.missed_share + 1, y, f"{r.missed} of {r.answered}", va="center", fontsize=7.5)
    left.set_xlim(0, 119)
    left.set_xlabel("Answers missed (% of the answers to the question)")
    left.set_title("Questions most often missed", fontsize=10)
    left.tick_params(axis="y", labelsize=7.5)
    slip_labels = ["\n".join(textwrap.wrap(kind_words(k), 30)[:2]) for k, _, _ in slips][::-1]
    right.barh(slip_labels or ["(no slip named)"], [n for _, _, n in slips][::-1] or [0], color="#1f4e9c")
    right.set_xlabel("Wrong answers the slip explains (number)")
    right.set_title("Typical slips", fontsize=10)
    right.tick_params(axis="y", labelsize=7.5)
    right.xaxis.get_major_locator().set_params(integer=True)
    for ax in (left, right):
        ax.grid(axis="x", alpha=0.3)
    height = fig.get_figheight()  # fixed margins for the wrapped labels (tight_layout would draw the figure twice)
    fig.subplots_adjust(left=0.2, right=0.985, top=1 - 0.45 / height, bottom=0.75 / height, wspace=0.62)
    return fig


class ResultsApp:
    """The trainer's view; `open()` reads the database, `refresh()` redraws with the filters."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str], where: Any = None, library: Any = None):
        self.contract, self.as_of, self.where = contract, as_of, where
        self.lib = library
        self.store: Any = None
        self.summary_shown: Any = None
        notes: list[tuple[Field, str]] = []
        sets = [("Every set", "")] + ([(st.title, st.id) for st in library.sets] if library is not None else [])
        set_id, msg = choose(params, "set", sets, "", "a scenario set here")
        self.set = Field(lean(W.Dropdown, {"width": "22em"}, options=sets, value=set_id), "Scenario set")
        msg and notes.append((self.set, msg))
        track, msg = choose(params, "track", TRACKS, "", "a track (steward, manager or both)")
        self.track = Field(lean(W.Dropdown, {"width": "12em"}, options=TRACKS, value=track), "Track")
        msg and notes.append((self.track, msg))
        self._wanted_trainee = params.get("trainee", "").strip()
        self.trainee = Field(lean(W.Dropdown, {"width": "16em"}, options=[("Every trainee", "")], value=""), "Trainee")
        self.since = DateText("Answers given since", None, "optional: a session's first day", what="first day")
        if params.get("since"):
            self.since.widget.value = params["since"]
        self.refresh_button = lean(W.Button, {"width": "auto"}, description="Show new answers", icon="refresh")
        self.refresh_button.add_class("lmcore-results-refresh")
        self.answer = html_widget("<p><i>The trainees' answers are read when this page is shown.</i></p>")
        self.answer.add_class(CSS_ANSWER)
        self.missed, self.trainees, self.scenarios, self.slips = html_widget(), html_widget(), html_widget(), html_widget()
        for w, css in ((self.missed, "missed"), (self.trainees, "trainees"), (self.scenarios, "scenarios"), (self.slips, "slips")):
            w.add_class(f"lmcore-results-{css}")
        self.chart = W.Image(format="png", layout=W.Layout(max_width="1000px", display="none"))
        self.download = html_widget()
        self.where_note = html_widget()
        self.widget = app_box([
            W.HBox([self.set.box, self.track.box], layout=W.Layout(flex_flow="row wrap")),
            W.HBox([self.trainee.box, self.since.box, self.refresh_button], layout=W.Layout(flex_flow="row wrap", align_items="center")),
            self.answer, self.missed, self.chart, html_widget("<h3>By trainee</h3>"), self.trainees, html_widget("<h3>Typical slips</h3>"),
            self.slips, html_widget("<h3>Every question answered</h3>"), self.scenarios, self.download, self.where_note])
        for w in (self.set.widget, self.track.widget, self.trainee.widget, self.since.widget):
            w.observe(lambda _: self.store is not None and self.refresh(), "value")
        self.refresh_button.on_click(lambda _: self.open() if self.store is None else self.refresh())
        self.widget._view_count = 0
        self.widget.observe(lambda ch: (ch.get("new") or 0) > 0 and self.store is None and self.open(), "_view_count")
        for field, message in notes:
            field.show_error(message)
        mark_ready(self.widget)

    def open(self) -> bool:
        from ..storage.training import TrainingResults

        try:
            self.store = TrainingResults(self.where)
        except LmcoreError as exc:
            self.answer.value = error_html(exc)
            return False
        self.where_note.value = f"<p><small>Answers read from {esc(self.store.where)}.</small></p>"
        self.refresh()
        return True

    def refresh(self) -> None:
        """Read the answers again (new ones may have come in) and redraw everything with the filters."""
        from ..training.results import summarize

        if self.store is None:
            return
        try:
            since = self.since.read()
        except LmcoreError:  # the message is beside the box; the tables keep what they showed
            return
        try:
            names = self.store.trainees()
            keep = self.trainee.widget.value or self._wanted_trainee
            self._wanted_trainee = ""
            self.trainee.widget.options = [("Every trainee", "")] + [(n, n) for n in names]
            self.trainee.widget.value = keep if keep in names else ""
            if keep and keep not in names:
                self.trainee.show_error(f"No answers from “{keep}” yet; showing every trainee.")
            attempts = self.store.attempts(trainee=self.trainee.widget.value or None, set_id=self.set.widget.value or None,
                                           track=self.track.widget.value or None)
        except LmcoreError as exc:
            self.answer.value = error_html(exc)
            return
        if since is not None:
            attempts = tuple(a for a in attempts if a.at is not None and a.at.date() >= since)
        self.draw(summarize(attempts))

    def titles(self, summary: Any) -> dict[str, str]:
        """Each scenario's title: as stored with its answers, else from the scenario files, else its id in words."""
        known = {s.id: s.title for s in self.lib.scenarios} if self.lib is not None else {}
        return {r.scenario: r.title or known.get(r.scenario) or r.scenario.replace("-", " ").capitalize() for r in summary.scenarios}

    def draw(self, summary: Any) -> None:
        from .plots import to_png

        self.summary_shown = summary
        titles = self.titles(summary)
        self.answer.value = headline_html(summary, titles)
        self.missed.value = missed_html(summary, titles)
        self.trainees.value = trainees_html(summary)
        self.slips.value = slips_html(summary)
        self.scenarios.value = scenarios_html(summary, titles)
        if summary.attempts:
            self.chart.value = to_png(results_chart(summary, titles), dpi=90)
            self.chart.layout.display = "block"
            self.download.value = download_link(summary.to_csv().encode("utf-8"), "text/csv;charset=utf-8",
                                                "training-results.csv", f"Download every answer ({len(summary.attempts)}) as CSV",
                                                "lmcore-results-csv")
        else:
            self.chart.layout.display = "none"
            self.download.value = ""

    def summary(self) -> str:
        """Deterministic text for the notebook's tests (the database is not read while the notebook runs)."""
        if self.summary_shown is None:
            return f"Trainer's view as of {self.as_of.isoformat()}: the trainees' answers are read when the page is shown."
        s = self.summary_shown
        return f"Trainer's view as of {self.as_of.isoformat()}: {len(s.attempts)} answers from {len(s.trainees)} trainees."


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def headline_html(s: Any, titles: dict[str, str]) -> str:
    """The key finding first: how many answers, how many right, the question most often missed and its typical slip."""
    if not s.attempts:
        return "<p>No answers yet for these filters. Trainees' answers appear here as they check them; press <b>Show new answers</b>.</p>"
    n, right = len(s.attempts), sum(a.correct for a in s.attempts)
    head = (f"<p style='font-size:1.1em'><b>{n} answer{'s' if n != 1 else ''} from {len(s.trainees)} trainee"
            f"{'s' if len(s.trainees) != 1 else ''}: {right} right ({_pct(right / n)}).</b>")
    if s.most_missed:
        top = s.most_missed[0]
        head += (f" Most often missed: <b>{esc(titles[top.scenario])}</b> ({esc(top.article)}), {top.missed} of {top.answered} "
                 "answers wrong" + (f"; typical slip: {esc(top.typical_slip)}" if top.typical_slip else "") + ".")
    else:
        head += " Every answer is right."
    return head + "</p>"


def missed_html(s: Any, titles: dict[str, str]) -> str:
    if not s.most_missed:
        return ""
    rows = "".join(f"<tr><td>{esc(titles[r.scenario])}<br><small>{esc(r.article)}</small></td><td>{r.missed} of {r.answered} "
                   f"({_pct(r.missed_share)})</td><td>{esc(r.typical_slip or 'no common slip')}"
                   + (f" <small>({r.typical_slip_count}×)</small>" if r.typical_slip else "") + "</td></tr>"
                   for r in s.most_missed)
    return (f"<h3>Questions most often missed</h3><table {_TABLE}><thead><tr><th>Question</th><th>Missed</th>"
            f"<th>Typical slip</th></tr></thead><tbody>{rows}</tbody></table>")


def trainees_html(s: Any) -> str:
    if not s.trainees:
        return "<p><i>None yet.</i></p>"
    rows = "".join(f"<tr><td>{esc(t.trainee)}</td><td>{t.answered}</td><td>{t.correct}</td><td>{_pct(t.score)}</td></tr>"
                   for t in sorted(s.trainees, key=lambda t: (t.score, t.trainee)))
    return (f"<table {_TABLE}><thead><tr><th>Trainee</th><th>Answers</th><th>Right</th><th>Score</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def slips_html(s: Any) -> str:
    from ..training.slips import kind_words

    if not s.slips:
        return "<p><i>No slip named yet.</i></p>"
    rows = "".join(f"<tr><td>{esc(kind_words(k).capitalize())}</td><td>{n}</td><td><small>e.g. {esc(example)}</small></td></tr>"
                   for k, example, n in s.slips)
    return (f"<table {_TABLE}><thead><tr><th>Slip</th><th>Wrong answers</th><th>An example</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def scenarios_html(s: Any, titles: dict[str, str]) -> str:
    if not s.scenarios:
        return "<p><i>None yet.</i></p>"
    rows = "".join(f"<tr><td>{esc(titles[r.scenario])}</td><td>{esc(r.article)}</td><td>{r.answered}</td><td>{r.correct}</td>"
                   f"<td>{_pct(r.correct / r.answered if r.answered else 0)}</td></tr>" for r in s.scenarios)
    return (f"<table {_TABLE}><thead><tr><th>Question</th><th>Article</th><th>Answers</th><th>Right</th><th>Share right</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>")


def prepare(folder: Any = None) -> Any:
    """The scenario files (for set and question titles) and the storage layer's code, loaded before the page is asked
    for (call it before `query_params`); returns the library for `build_app(library=…)`."""
    from ..contract.loading import load_contract
    import lmcore.storage.training  # noqa: F401  (SQLAlchemy is imported now, not when the page is shown)
    from ..training import load_scenarios

    return load_scenarios(folder, load_contract())


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None,
              where: Any = None, library: Any = None) -> ResultsApp:
    """The trainer's view, starting from `params` (set, track, trainee, since)."""
    from ..contract.loading import load_contract
    from .practice_parts import page_today

    contract = contract or load_contract()
    if library is None:
        from ..training import load_scenarios

        library = load_scenarios(None, contract)
    return ResultsApp(contract, as_of or page_today(), dict(params or {}), where, library)
