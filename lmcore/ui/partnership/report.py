"""The partnership page's annual report (lmcore.storage.partnership): the improvements achieved through partnership in
the 1999 memorandum's five categories, the efforts and the union's involvement, what is still missing, and the
printable page to save (HTML, every typed text escaped)."""
from __future__ import annotations

from typing import Any

import ipywidgets as W

from ...errors import LmcoreError
from .. import Field, esc, html_widget, lean
from ..practice_parts import DateText, download_link
from .records import BAD, area, done, text_box


class ReportSection:
    """The annual partnership report: the improvements in the memorandum's five categories, the efforts and the
    union's involvement; a printable page to save."""

    def __init__(self, app: Any, params: dict[str, str]):
        from ...partnership.report import categories

        self.app = app
        self._text_year: int | None = None
        year = params.get("year", "").strip() or str(app.today.year)
        self.year = Field(text_box(year, "6em"), "Report year")
        self.year.widget.continuous_update = False
        self.efforts = Field(area(), "The efforts made", "their nature and extent")
        self.involvement = Field(area(), "The union's involvement", "how the union took part")
        self.save_text = lean(W.Button, {"width": "auto"}, description="Save the report's text", icon="save")
        self.category = Field(lean(W.Dropdown, {"width": "16em"}, options=[(t, c) for c, t in categories()]), "Category")
        self.improvement = Field(text_box(placeholder="e.g. Fewer grievances reach Step 2", width="30em"), "Improvement")
        self.improvement.widget.add_class("lmcore-report-improvement")
        self.measure = Field(text_box(placeholder="e.g. 12 → 7 a year"), "Measured by", "optional")
        self.through = Field(text_box(placeholder="e.g. Department LMRC"), "Through", "optional: the forum")
        self.when = DateText("Achieved on", None, "optional", what="date of the improvement")
        self.add_button = lean(W.Button, {"width": "auto"}, description="Add the improvement", button_style="primary", icon="plus")
        self.add_button.add_class("lmcore-report-add")
        self.message = html_widget()
        self.preview = html_widget()
        self.preview.add_class("lmcore-report-preview")
        self.download = html_widget()
        self.widget = W.VBox([
            html_widget("<p>The 1999 memorandum asks for a yearly report of the efforts made and of the improvements achieved "
                   "through partnership in five categories, prepared with the union.</p>"),
            self.year.box, self.category.box, self.improvement.box, W.HBox([self.measure.box, self.through.box],
                                                                           layout=W.Layout(flex_flow="row wrap")),
            self.when.box, self.add_button, self.message, self.efforts.box, self.involvement.box, self.save_text,
            self.download, self.preview])
        self.add_button.on_click(lambda _: self.add())
        self.save_text.on_click(lambda _: self.store_text())
        self.year.widget.observe(lambda _: self.app.store is not None and self.load(), "value")

    def _year(self) -> int | None:
        from ...storage.partnership import check_year

        try:
            y = check_year(self.year.widget.value)
        except LmcoreError as exc:
            self.year.show_error(str(exc))
            return None
        self.year.clear()
        return y

    def load(self) -> None:
        y = self._year()
        if y is None:
            return
        try:
            recs = self.app.records()
            text, report, items = recs.report_text(y), recs.report(y), recs.report_entries(y)
        except LmcoreError as exc:
            self.preview.value = f"<p style='{BAD}'>⚠ {esc(exc)}</p>"
            return
        if self._text_year != y:  # the stored text fills the boxes once per year shown (never over what is being typed)
            self._text_year = y
            self.efforts.widget.value, self.involvement.widget.value = text.efforts, text.union_involvement
        self.preview.value = report_html(report, items)
        self.download.value = download_link(report.html().encode("utf-8"), "text/html;charset=utf-8",
                                            f"partnership-report-{y}.html", "Download the printable report (HTML)",
                                            "lmcore-report-download")

    def add(self) -> bool:
        from ...partnership.report import ReportEntry

        self.message.value = ""
        y = self._year()
        try:
            when = self.when.read()
        except LmcoreError:
            return False
        if y is None:
            return False
        try:
            entry = ReportEntry(self.category.widget.value, self.improvement.widget.value, self.through.widget.value.strip() or None,
                                when, self.measure.widget.value.strip() or None)
            self.app.records().add_report_entry(y, entry, by=self.app.who())
        except LmcoreError as exc:
            self.improvement.show_error(str(exc))
            return False
        self.improvement.clear()
        self.improvement.widget.value = self.measure.widget.value = self.through.widget.value = ""
        self.when.set(None)
        self.message.value = done(f"Added to the {y} report under {self.category.widget.label.lower()}.")
        self.load()
        return True

    def store_text(self) -> bool:
        y = self._year()
        if y is None:
            return False
        try:
            self.app.records().set_report_text(y, efforts=self.efforts.widget.value,
                                               union_involvement=self.involvement.widget.value, by=self.app.who())
        except LmcoreError as exc:
            self.efforts.show_error(str(exc))
            return False
        self.message.value = done(f"Saved the {y} report's text.")
        self.load()
        return True


def report_html(report: Any, items: Any) -> str:
    """The report as it will print, inside the page (every typed text escaped)."""
    from ...partnership.report import entry_words

    by_cat: dict[str, list[Any]] = {}
    for i in items:
        if i.entry is not None:
            by_cat.setdefault(i.entry.category, []).append(i)
    parts = [f"<div class='lmcore-text' style='max-width:52em;border-left:4px solid #4a6fa5;padding:2px 12px;background:#f7f9fc'>"
             f"<h4>Partnership report {report.year} — {esc(report.parties)}</h4>",
             f"<p><small>{esc(report.source)}: “{esc(report.rule)}”</small></p>"]
    for s in report.sections:
        entries = "".join(f"<li>{esc(entry_words(i.entry))} <small>(#{i.id}, {esc(i.recorded_by)})</small></li>"
                          for i in by_cat.get(s.id, [])) or "<li><i>No improvement recorded.</i></li>"
        parts.append(f"<p style='margin-bottom:0'><b>{esc(s.title)}</b></p><ul style='margin-top:0'>{entries}</ul>")
    if report.gaps:
        parts.append("<p style='background:#fff4d6;padding:4px'><b>Still missing:</b> " + " ".join(esc(g) for g in report.gaps) + "</p>")
    return "".join(parts) + "</div>"


__all__ = ["ReportSection", "report_html"]
