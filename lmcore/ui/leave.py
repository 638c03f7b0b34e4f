"""Dashboard: the leave planner. Will I lose annual leave (Art. 5 §1.e)? By when must I ask to schedule it? Does
this sick leave need a medical certificate (§2.e)? What are the dates of a leave restriction (§3.c)? How much
administrative leave to vote (§7.d(1))? Logic lives in lmcore.leave; this wires widgets."""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as W

from ..errors import LmcoreError
from . import (CSS_ANSWER, Field, app_box, cite_html, esc, html_widget, in_words, lean, mark_ready, not_default_html,
    query_date, query_params, show_link_notes, show_png)
from .inputs import FieldsNeedAttention, attention_html, check_fields, date_field, link_date_field, page_today
from .readings import Readings
from .safe_dates import safe_line, safe_text

READINGS = ["leave.balance_basis", "leave.restoration_pay_period", "leave.restoration_last_day", "leave.restriction_month_end",
            "calendar.executive_order_closures"]
DEFAULTS = {"balance": "200", "service": "5", "planned": "0", "first": "2026-11-19", "last": "2026-11-24",
            "r_start": "2026-12-01", "r_months": "", "r_ext": "", "polls_open": "07:00", "polls_close": "19:00",
            "work_start": "08:30", "work_end": "17:00"}
TABS = ("annual", "sick", "restriction", "admin")


