"""The partnership page's stored records (lmcore.storage.partnership): the forum tracker (meetings held against what
the contract requires, the next due date; add a meeting → stored) and the pre-decisional involvement log (add, open,
update). Each section draws from `app.records()`; nothing is read before the page is shown (see page.py)."""
from __future__ import annotations

from typing import Any

import ipywidgets as W

from ...errors import LmcoreError
from .. import Field, esc, html_widget, in_words, lean
from ..practice_parts import DateText

TABLE = "class='lmcore-table' style='border-collapse:collapse;font-size:.9em'"
OK, BAD = "color:#2e7d32", "color:#b00020"


def day_words(d: Any) -> str:
    return d.strftime("%a %Y-%m-%d") if d else "—"


def text_box(value: str = "", width: str = "24em", placeholder: str = "") -> W.Text:
    return lean(W.Text, {"width": width}, value=value, placeholder=placeholder)


def area(width: str = "36em") -> W.Textarea:
    return lean(W.Textarea, {"width": width, "height": "4.5em"})


def done(message: str) -> str:
    return f"<p style='{OK}'>✔ {esc(message)}</p>"


class ForumSection:
    """Meetings held by the contract's forums against what the text requires, with the next due date."""

    def __init__(self, app: Any, params: dict[str, str]):
        from ...partnership.forums import forum_requirements

        self.app = app
        self.forums = forum_requirements(app.contract)
        opts = [(f.name, f.id) for f in self.forums]
        first = params.get("forum") if params.get("forum") in [v for _, v in opts] else self.forums[0].id
        self.forum = Field(lean(W.Dropdown, {"width": "30em"}, options=opts, value=first), "Forum")
        self.forum.widget.add_class("lmcore-meeting-forum")
        self.held = DateText("Met on", None, "YYYY-MM-DD, not after today", what="meeting date")
        self.held.widget.add_class("lmcore-meeting-date")
        self.note = Field(text_box(placeholder="e.g. telework pilot, space plan"), "Note", "optional")
        self.since = DateText("Count meetings from", None, "optional; blank: January 1 of the as-of year", what="first day counted")
        if params.get("since"):
            self.since.widget.value = params["since"]
        self.add_button = lean(W.Button, {"width": "auto"}, description="Record the meeting", button_style="primary", icon="plus")
        self.add_button.add_class("lmcore-meeting-add")
        self.message = html_widget()
        self.table = html_widget("<p><i>The meetings recorded are read when this page is shown.</i></p>")
        self.table.add_class("lmcore-forum-table")
        self.pick = Field(lean(W.Dropdown, {"width": "36em"}, options=[], value=None), "Meetings recorded")
        self.remove_button = lean(W.Button, {"width": "auto"}, description="Remove", button_style="danger", icon="trash")
        label, box, error = self.pick.box.children
        self.pick.box.children = (label, box, self.remove_button, error)
        self._confirm: Any = None
        self.others = html_widget(others_html(self.forums))
        self.left_out = html_widget()
        self.tracker: Any = None
        self.widget = W.VBox([
            html_widget("<b>Record a meeting held</b>"),
            W.HBox([self.forum.box, self.held.box], layout=W.Layout(flex_flow="row wrap")),
            W.HBox([self.note.box, self.add_button], layout=W.Layout(flex_flow="row wrap", align_items="center")),
            self.message, self.table, self.left_out, self.since.box, self.pick.box,
            W.Accordion(children=[self.others], titles=("Forums that meet on request or as issues arise (no due date)",),
                        selected_index=None)])
        self.add_button.on_click(lambda _: self.add())
        self.remove_button.on_click(lambda _: self.remove())
        self.pick.widget.observe(lambda _: self._reset(), "value")
        self.since.widget.observe(lambda _: self.app.store is not None and self.load(), "value")

    def load(self) -> None:
        """Read the stored meetings and redraw the tracker as of the page's day."""
        as_of = self.app.as_of_day()
        try:
            since = self.since.read()
        except LmcoreError:
            return
        if as_of is None:
            return
        try:
            recs, contract = self.app.records(), self.app.reading_contract()
            self.tracker = recs.tracker(as_of, contract, since=since)
            meetings = recs.meetings()
        except LmcoreError as exc:
            self.table.value = f"<p style='{BAD}'>⚠ {esc(exc)}</p>"
            return
        self.table.value = tracker_html(self.tracker, contract)
        self.left_out.value = "".join(f"<p><small>Not counted: {esc(day_words(m.held) if m.held else m.forum)} "
                                      f"({esc(m.forum)}): {esc(why)}.</small></p>" for m, why in self.tracker.left_out)
        names = {f.id: f.name for f in self.forums}
        keep = self.pick.widget.value
        self.pick.widget.options = [(f"{day_words(m.held)} — {names.get(m.forum, m.forum)}" + (f" — {m.note}" if m.note else ""),
                                     (m.forum, m.held.isoformat() if m.held else "")) for m in meetings]
        self.pick.widget.value = keep if keep in [v for _, v in self.pick.widget.options] else None
        self.app.headline()

    def add(self) -> bool:
        self.message.value = ""
        try:
            day = self.held.read(required=True)
        except LmcoreError:
            return False
        try:
            m = self.app.records().add_meeting(self.forum.widget.value, day, note=self.note.widget.value, by=self.app.who(),
                                               today=self.app.today)
        except LmcoreError as exc:
            (self.held if getattr(exc, "field", None) == "held" else self.forum).show_error(str(exc))
            return False
        self.held.clear()
        self.forum.clear()
        self.note.widget.value = ""
        self.message.value = done(f"Recorded: the {self.app.records().forums()[m.forum].name} met on {day_words(m.held)}.")
        self.load()
        return True

    def remove(self) -> bool:
        value = self.pick.widget.value
        if value is None:
            self.pick.show_error("Choose a meeting first.")
            return False
        if self._confirm != value:
            self._confirm = value
            self.remove_button.description = "Click again to remove it"
            return False
        try:
            self.app.records().remove_meeting(*value)
        except LmcoreError as exc:
            self.pick.show_error(str(exc))
            return False
        self._reset()
        self.message.value = done("Removed the meeting.")
        self.load()
        return True

    def _reset(self) -> None:
        self._confirm = None
        self.remove_button.description = "Remove"
        self.pick.clear()


