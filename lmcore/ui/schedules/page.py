"""The work-schedules dashboard: try a schedule on a two-week grid and see what the contract makes of the hours.

Pick a schedule type (Art. 4 §1.a, §2; Art. 10 §6.A), type each day's start, end and lunch (or load a CSV): the
page shows the hours against the band, core hours and lunch window, the credit-hour ledger, overtime, every
finding beside the contract's words, the same hours under each schedule type, and a team's office coverage (§10).
All arithmetic is lmcore.schedules.pay_period / lmcore.schedules.coverage; this module only wires widgets.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as W

from ...errors import InvalidInput, LmcoreError
from ...schedules.kinds import COMPRESSED, KINDS, LABELS, Schedule, allowed_patterns, describe, parse_core_days, parse_kind
from ...schedules.requirement import usual_entries
from ...schedules.terms import Terms
from ...schedules.timesheet import (LEAVE_KINDS, PERIOD_DAYS, Timesheet, TimesheetError, blank_timesheet, parse_clock,
                                    pay_period_start, read_timesheet)
from ...schedules.tours import parse_tour
from .. import (CSS_ANSWER, CSS_ERROR, Field, app_box, cite_html, error_html, esc, html_widget, lean, mark_ready, query_params,
                shared_layout, show_png, text_box)
from ..inputs import DateText, attention_html, page_today
from ..readings import option_words

DEFAULT_TEAM = "Ana, 07:00, 15:30, 11:30, 12:00\nBen, 09:00, 17:30, 12:00, 12:30, off Fri2\nCy, 06:30, 17:00, 12:30, 13:00, off Mon"
DEFAULTS = {"schedule": "variable-week", "part_time": "", "tour": "", "shift": "day", "carry_in": "0", "layout": "",
            "core_days": "Tue,Wed,Thu", "supervisor_end": "", "office_start": "08:00", "minimum": "1", "team": DEFAULT_TEAM}
READINGS = ("schedules.part_time_requirement", "schedules.compressed_overtime", "schedules.in_lieu_next_to_holiday",
            "schedules.compressed_holiday_premium", "schedules.other_shifts")
SHIFTS = (("Day shift (Art. 4 §5)", "day"), ("Evening or night shift (Art. 4 §9)", "other"))
_TIME_COLS = ("start", "end", "lunch_start", "lunch_end")


# The grid's columns: heading and width; the heading and every box of a column share one Layout, so each heading is
# exactly as wide as the boxes under it and stands over them at any window width.
GRID_COLUMNS = (("Day", "14em"), ("Start", "5.6em"), ("End", "5.6em"), ("Lunch start", "5.6em"), ("Lunch end", "5.6em"),
                ("Leave (h)", "4.8em"), ("Leave kind", "6.5em"), ("Ordered overtime (h)", "7em"))
_ROW_LAYOUT = {"align_items": "center", "flex_flow": "row wrap"}


# The CSS of each grid column (its heading and its 14 boxes share one layout model), then the rows' error line.
GRID_CSS = tuple({"width": w, "flex": "0 0 auto"} for _, w in GRID_COLUMNS) + ({"min_height": "1em"},)


def grid_head() -> W.HBox:
    """The headings of the day-by-day grid, each over its own column."""
    heads = [html_widget(f"<b>{esc(name)}</b>", **css) for (name, _), css in zip(GRID_COLUMNS, GRID_CSS)]  # zip: the columns only
    box = W.HBox(heads, layout=shared_layout(align_items="flex-end", flex_flow="row wrap"))
    box.add_class("lmcore-grid-head")
    return box


class _Row:
    """One day of the grid: four HH:MM boxes, leave hours and kind, ordered overtime, and the error beside them; the
    boxes share their column's layout and one style (a row is 10 widget models, not 20)."""

    def __init__(self, on_change: Any):
        css = GRID_CSS
        txt = lambda col, ph: lean(W.Text, css[col], placeholder=ph, continuous_update=False)  # noqa: E731
        self.label = html_widget("", **css[0])
        self.times = [txt(col, "HH:MM") for col in range(1, 5)]
        self.leave = txt(5, "h")
        self.kind = lean(W.Dropdown, css[6], options=[("", "")] + [(k, k) for k in LEAVE_KINDS])
        self.ordered = txt(7, "h")
        self.error = html_widget("", **css[8])
        self.error.add_class(CSS_ERROR)
        self.box = W.HBox([self.label, *self.times, self.leave, self.kind, self.ordered, self.error],
                          layout=shared_layout(**_ROW_LAYOUT))
        self.box.add_class("lmcore-grid-row")
        for w in (*self.times, self.leave, self.kind, self.ordered):
            w.observe(on_change, "value")

    def set(self, rec: dict[str, str]) -> None:
        for w, col in zip(self.times, _TIME_COLS):
            w.value = rec.get(col, "")
        self.leave.value, self.ordered.value = rec.get("leave_hours", ""), rec.get("overtime_ordered_hours", "")
        self.kind.value = rec.get("leave_kind", "") if rec.get("leave_kind", "") in LEAVE_KINDS else ""

    def record(self, day: dt.date) -> dict[str, str]:
        rec = {"date": day.isoformat(), **{c: w.value for c, w in zip(_TIME_COLS, self.times)}}
        rec.update(leave_hours=self.leave.value, leave_kind=self.kind.value, overtime_ordered_hours=self.ordered.value)
        return rec


