"""Dashboard: labor–management partnership (notebooks/partnership.ipynb). The key finding first — which of the
contract's forums is next due to meet, and which are behind — then five tabs: the forum tracker (add a meeting →
stored, the next due date moves), the pre-decisional involvement log, the annual report in the 1999 memorandum's five
categories (a printable page to save), the Six Elements self-assessment, and the history as a timeline.

`build_app(contract=None, as_of=date, params=None, where=None)` → `PartnershipApp` (`.widget`, `.summary()`).
Link: `?tab=forums|pdi|report|assessment|history`, `as_of=YYYY-MM-DD` (the day the forums are judged on),
`forum=ID` (preselected to record a meeting), `year=2026` (the report), `launch=3,4&build=1…` and `done=LESSON,…`
(the self-assessment). The records (`where`, else the setting) are read only once the page is shown in a browser.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as W

from ...errors import LmcoreError
from .. import CSS_ANSWER, Field, app_box, error_html, esc, html_widget, lean, mark_ready
from ..practice_parts import DateText, choose
from ..readings import Readings
from .practice import AssessmentSection, HistorySection
from .records import ForumSection, PdiSection
from .report import ReportSection

TABS = [("Forum tracker", "forums"), ("Involvement log", "pdi"), ("Annual report", "report"),
        ("Self-assessment", "assessment"), ("History", "history")]
READINGS = ["committees.quarterly"]


class PartnershipApp:
    """The page's widgets and glue; `records()` opens the database the first time it is needed."""

    def __init__(self, contract: Any, today: dt.date, params: dict[str, str], where: Any = None):
        from ...training.results import hub_user

        self.contract, self.today, self.where = contract, today, where
        self.store: Any = None
        hub = hub_user()
        self.name = Field(lean(W.Text, {"width": "14em"}, value=hub or "", placeholder="e.g. Ann Lee", disabled=bool(hub)),
                          "Your name", f"signed in to JupyterHub as {hub}" if hub else "recorded with each change")
        self.as_of = DateText("As of", today, "the day the forums are judged on", what="as-of date")
        self.as_of.widget.add_class("lmcore-partnership-as-of")
        if params.get("as_of"):
            self.as_of.widget.value = params["as_of"]
        self.readings = Readings(contract, READINGS, lambda _: self.store is not None and self.forums.load(),
                                 title="Readings of the text: what “quarterly” means")
        self.answer = html_widget("<p><i>The meetings recorded are read when this page is shown.</i></p>")
        self.answer.add_class(CSS_ANSWER)
        self.forums = ForumSection(self, params)
        self.pdi = PdiSection(self)
        self.report = ReportSection(self, params)
        self.assessment = AssessmentSection(params)
        self.history = HistorySection()
        tab, msg = choose(params, "tab", TABS, "forums", "a part of this page")
        self.tabs = W.Tab(children=[self.forums.widget, self.pdi.widget, self.report.widget, self.assessment.widget,
                                    self.history.widget], titles=tuple(t for t, _ in TABS))
        self.tabs.selected_index = [v for _, v in TABS].index(tab)
        self.link_note = html_widget(f'<span style="color:#b00020">⚠ {esc(msg)}</span>' if msg else "")
        self.link_note.add_class("lmcore-error")  # beside the tabs: the part of the page the link could not open
        self.widget = app_box([
            W.HBox([self.as_of.box, self.name.box], layout=W.Layout(flex_flow="row wrap")),
            html_widget(f"<p><small>The forums the contract sets up, among them the monthly meeting of the "
                        f"{esc(contract.spell_out('OELMR'))} and {esc(contract.union)} on arbitration cases "
                        "(Art. 44 §3.b).</small></p>"),
            self.answer, self.link_note, self.tabs, self.readings.box])
        self.as_of.widget.observe(lambda _: self.store is not None and self.forums.load(), "value")
        self.tabs.observe(lambda ch: ch.get("new") == 4 and self.history.draw(), "selected_index")
        if tab == "history":
            self.history.draw()
        self.widget._view_count = 0
        self.widget.observe(lambda ch: (ch.get("new") or 0) > 0 and self.store is None and self.open(), "_view_count")
        mark_ready(self.widget)

    # -- the records --------------------------------------------------------------------------------
    def records(self) -> Any:
        """The stored records (the database opened on first use)."""
        from ...storage.partnership import PartnershipRecords

        if self.store is None:
            self.store = PartnershipRecords(self.where, contract=self.contract)
        return self.store

    def open(self) -> bool:
        """Read the stored meetings, PDI log and report (when the page is shown)."""
        try:
            self.records()
        except LmcoreError as exc:
            self.answer.value = error_html(exc)
            return False
        self.forums.load()
        self.pdi.load()
        self.report.load()
        return True

    def who(self) -> str | None:
        return self.name.widget.value.strip() or None

    def as_of_day(self) -> dt.date | None:
        try:
            return self.as_of.read(required=True)
        except LmcoreError:
            return None

    def reading_contract(self) -> Any:
        return self.readings.contract()

    def headline(self) -> None:
        t = self.forums.tracker
        if t is not None:
            self.answer.value = headline_html(t)

    def summary(self) -> str:
        """Deterministic text for the notebook's tests (nothing read from the database)."""
        from ...partnership.report import categories

        scheduled = [f for f in self.forums.forums if f.scheduled]
        a = self.assessment.assessment
        rated = (f"weakest element {', '.join(s.title for s in a.weakest)}" if a is not None else "not rated yet")
        return (f"Partnership page as of {self.today.isoformat()}: {len(self.forums.forums)} forums of the contract, "
                f"{len(scheduled)} with a schedule ({', '.join(f.name for f in scheduled)}); the meetings recorded are read "
                f"when the page is shown. History: {len(self.history.rows)} documents, "
                f"{self.history.rows[0]['when']}–{self.history.rows[-1]['when']}. Report categories: "
                f"{', '.join(t for _, t in categories())}. Self-assessment: {rated}.")


