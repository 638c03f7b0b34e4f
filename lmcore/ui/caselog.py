""""My case log" under the grievance timeline: save the grievance on the page, see each saved case's next
deadline (the agenda), open one back into the form, or remove it.

The log (lmcore.storage.caselog, the shared database: the per-user SQLite file, or the office's server when
LMCORE_DATABASE_URL names one) is read only once the section is shown in a browser (or on the first click): a
notebook executed without a browser (nbconvert, nbval) never touches the user's file, so no one's cases end up
in stored outputs; a home that cannot be written shows its message here instead of breaking the page.
CSS classes for browser tests: `lmcore-caselog` (the section), `lmcore-caselog-name`, `lmcore-caselog-save`,
`lmcore-caselog-table`, `lmcore-caselog-pick`, `lmcore-caselog-open`, `lmcore-caselog-remove`.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as W

from ..storage.records import Case, check_case_id
from ..errors import LmcoreError
from ..grievance.record import Extension, Grievance
from . import Field, before_request, error_html, esc, html_widget, lean

if TYPE_CHECKING:  # the storage code (SQLAlchemy) loads when the log is first opened, not with the page
    from ..storage.caselog import CaseLog

_COLOURS = {"missed": "#b00020", "done_late": "#ef6c00", "projected": "#777", "open": "#1f4e9c", "done_on_time": "#2e7d32"}


class CaseLogSection:
    """The section's widgets and glue; `app` is the GrievanceApp whose form it saves and fills."""

    def __init__(self, app: Any, log: CaseLog | Path | str | None = None):
        self.app = app
        if before_request():  # a pre-heated kernel: the storage code (SQLAlchemy, ~0.5 s of CPU) is loaded while nobody
            from ..storage import board, caselog, database  # noqa: F401  waits, not when the page is first shown
        given = log is not None and not isinstance(log, (str, os.PathLike))  # a CaseLog already open
        self._log: CaseLog | None = log if given else None  # type: ignore[assignment]
        self._path: Path | None = Path(log) if isinstance(log, (str, os.PathLike)) else None
        self.loaded = False
        self._confirm: str | None = None
        self._opened: tuple[str, int] | None = None  # the case (id, version) this page opened or saved last
        self.name = lean(W.Text, {"width": "330px"}, placeholder="e.g. 2026-014 Smith overtime")
        self.name.add_class("lmcore-caselog-name")
        self.save_button = lean(W.Button, {"width": "auto"}, description="Save to my case log", button_style="primary", icon="save")
        self.save_button.add_class("lmcore-caselog-save")
        self.name_field = Field(self.name, "Case name", "Your own short name; a case you opened here is saved as its next version.")
        label, box, error = self.name_field.box.children
        self.name_field.box.children = (label, box, self.save_button, error)
        self.message = html_widget()
        self.table = html_widget("<p><i>Your case log opens when this page is shown.</i></p>")
        self.table.add_class("lmcore-caselog-table")
        self.pick = lean(W.Dropdown, {"width": "330px"}, options=[], value=None)
        self.pick.add_class("lmcore-caselog-pick")
        self.pick_field = Field(self.pick, "Open a saved case")
        self.open_button = lean(W.Button, {"width": "auto"}, description="Open", icon="folder-open")
        self.open_button.add_class("lmcore-caselog-open")
        self.remove_button = lean(W.Button, {"width": "auto"}, description="Remove", button_style="danger", icon="trash")
        self.remove_button.add_class("lmcore-caselog-remove")
        label, box, error = self.pick_field.box.children
        self.pick_field.box.children = (label, box, self.open_button, self.remove_button, error)
        self.where = html_widget()
        self.widget = W.VBox([
            html_widget("<h3>4. My case log</h3><p>Save this grievance under a name of your own; the table shows, for "
                   "every case you saved, the step at hand and when it is due — the next deadline first — with the "
                   "rule. Open a case to see its whole timeline and why each date is what it is.</p>"),
            self.name_field.box, self.message, html_widget("<h4>My cases</h4>"), self.table, self.pick_field.box, self.where])
        self.widget.add_class("lmcore-caselog")
        self.widget._view_count = 0  # the browser counts its views: the first one opens the log
        self.widget.observe(self._on_view, "_view_count")
        self.save_button.on_click(lambda _: self.save())
        self.open_button.on_click(lambda _: self.open())
        self.remove_button.on_click(lambda _: self.remove())
        self.pick.observe(lambda _: self._reset_confirm(), "value")
        for w in [app.as_of.widget, *app.readings.values()]:
            w.observe(lambda _: self.loaded and self.load(), "value")

    # -- the log -----------------------------------------------------------------------------------
    def _on_view(self, change: Any) -> None:
        if not self.loaded and (change.get("new") or 0) > 0:
            self.load()

    def log(self, create: bool = False) -> CaseLog | None:
        """The open log; None while its file does not exist yet (it is created by the first save)."""
        if self._log is None:
            from ..storage.caselog import CaseLog
            from ..storage.database import default_path, resolve_url

            url = resolve_url(self._path)
            if not url.startswith("sqlite:///"):
                self._log = CaseLog(url)
                self.where.value = f"<p><small>Case log: {esc(self._log.where)}.</small></p>"
                return self._log
            path = self._path or default_path()
            if not create and not path.exists():
                self.where.value = f"<p><small>Your case log will be kept in {esc(path)}.</small></p>"
                return None
            self._log = CaseLog(path)
            self.where.value = f"<p><small>Your case log: {esc(self._log.path)}.</small></p>"
        return self._log

    def load(self) -> None:
        """(Re)draw the agenda of the saved cases and the list to open from; a log that cannot be used says why."""
        from ..storage.board import due_board

        self.loaded = True
        try:
            log = self.log()
            items = list(due_board(log, self._as_of(), self.app._contract()).rows) if log else []
        except LmcoreError as exc:
            self.table.value = error_html(exc)
            self.pick.options = []
            return
        self.table.value = agenda_html(items, self._as_of())
        keep = self.pick.value
        self.pick.options = [(f"{i.case_id} — {i.title}" if i.title else i.case_id, i.case_id)
                             for i in sorted(items, key=lambda i: i.case_id)]
        self.pick.value = keep if keep in [i.case_id for i in items] else None

    def _as_of(self) -> dt.date:
        return self.app.as_of.value or (self.app.timeline.as_of if self.app.timeline else dt.date.today())

    # -- actions -----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the grievance on the page under the typed name; a bad name or page shows beside the name."""
        self.message.value = ""
        try:
            case_id = check_case_id(self.name.value)
            if self.app.problem:
                raise LmcoreError("the grievance on this page has a problem, so it is not saved",
                                  fix="Correct the date shown in red above, then save")
            log = self.log(create=True)
            g = self.app.grievance()
            if self._opened is not None and self._opened[0] == case_id:
                saved = log.edit(case_id, lambda c: replace(c, grievance=g), expect_version=self._opened[1])
            else:
                saved = log.add(Case(case_id, g))
        except LmcoreError as exc:
            self.name_field.show_error(str(exc))
            return False
        self._opened = (saved.case_id, saved.version)
        self.name_field.clear()
        self.message.value = f"<p style='color:#2e7d32'>✔ Saved “{esc(case_id)}” (version {saved.version}).</p>"
        self.load()
        if case_id in [v for _, v in self.pick.options]:
            self.pick.value = case_id
        return True

    def open(self) -> bool:
        """Put the chosen case back into the form (and its name into the name box, to save changes to it)."""
        self.message.value = ""
        case_id = self.pick.value
        if case_id is None:
            self.pick_field.show_error("Choose a saved case first.")
            return False
        try:
            case = self.log().get(case_id)  # type: ignore[union-attr]
            g = self.log().grievance(case_id)  # type: ignore[union-attr]
            self.app.load(g)
        except LmcoreError as exc:
            self.pick_field.show_error(str(exc))
            return False
        self.pick_field.clear()
        self.name.value = case_id
        self.name_field.clear()
        self._opened = (case.case_id, case.version)
        lost = hidden_extensions(g)
        note = (f" It has {lost} time-limit extension(s) the form cannot show (a new due date agreed, or more than "
                "one): saving it from this page drops them; use the case log page or `lmcore cases edit` to keep them.") if lost else ""
        self.message.value = f"<p>Opened “{esc(case_id)}”: its timeline is shown above.{esc(note)}</p>"
        return True

    def remove(self) -> bool:
        """Remove the chosen case; the first click asks for a second one."""
        self.message.value = ""
        case_id = self.pick.value
        if case_id is None:
            self.pick_field.show_error("Choose a saved case first.")
            return False
        if self._confirm != case_id:
            self._confirm = case_id
            self.remove_button.description = "Click again to remove it"
            self.message.value = f"<p>Remove “{esc(case_id)}” from your case log? Click the button again.</p>"
            return False
        try:
            self.log().remove(case_id)  # type: ignore[union-attr]
            if self._opened and self._opened[0] == case_id:
                self._opened = None
        except LmcoreError as exc:
            self.pick_field.show_error(str(exc))
            return False
        self._reset_confirm()
        self.pick_field.clear()
        self.message.value = f"<p>Removed “{esc(case_id)}”.</p>"
        self.load()
        return True

    def _reset_confirm(self) -> None:
        self._confirm = None
        self.remove_button.description = "Remove"


