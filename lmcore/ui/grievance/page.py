"""The grievance timeline dashboard (Art. 43): screening, dates as they happen, plot, table, text, downloads.

`build_app(contract=None, as_of=date, params=None)` returns a `GrievanceApp` with `.widget` (the root, class
`lmcore-app`) and `.summary()` (deterministic text). Starting inputs come from `params`, e.g. the URL query
`?learned=2026-11-18&path=employee`. The learned date picker has the extra class `lmcore-learned`. Section 4,
"My case log" (lmcore.ui.caselog), saves the grievance to the user's own case log and lists the saved cases.
"""
from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import ipywidgets as W
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle

from ...errors import LmcoreError
from ...grievance.record import Extension, Grievance, Waiver
from ...grievance.milestones import Timeline
from ...grievance.engine import timeline
from ...grievance.report import ics, summary_html
from ...grievance.steps import CONSOLIDATIONS, PATHS, path_steps
from ...grievance.screening import FILERS, STATUSES, SUBJECTS, Situation, screen
from .. import (CSS_ANSWER, CSS_ERROR, Field, app_box, cite_panel, error_html, esc, html_widget, lean, mark_ready,
    not_default_html, shared_layout, shared_style, show_png)
from ..inputs import NumberText, attention_html, date_field, needs_attention, page_today
from ..caselog import CaseLogSection, fill_form
from ..safe_dates import safe_cell, safe_line
from ..readings import option_words
from .status import reached, status_html

_LABELS = {
    "learned": ("Learned of the violation", "For a removal stay: the day the removal decision was received."),
    "occurred": ("Violation occurred", "Union institutional grievances count from the occurrence (§8.b(3))."),
    "filed": ("Filed", "Postmarked, delivered or first received (§6.b, §6.c)."),
    "form_completed": ("Completed form received", "Only if an incomplete form was returned (§6.b)."),
    "step1_meeting": ("Step 1 meeting held", ""),
    "step1_decision": ("Step 1 decision received", "The meeting date if given orally."),
    "step1_oelmr_notice": ("OELMR notified (Step 1 late)", "§7.a(5)"),
    "step2_appeal": ("Appealed to Step 2", ""),
    "step2_form_completed": ("Completed appeal form received", "§6.b"),
    "step2_meeting": ("Step 2 meeting held", ""),
    "step2_decision": ("Step 2 decision received", ""),
    "step2_oelmr_notice": ("OELMR notified (Step 2 late)", "§7.b(4)"),
    "consolidated": ("Grievances consolidated", "§8.c(2)(c)"),
    "resolved": ("Matter resolved", ""),
    "invoked": ("Arbitration invoked", "§10"),
    "arbitrability_notice": ("Arbitrability objection given", "§11"),
    "hearing": ("Hearing date (held or scheduled)", "Art. 44 §3"),
    "award": ("Arbitrator's award", "Ends a removal stay (§14.a)."),
}
_READINGS = ("count.event_on_nonworkday", "grievance.reply_due_start", "grievance.late_decision_clock",
             "grievance.oelmr_notice", "grievance.reply_due_without_meeting", "grievance.response_clock_start",
             "grievance.waiver_start", "grievance.arbitrability_notice_party", "grievance.removal_stay_start",
             "grievance.removal_stay_end",
             "count.days_before_event", "arbitration.hearing_limit_roll")


def _date_param(params: dict[str, str], key: str) -> tuple[dt.date | None, str | None]:
    raw = params.get(key)
    if not raw:
        return None, None
    try:
        return dt.date.fromisoformat(raw), None
    except ValueError:
        return None, f"The link's {key}={raw} is not a date (YYYY-MM-DD)."