def _day(d: dt.date) -> str:
    return d.strftime("%a %Y-%m-%d")


def headline_html(tracker: Any) -> str:
    """The key finding: the forum next due to meet (by when, under which clause) and the forums behind."""
    scheduled = [s for s in tracker.statuses if s.next_due is not None]
    if not scheduled:
        return "<p>No forum of this contract meets on a fixed schedule.</p>"
    soonest = min(scheduled, key=lambda s: (s.next_due, s.forum.name))
    behind = [s for s in scheduled if not s.met]
    head = (f"<p style='font-size:1.1em'><b>Next meeting due: the {esc(soonest.forum.name)}, by "
            f"<span class='lmcore-due'>{esc(_day(soonest.next_due))}</span></b> ({esc(soonest.forum.cite)}; as of "
            f"{esc(_day(tracker.as_of))}).</p>")
    if behind:
        names = "; ".join(esc(s.forum.name) for s in behind)
        head += (f"<p style='color:#b00020'>{len(behind)} of {len(scheduled)} forums that meet on a schedule missed a period "
                 f"since {esc(_day(behind[0].since))}: {names}.</p>")
    else:
        head += f"<p style='color:#2e7d32'>Every one of the {len(scheduled)} scheduled forums has met as required so far.</p>"
    return head


def prepare() -> None:
    """The storage layer's code and the partnership data, loaded before the page is asked for (call it before
    `query_params`): the database itself is opened only when the page is shown."""
    import lmcore.storage.partnership  # noqa: F401  (SQLAlchemy is imported now, not when the page is shown)
    from ...contract.loading import load_contract
    from ...partnership import forum_requirements, timeline_rows

    forum_requirements(load_contract())
    timeline_rows()


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None,
              where: Any = None) -> PartnershipApp:
    """The partnership page; `as_of` is the page's today (the real date unless a test pins it)."""
    from ...contract.loading import load_contract
    from ..practice_parts import page_today

    return PartnershipApp(contract or load_contract(), as_of or page_today(), dict(params or {}), where)
