"""The case log dashboard (notebooks/case_log.ipynb): the due board across every open case with filters, a case form
that checks each field as it is typed, the case's history and printable summary, what-if closures (which deadlines
would move, before applying), import, export, the calendar feed, backup and restore.

`build_app(contract=None, as_of=date, params=None, where=None)` returns a `CaseLogApp` (`.widget`, `.summary()`).
The database (`where`, else the setting: LMCORE_DATABASE_URL or the per-user file) is opened only once the page is
shown in a browser (or on `open_log()`): executing the notebook never touches anyone's case log.
CSS classes: `lmcore-board` (the board), `lmcore-case-form`, `lmcore-case-save`, `lmcore-case-history`,
`lmcore-whatif`, `lmcore-import`.
"""
from __future__ import annotations

import base64
import datetime as dt
from dataclasses import replace
from typing import Any

import ipywidgets as W

from ..errors import InvalidDate, LmcoreError
from ..grievance.record import DATE_FIELDS, Grievance
from ..storage.board import BUCKET_WORDS, deadline_moves, due_board
from ..storage.caselog import CaseLog, who
from ..storage.records import Case
from . import CSS_ANSWER, Field, app_box, error_html, esc, html_widget, lean, mark_ready
from .inputs import page_today

_COLOURS = {"overdue": "#b00020", "soon": "#ef6c00", "later": "#1f4e9c", "projected": "#777", "undated": "#1f4e9c",
            "done": "#2e7d32", "problem": "#b00020"}
_TEXTS = (("title", "Title"), ("steward", "Steward"), ("official", "Supervisor / agency official"), ("agency", "Agency"),
          ("grievants", "Grievant(s), separated by ;"), ("articles", "Articles cited, separated by ;"), ("subject", "Subject"))