class GrievanceApp:
    """The widgets and the glue: every change recomputes the timeline with lmcore.grievance.timeline."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str], caselog: Any = None):
        self.base = contract
        self._contracts: dict[tuple, Any] = {}
        self._busy = False
        self.timeline: Timeline | None = None
        self.problem: str | None = None
        link_errors: dict[str, str] = {}
        # -- 1. screening ---------------------------------------------------------------------
        drop = lambda opts, value, width="330px": W.Dropdown(options=opts, value=value, layout=shared_layout(width=width),
                                                             style=shared_style(DescriptionStyle))  # noqa: E731
        self.filer = drop([(v, k) for k, v in FILERS.items()], params.get("filer", "employee") if params.get("filer") in FILERS else "employee")
        self.subject = drop([(v[0], k) for k, v in SUBJECTS.items()], params.get("subject") if params.get("subject") in SUBJECTS else "contract", "420px")
        self.status = drop([(v, k) for k, v in STATUSES.items()], params.get("status") if params.get("status") in STATUSES else "permanent")
        self.relief = drop([("Personal relief for employees (§8.c)", "personal"), ("Institutional remedy (§8.b)", "institutional")], "personal")
        self.agencies = drop([("One DOL Agency", "single"), ("More than one DOL Agency", "multiple")],
                             "multiple" if params.get("agencies") == "multiple" else "single")
        self.consolidation = drop([("Not consolidated", "")] + [(c, c) for c in CONSOLIDATIONS],
                                  params.get("consolidation") if params.get("consolidation") in CONSOLIDATIONS else "")
        box = lambda text: W.Checkbox(description=text, indent=False, layout=shared_layout(width="auto"),
                                      style=shared_style(CheckboxStyle))  # noqa: E731
        self.within_2b = box("It concerns working conditions or a right the Agreement grants them (§2.b)")
        self.ppp = box("A prohibited personnel practice is alleged (5 U.S.C. 2302(b); Art. 10 §11)")
        self.ppp_b1 = box("… one under 5 U.S.C. 2302(b)(1), discrimination (the §2.c election of forum)")
        self.untimely = box("Filed after its time limit (§5.a, §12)")
        self.other_forum = box("Already raised under a statutory or appellate procedure (§2.c)")
        self.former = box("The grievant is a former bargaining unit employee (§5.a)")
        self.statute = drop([("5 U.S.C. 7512 (adverse action)", "7512"), ("5 U.S.C. 4303 (performance)", "4303"), ("Other", "other")], "7512")
        self.years = NumberText("Years of Federal service", 0, what="years of Federal service", low=0, high=70, width="90px")
        self.excepted = box("Excepted service (§14.b)")
        self.union_notice = box("The Union represented the employee in the notice period")
        self.screen_out = html_widget()
        rows = [("Who files", self.filer), ("What it is about", self.subject), ("Employee's status", self.status),
                ("Union grievance seeks", self.relief), ("Agencies involved", self.agencies),
                ("Consolidation (§8.c(2))", self.consolidation), ("Removal under", self.statute)]
        self.screen_box = W.VBox([Field(w, label).box for label, w in rows] + [self.years.box,
            self.within_2b, self.ppp, self.ppp_b1, self.other_forum, self.former, self.untimely, self.excepted,
            self.union_notice, self.screen_out])
        # -- 2. dates --------------------------------------------------------------------------
        self.path = drop([(p, p) for p in PATHS], params.get("path") if params.get("path") in PATHS else "employee")
        self.title = lean(W.Text, {"width": "330px"}, value=params.get("title", ""), placeholder="e.g. Overtime rotation – J. Smith")
        as_of_value, msg = _date_param(params, "as_of")
        self.as_of = date_field("As of (today)", as_of_value or as_of, "Statuses are judged on this day.")
        self.as_of.widget.add_class("lmcore-as-of")
        if msg:
            link_errors["as_of"] = msg
        self.fields: dict[str, Field] = {}
        for name, (label, help_text) in _LABELS.items():
            value, msg = _date_param(params, name)
            if msg:
                link_errors[name] = msg
            self.fields[name] = date_field(label, value, help_text)
            self.fields[name].widget.add_class(f"lmcore-date-{name.replace('_', '-')}")
        if self.fields["learned"].value is None and "learned" not in link_errors:
            self.fields["learned"].set(as_of)
        self.fields["learned"].widget.add_class("lmcore-learned")
        self.continuing = box("Continuing condition: may be filed at any time while it lasts (§7.a(1))")
        self.continuing.value = params.get("continuing") in ("1", "true", "yes")
        self.expedited = box("Expedited arbitration (hearing within 30 days, Art. 44 §3.e)")
        self.expedited.value = params.get("expedited") in ("1", "true", "yes")
        # -- modifications (§13) ----------------------------------------------------------------
        self.waive1, self.waive2 = (box(f"Step {n} waived in writing (§13.b)") for n in (1, 2))
        self.waive1_on, self.waive2_on = date_field("Step 1 waiver signed", None), date_field("Step 2 waiver signed", None)
        for n, waive, on in ((1, self.waive1, self.waive1_on), (2, self.waive2, self.waive2_on)):  # ?waive2=1&waive2_on=…
            waive.value = params.get(f"waive{n}") in ("1", "true", "yes")
            day, msg = _date_param(params, f"waive{n}_on")
            on.set(day)
            if msg:
                link_errors[f"waive{n}_on"] = msg
        self.ext_name = drop([("No extension", "")], "")
        self.ext_field = NumberText("Extra workdays agreed (§13.a)", 0, what="extra workdays", whole=True, low=0, high=250,
                                    width="90px")
        self.ext_days = self.ext_field.widget
        # -- readings ---------------------------------------------------------------------------
        self.readings: dict[str, W.Dropdown] = {}
        self.reading_flags: dict[str, W.HTML] = {}
        reading_rows = []
        for rid in _READINGS:
            interp = self.base.interpretations.get(rid)
            if interp is None:
                continue
            dd = W.Dropdown(options=[(option_words(v, k == interp.default), k) for k, v in interp.options.items()],
                            value=self.base.choice(rid), layout=shared_layout(width="520px"), style=shared_style(DescriptionStyle))
            self.readings[rid], self.reading_flags[rid] = dd, html_widget()
            reading_rows.append(W.VBox([html_widget(f"<b>{esc(interp.label)}</b> — {esc(interp.question)} "
                                               f"<small>[{esc(interp.cite)}]</small>"), W.HBox([dd, self.reading_flags[rid]])]))
        # -- outputs ----------------------------------------------------------------------------
        self.answer = html_widget()
        self.answer.add_class(CSS_ANSWER)
        self.general_error = html_widget()
        self.general_error.add_class(CSS_ERROR)
        self.plot = W.Image(format="png", layout=shared_layout(max_width="900px"))
        self.table = html_widget()
        self.explain_pick = drop([], None, "420px")
        self.explain_out = html_widget()
        self.text_panel = html_widget()
        self.notes = html_widget()
        self.downloads = html_widget()
        self.results = W.VBox([self.notes, self.plot, self.table, html_widget("<h4>Why this date?</h4>"), self.explain_pick,
                               self.explain_out, html_widget("<h4>The contract's words for the step at hand</h4>"),
                               self.text_panel, self.downloads])
        # -- layout -----------------------------------------------------------------------------
        dates_box = W.VBox([Field(self.path, "Path").box, Field(self.title, "Name (optional)").box, self.as_of.box]
                           + [f.box for f in self.fields.values()] + [self.continuing, self.expedited])
        mods = W.VBox([self.waive1, self.waive1_on.box, self.waive2, self.waive2_on.box,
                       Field(self.ext_name, "Time limit extended").box, self.ext_field.box])
        extra = W.Accordion(children=[mods, W.VBox(reading_rows)], selected_index=None)
        extra.set_title(0, "Waivers and extensions agreed in writing (§13)")
        extra.set_title(1, "Readings of the contract (switchable)")
        self.caselog = CaseLogSection(self, caselog)
        screening = W.Accordion(children=[self.screen_box], selected_index=0)
        screening.set_title(0, "1. Can it be grieved? (§2, §3, §5, Art. 10 §11)")
        self.widget = app_box([
            html_widget("<p>Enter what happened and when. Every deadline comes with its rule, the days counted and "
                   "skipped, and what happens if it is missed. Dates not known yet are projected. When a decision is "
                   f"late, the Union may notify the {esc(contract.spell_out('OELMR'))} (Art. 43 §7.a(5), §7.b(4)).</p>"),
            screening, html_widget("<h3>2. Dates as they happen</h3>"), dates_box, extra, self.general_error,
            html_widget("<h3>3. Deadlines</h3>"), self.answer, self.results, self.caselog.widget,
        ])
        self._link_errors = set(link_errors)  # kept beside their field until that field is changed
        for name, msg in link_errors.items():
            self._field(name).show_error(msg)
        self.screening = screen(self._situation(), self.base)
        self._screen_html()
        self.refresh()
        for w in (self.filer, self.subject, self.status, self.relief, self.within_2b, self.ppp, self.ppp_b1, self.other_forum,
                  self.former, self.untimely, self.statute, self.years.widget, self.excepted, self.union_notice, self.agencies, self.consolidation):
            w.observe(self._on_screen, "value")
        for w in [f.widget for f in self.fields.values()] + [
                self.path, self.title, self.as_of.widget, self.continuing, self.expedited, self.waive1, self.waive2, self.waive1_on.widget, self.waive2_on.widget,
                self.ext_name, self.ext_days, *self.readings.values()]:
            w.observe(self._on_change, "value")
        self.explain_pick.observe(lambda _: self._explain(), "value")
        mark_ready(self.widget)

    # -- events -----------------------------------------------------------------------------------
    def _field(self, name: str) -> Field:
        extra = {"as_of": self.as_of, "waive1_on": self.waive1_on, "waive2_on": self.waive2_on}
        return extra[name] if name in extra else self.fields[name]

    def _on_change(self, change: Any = None) -> None:
        owner = change.get("owner") if isinstance(change, dict) else getattr(change, "owner", None)
        self._link_errors = {n for n in self._link_errors if self._field(n).widget is not owner}
        if not self._busy:
            self.refresh()

    def _on_screen(self, _: Any = None) -> None:
        if self._busy:  # a saved case being put back into the form (load)
            return
        if self.years.problem:  # its message is beside it; no screening for a number the person did not mean
            self.screen_out.value = attention_html(1)
            return
        try:
            self.screening = screen(self._situation(), self.base)
        except LmcoreError as exc:
            self.screen_out.value = error_html(exc)
            return
        self._screen_html()
        if self.screening.grievable and self.screening.path != self.path.value:
            self.path.value = self.screening.path  # triggers refresh
        else:
            self.refresh()

    def load(self, g: Grievance) -> None:
        """Put a saved grievance back into the form and redraw once (My case log → Open)."""
        self._busy = True
        try:
            fill_form(self, g)
        finally:
            self._busy = False
        self._link_errors = set()
        self.screening = screen(self._situation(), self.base)
        self._screen_html()
        self.refresh()

    def grievance(self) -> Grievance:
        """The grievance the form describes now (what "Save to my case log" stores)."""
        return self._grievance()

    # -- inputs -----------------------------------------------------------------------------------
    def _situation(self) -> Situation:
        return Situation(filer=self.filer.value, subject=self.subject.value, status=self.status.value,
                         within_2b=self.within_2b.value, relief=self.relief.value, agencies=self.agencies.value,
                         consolidation=self.consolidation.value or None, alleges_ppp=self.ppp.value,
                         other_forum=self.other_forum.value, removal_statute=self.statute.value,
                         service_years=float(self.years.value or 0), excepted_service=self.excepted.value,
                         union_in_notice_period=self.union_notice.value, former_employee=self.former.value,
                         ppp_2302b1=self.ppp_b1.value, untimely=self.untimely.value)

    def _contract(self) -> Any:
        choices = {rid: dd.value for rid, dd in self.readings.items()}
        key = tuple(sorted(choices.items()))
        if key not in self._contracts:
            self._contracts[key] = self.base.with_interpretations(choices)
        return self._contracts[key]

    def _grievance(self) -> Grievance:
        path = self.path.value
        consolidation = (self.consolidation.value or None) if path == "employee" else None
        waivers = tuple(Waiver(s, on.value) for s, box, on in (("step1", self.waive1, self.waive1_on), ("step2", self.waive2, self.waive2_on)) if box.value)
        ext = (Extension(self.ext_name.value, workdays=self.ext_field.value),) if self.ext_name.value and self.ext_field.value else ()
        dates = {name: f.value for name, f in self.fields.items() if f.value is not None and f.shown}
        return Grievance(path=path, continuing=self.continuing.value and path == "employee", expedited=self.expedited.value,
                         agencies=self.agencies.value, consolidation=consolidation, waivers=waivers, extensions=ext,
                         title=self.title.value.strip(), **dates)

    def _show_fields(self) -> None:
        """Show only the dates the chosen path uses (with its waivers), so a steward sees what matters."""
        waived = {s for s, box in (("step1", self.waive1), ("step2", self.waive2)) if box.value}
        try:
            specs = path_steps(self.path.value, waived=waived, agencies=self.agencies.value, invoked=True,
                               consolidation=(self.consolidation.value or None) if self.path.value == "employee" else None)
        except LmcoreError:
            return
        used = {"learned", "invoked"} | {x for s in specs for x in (s.done, s.anchor.clock) if x}
        used |= {s.anchor.of for s in specs if s.anchor.kind in ("event", "recorded")}
        used |= {f"step{s.anchor.of[4]}_oelmr_notice" for s in specs if s.anchor.kind == "reply" and s.anchor.of.startswith("step")}
        for name, f in self.fields.items():
            f.show(name in used)

    # -- outputs ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute everything from the inputs; an error goes beside its field and the inputs stay."""
        self._busy = True
        try:
            self._show_fields()
            keep = {id(self._field(n)) for n in self._link_errors}
            for f in [*self.fields.values(), self.as_of, self.ext_field]:
                if id(f) not in keep:
                    f.clear()
            self.general_error.value = ""
            unread = needs_attention([*self.fields.values(), self.as_of, self.waive1_on, self.waive2_on, self.ext_field])
            unread += [self._field(n) for n in sorted(self._link_errors) if self._field(n) not in unread]  # a link's bad date
            if unread:  # each shows its own message beside it: no timeline for dates the person did not mean
                self.problem = f"{len(unread)} field(s) need attention"
                self.answer.value = attention_html(len(unread))
                self.results.layout.display = "none"
                return
            try:
                if self.fields["learned"].value is None:
                    raise LmcoreError("the date the violation was learned of is missing", cite="Art. 43 §7.a(1)",
                                      fix="Pick a date", field="learned")
                if self.as_of.value is None:
                    raise LmcoreError("the 'as of' date is missing", fix="Pick today's date", field="as_of")
                contract = self._contract()
                t = timeline(self._grievance(), contract, self.as_of.value, safe=True)
            except LmcoreError as exc:
                self._fail(exc)
                return
            self.timeline, self.problem = t, None
            self.results.layout.display = None
            self._draw(t, contract)
        finally:
            self._busy = False

    def _fail(self, exc: LmcoreError) -> None:
        self.problem = str(exc)
        target = {"as_of": self.as_of, "extensions": self.ext_field}.get(exc.field or "") or self.fields.get(exc.field or "")
        if target is not None:
            target.show_error(str(exc))
        else:
            self.general_error.value = error_html(exc)
        self.answer.value = f'<div style="color:#b00020">⚠ No timeline yet: {esc(exc)}</div>'
        self.results.layout.display = "none"  # no stale dates beside an error

    def _draw(self, t: Timeline, contract: Any) -> None:
        from ...deadlines import fmt_day
        from .timeline import figure_png, timeline_figure

        shown = reached(t)  # after a missed grievant-side step (§12) the later steps are not projected
        first, hand = t.milestones[0], t.at_hand
        due = f"<b>{first.due.isoformat()}</b> ({first.due:%A})" if first.due else "<b>any time while the condition lasts</b>"
        html = [status_html(t), not_default_html(t.interpretations),
                f"<p style='font-size:1.15em'>{esc(first.label)}: due {due} — {esc(first.status.replace('_', ' '))} "
                f"<small>({esc(first.cite)})</small></p>" + safe_line(first.safe)]
        if hand is not first:
            when = hand.due.isoformat() if hand.due else "—"
            html.append(f"<p>Step at hand: <b>{esc(hand.label)}</b>, due <b>{when}</b> — {esc(hand.actor)} "
                        f"<small>({esc(hand.cite)})</small>; {esc(hand.status.replace('_', ' '))}.</p>" + safe_line(hand.safe))
        for m in shown.milestones:
            if m.status == "missed" and m is not t.terminated and m.side != "filer":
                html.append(f"<p style='color:#b00020'>Missed: {esc(m.label)}, due {esc(fmt_day(m.due))} "  # type: ignore[arg-type]
                            f"— {esc(m.consequence)} <small>({esc(m.consequence_cite)})</small></p>")
        self.answer.value = "".join(html)
        stated = tuple(m.label for m in (t.terminated, t.untimely) if m is not None)  # already in the status line
        self.notes.value = "".join(f"<p><small>ⓘ {esc(n)}</small></p>" for n in t.notes if not (stated and n.startswith(stated)))
        show_png(self.plot, lambda: figure_png(timeline_figure(shown, contract.calendar)))
        self.table.value = _table_html(shown)
        names = [(f"{m.label} — {m.due.isoformat() if m.due else 'any time'} ({m.status.replace('_', ' ')})", m.name)
                 for m in shown.milestones]
        keep = self.explain_pick.value if self.explain_pick.value in shown.names else hand.name
        self.explain_pick.options = names
        self.explain_pick.value = keep
        self._explain()
        self.text_panel.value = cite_panel(contract, hand.cite).value
        ext_opts = [("No extension", "")] + [(m.label, m.name) for m in t.milestones if m.name not in ("stay_ends", "arbitration_hearing")]
        if list(self.ext_name.options) != ext_opts:
            current = self.ext_name.value
            self.ext_name.options = ext_opts
            self.ext_name.value = current if current in dict((v, k) for k, v in ext_opts) else ""
        used = {c.id for c in t.interpretations}
        for rid, flag in self.reading_flags.items():
            flag.value = ("<span style='color:#1565c0'>● decides a date in this timeline</span>" if rid in used
                          else "<span style='color:#999'>changes no date here</span>")
        self._downloads(t, contract)

    def _explain(self) -> None:
        if self.timeline is None or self.explain_pick.value not in self.timeline.names:
            return
        m = self.timeline.milestone(self.explain_pick.value)
        self.explain_out.value = f"<pre style='white-space:pre-wrap;font-size:0.9em'>{esc(m.explain(words=True))}</pre>"

    def _screen_html(self) -> None:
        s = self.screening
        colour = "#2e7d32" if s.grievable else "#b00020"
        items = "".join(f"<li><b>{esc(f.cite)}</b>: {esc(f.text)}<br><small><i>“{esc(f.quote)}”</i></small></li>" for f in s.findings)
        self.screen_out.value = (f"<div><p style='color:{colour}'><b>{esc(s.headline)}</b></p><p>{esc(s.route)}</p>"
                                 f"<ul>{items}</ul></div>")

    def _downloads(self, t: Timeline, contract: Any) -> None:
        cal = base64.b64encode(ics(t, contract)).decode()
        page = base64.b64encode(summary_html(t, contract, self.screening).encode("utf-8")).decode()
        button = ("display:inline-block;padding:6px 14px;margin:4px 8px 4px 0;border-radius:4px;background:#1f4e9c;"
                  "color:white;text-decoration:none;font-weight:bold")
        self.downloads.value = (
            "<p><b>Downloads</b><br>"
            f"<a class='lmcore-download-ics' style='{button}' download='grievance-deadlines.ics' "
            f"href='data:text/calendar;charset=utf-8;base64,{cal}'>⬇ Calendar of the open deadlines (.ics)</a>"
            f"<a class='lmcore-download-summary' style='{button}' download='grievance-summary.html' "
            f"href='data:text/html;charset=utf-8;base64,{page}'>⬇ Printable one-page summary (HTML)</a></p>")

    def summary(self) -> str:
        """Deterministic text of what the app shows (for notebooks and tests)."""
        lines = [f"Screening: {self.screening.headline}", f"Route: {self.screening.route}"]
        if self.timeline is None or self.problem:
            return "\n".join(lines + [f"Problem: {self.problem}"])
        t = self.timeline
        lines.append(f"Path: {t.grievance.path}; as of {t.as_of.isoformat()}")
        for m in t.milestones:
            due = m.due.isoformat() if m.due else "any time"
            done = f" done {m.done_on.isoformat()}" if m.done_on else ""
            lines.append(f"{m.name:<24} {due:<10} {m.status:<12} {m.cite}{done}")
        lines += [f"Note: {n}" for n in t.notes]
        lines.append("Readings used: " + ", ".join(f"{c.id}={c.choice}" for c in t.interpretations))
        lines.append(f"Step at hand: {t.at_hand.name} ({t.at_hand.cite})")
        return "\n".join(lines)


