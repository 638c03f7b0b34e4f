"""Dashboard: bargaining windows from the day a final plan arrives, Union meeting rooms, and the contract
calendar (duration dates, arbitrator removal windows, quarterly committee meetings) from the ratification date."""
from __future__ import annotations

import base64
import datetime as dt
import html
from typing import Any

import ipywidgets as W

from ..errors import LmcoreError
from . import CSS_ANSWER, Field, app_box, cite_html, esc, in_words, mark_ready, query_date, query_params
from .inputs import FieldsNeedAttention, NumberText, attention_html, check_fields, date_field, needs_attention, page_today
from .readings import Readings
from .safe_dates import safe_cell, safe_line, safe_row, safe_text

READINGS = ["count.event_on_nonworkday", "bargaining.session_days", "bargaining.agenda_notice_nonworkday", "bargaining.waiver_scope",
            "facilities.wednesday_room_notice", "duration.effective_days", "duration.expiration_date", "duration.reopener_closes_nonworkday",
            "duration.reopener_opens_nonworkday", "arbitration.removal_window_closes_nonworkday", "committees.quarterly",
            "committees.meeting_days"]
KINDS = [("Final space plan (Art. 29 §4.a)", "space"), ("Final organizational change (Art. 35 §5.d)", "organizational_change")]
LEVELS = [("One Agency: Agency-level (Art. 36 §3)", "agency"), ("More than one Agency: Departmental (Art. 35 §5.e)", "department")]
def agreeable(contract: Any) -> list[tuple[str, str]]:
    """The time frames Art. 36 §4 lets the parties change, each labelled from its parameter (its words, number, unit, cite)."""
    from ..bargaining.negotiations import TIME_FRAMES

    out = [("No agreed change", "")]
    for key in TIME_FRAMES:
        p = contract.param(key)
        out.append((f"{p.label}: {p.value:g} {p.unit.replace('_', ' ')} ({p.cite})", key))
    return out


WEEKDAYS = [("Monday", 0), ("Tuesday", 1), ("Wednesday", 2), ("Thursday", 3), ("Friday", 4)]
WEEKS = [("1st", 1), ("2nd", 2), ("3rd", 3), ("4th", 4), ("last", -1)]
_TABLE = 'style="border-collapse:collapse;font-size:13px" cellpadding="4"'
_ASSUMED = ' <span class="lmcore-assumed" style="color:#8a4b00;font-size:11px;font-weight:bold">assumed</span>'