def agenda_html(items: list[Any], as_of: dt.date) -> str:
    """The agenda as an HTML table; every text a user typed (case name, title) is escaped."""
    if not items:
        return "<p><i>No cases saved yet.</i></p>"
    rows = []
    for i in items:
        case = f"<b>{esc(i.case_id)}</b>" + (f"<br><small>{esc(i.title)}</small>" if i.title else "")
        if i.problem:
            rows.append(f"<tr><td>{case}</td><td colspan='4' style='color:#b00020'>⚠ {esc(i.problem)}</td></tr>")
            continue
        due = f"{i.due:%a %Y-%m-%d}" if i.due else ("any time" if i.is_open else "—")
        why = (f"<details><summary><small>why this date?</small></summary><pre style='white-space:pre-wrap;"
               f"font-size:0.85em;max-width:40em'>{esc(i.explanation)}</pre></details>") if i.explanation else ""
        rows.append(f"<tr style='color:{_COLOURS.get(i.status, '#333')}'><td>{case}</td><td>{esc(i.label)}<br>"
                    f"<small>{esc(i.actor)}</small></td><td style='white-space:nowrap'>{esc(due)}{why}</td>"
                    f"<td>{esc(i.status.replace('_', ' '))}</td><td style='white-space:nowrap'>{esc(i.cite)}</td></tr>")
    return (f"<p><small>As of {as_of:%a %Y-%m-%d}, with the readings chosen above; projected dates assume each "
            "earlier step happens on its last allowed day.</small></p>"
            "<table class='lmcore-table' style='border-collapse:collapse;font-size:0.9em'><thead><tr>"
            "<th>Case</th><th>What is due next</th><th>Due</th><th>Status</th><th>Rule</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def hidden_extensions(g: Grievance) -> int:
    """How many of the grievance's extensions the form cannot hold (it shows one, in workdays, undated)."""
    shown = [e for e in g.extensions if _form_extension(e)][:1]
    return len(g.extensions) - len(shown)


def _form_extension(e: Extension) -> bool:
    return bool(e.workdays) and e.until is None and e.agreed_on is None


def fill_form(app: Any, g: Grievance) -> None:
    """Set the grievance form's widgets to a saved grievance (the app redraws once afterwards)."""
    app.agencies.value = g.agencies
    app.consolidation.value = g.consolidation or ""
    for name, f in app.fields.items():
        f.set(getattr(g, name))
    app.path.value = g.path
    app.title.value = g.title
    app.continuing.value = g.continuing
    app.expedited.value = g.expedited
    waivers = {w.step: w for w in g.waivers}
    for step, box, on in (("step1", app.waive1, app.waive1_on), ("step2", app.waive2, app.waive2_on)):
        box.value = step in waivers
        on.set(waivers[step].agreed_on if step in waivers else None)
    ext = next((e for e in g.extensions if _form_extension(e)), None)
    if ext is not None:
        app.ext_name.options = [("No extension", ""), (ext.milestone, ext.milestone)]
    app.ext_name.value = ext.milestone if ext else ""
    app.ext_field.set(ext.workdays if ext else 0)