def _table_html(t: Timeline) -> str:
    colours = {"missed": "#b00020", "done_late": "#ef6c00", "premature": "#ef6c00", "projected": "#777", "open": "#1f4e9c",
               "done_on_time": "#2e7d32"}
    rows = "".join(
        f"<tr style='color:{colours[m.status]}'><td>{esc(m.label)}</td>"
        f"<td style='white-space:nowrap'>{esc(m.due.isoformat() if m.due else 'any time')}{safe_cell(m.safe)}</td>"
        f"<td>{esc(m.status.replace('_', ' '))}</td>"
        f"<td style='white-space:nowrap'>{esc(m.done_on.isoformat() if m.done_on else '')}</td>"
        f"<td>{esc(m.actor)}</td><td>{esc(m.cite)}</td><td><small>{esc(m.consequence)} ({esc(m.consequence_cite)})</small></td></tr>"
        for m in t.milestones)
    return ("<table class='lmcore-table' style='border-collapse:collapse;font-size:0.9em'><thead><tr>"
            "<th>Step</th><th>Due</th><th>Status</th><th>Done</th><th>Who acts</th><th>Rule</th><th>If missed</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>")


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None,
              caselog: Any = None) -> GrievanceApp:
    """The dashboard, starting from `params` (e.g. {"learned": "2026-11-18", "path": "employee"}); `caselog` is a
    CaseLog or its path (default: the user's own, lmcore.storage.caselog.default_path()), opened only when needed."""
    from ...contract.loading import load_contract

    return GrievanceApp(contract or load_contract(), as_of or page_today(), dict(params or {}), caselog)