def chart(projection: Any) -> Any:
    """Balance from today to the end of the leave year, the 240-hour line and the request date marked (a Figure)."""
    from matplotlib.dates import DateFormatter
    from matplotlib.figure import Figure

    p = projection
    pts = p.timeline()
    fig = Figure(figsize=(8.2, 3.4), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    xs, ys = [d for d, _ in pts], [b for _, b in pts]
    ax.step(xs, ys, where="post", color="#1f4e9c", linewidth=2, label="balance as the pay periods earn leave")
    end = p.leave_year.end
    ax.plot([end], [p.year_end], "o", color="#d62728" if p.to_lose else "#2ca02c", markersize=8,
            label=f"year end after {p.planned:g} h planned leave: {p.year_end:.2f} h")
    ax.axhline(p.ceiling, color="#d62728", linestyle="--", linewidth=1.2, label=f"{p.ceiling:g}-hour carry-over limit (Art. 5 §1.e)")
    r = p.restoration.last_day
    ax.axvline(r, color="#9467bd", linestyle=":", linewidth=1.6, label=f"request use-or-lose leave by {r:%a %Y-%m-%d}")
    ax.axvline(end, color="#555", linewidth=0.8)
    left = min(p.as_of, r) - dt.timedelta(days=4)
    ax.set_xlim(left, end + dt.timedelta(days=4))
    top = max(max(ys), p.year_end, p.ceiling)
    ax.set_ylim(max(0.0, min(min(ys), p.year_end) - 20), top + 25)
    ax.text(end, top + 12, f" leave year ends\n {end:%a %Y-%m-%d}", fontsize=7, va="center", ha="right", color="#555")
    ax.xaxis.set_major_formatter(DateFormatter("%b %d"))
    ax.set_ylabel("Annual leave (hours)")
    ax.set_title(f"Leave year {p.leave_year.year}: projected annual leave from {p.as_of:%Y-%m-%d}", fontsize=9)
    ax.legend(fontsize=7, loc="upper left")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


class LeaveApp:
    """The four leave calculators; the main answer is the use-or-lose projection. `summary()` gives every answer as text."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str]):
        self.base, self.as_of = contract, as_of
        p = {**DEFAULTS, **params}
        text = lambda k, ph, w="9em": lean(W.Text, {"width": w}, value=p[k], placeholder=ph, continuous_update=False)  # noqa: E731
        day, bad_day = query_date(p, "as_of", as_of)
        self.balance = Field(text("balance", "e.g. 200"), "Annual leave balance today", "hours, as on your leave statement")
        self.service = Field(text("service", "e.g. 5"), "Years of service", "sets how fast leave is earned")
        self.planned = Field(text("planned", "e.g. 16"), "Leave already planned", "hours before the year ends (15-minute steps)")
        self.day = date_field("Balance as of", day, "the date of that balance")
        self.day.widget.add_class("lmcore-as-of")
        self._link_notes: list[tuple[Field, str]] = []
        self.scd = link_date_field(p, "scd", "Service computation date", None,
                                   "optional, as on your leave statement: then the rate rises in the pay period after you complete "
                                   "3 or 15 years, and the years of service are not needed", notes=self._link_notes)
        self.first = link_date_field(p, "first", "First day of the absence", as_of, notes=self._link_notes)
        self.last = link_date_field(p, "last", "Last day of the absence", as_of, notes=self._link_notes)
        self.restricted = lean(W.Checkbox, value=p.get("restricted", "") in ("1", "true", "yes"), indent=False, description="The employee is under a leave restriction (§3)")
        self.r_start = link_date_field(p, "r_start", "Restriction starts", as_of, notes=self._link_notes)
        most, each = (f"{contract.value(k):g}" for k in ("leave.restriction_max", "leave.restriction_extension_max"))
        if not p["r_months"]:
            p["r_months"] = most
        self.r_months = Field(text("r_months", most, "5em"), "First period (months)", f"at most {most}")
        self.r_ext = Field(text("r_ext", f"e.g. {each}, 2", "9em"), "Extensions (months)", f"comma-separated, each at most {each}")
        self.voting = {k: Field(text(k, "HH:MM", "6em"), label) for k, label in (
            ("polls_open", "Polls open"), ("polls_close", "Polls close"), ("work_start", "Tour of duty starts"), ("work_end", "Tour of duty ends"))}
        self.readings = Readings(contract, READINGS, lambda _: self.refresh())

        self.answer = html_widget()
        self.answer.add_class(CSS_ANSWER)
        self.note = html_widget(f'<p style="color:#b00020">{bad_day}</p>' if bad_day else "")
        self.proj_out, self.cert_out, self.restr_out, self.vote_out = html_widget(), html_widget(), html_widget(), html_widget()
        self.image = W.Image(format="png", layout=W.Layout(max_width="820px"))
        self.tabs = W.Tab(children=[
            W.VBox([self.balance.box, self.service.box, self.scd.box, self.planned.box, self.day.box, self.proj_out, self.image,
                    html_widget(cite_html(contract, "Art. 5 §1.e")), html_widget(cite_html(contract, "Art. 5 §1.b"))]),
            W.VBox([self.first.box, self.last.box, self.restricted, self.cert_out, html_widget(cite_html(contract, "Art. 5 §2.e")),
                    html_widget(cite_html(contract, "Art. 5 §2.f"))]),
            W.VBox([self.r_start.box, self.r_months.box, self.r_ext.box, self.restr_out, html_widget(cite_html(contract, "Art. 5 §3.c"))]),
            W.VBox([*(f.box for f in self.voting.values()), self.vote_out, html_widget(_admin_table(contract)),
                    html_widget(cite_html(contract, "Art. 5 §7.a")), html_widget(cite_html(contract, "Art. 5 §7.d"))]),
        ], titles=("Use or lose", "Sick leave", "Leave restriction", "Administrative leave"))
        self.tabs.selected_index = TABS.index(p["tab"]) if p.get("tab") in TABS else 0
        self.results: dict[str, Any] = {}
        self.safe: dict[str, tuple[Any, ...]] = {}  # the safe dates of each calculator's time limits, when it answered
        for f in (self.balance, self.service, self.scd, self.planned, self.day):
            f.widget.observe(lambda _: self._annual(self.readings.contract()), names="value")
        for w in (self.first.widget, self.last.widget, self.restricted):
            w.observe(lambda _: self._certificate(self.readings.contract()), names="value")
        for f in (self.r_start, self.r_months, self.r_ext):
            f.widget.observe(lambda _: self._restriction(self.readings.contract()), names="value")
        for f in self.voting.values():
            f.widget.observe(lambda _: self._voting(self.readings.contract()), names="value")
        self.widget = app_box([
            html_widget(f'<p class="lmcore-lede">Annual leave above {contract.value("leave.carryover_cap"):g} hours is lost at the end of the '
                   "leave year unless it is used or restored. Type your balance to see what you would lose, and the last day to ask for "
                   "the leave in writing.</p>"),
            self.note, self.answer, self.tabs, self.readings.box], title="Leave planner (Art. 5)")
        self.refresh()
        show_link_notes(self._link_notes)
        mark_ready(self.widget)

    def refresh(self) -> None:
        contract = self.readings.contract()
        self._annual(contract)
        self._certificate(contract)
        self._restriction(contract)
        self._voting(contract)

    # -- the four calculators ---------------------------------------------------------------------
    def _annual(self, contract: Any) -> None:
        from ..leave.accrual import accrual_rate
        from ..leave.annual import check_increment, project_year_end
        from ..leave.year import restoration_safe_date
        from ..rulings import hours_value
        from .plots import to_png

        fields = {"service computation": self.scd, "balance": self.balance, "years of service": self.service, "planned": self.planned,
                  "date": self.day}
        scd = self.scd.value
        cap = contract.param("leave.carryover_cap").cite
        checks = [(self.balance, lambda: hours_value(self.balance.value, "annual leave balance", cap)),
                  (self.planned, lambda: check_increment(self.planned.value, "annual", contract, what="planned annual leave"))]
        if not (scd or self.scd.problem):
            checks.append((self.service, lambda: accrual_rate(self.service.value)))
        self.safe.pop("annual", None)
        r = self._run("annual", fields, self.balance, lambda: check_fields(checks, typed=[self.day, self.scd]) or project_year_end(
            self.balance.value, self.day.value, None if scd else self.service.value, self.planned.value, scd=scd, contract=contract))
        self.image.layout.display = "none" if r is None else None  # never show a chart of the previous input
        if r is None:
            self.proj_out.value = ""
            self.answer.value = f'<div style="font-size:1.2em;color:#b00020">⚠ {esc(self.results["annual"])}</div>'
            return
        self.safe["annual"] = (restoration_safe_date(r.leave_year.year, contract),)
        self.answer.value = (f'<div style="font-size:1.2em;padding:6px 0"><b>{esc(r.answer())}</b></div>'
                             f'<div class="lmcore-request-by" style="font-size:1.1em"><b>{esc(r.request_by())}</b></div>'
                             + safe_line(self.safe["annual"][0]) + not_default_html(r.interpretations))
        self.proj_out.value = in_words(_lines_html(r.explain().split("\n")[1:]) + _periods_html(r), contract)
        show_png(self.image, lambda: to_png(chart(r), dpi=90))

    def _certificate(self, contract: Any) -> None:
        from ..leave.sick import medical_certificate

        r = self._run("certificate", {"first": self.first, "last": self.last, "ends": self.last}, self.first,
                      lambda: check_fields([], typed=[self.first, self.last]) or medical_certificate(self.first.value, self.last.value, under_restriction=self.restricted.value, contract=contract))
        self.cert_out.value = "" if r is None else f"<p><b>{esc(r.answer())}</b></p>" + _lines_html([str(s) for s in r.steps])

    def _restriction(self, contract: Any) -> None:
        from ..leave.sick import leave_restriction, restriction_safe_dates

        ext = [x.strip() for x in str(self.r_ext.value).split(",") if x.strip()]
        months = str(self.r_months.value).strip()
        self.safe.pop("restriction", None)
        r = self._run("restriction", {"extension": self.r_ext, "months": self.r_months, "start": self.r_start}, self.r_months,
                      lambda: check_fields([], typed=[self.r_start]) or leave_restriction(self.r_start.value, months, ext, contract=contract))
        if r is None:
            self.restr_out.value = ""
            return
        safe = self.safe["restriction"] = restriction_safe_dates(self.r_start.value, months, ext, contract=contract)
        self.restr_out.value = f"<p><b>{esc(r.answer())}</b></p><ul>" + "".join(
            f"<li>{esc(str(x))}{safe_line(s, 'Last day')}</li>" for x, s in zip(r.periods, safe)) + "</ul>"

    def _voting(self, contract: Any) -> None:
        from ..leave.administrative import VOTING_TIMES, minutes_of_day, voting_leave

        v = self.voting
        fields = {"polls open": v["polls_open"], "polls clos": v["polls_close"], "tour": v["work_start"],
                  "opening": v["polls_open"], "closing": v["polls_close"], "start of": v["work_start"], "end of": v["work_end"]}
        boxes = [v[k] for k in ("polls_open", "polls_close", "work_start", "work_end")]
        checks = [(f, lambda f=f, what=what: minutes_of_day(f.value, what)) for f, what in zip(boxes, VOTING_TIMES)]
        r = self._run("voting", fields, v["polls_open"], lambda: check_fields(checks) or voting_leave(
            *(f.value for f in boxes), contract=contract))
        if r is None:  # the section's own answer place says how many of its boxes need attention
            bad = self.results["voting"]
            self.vote_out.value = attention_html(bad.count) if isinstance(bad, FieldsNeedAttention) else ""
            return
        self.vote_out.value = f"<p><b>{esc(r.answer())}</b></p>" + _lines_html(list(r.reasons))

    def _run(self, key: str, fields: dict[str, Field], default: Field, fn: Any) -> Any:
        """Run one calculator; an error goes beside the field it is about, and the typed input stays."""
        for f in fields.values():
            f.clear()
        try:
            self.results[key] = fn()
        except FieldsNeedAttention as exc:  # each message is already beside its field
            self.results[key] = exc
            return None
        except LmcoreError as exc:
            self.results[key] = exc
            what = exc.what.lower()
            next((f for word, f in fields.items() if word in what), default).show_error(str(exc))
            return None
        return self.results[key]

    def summary(self) -> str:
        lines = []
        for key, name in (("annual", "Annual leave"), ("certificate", "Sick leave"), ("restriction", "Leave restriction"), ("voting", "Voting leave")):
            r = self.results.get(key)
            if isinstance(r, LmcoreError) or r is None:
                lines.append(f"{name}: error: {r}")
            else:
                lines.append(f"{name}: {r.answer()}")
                if key == "annual":
                    lines += [f"  {x}" for x in r.explain().split("\n")[1:4]] + safe_text(self.safe["annual"][0], "  ")
                if key == "restriction":
                    for x, s in zip(r.periods, self.safe["restriction"]):
                        lines += [f"  {x}", *safe_text(s)]
        changed = [f"{i} = {d.value}" for i, d in self.readings.dropdowns.items() if d.value != self.base.choice(i)]
        lines.append("Readings switched from the default: " + (", ".join(changed) if changed else "none"))
        return "\n".join(lines)


def _lines_html(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines if x.strip()) + "</ul>"


def _periods_html(p: Any) -> str:
    y = p.leave_year
    rows = "".join(f"<tr><td>{q.number}</td><td>{q.start:%a %Y-%m-%d}</td><td>{q.end:%a %Y-%m-%d}</td>"
                   f"<td>{f'{p.period_hours(q):g} h still to earn' if q in p.periods and p.accrual else ''}</td></tr>" for q in y.pay_periods)
    return (f"<details><summary>{esc(y.explain())}</summary><table><tr><th>Pay period</th><th>From</th><th>To</th><th>Accrual</th></tr>"
            f"{rows}</table></details>")


def _admin_table(contract: Any) -> str:
    """The administrative leave limits of §7, read from the parameters file with their citations."""
    keys = ["leave.blood_donation_hours", "leave.blood_donation_per_month", "leave.civil_defense_hours",
            "leave.military_funeral_hours", "leave.cpa_exam_workdays", "leave.voting_max"]
    rows = "".join(f"<tr><td>{esc(q.label)}</td><td>{q.value:g} {esc(q.unit.replace('_', ' '))}</td><td>{esc(q.cite)}</td></tr>"
                   for q in (contract.param(k) for k in keys))
    return f"<h4>Other administrative leave (Art. 5 §7)</h4><table><tr><th>Rule</th><th>Limit</th><th>Where</th></tr>{rows}</table>"


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None) -> LeaveApp:
    """The leave planner; starting inputs from `params` (or the page's URL, e.g. ?balance=200&service=5&planned=16)."""
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    raw = query_params() if params is None else dict(params)
    return LeaveApp(contract, as_of or page_today(), {k: html.unescape(str(v)) for k, v in raw.items()})