class ContractCalendarApp:
    """The widgets and the answers they show; `summary()` is the same answers as plain text."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str]):
        from ..bargaining.committees import DEFAULT_PATTERNS

        self.base, self.as_of = contract, as_of
        notes: list[tuple[Field, str]] = []

        def date_param(key: str, fallback: dt.date, label: str, help_text: str) -> Field:
            day, msg = query_date(params, key, fallback)
            f = date_field(label, day, help_text)
            if msg:
                notes.append((f, html.unescape(msg)))
            return f

        self.received = date_param("received", as_of, "Final plan received on", "the day the Union got the final plan")
        self.kind = W.RadioButtons(options=KINDS, value=_pick(params.get("kind"), KINDS, "space"), layout=W.Layout(width="auto"))
        self.level = W.RadioButtons(options=LEVELS, value=_pick(params.get("level"), LEVELS, "agency"), layout=W.Layout(width="auto"))
        for key, opts, shown in (("kind", KINDS, self.kind.value), ("level", LEVELS, self.level.value)):
            if params.get(key) and _pick(params[key], opts, "") != shown:
                notes.append((self.received, f"The link's {key}={params[key]} is not one of {', '.join(o[1] for o in opts)}; showing {shown}."))
        self.agreed_rule = W.Dropdown(options=agreeable(contract), value="", layout=W.Layout(width="26em"))
        self.agreed_days = Field(W.Text(value="", placeholder="days, or 'waived'", layout=W.Layout(width="12em"), continuous_update=False),
                                 "Agreed change (Art. 36 §4)", "the parties may waive or extend a time frame")
        from ..bargaining.facilities import WEEKDAYS as DAY_NAMES
        from ..bargaining.facilities import rooms_of

        lunch, whole = contract.param("facilities.meeting_room_start"), contract.param("facilities.full_day_rooms")
        full_day = DAY_NAMES.index(whole.value) if whole.value in DAY_NAMES else 2
        self.meeting = date_param("meeting", as_of + dt.timedelta(days=(full_day - as_of.weekday()) % 7 + 7), "Union meeting on",
                                  f"{rooms_of(lunch)} ({lunch.cite})")
        self.wednesday = W.Checkbox(value=params.get("wednesday", "") in ("1", "true", "yes"), indent=False,
                                    description=f"Full day, {rooms_of(whole)} ({whole.value}s)")
        self.ratified = date_param("ratified", as_of, "Ratified on", "Union membership ratification (Art. 47 §1)")
        self.years = NumberText("Contract years to show", None, what="contract years to show", whole=True, low=1, high=10, width="6em")
        self.years.widget.value = params.get("years", "3")  # a link's value the box cannot take: the message beside it
        pat = DEFAULT_PATTERNS["department_lmrc"]
        self.lmrc_week = W.Dropdown(options=WEEKS, value=pat.week, layout=W.Layout(width="7em"))
        self.lmrc_day = W.Dropdown(options=WEEKDAYS, value=pat.weekday, layout=W.Layout(width="9em"))
        self.readings = Readings(contract, READINGS, lambda _: self.refresh())

        self.answer = W.HTML()
        self.answer.add_class(CSS_ANSWER)
        self.plan_out, self.room_out, self.cal_out, self.text_out = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        for w in (self.received.widget, self.kind, self.level, self.agreed_rule, self.agreed_days.widget, self.meeting.widget,
                  self.wednesday, self.ratified.widget, self.years.widget, self.lmrc_week, self.lmrc_day):
            w.observe(lambda _: self.refresh(), names="value")
        self.summaries: dict[str, str] = {}
        self.widget = app_box([
            W.HTML("<h3>1. Bargaining over a final space plan or organizational change</h3>"),
            self.received.box, W.HBox([W.HTML("<b>What arrived</b>", layout=W.Layout(width="230px")), self.kind]),
            W.HBox([W.HTML("<b>Who it affects</b>", layout=W.Layout(width="230px")), self.level]),
            W.HBox([self.agreed_rule, self.agreed_days.box]),
            self.answer, self.plan_out,
            W.HTML("<h3>2. Union meeting room</h3>"), self.meeting.box, self.wednesday, self.room_out,
            W.HTML("<h3>3. Contract calendar from ratification</h3>"), self.ratified.box,
            self.years.box, W.HBox([W.HTML("<b>Department LMRC meets on the</b>&nbsp;"),
                    self.lmrc_week, self.lmrc_day, W.HTML("&nbsp;of each quarter's first month")]),
            self.cal_out, self.readings.box, self.text_out,
        ])
        self.refresh()
        for f in dict.fromkeys(f for f, _ in notes):
            f.show_error(" ".join(m for g, m in notes if g is f))
        mark_ready(self.widget)

    # -- answers ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        contract = self.readings.contract()
        self._bargaining(contract)
        self._room(contract)
        self._calendar(contract)
        unread = needs_attention([self.received, self.meeting, self.ratified, self.years])
        if unread:  # each message is beside its field; the answers that need them are withheld
            self.answer.value = attention_html(len(unread), "") + self.answer.value
        cites = ["Art. 29 §4.a" if self.kind.value == "space" else "Art. 35 §5.d", "Art. 36 §2", "Art. 36 §3", "Art. 36 §4", "Art. 47", "Art. 44 §1.d"]
        self.text_out.value = (f"<details><summary><b>The contract's words: {esc(', '.join(cites))}</b></summary>"
                               f"{''.join(cite_html(contract, c) for c in cites)}</details>")

    def _bargaining(self, contract: Any) -> None:
        from ..bargaining.negotiations import plan

        self.received.clear()
        self.agreed_days.clear()
        try:
            agreements = self._agreements()
        except LmcoreError as exc:
            self.agreed_days.show_error(str(exc))
            agreements = ()
        try:
            check_fields([], typed=[self.received, self.ratified])
            if self.received.value is None:
                raise _missing("the date the final plan was received", "Art. 29 §4.a")
            effective = self._effective(contract)
            try:
                p = plan(self.received.value, self.kind.value, self.level.value, contract, agreements=agreements, effective=effective)
            except LmcoreError as exc:
                if not agreements:
                    raise
                self.agreed_days.show_error(str(exc))  # show the contract's own dates while the agreement is refused
                p = plan(self.received.value, self.kind.value, self.level.value, contract, effective=effective)
        except LmcoreError as exc:
            shown = isinstance(exc, FieldsNeedAttention)  # each message is beside its field; refresh() counts them
            if not shown:
                self.received.show_error(str(exc))
            self.answer.value = "" if shown else f'<div style="font-size:1.2em;color:#b00020">⚠ {esc(exc)}</div>'
            self.plan_out.value = ""
            self.summaries["bargaining"] = f"Bargaining: error: {exc}"
            return
        from ..safe_date import of_shown

        self.answer.value = f'<div style="font-size:1.25em;padding:6px 0"><b>{esc(p.answer())}</b></div>'
        safe = [of_shown(contract, i.deadline) for i in p.items]
        rows = "".join(f"<tr><td>{esc(i.title)}</td><td><b>{esc(i.due.strftime('%a %Y-%m-%d') if i.due else 'waived')}</b>"
                       f"{_ASSUMED if i.assumed else ''}{safe_cell(s)}</td><td>{esc(i.standard.cite)}</td></tr>"
                       + safe_row(s, i.title) for i, s in zip(p.items, safe))
        if any(i.assumed for i in p.items):
            rows += f'<tr><td colspan="3"><small>{_ASSUMED} {esc(next(i.assumption for i in p.items if i.assumed))}</small></td></tr>'
        notes = "".join(f'<p style="color:#8a4b00">⚠ {esc(f)}</p>' for f in p.findings)
        details = "".join(f"<pre style='white-space:pre-wrap'>{esc(in_words(i.explain(contract), contract))}</pre>" for i in p.items)
        from ..exports import to_ics

        ics = base64.b64encode(to_ics(p.events(), name="Bargaining dates")).decode("ascii")
        link = (f'<a download="bargaining_dates.ics" href="data:text/calendar;charset=utf-8;base64,{ics}">'
                f"⬇ Download these bargaining dates (.ics)</a>")
        self.plan_out.value = (f"<table {_TABLE}>{rows}</table>{notes}<p>{link}</p>"
                               f"<details><summary>How each date was counted</summary>{details}</details>")
        self.summaries["bargaining"] = "\n".join([f"Bargaining: {p.answer()}"] + [
            line for i, s in zip(p.items, safe) for line in (
                f"  {i.title}: {i.due.isoformat() if i.due else 'waived'}{' [assumed]' if i.assumed else ''} ({i.standard.cite})",
                *safe_text(s))] + [f"  Note: {f}" for f in p.findings])

    def _effective(self, contract: Any) -> dt.date | None:
        """The effective date from the ratification field: the sessions' three-month series starts there (Art. 47 §1)."""
        from ..bargaining.duration import effective_date

        if self.ratified.value is None:
            return None
        try:
            return effective_date(self.ratified.value, contract).due
        except LmcoreError:
            return None

    def _agreements(self) -> tuple:
        from ..bargaining.negotiations import Agreement

        rule, text = self.agreed_rule.value, self.agreed_days.value.strip().lower()
        if not rule or not text:
            return ()
        if text == "waived":
            return (Agreement(rule),)
        if not text.isdigit():
            from ..errors import InvalidInput

            raise InvalidInput(f"'{self.agreed_days.value}' is not a number of days or 'waived'", cite="Art. 36 §4", fix="Type the agreed number of days, or 'waived'")
        return (Agreement(rule, int(text)),)

    def _room(self, contract: Any) -> None:
        from ..bargaining.facilities import meeting_room_request_due

        self.meeting.clear()
        try:
            check_fields([], typed=[self.meeting])
            if self.meeting.value is None:
                raise _missing("the meeting date", "Art. 46 §7")
            r = meeting_room_request_due(self.meeting.value, contract, full_day=self.wednesday.value)
        except LmcoreError as exc:
            if not isinstance(exc, FieldsNeedAttention):
                self.meeting.show_error(str(exc))
            self.room_out.value = ""
            self.summaries["room"] = f"Meeting room: error: {exc}"
            return
        from ..safe_date import of_shown

        by = r.deadline.due.isoformat() if r.deadline else "as early as possible (no number of days stated)"
        safe = of_shown(contract, r.deadline)
        self.room_out.value = (f"<p><b>{esc(r.rooms)}</b>, {esc(r.hours)}: ask the Office of Facilities Management by "
                               f"<b>{esc(by)}</b> ({esc(r.cite)}).</p>{safe_line(safe)}<details><summary>How the date was counted</summary>"
                               f"<pre style='white-space:pre-wrap'>{esc(in_words(r.explain(), contract))}</pre></details>")
        self.summaries["room"] = "\n".join([f"Meeting room: {r.rooms}, {r.meeting_day.isoformat()}, {r.hours}: request by {by} ({r.cite})",
                                            *safe_text(safe, "  ")])

    def _calendar(self, contract: Any) -> None:
        from ..bargaining.committees import DEFAULT_PATTERNS, MeetingPattern, committees
        from ..bargaining.contract_calendar import contract_calendar
        from ..deadlines import fmt_day
        from ..safe_date import of_shown

        self.ratified.clear()
        try:
            check_fields([], typed=[self.ratified, self.years])
            if self.ratified.value is None:
                raise _missing("the ratification date", "Art. 47 §1")
            base = DEFAULT_PATTERNS["department_lmrc"]
            same = (self.lmrc_day.value, self.lmrc_week.value) == (base.weekday, base.week)
            pattern = MeetingPattern(self.lmrc_day.value, self.lmrc_week.value, base.month, "lmcore" if same else "user")
            cal = contract_calendar(self.ratified.value, contract, self.years.value, {"department_lmrc": pattern})
        except LmcoreError as exc:
            if not isinstance(exc, FieldsNeedAttention):
                self.ratified.show_error(str(exc))
            self.cal_out.value = ""
            self.summaries["calendar"] = f"Contract calendar: error: {exc}"
            return
        ics = base64.b64encode(cal.to_ics()).decode("ascii")
        link = (f'<a download="contract_calendar.ics" href="data:text/calendar;charset=utf-8;base64,{ics}" '
                f'style="font-weight:bold">⬇ Download these dates for Outlook or Google (.ics)</a>')
        lines, safer = [], []  # (entry, its HTML row) in date order; the safe dates' lines for the summary
        for e in cal.entries:
            safe = of_shown(contract, e.deadline, e.side)
            lines.append((e, _entry_row(e, contract, safe)))
            if safe_line(safe):
                safer += [f"  {fmt_day(e.day)}  {e.title}:", *safe_text(safe)]
        rows = [row for e, row in lines if e.kind in KEY_KINDS]
        quarters = _by_quarter([line for line in lines if line[0].kind not in KEY_KINDS], self.as_of)
        comm = "".join(f"<tr><td>{esc(c.name)}</td><td>{esc(c.members)}</td><td>{esc(c.frequency())}</td><td>{esc(c.cite)}</td></tr>"
                       for c in committees(contract))
        self.cal_out.value = (
            f"<p>Effective <b>{esc(cal.effective.due.isoformat())}</b> ({esc(cal.effective.cite)}); showing {cal.years} contract "
            f"year{'s' if cal.years != 1 else ''} to {esc(cal.until.isoformat())}. {link}</p>"
            f"<h4>The contract's own dates</h4><p><small>Open a line to see how its date was counted.</small></p>"
            f"<table {_TABLE}>{''.join(rows)}</table>"
            f"<h4>Committee meetings and mid-term bargaining sessions</h4>"
            f"<p><small>{_ASSUMED} The contract says how often the committees meet, never on which day: these dates rest on "
            f"an assumed day ({esc('; '.join(cal.assumptions) or 'none')}). Set the Department LMRC's day below the years; a day that is a "
            f"holiday moves to the next workday. The quarter with the next date is open; open another quarter, or a line, to see "
            f"its dates and how each was found.</small></p>{quarters}"
            f"<details><summary><b>Committees: who sits on them and how often they meet</b></summary><table {_TABLE}>"
            f"<tr><th>Committee</th><th>Members</th><th>Meets</th><th>Rule</th></tr>{comm}</table></details>"
            f"<details><summary>How the effective date was counted</summary><pre style='white-space:pre-wrap'>{esc(in_words(cal.effective.explain(), contract))}</pre></details>")
        self.summaries["calendar"] = cal.text() + ("\n\nSafe dates (a reading of the text gives a safer date):\n" + "\n".join(safer) if safer else "")

    def summary(self) -> str:
        readings = [f"{i} = {d.value}" for i, d in self.readings.dropdowns.items() if d.value != self.base.choice(i)]
        parts = [self.summaries.get(k, "") for k in ("bargaining", "room", "calendar")]
        parts.append("Readings switched from the default: " + (", ".join(readings) if readings else "none"))
        return "\n\n".join(parts)