class CaseLogApp:
    """The widgets and glue of the case log page."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str], where: Any = None):
        self.base, self.contract, self.where = contract, contract, where
        self.log: CaseLog | None = None
        self.as_of = as_of
        self.opened: Case | None = None
        self.pending: Any = None  # a contract with a previewed change, until applied
        text = lambda v="", w="220px": lean(W.Text, {"width": w}, value=v)  # noqa: E731
        self.user = Field(text(), "Your name", "Recorded with each change (the JupyterHub user is used where there is one).")
        self.f_steward, self.f_article = text(params.get("steward", "")), text(params.get("article", ""))
        self.f_status = lean(W.Dropdown, options=[("All", "")] + [(w, b) for b, w in BUCKET_WORDS.items()], value=params.get("status", "") if params.get("status", "") in BUCKET_WORDS else "")
        self.filters = W.HBox([Field(self.f_steward, "Steward").box, Field(self.f_article, "Article").box,
                               Field(self.f_status, "Show").box], layout=W.Layout(flex_flow="row wrap"))
        self.answer = html_widget("<p><i>The case log opens when this page is shown.</i></p>")
        self.answer.add_class(CSS_ANSWER)
        self.board = html_widget()
        self.board.add_class("lmcore-board")
        # -- the case form ------------------------------------------------------------------------
        self.case_id = Field(text(w="260px"), "Case id", "A short id, e.g. 2026-014-smith.")
        self.texts = {k: Field(text(w="420px") if k != "subject" else lean(W.Textarea, {"width": "420px"}), label)
                      for k, label in _TEXTS}
        self.dates = {k: Field(text(w="130px"), words.split(" (")[0].capitalize(), f"YYYY-MM-DD ({cite})")
                      for k, (words, cite) in DATE_FIELDS.items()}
        for f in self.dates.values():
            f.widget.placeholder = "YYYY-MM-DD"
            f.widget.observe(lambda ch, f=f: self._typed(f), "value")
        from ..grievance.steps import PATHS

        self.path = lean(W.Dropdown, options=list(PATHS), value="employee")
        self.status = lean(W.Dropdown, options=["open", "settled", "withdrawn", "closed"], value="open")
        self.save_button = lean(W.Button, description="Save case", button_style="primary", icon="save")
        self.save_button.add_class("lmcore-case-save")
        self.new_button = lean(W.Button, description="New case", icon="file")
        self.form_message = html_widget()
        self.form = W.VBox([self.case_id.box, Field(self.path, "Path").box, Field(self.status, "Case status").box,
                            *[f.box for f in self.texts.values()], *[f.box for f in self.dates.values()],
                            W.HBox([self.save_button, self.new_button]), self.form_message])
        self.form.add_class("lmcore-case-form")
        self.pick = lean(W.Dropdown, {"width": "330px"}, options=[], value=None)
        self.open_button = lean(W.Button, description="Open", icon="folder-open")
        self.history = html_widget()
        self.history.add_class("lmcore-case-history")
        self.case_downloads = html_widget()
        # -- what if, import, export, backup --------------------------------------------------------
        self.whatif_day = Field(text(w="130px"), "Closure on", "YYYY-MM-DD")
        self.whatif_name = text("Office closure")
        self.preview_button = lean(W.Button, description="Show what would move", icon="eye")
        self.apply_button = lean(W.Button, description="Apply", icon="check", disabled=True)
        self.whatif_out = html_widget()
        self.whatif = W.VBox([W.HBox([self.whatif_day.box, self.whatif_name, self.preview_button, self.apply_button]),
                              self.whatif_out])
        self.whatif.add_class("lmcore-whatif")
        self.upload = lean(W.FileUpload, accept=".csv,.xlsx", multiple=False)
        self.upload.add_class("lmcore-import")
        self.import_out = html_widget()
        self.restore_upload = lean(W.FileUpload, accept=".sqlite,.json", multiple=False)
        self.restore_out = html_widget()
        self.downloads = html_widget()
        tabs = W.Tab(children=[W.VBox([W.HBox([Field(self.pick, "Open a case").box, self.open_button]), self.form,
                                       html_widget("<h4>Change history</h4>"), self.history, self.case_downloads]),
                               self.whatif, W.VBox([html_widget("<p>Import a .csv (UTF-8) or .xlsx file: every row is checked "
                                                           "first; one bad row and nothing is imported.</p>"),
                                                    self.upload, self.import_out]),
                               W.VBox([self.downloads, html_widget("<p><b>Restore</b> replaces the whole case log by a backup "
                                                              "file:</p>"), self.restore_upload, self.restore_out])])
        for i, t in enumerate(("Case", "What if a closure…", "Import", "Export and backup")):
            tabs.set_title(i, t)
        self.widget = app_box([html_widget("<p>Every open case's next deadline, overdue first, with the rule and the counting "
                                      "that defends it.</p>"), self.user.box, self.filters, self.answer, self.board, tabs])
        self.widget._view_count = 0
        self.widget.observe(lambda ch: (ch.get("new") or 0) > 0 and self.log is None and self.open_log(), "_view_count")
        for w in (self.f_steward, self.f_article, self.f_status):
            w.observe(lambda _: self.log is not None and self.refresh(), "value")
        self.save_button.on_click(lambda _: self.save())
        self.new_button.on_click(lambda _: self.fill(None))
        self.open_button.on_click(lambda _: self.open_case(self.pick.value))
        self.preview_button.on_click(lambda _: self.preview())
        self.apply_button.on_click(lambda _: self.apply())
        self.upload.observe(lambda _: self.import_upload(), "value")
        self.restore_upload.observe(lambda _: self.restore_from_upload(), "value")
        mark_ready(self.widget)

    # -- the board ---------------------------------------------------------------------------------
    def open_log(self) -> bool:
        try:
            self.log = CaseLog(self.where)
        except LmcoreError as exc:
            self.answer.value = error_html(exc)
            return False
        self.refresh()
        return True

    def refresh(self) -> None:
        """Redraw the board (with the filters) and the list of cases to open."""
        if self.log is None:
            return
        try:
            board = due_board(self.log, self.as_of, self.contract, steward=self.f_steward.value or None,
                              article=self.f_article.value or None, status=self.f_status.value or None)
            ids = self.log.ids()
        except LmcoreError as exc:
            self.answer.value = error_html(exc)
            return
        c = board.counts()
        self.answer.value = (f"<p style='font-size:1.1em'><b>{c['overdue']} overdue</b>, <b>{c['soon']} due in the next 10 "
                             f"workdays</b> (by {board.soon_until:%a %Y-%m-%d}), {c['later']} later, {c['projected']} "
                             f"projected — {len(board.rows)} of {board.total} open case(s), as of {self.as_of:%a %Y-%m-%d}."
                             + (f" <span style='color:#b00020'>{c['problem']} with a problem.</span>" if c["problem"] else "")
                             + "</p>")
        self.board.value = board_html(board.rows)
        keep = self.pick.value
        self.pick.options = ids
        self.pick.value = keep if keep in ids else None
        self._downloads()

    # -- the form ------------------------------------------------------------------------------------
    def _typed(self, f: Field) -> None:
        """As a date is typed: its message beside it (the text stays)."""
        try:
            self._check_date(f)
        except LmcoreError:
            pass

    def _check_date(self, f: Field) -> dt.date | None:
        raw = f.widget.value.strip()
        if not raw:
            f.clear()
            return None
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            f.show_error(f"'{raw}' is not a date: write YYYY-MM-DD, e.g. 2026-11-18")
            raise InvalidDate(f"'{raw}' is not a date", fix="Write YYYY-MM-DD") from None
        f.clear()
        return day

    def form_case(self) -> Case:
        """The case the form describes (a bad field shows its message beside it and raises)."""
        dates = {}
        for name, f in self.dates.items():
            dates[name] = self._check_date(f)
        if dates["learned"] is None:
            self.dates["learned"].show_error("The learned date is required (Art. 43 §7.a(1))")
            raise InvalidDate("the learned date is missing", cite="Art. 43 §7.a(1)", field="learned")
        t = {k: f.widget.value for k, f in self.texts.items()}
        base = self.opened if self.opened is not None else Case("", None)
        old = base.grievance
        g = Grievance(path=self.path.value, title=t["title"].strip(), **{k: v for k, v in dates.items() if v},
                      **({} if old is None else dict(continuing=old.continuing, agencies=old.agencies, consolidation=old.consolidation,
                                                     expedited=old.expedited, waivers=old.waivers, extensions=old.extensions)))
        split = lambda s: tuple(x.strip() for x in s.split(";") if x.strip())  # noqa: E731
        return replace(base, case_id=self.case_id.widget.value, grievance=g, steward=t["steward"], official=t["official"],
                       agency=t["agency"], subject=t["subject"], grievants=split(t["grievants"]), articles=split(t["articles"]),
                       status=self.status.value)

    def save(self) -> bool:
        """Save the form: a new case is added; an opened one is saved as its next version (refused if stale)."""
        from ..grievance.engine import timeline

        self.form_message.value = ""
        if self.log is None and not self.open_log():
            return False
        try:
            case = self.form_case()
            timeline(case.grievance, self.contract, self.as_of)  # type: ignore[arg-type]
            by = who(self.user.widget.value)
            if self.opened is not None and self.opened.case_id == case.case_id.strip():
                saved = self.log.edit(case.case_id, lambda _: case, by=by, expect_version=self.opened.version)  # type: ignore[union-attr]
            else:
                saved = self.log.add(case, by=by)  # type: ignore[union-attr]
        except LmcoreError as exc:
            target = self.dates.get(exc.field or "") or (self.case_id if "case name" in str(exc) else None)
            if target is not None:
                target.show_error(str(exc))
            self.form_message.value = error_html(exc)
            return False
        self.case_id.clear()
        self.opened = saved
        self.form_message.value = f"<p style='color:#2e7d32'>✔ Saved “{esc(saved.case_id)}” (version {saved.version}).</p>"
        self.refresh()
        self._show_case(saved)
        return True

    def open_case(self, case_id: str | None) -> bool:
        if case_id is None or self.log is None:
            return False
        try:
            case = self.log.get(case_id)
        except LmcoreError as exc:
            self.form_message.value = error_html(exc)
            return False
        self.fill(case)
        return True

    def fill(self, case: Case | None) -> None:
        """Put a case into the form (None: an empty form for a new case)."""
        self.opened = case
        g = case.grievance if case else None
        self.case_id.widget.value = case.case_id if case else ""
        self.path.value = g.path if g else "employee"
        self.status.value = case.status if case else "open"
        values = {"title": case.title if case else "", "steward": case.steward if case else "",
                  "official": case.official if case else "", "agency": case.agency if case else "",
                  "subject": case.subject if case else "", "grievants": "; ".join(case.grievants) if case else "",
                  "articles": "; ".join(case.articles) if case else ""}
        for k, f in self.texts.items():
            f.widget.value = values[k]
        for k, f in self.dates.items():
            day = getattr(g, k) if g else None
            f.widget.value = day.isoformat() if day else ""
        self.form_message.value = (f"<p style='color:#b00020'>⚠ {esc(case.problem)}</p>" if case and case.problem else
                                   f"<p>Opened “{esc(case.case_id)}”, version {case.version}.</p>" if case else "")
        self._show_case(case)

    def _show_case(self, case: Case | None) -> None:
        if case is None or self.log is None:
            self.history.value = self.case_downloads.value = ""
            return
        from ..storage.printing import case_summary_html

        changes = self.log.history(case.case_id)
        self.history.value = history_html(changes)
        page = case_summary_html(case, self.as_of, self.contract, changes)
        self.case_downloads.value = _link(page.encode("utf-8"), "text/html", f"case-{case.case_id}.html",
                                          "⬇ Printable one-page summary (HTML)", "lmcore-download-summary")

    # -- what if ---------------------------------------------------------------------------------------
    def preview(self) -> None:
        self.apply_button.disabled = True
        try:
            day = self._check_date(self.whatif_day)
            if day is None:
                raise InvalidDate("give the day of the closure", fix="Write YYYY-MM-DD")
            new = self.contract.with_closures({day: self.whatif_name.value.strip() or "Office closure"})
            moves = deadline_moves(self.log.cases(open_only=True) if self.log else [], self.as_of, self.contract, new)
        except LmcoreError as exc:
            self.whatif_out.value = error_html(exc)
            return
        self.pending = new
        self.apply_button.disabled = False
        rows = "".join(f"<tr><td>{esc(m.case_id)}</td><td>{esc(m.label)}</td><td>{esc(m.old)}</td><td>→ {esc(m.new)}</td>"
                       f"<td>{esc(m.cite)}</td></tr>" for m in moves)
        self.whatif_out.value = (f"<p>{len(moves)} open deadline(s) would move (not applied yet):</p>"
                                 f"<table class='lmcore-table'><tr><th>Case</th><th>Step</th><th>Now</th><th>Then</th>"
                                 f"<th>Rule</th></tr>{rows}</table>")

    def apply(self) -> None:
        if self.pending is not None:
            self.contract, self.pending = self.pending, None
            self.apply_button.disabled = True
            self.whatif_out.value += "<p style='color:#2e7d32'>✔ Applied to this page's board.</p>"
            self.refresh()

    # -- import, export, backup -----------------------------------------------------------------------
    def import_upload(self) -> None:
        import tempfile
        from pathlib import Path

        from ..storage.transfer import cases_from_rows, read_table

        files = list(self.upload.value)
        if not files or (self.log is None and not self.open_log()):
            return
        item = files[0]
        name = Path(str(item["name"])).name
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (name if name.lower().endswith((".csv", ".xlsx")) else name + ".csv")
            path.write_bytes(bytes(item["content"]))
            try:
                cases, problems = cases_from_rows(read_table(path), self.contract, self.as_of, set(self.log.ids()))  # type: ignore[union-attr]
                if not problems:
                    n = self.log.add_many(cases, by=who(self.user.widget.value)) if cases else 0  # type: ignore[union-attr]
            except LmcoreError as exc:
                self.import_out.value = error_html(exc)
                return
        if problems:
            items = "".join(f"<li>{esc(p)}</li>" for p in problems[:200])
            self.import_out.value = (f"<p style='color:#b00020'>⚠ Nothing was imported: {len({p.line for p in problems})} "
                                     f"bad row(s) in {esc(name)}.</p><ul>{items}</ul>")
            return
        self.import_out.value = f"<p style='color:#2e7d32'>✔ Imported {n} case(s) from {esc(name)}.</p>"
        self.refresh()

    def restore_from_upload(self) -> None:
        import tempfile
        from pathlib import Path

        files = list(self.restore_upload.value)
        if not files or (self.log is None and not self.open_log()):
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "backup"
            path.write_bytes(bytes(files[0]["content"]))
            try:
                counts = self.log.db.restore(path)  # type: ignore[union-attr]
            except LmcoreError as exc:
                self.restore_out.value = error_html(exc)
                return
        self.restore_out.value = f"<p style='color:#2e7d32'>✔ Restored {counts.get('caselog_cases', 0)} case(s).</p>"
        self.refresh()

    def _downloads(self) -> None:
        import tempfile
        from pathlib import Path

        from ..storage.transfer import export_cases, ics_feed

        if self.log is None:
            return
        cases = self.log.cases(open_only=False)
        with tempfile.TemporaryDirectory() as tmp:
            export_cases(cases, Path(tmp) / "cases.csv")
            csv_bytes = (Path(tmp) / "cases.csv").read_bytes()
            backup = self.log.db.backup(Path(tmp) / ("backup.sqlite" if self.log.db.backend == "sqlite" else "backup.json"))
            backup_bytes = backup.read_bytes()
        feed = ics_feed([c for c in cases if c.is_open], self.as_of, self.contract)
        self.downloads.value = "<p>" + "".join((
            _link(csv_bytes, "text/csv", "cases.csv", "⬇ Export all cases (CSV)", "lmcore-download-csv"),
            _link(feed, "text/calendar", "case-log-deadlines.ics", "⬇ Calendar of every open deadline (.ics)", "lmcore-download-ics"),
            _link(backup_bytes, "application/octet-stream", backup.name, "⬇ Backup of the whole case log", "lmcore-download-backup"),
        )) + "</p>"

    def summary(self) -> str:
        """Deterministic text of what the page shows (for the notebook and tests)."""
        if self.log is None:
            return f"Case log page as of {self.as_of.isoformat()}: the case log opens when the page is shown."
        board = due_board(self.log, self.as_of, self.contract)
        return "\n".join([f"Case log as of {self.as_of.isoformat()}: {board.total} open case(s)"] +
                         [f"{r.bucket:<9} {r.due.isoformat() if r.due else '-':<10} {r.case_id} {r.milestone} {r.cite}"
                          for r in board.rows])


def _link(data: bytes, mime: str, filename: str, words: str, css: str) -> str:
    style = ("display:inline-block;padding:6px 14px;margin:4px 8px 4px 0;border-radius:4px;background:#1f4e9c;"
             "color:white;text-decoration:none;font-weight:bold")
    return (f"<a class='{css}' style='{style}' download='{esc(filename)}' "
            f"href='data:{mime};base64,{base64.b64encode(data).decode()}'>{esc(words)}</a>")


def board_html(rows: Any, limit: int = 300) -> str:
    """The board as an HTML table (the first `limit` rows); every text a user typed is escaped."""
    if not rows:
        return "<p><i>No open cases.</i></p>"
    out = []
    for r in list(rows)[:limit]:
        case = f"<b>{esc(r.case_id)}</b>" + (f"<br><small>{esc(r.title)}</small>" if r.title else "")
        colour = _COLOURS.get(r.bucket, "#333")
        if r.problem:
            out.append(f"<tr><td>{case}</td><td colspan='5' style='color:{colour}'>⚠ {esc(r.problem)}</td></tr>")
            continue
        why = (f"<details><summary><small>why this date?</small></summary><pre style='white-space:pre-wrap;"
               f"font-size:0.85em;max-width:40em'>{esc(r.explanation)}</pre></details>") if r.explanation else ""
        due = f"{r.due:%a %Y-%m-%d}" if r.due else "any time"
        safe = (f"<br><small class='lmcore-safe-date'>safe date {r.safe_due:%a %Y-%m-%d}</small>"
                if r.safe_due and r.safe_due != r.due else "")
        out.append(f"<tr style='color:{colour}'><td>{case}</td><td>{esc(BUCKET_WORDS.get(r.bucket, r.bucket))}</td>"
                   f"<td>{esc(r.label)}<br><small>{esc(r.actor)}</small></td><td style='white-space:nowrap'>{esc(due)}{safe}{why}</td>"
                   f"<td style='white-space:nowrap'>{esc(r.cite)}</td><td>{esc(r.steward)}</td></tr>")
    more = f"<p><small>… and {len(rows) - limit} more (filter, or export).</small></p>" if len(rows) > limit else ""
    return ("<table class='lmcore-table' style='border-collapse:collapse;font-size:0.9em'><thead><tr><th>Case</th>"
            "<th>When</th><th>What is due next</th><th>Due</th><th>Rule</th><th>Steward</th></tr></thead>"
            f"<tbody>{''.join(out)}</tbody></table>{more}")


def history_html(changes: Any) -> str:
    rows = "".join(f"<tr><td>{esc(c.at[:19].replace('T', ' '))}</td><td>{esc(c.by)}</td><td>{esc(c.field)}</td>"
                   f"<td>{esc(c.old if c.old is not None else '—')[:200]}</td><td>{esc(c.new if c.new is not None else '—')[:200]}</td></tr>"
                   for c in changes)
    return ("<table class='lmcore-table'><tr><th>When (UTC)</th><th>Who</th><th>Field</th><th>Old</th><th>New</th></tr>"
            f"{rows}</table>")


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None,
              where: Any = None) -> CaseLogApp:
    """The case log page; `where` is a database URL or SQLite path (default: the setting / the user's own file)."""
    from ..contract.loading import load_contract

    return CaseLogApp(contract or load_contract(), as_of or page_today(), dict(params or {}), where)