class _Reading:
    """A reading of unclear contract text: its question in full and each option's words in full, the default marked
    (radio buttons: a dropdown would cut the options' words short)."""

    def __init__(self, interp: Any):
        options = [(option_words(text, o == interp.default, limit=None), o) for o, text in interp.options.items()]
        self.widget = lean(W.RadioButtons, {"width": "auto"}, options=options, value=interp.default)
        self.widget.add_class("lmcore-reading")
        self.box = W.VBox([html_widget(f"<b>{esc(interp.label)}</b><br><small>{esc(interp.question)}</small>"), self.widget])


class ScheduleApp:
    """The dashboard's widgets and the one action behind them: evaluate the grid and draw every answer."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str]):
        self.contract, self.as_of = contract, as_of
        self.terms = Terms.of(contract)
        self._contracts: dict[tuple[str, ...], Any] = {}
        self.result: Any = None
        self.timesheet: Timesheet | None = None
        self.comparison: tuple[Any, ...] = ()
        self.compare_problem: LmcoreError | None = None
        self.cov: Any = None
        self._quiet = True
        self._build()
        self._apply(params)
        self._quiet = False
        mark_ready(self.widget)

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        ch = self._changed
        self.kind = Field(lean(W.Dropdown, {"width": "auto"}, options=[(LABELS[k], k) for k in KINDS]), "Schedule type",
                          "Art. 4 §1.a, §2; Art. 10 §6.A")
        self.period_start = pay_period_start(self.as_of)
        self.period = DateText("Pay period", self.as_of, "any day in it: biweekly, Sunday to Saturday", what="day in the pay period",
                               echo=self._period_words)
        self.period.widget.add_class("lmcore-period")
        self.part_time = Field(text_box("", "10em", "blank = full-time"),
                               "Part-time hours per pay period", "Art. 4 §7 (blank for full-time)")
        self.tour = Field(text_box("", "24em", "e.g. Mon=5,Tue=5,Wed=5,Thu=5"),
                          "Tour (hours each day)", "a part-timer's days, or a compressed schedule of your own; two weeks: "
                                                   "W1:Mon=9,Tue=9;W2:Mon=9")
        self.shift = Field(lean(W.Dropdown, {"width": "auto"}, options=SHIFTS), "Shift", "Art. 4 §5, §9")
        self.carry_in = Field(text_box("", "10em"), "Credit hours brought in",
                              "balance from the last pay period, §2.b(1)")
        self.layout_pick = Field(lean(W.Dropdown, {"width": "auto"}, options=[("Read from the timesheet", "")]),
                                 "Compressed layout", "which days, §2.c(1)(c)")
        self.core_days = Field(text_box("", "10em"), "Maxi-flex core days",
                               "e.g. Tue,Wed,Thu or Mon1,Fri2")
        self.sup_end = Field(text_box("", "10em", "HH:MM"),
                             "Supervisor's day ends", "for the §5 notice (optional)")
        self.readings = {rid: _Reading(self.contract.interpretations[rid]) for rid in READINGS}
        self.rows = [_Row(ch) for _ in range(PERIOD_DAYS)]
        head = grid_head()
        self.fill = W.Button(description="Fill the usual days", tooltip="the usual hours for this schedule type")
        self.clear = W.Button(description="Clear the grid")
        self.upload = Field(W.FileUpload(accept=".csv", multiple=False, description="Load a CSV"), "Or load a timesheet",
                            "a CSV file with the header line shown below")
        self.csv_format = W.HTML("<p class='lmcore-csv-format'><small>First line of the file, typed exactly: <code>date,start,end,"
                                 "lunch_start,lunch_end[,leave_hours,leave_kind,overtime_ordered_hours]</code></small></p>")
        self.fill.on_click(lambda _: self._fill_usual())
        self.clear.on_click(lambda _: self._clear())
        self.upload.widget.observe(self._uploaded, "value")
        self.upload.widget.description = "Load a CSV"
        for f in (self.part_time, self.tour, self.shift, self.carry_in, self.layout_pick, self.core_days, self.sup_end,
                  *self.readings.values()):
            f.widget.observe(ch, "value")
        self.kind.widget.observe(self._kind_changed, "value")
        self.period.widget.observe(self._period_changed, "value")
        self.answer = html_widget()
        self.answer.add_class(CSS_ANSWER)
        self.about = html_widget()
        self.chart = W.Image(format="png", layout=W.Layout(max_width="880px"))
        self.ledger = html_widget()
        self.findings = W.HTML(layout=W.Layout(width="52%"))
        self.cite_pick = W.Dropdown(options=[], layout=W.Layout(width="20em"), description="")
        self.cite_text = W.HTML(layout=W.Layout(width="auto"))
        self.cite_pick.observe(lambda c: self._show_cite(), "value")
        self.compare = html_widget()
        self.team = Field(W.Textarea(continuous_update=False, layout=W.Layout(width="34em", height="7em")), "Team schedules",
                          "name, start, end, lunch start, lunch end, off days (e.g. off Fri2)")
        self.office_start = Field(text_box("", "8em"), "Office day starts",
                                  "8½ hours from here, §10.b")
        self.minimum = Field(text_box("", "8em"), "People needed", "each half hour, §10.a")
        for f in (self.team, self.office_start, self.minimum):
            f.widget.observe(lambda c: self._quiet or self._coverage(), "value")
        self.heat = W.Image(format="png", layout=W.Layout(max_width="880px"))
        self.gaps = html_widget()
        self.widget = app_box([
            html_widget('<p class="lmcore-lede">Try a work schedule: type the hours of a pay period and see what Article 4 of '
                   "the contract makes of them, finding by finding, with the contract's own words.</p>"),
            html_widget("<h3>1. The schedule</h3>"), self.kind.box, self.period.box, self.part_time.box, self.tour.box, self.shift.box,
            self.carry_in.box,
            self.layout_pick.box, self.core_days.box, self.sup_end.box,
            html_widget("<h4 class='lmcore-readings-head'>Readings of unclear contract text</h4>"), *[f.box for f in self.readings.values()],
            self.about,
            html_widget("<h3>2. The hours, day by day</h3>"), W.HBox([self.fill, self.clear, self.upload.box], layout=W.Layout(**_ROW_LAYOUT)),
            self.csv_format, head,
            *[r.box for r in self.rows],
            html_widget("<h3>3. What the contract makes of them</h3>"), self.answer, self.chart, self.ledger,
            html_widget("<h3>4. Findings, with the contract's words</h3>"),
            W.HBox([self.findings, W.VBox([html_widget("<b>Show the text of</b>"), self.cite_pick, self.cite_text],
                                          layout=W.Layout(width="46%"))]),
            html_widget("<h3>5. The same hours under each schedule type</h3>"), self.compare,
            html_widget("<h3>6. Team coverage of the office day (Art. 4 §10)</h3>"), self.team.box, self.office_start.box,
            self.minimum.box, self.heat, self.gaps,
        ], title="Work schedules and credit hours")
        self.widget.add_class("lmcore-schedules")

    def _period_words(self, day: dt.date) -> str:
        """Beside the pay-period box: which pay period the typed day is in ("11-22 is in the pay period Sun 11-15 – …")."""
        return f"{day:%a %m-%d} is in the pay period {self._period_label(pay_period_start(day))}"

    def _period_changed(self, change: Any) -> None:
        if self.period.value is not None:
            self.period_start = pay_period_start(self.period.value)
        if self._quiet:
            return
        if self.period.value is None:  # its message is beside it: no answer for a pay period the person did not mean
            self.refresh()
            return
        self._fill_usual()
        self._coverage()

    def _period_label(self, start: dt.date) -> str:
        end = start + dt.timedelta(days=PERIOD_DAYS - 1)
        names = [n for d, n in self.contract.calendar.holidays_between(start, end).items() if d.weekday() < 5]
        return f"{start:%a %Y-%m-%d} – {end:%a %Y-%m-%d}" + (f" · {', '.join(names)}" if names else "")

    def _layouts(self) -> None:
        """The layouts of the chosen compressed schedule (none for the others); core days only for maxi-flex."""
        k = self.kind.widget.value
        opts = [("Read from the timesheet", "")]
        if k in COMPRESSED:
            opts += [(f"{n}. {p.label}", str(n)) for n, p in enumerate(allowed_patterns(k, self.terms), 1)]
        was, self._quiet = self._quiet, True
        self.layout_pick.widget.options = opts
        self.layout_pick.widget.value = ""
        self._quiet = was
        self.layout_pick.widget.disabled = k not in COMPRESSED
        self.core_days.widget.disabled = k != "maxiflex"

    def _kind_changed(self, change: Any) -> None:
        self._layouts()
        self._changed()

    # -- inputs ---------------------------------------------------------------------------------
    def _apply(self, params: dict[str, str]) -> None:
        """Starting inputs from the link (?schedule=compressed-5-4-9&period=2026-11-20&part_time=40&carry_in=3)."""
        aliases = {"part_time_hours": "part_time", "supervisor_day_end": "supervisor_end"}
        p = {**DEFAULTS, **{aliases.get(k, k): v for k, v in params.items() if v is not None}}
        problems: list[tuple[Field, str]] = []
        try:
            kind = parse_kind(p["schedule"])
        except LmcoreError as exc:
            kind = DEFAULTS["schedule"]
            problems.append((self.kind, f"The link's schedule={p['schedule']} is not a schedule type ({exc.fix}); showing {kind}."))
        self.kind.widget.value = kind
        self._layouts()
        if p.get("period"):
            try:
                self.period.set(dt.date.fromisoformat(p["period"].strip()))
            except ValueError:
                problems.append((self.period, f"The link's period={p['period']} is not a date (YYYY-MM-DD)."))
        else:
            self.period.set(self.as_of)
        self.part_time.widget.value, self.carry_in.widget.value = p["part_time"], p["carry_in"]
        self.tour.widget.value = p["tour"]
        if p["shift"] in dict((v, k) for k, v in SHIFTS):
            self.shift.widget.value = p["shift"]
        else:
            problems.append((self.shift, f"The link's shift={p['shift']} is not day or other; showing the day shift."))
        self.core_days.widget.value, self.sup_end.widget.value = p["core_days"], p["supervisor_end"]
        if p["layout"] in [v for _, v in self.layout_pick.widget.options]:
            self.layout_pick.widget.value = p["layout"]
        elif p["layout"]:
            problems.append((self.layout_pick, f"The link's layout={p['layout']} is not a layout of this schedule type."))
        for rid, f in self.readings.items():
            key = rid.split(".")[1]
            if p.get(key) in self.contract.interpretations[rid].options:
                f.widget.value = p[key]
        self.team.widget.value, self.office_start.widget.value, self.minimum.widget.value = p["team"], p["office_start"], p["minimum"]
        self._fill_usual(sample=True)
        self._coverage()
        for field, message in problems:
            field.show_error(message)

    def _days(self) -> list[dt.date]:
        return [self.period_start + dt.timedelta(days=i) for i in range(PERIOD_DAYS)]

    def _label_rows(self) -> None:
        cal = self.contract.calendar
        for r, day in zip(self.rows, self._days()):
            why = cal.skip_reason(day)
            tag = f" <small style='color:#8a5a00'>{esc(why)}</small>" if why and day.weekday() < 5 else ""
            r.label.value = f"<span style='color:{'#999' if day.weekday() >= 5 else '#222'}'>{day:%a %m-%d}</span>{tag}"

    def _set_rows(self, ts: Timesheet) -> None:
        was, self._quiet = self._quiet, True
        self._label_rows()
        for r, rec in zip(self.rows, ts.to_rows()):
            r.set(rec)
        self._quiet = was
        self.refresh()

    def _fill_usual(self, sample: bool = False) -> None:
        """The usual days of the chosen schedule (holidays blank); the first page view adds 45 minutes on the first Tuesday."""
        try:
            sched = self._schedule()
        except LmcoreError:
            sched = Schedule(self.kind.widget.value)
        try:
            ts = usual_entries(sched, self.period_start, self.contract, self.terms)
        except LmcoreError:
            ts = blank_timesheet(self.period_start)
        if sample and sched.flexible and ts.entries[2].end is not None:
            entries = list(ts.entries)
            e = entries[2]
            entries[2] = type(e)(e.day, e.start, e.end + 45, e.lunch_start, e.lunch_end)  # a longer Tuesday → credit hours
            ts = Timesheet(ts.period_start, tuple(entries))
        self._set_rows(ts)

    def _clear(self) -> None:
        self._set_rows(blank_timesheet(self.period_start))

    def _uploaded(self, change: Any) -> None:
        files = change["new"]
        if not files:
            return
        self.upload.clear()
        try:
            ts = read_timesheet(bytes(files[0]["content"]))
        except LmcoreError as exc:
            self.upload.show_error(str(exc))
            return
        was, self._quiet = self._quiet, True
        self.period.set(ts.period_start)
        self._quiet = was
        self._set_rows(ts)

    def _part_time(self) -> float | None:
        raw = str(self.part_time.widget.value).strip()
        if not raw:
            return None
        try:
            return float(raw) if len(raw) <= 30 else float("nan")
        except ValueError:
            raise InvalidInput(f"'{raw[:40]}' is not a number of hours", cite="Art. 4 §7.a", fix="Give the part-time hours per pay period, e.g. 40, or leave it blank") from None

    def _tour(self) -> Any:
        raw = str(self.tour.widget.value).strip()
        return parse_tour(raw) if raw else None

    def _schedule(self, layout: Any = None, core: Any = None) -> Schedule:
        """The schedule the fields describe (the part-time hours and tour as typed)."""
        return Schedule(self.kind.widget.value, self._part_time(), layout, core, self._tour(), self.shift.widget.value)

    # -- answering ------------------------------------------------------------------------------
    def _contract(self) -> Any:
        key = tuple(f.widget.value for f in self.readings.values())
        if key not in self._contracts:
            self._contracts[key] = self.contract.with_interpretations(dict(zip(READINGS, key)))
        return self._contracts[key]

    def _changed(self, change: Any = None) -> None:
        if not self._quiet:
            self.refresh()

    def refresh(self) -> None:
        """Read every input, evaluate the pay period, draw the answers; a bad input is shown beside itself."""
        from ...schedules.pay_period import compare, evaluate

        for f in (self.kind, self.part_time, self.tour, self.shift, self.carry_in, self.layout_pick, self.core_days, self.sup_end,
                  self.upload):
            f.clear()
        for r in self.rows:
            r.error.value = ""
        if self.period.problem:  # the message is beside the box; the rows keep the last pay period's days
            self.answer.value = attention_html(1) + "<p><small>The answers below are for the last good pay period.</small></p>"
            return
        field = self.part_time
        try:
            contract = self._contract()
            layout = None
            if self.layout_pick.widget.value:
                field = self.layout_pick
                layout = allowed_patterns(self.kind.widget.value, self.terms)[int(self.layout_pick.widget.value) - 1]
            field = self.core_days
            core = parse_core_days(self.core_days.widget.value) if self.kind.widget.value == "maxiflex" and \
                self.core_days.widget.value.strip() else None
            field = self.part_time
            self._part_time()
            field = self.tour
            sched = self._schedule(layout, core)
            field = self.sup_end
            sup = self.sup_end.widget.value.strip() or None
            if sup is not None:
                parse_clock(sup, "supervisor's day end", "Art. 4 §5")
            field = None
            ts = read_timesheet([r.record(d) for r, d in zip(self.rows, self._days())], self.period_start)
            field = self.kind
            carry = str(self.carry_in.widget.value).strip() or "0"
            res = evaluate(ts, sched, contract, carry_in=carry, supervisor_day_end=sup)
        except TimesheetError as exc:
            if field is None and exc.row is not None and 2 <= exc.row < 2 + PERIOD_DAYS:
                self.rows[exc.row - 2].error.value = f'<span style="color:#b00020">⚠ {esc(str(exc))}</span>'
            else:
                (field or self.upload).show_error(str(exc))
            self._stale()
            return
        except LmcoreError as exc:
            named = {"tour": self.tour, "part_time": self.part_time, "carry_in": self.carry_in, "core_days": self.core_days,
                     "layout": self.layout_pick, "supervisor's day end": self.sup_end}.get(exc.field or "")
            (named or field or self.kind).show_error(str(exc))
            self._stale()
            return
        self.timesheet, self.result = ts, res
        try:
            self.comparison, self.compare_problem = compare(ts, contract, carry_in=carry, tour=sched.tour,
                                                            part_time_hours=None if sched.tour else sched.part_time_hours), None
        except LmcoreError as exc:  # another schedule type needs what this one does not (a part-timer's tour, §7.b)
            self.comparison, self.compare_problem = (), exc
        self._draw(res, ts, contract)

    def _stale(self) -> None:
        self.answer.value = error_html(InvalidInput("an input needs fixing (marked beside it)", fix="The answers below are for the last good inputs"))

    def _draw(self, res: Any, ts: Timesheet, contract: Any) -> None:
        from ...schedules.pay_period import comparison_table
        from ...schedules.hours import Rules
        from ..plots import to_png
        from .plots import day_chart
        from .views import answer_html, compare_html, findings_html, ledger_html

        self.about.value = f"<p><i>{esc(describe(res.schedule, contract))}</i></p>"
        self.answer.value = answer_html(res)
        rules = Rules.of(res.schedule, contract, self.terms)
        show_png(self.chart, lambda: to_png(day_chart(ts, res, rules, self.terms.lunch), dpi=80))
        self.ledger.value = ledger_html(res)
        self.findings.value = findings_html(res)
        cites = list(dict.fromkeys(f.cite for f in res.findings))
        current = self.cite_pick.value
        serious = [f.cite for sev in ("violation", "warning") for f in res.findings if f.severity == sev]
        self.cite_pick.options = cites
        self.cite_pick.value = current if current in cites else (serious or cites or [None])[0]
        self._show_cite()
        self.compare.value = ("<p>No comparison with the other schedule types:</p>" + error_html(self.compare_problem)
                              if self.compare_problem else compare_html(comparison_table(self.comparison)))

    def _show_cite(self) -> None:
        cite = self.cite_pick.value
        self.cite_text.value = cite_html(self.contract, cite) if cite else ""

    def _coverage(self) -> None:
        from ...schedules.coverage import coverage, team_from_text
        from ..plots import to_png
        from .plots import coverage_heatmap

        for f in (self.team, self.office_start, self.minimum):
            f.clear()
        field = self.team
        try:
            team = team_from_text(self.team.widget.value, self.period_start)
            field = self.minimum
            if not str(self.minimum.widget.value).strip().isdigit():
                raise InvalidInput(f"'{self.minimum.widget.value}' is not a whole number of people", cite="Art. 4 §10.a", fix="Give 1 or more")
            field = self.office_start
            self.cov = coverage(team, self.contract, office_start=self.office_start.widget.value, minimum=int(self.minimum.widget.value))
        except LmcoreError as exc:
            field.show_error(str(exc))
            return
        cov = self.cov
        show_png(self.heat, lambda: to_png(coverage_heatmap(cov), dpi=80))
        self.gaps.value = "<pre style='white-space:pre-wrap'>" + esc(self.cov.explain()) + "</pre>"

    def summary(self) -> str:
        """What the page shows, as plain text (deterministic: nbval compares it)."""
        from ...schedules.pay_period import comparison_table

        lines = [f"Work schedules and credit hours (as of {self.as_of.isoformat()})"]
        if self.result is None:
            return "\n".join(lines + ["No answer yet: an input needs fixing."])
        res = self.result
        lines.append(res.headline())
        lines += [str(f) for f in res.findings]
        lines += [f"Reading used: {c}" for c in res.interpretations]
        lines.append("Same hours under each schedule type:")
        for r in comparison_table(self.comparison):
            lines.append(f"  {r['schedule']}: requirement {r['requirement']:.2f}, credit earned {r['credit_earned']:.2f}, "
                         f"overtime {r['overtime']:.2f}, uncounted {r['uncounted']:.2f}, short {r['short']:.2f}, pay {r['pay']:.2f}, "
                         f"{r['violations']} violation(s)")
        if self.cov is not None:
            lines.append("Team coverage: " + self.cov.explain())
        return "\n".join(lines)


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None) -> ScheduleApp:
    """The work-schedules dashboard. Starting inputs come from `params`, else from the page link (?schedule=…&period=…)."""
    from ...contract.loading import load_contract

    contract = contract or load_contract()
    as_of = as_of or page_today()
    if params is None:
        params = query_params({})
    return ScheduleApp(contract, as_of, params)


__all__ = ["ScheduleApp", "build_app"]