def tracker_html(tracker: Any, contract: Any) -> str:
    """The scheduled forums, the soonest due first: requirement, meetings held, the record so far, the next due date;
    the rule and the count folded under each, with the reading used named in words (`in_words`)."""
    rows = []
    scheduled = sorted((s for s in tracker.statuses if s.next_due is not None), key=lambda s: (s.next_due, s.forum.name))
    for s in scheduled:
        f = s.forum
        since = [d for d in s.held if d >= s.since]
        held = ", ".join(day_words(d) for d in since) or "none recorded"
        state = ("<span style='%s'>met so far</span>" % OK) if s.met else ("<span style='%s'><b>not met</b></span>" % BAD)
        missed = [p.removeprefix("No meeting in ").split(" (")[0] for p in s.problems if p.startswith("No meeting")]
        problems = (f"<br><small>no meeting in {esc(', '.join(missed))}</small>" if missed else "") + "".join(
            f"<br><small>{esc(p)}</small>" for p in s.problems if not p.startswith("No meeting"))
        why = (f"<details><summary><small>the rule and the count</small></summary><pre style='white-space:pre-wrap;"
               f"font-family:inherit;font-size:.85em;max-width:40em'>{esc(in_words(s.explain(), contract))}</pre></details>")
        rows.append(f"<tr><td><b>{esc(f.name)}</b><br><small>{esc(f.cite)}</small></td><td>{esc(_requirement(f))}</td>"
                    f"<td>{esc(held)}</td><td>{state}{problems}</td><td style='white-space:nowrap'><b>{esc(day_words(s.next_due))}</b>"
                    f"<br><small>{esc(s.period or '')}</small>{why}</td></tr>")
    return (f"<p><small>As of {esc(day_words(tracker.as_of))}; meetings counted from {esc(day_words(scheduled[0].since) if scheduled else '')}."
            f"</small></p><table {TABLE}><thead><tr><th>Forum</th><th>What the contract requires</th><th>Meetings held</th>"
            f"<th>Record so far</th><th>Next meeting due by</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _requirement(f: Any) -> str:
    what = {"quarterly": "at least once a quarter", "monthly": "once a month"}.get(f.rhythm, "")
    return what + (" (unless the parties agree otherwise)" if f.unless_agreed else "") + f": “{f.quote}”"


def others_html(forums: Any) -> str:
    items = "".join(f"<li><b>{esc(f.name)}</b> ({esc(f.cite)}): {esc(f.requirement().split(': ', 1)[1])}</li>"
                    for f in forums if not f.scheduled)
    return f"<ul style='max-width:60em'>{items}</ul>"


class PdiSection:
    """The pre-decisional involvement log: each issue from the information given to the decision."""

    def __init__(self, app: Any):
        self.app = app
        self.pick = Field(lean(W.Dropdown, {"width": "32em"}, options=[("A new entry", 0)], value=0), "Entry")
        self.issue = Field(text_box(placeholder="e.g. Telework policy"), "Issue", "what the decision is about")
        self.issue.widget.add_class("lmcore-pdi-issue")
        self.given = DateText("Information given", None, "the day the union got it", what="date the information was given")
        self.given.widget.add_class("lmcore-pdi-given")
        self.received = DateText("Input received", None, "optional", what="date the input was received")
        self.decided = DateText("Decision made", None, "optional", what="date of the decision")
        self.summary = Field(area(), "The decision", "optional, in a few words")
        self.forum = Field(text_box(placeholder="e.g. Department LMRC"), "Forum", "optional")
        self.notes = Field(area(), "Notes", "optional")
        self.save_button = lean(W.Button, {"width": "auto"}, description="Save the entry", button_style="primary", icon="save")
        self.save_button.add_class("lmcore-pdi-save")
        self.message = html_widget()
        self.table = html_widget()
        self.table.add_class("lmcore-pdi-table")
        self.opened: tuple[int, int] | None = None  # (entry id, version) the form holds
        self.widget = W.VBox([
            html_widget("<p>The pre-decisional involvement log. For each issue: when management gave the union the information, "
                   "when the union's input came, and when the decision was made — and what the record shows about the process.</p>"),
            self.pick.box, self.issue.box, W.HBox([self.given.box, self.received.box, self.decided.box],
                                                  layout=W.Layout(flex_flow="row wrap")),
            self.summary.box, self.forum.box, self.notes.box, self.save_button, self.message, self.table])
        self.pick.widget.observe(lambda _: self.open(self.pick.widget.value), "value")
        self.save_button.on_click(lambda _: self.save())

    def load(self) -> None:
        try:
            log = self.app.records().pdi_log()
        except LmcoreError as exc:
            self.table.value = f"<p style='{BAD}'>⚠ {esc(exc)}</p>"
            return
        self.table.value = pdi_html(log)
        keep = self.pick.widget.value
        self.pick.widget.options = [("A new entry", 0)] + [(f"#{e.id} {e.issue}" + (f" ({e.record.stage})" if e.record else ""), e.id)
                                                          for e in log]
        self.pick.widget.value = keep if keep in [v for _, v in self.pick.widget.options] else 0

    def open(self, entry_id: int) -> None:
        """Fill the form with a stored entry (or empty it for a new one)."""
        self.message.value = ""
        for f in (self.issue, self.given, self.received, self.decided, self.summary):
            f.clear()
        if not entry_id:
            self.opened = None
            self.issue.widget.value = self.summary.widget.value = self.forum.widget.value = self.notes.widget.value = ""
            for d in (self.given, self.received, self.decided):
                d.set(None)
            self.save_button.description = "Save the entry"
            return
        try:
            e = self.app.records().pdi_entry(entry_id)
        except LmcoreError as exc:
            self.pick.show_error(str(exc))
            return
        r = e.record
        self.opened = (e.id, e.version)
        self.issue.widget.value = e.issue
        if r is not None:
            self.given.set(r.information_given)
            self.received.set(r.input_received)
            self.decided.set(r.decision)
            self.summary.widget.value, self.forum.widget.value, self.notes.widget.value = r.decision_summary, r.forum or "", r.notes
        self.save_button.description = f"Save entry #{e.id}"

    def save(self) -> bool:
        from ...partnership.pdi import PdiRecord
        from ...storage.caselog import Conflict

        self.message.value = ""
        try:
            given = self.given.read(required=True)
            received, decided = self.received.read(), self.decided.read()
        except LmcoreError:
            return False
        boxes = {"issue": self.issue, "information_given": self.given, "input_received": self.received, "decision": self.decided,
                 "decision_summary": self.summary}
        try:
            record = PdiRecord(self.issue.widget.value, given, received, decided, self.summary.widget.value,
                               self.forum.widget.value.strip() or None, self.notes.widget.value)
            recs = self.app.records()
            if self.opened is None:
                e = recs.add_pdi(record, by=self.app.who())
            else:
                e = recs.update_pdi(self.opened[0], record, expect_version=self.opened[1], by=self.app.who())
        except Conflict as exc:
            self.message.value = f"<p style='{BAD}'>⚠ {esc(exc)}</p>"
            return False
        except LmcoreError as exc:
            boxes.get(getattr(exc, "field", None) or "issue", self.issue).show_error(str(exc))
            return False
        for f in boxes.values():
            f.clear()
        self.load()
        self.pick.widget.value = e.id  # the form holds the entry as saved (its new version)
        self.opened = (e.id, e.version)
        self.message.value = done(f"Saved entry #{e.id} (version {e.version}).")
        return True


def pdi_html(log: Any) -> str:
    if not log:
        return "<p><i>No entries yet.</i></p>"
    rows = []
    for e in log:
        if e.record is None:
            rows.append(f"<tr><td>#{e.id}</td><td>{esc(e.issue)}</td><td colspan='5' style='{BAD}'>⚠ {esc(e.problem)}</td></tr>")
            continue
        r = e.record
        shows = "".join(f"<p style='margin:0;{BAD}'><small>⚠ {esc(f)}</small></p>" for f in r.findings())
        if r.predecisional:
            shows = f"<span style='{OK}'>input came before the decision ({r.days_for_input} days from the information)</span>"
        rows.append(f"<tr><td>#{e.id}</td><td><b>{esc(r.issue)}</b>" + (f"<br><small>{esc(r.forum)}</small>" if r.forum else "")
                    + f"</td><td>{day_words(r.information_given)}</td><td>{day_words(r.input_received)}</td><td>{day_words(r.decision)}"
                    + (f"<br><small>{esc(r.decision_summary)}</small>" if r.decision_summary else "")
                    + f"</td><td>{esc(r.stage)}</td><td>{shows}</td></tr>")
    return (f"<table {TABLE}><thead><tr><th></th><th>Issue</th><th>Information given</th><th>Input received</th><th>Decision</th>"
            f"<th>Stage</th><th>What the record shows</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


__all__ = ["ForumSection", "PdiSection", "others_html", "pdi_html", "tracker_html"]