KEY_KINDS = ("duration", "arbitration")  # the contract's own dates, shown first; meetings and sessions fold by quarter
_COLOUR = {"duration": "#1f4e9c", "arbitration": "#8a4b00", "committee": "#2b7a2b", "bargaining": "#6a3d9a"}
_MONTHS = ("Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec")


def _entry_row(e: Any, contract: Any, safe: Any) -> str:
    """A calendar line: its day, what happens (opening it shows how the day was found, as text), and the rule; the safe
    date's line under it when a reading of the text gives a safer day."""
    how = f"<pre style='white-space:pre-wrap;margin:4px 0;font-size:12px'>{esc(in_words(e.detail, contract))}</pre>"
    row = (f'<tr><td style="white-space:nowrap;vertical-align:top">{esc(e.day.strftime("%a %Y-%m-%d"))}'
           f'{_ASSUMED if e.assumed else ""}{safe_cell(safe)}</td>'
           f'<td><details class="lmcore-how"><summary style="color:{_COLOUR.get(e.kind, "#222")}">{esc(e.title)}</summary>{how}'
           f'</details></td><td style="vertical-align:top">{esc(e.cite)}</td></tr>')
    return row + safe_row(safe, e.title)


def _by_quarter(lines: list[tuple[Any, str]], as_of: dt.date) -> str:
    """The meetings and sessions (entry, HTML row), one folded section per calendar quarter; the quarter of the next
    date from `as_of` is open (the last quarter when every date has passed)."""
    groups: dict[tuple[int, int], list[tuple[Any, str]]] = {}
    for e, row in lines:
        groups.setdefault((e.day.year, (e.day.month - 1) // 3), []).append((e, row))
    upcoming = [q for q, group in groups.items() if any(e.day >= as_of for e, _ in group)]
    shown = min(upcoming) if upcoming else max(groups, default=None)
    out = []
    for (year, q), group in groups.items():
        first = group[0][0].day.strftime("%a %Y-%m-%d")
        head = f"{year} Q{q + 1} ({_MONTHS[q]}): {len(group)} date{'s' if len(group) != 1 else ''}, the first {first}"
        out.append(f"<details{' open' if (year, q) == shown else ''}><summary><b>{esc(head)}</b></summary>"
                   f"<table {_TABLE}>{''.join(row for _, row in group)}</table></details>")
    return "".join(out)


def _pick(value: str | None, options: list[tuple[str, str]], default: str) -> str:
    aliases = {"org": "organizational_change", "organisational_change": "organizational_change", "departmental": "department"}
    v = aliases.get(value or "", value or "")
    return v if v in {o[1] for o in options} else default


def _missing(what: str, cite: str) -> LmcoreError:
    from ..errors import InvalidDate

    return InvalidDate(f"{what} is empty", cite=cite, fix="Pick a date")


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None) -> ContractCalendarApp:
    """The contract calendar dashboard; starting inputs from `params` (or the page's URL query string)."""
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    return ContractCalendarApp(contract, as_of or page_today(), query_params(plots=False) if params is None else dict(params))
