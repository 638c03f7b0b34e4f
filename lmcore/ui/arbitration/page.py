"""The arbitration scheduler dashboard (Art. 44): the panel and its rosters, "invoke a case" with every milestone
on a timeline, a month of reserved dates and hearings, the scheduling simulator, the strike procedure step by step,
the cost split, and the contract's words at hand. Logic lives in lmcore.arbitration (hearings, panel, simulator, costs).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as W

from ...errors import LmcoreError
from .. import (CSS_ANSWER, Field, app_box, before_request, cite_html, error_html, esc, html_widget, mark_ready, query_params,
                shared_layout)
from ..inputs import NumberText, date_field, page_today
from ..readings import Readings
from ..safe_dates import safe_line
from . import views as V
from .simulator import SIM_KEYS, SIMULATOR_ID, SchedulingSimulator, row

DEFAULTS = {"invoked": "2026-11-18", "kind": "regular", "effective": "2025-10-31", "caseload": "72", "per": "year",
            "expedited": "33", "k": "1", "months": "12", "seed": "0", "target": "95"}
FMCS_EXAMPLE = ("Carmen Ortiz", "David Lindqvist", "Grace Whitaker", "Henry Osei", "Irene Castellano", "Martin Brody",
                "Naomi Feldstein")
TEXTS = ("Art. 44 §1", "Art. 44 §2", "Art. 44 §3", "Art. 44 §5", "Art. 44 §7", "Art. 44 §8", "Art. 44 §9",
         "Art. 43 §10", "Art. 43 §11", "Art. 43 §14", "Art. 47 §1")
READINGS = ["arbitration.hearing_limit_roll", "arbitration.decision_roll", "arbitration.replacement_roll",
            "arbitration.removal_window_opens_nonworkday", "arbitration.removal_window_closes_nonworkday",
            "arbitration.alphabetical_order", "count.days_before_event", "count.event_on_nonworkday"]


def _lines(text: str) -> list[str]:
    return [" ".join(x.split()) for x in text.replace(";", "\n").split("\n") if x.strip()]


class ArbitrationApp(SchedulingSimulator):
    """The widgets and the actions behind them (the scheduling simulator's section from simulator.py); `summary()` says
    in plain text what the page shows."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str]):
        from ...arbitration.panel import EXAMPLE_NAMES

        self.base, self.as_of = contract, as_of
        self.panel: Any = None
        self.schedule: Any = None
        self.strike: Any = None
        self.costs: Any = None
        self.log: list[str] = []
        self._contracts: dict[tuple[tuple[str, str], ...], Any] = {}
        self._quiet = True
        # -- the panel
        self.effective = date_field("Agreement effective on", None, "Art. 47 §1: 30 days after ratification (an example date)")
        self.names = Field(W.Textarea("\n".join(EXAMPLE_NAMES), rows=6, layout=shared_layout(width="22em")),
                           "The panel", "one arbitrator a line (six, Art. 44 §1.a)")
        self.rosters = html_widget()
        self.who = W.Dropdown(options=list(EXAMPLE_NAMES), layout=shared_layout(width="14em"))
        self.by = W.Dropdown(options=[("the Union", "union"), ("the Department", "department")], layout=shared_layout(width="10em"))
        self.notice = date_field("Removal notice given on", None, "only in the 30 days before an anniversary (§1.d)")
        self.newcomer = Field(W.Text(placeholder="e.g. Anna Baker", layout=shared_layout(width="14em")), "Replacement",
                              "agreed, or left by the strikes below (§1.b, §1.e)")
        self.agreed = date_field("Replacement agreed on", None, "within 30 calendar days of the notice (§1.e)")
        remove_btn, replace_btn = W.Button(description="Give removal notice"), W.Button(description="Put on the panel")
        self.panel_log = html_widget()
        # -- invoke a case
        self.invoked = date_field("Arbitration invoked on", None,  # OELMR's first use on the page: spelled out
                                  f"notice to the Director of the {contract.spell_out('OELMR')} (Art. 43 §10)")
        self.kind = Field(W.Dropdown(options=[("regular (90 days, §3.c)", "regular"), ("expedited (30 days, §3.e)", "expedited"),
                                              ("stayed removal (30 days, §3.d)", "stayed")], layout=shared_layout(width="16em")),
                          "Kind of arbitration", "§7: expedited subjects, stayed removals")
        self.hearing = date_field("Hearing date (if set)", None, "leave empty to plan from the last allowed day")
        self.record = date_field("Record closed on (if known)", None, "regular/stayed: the award is due 30 days later (§8.e)")
        self.readings = Readings(contract, READINGS, on_change=lambda ch: self._quiet or self.rebuild_panel(),
                                 title="Readings of the text used here (open to switch them)")
        self.answer = html_widget()
        self.answer.add_class(CSS_ANSWER)
        self.details = html_widget()
        designate_btn = W.Button(description="Record invocation (designate)", layout=shared_layout(width="16em"))
        self._init_simulator()
        # -- strikes and costs
        self.fmcs = Field(W.Textarea("\n".join(FMCS_EXAMPLE), rows=7, layout=shared_layout(width="16em")), "FMCS list", "seven names (§1.b)")
        self.union_rank = Field(W.Textarea("\n".join(FMCS_EXAMPLE), rows=7, layout=shared_layout(width="16em")), "Union's ranking",
                                "most wanted first")
        self.dept_rank = Field(W.Textarea("\n".join(reversed(FMCS_EXAMPLE)), rows=7, layout=shared_layout(width="16em")),
                               "Department's ranking", "most wanted first")
        first = contract.interpretations["arbitration.first_striker"]
        self.first = W.Dropdown(options=[(_first_clause(t), k) for k, t in first.options.items()], value=first.default,
                                description="Strikes first", layout=shared_layout(width="24em"))
        self.toss = NumberText("Coin toss number", 0, "the same number replays the same toss", what="coin toss number", whole=True, low=0, high=10**6)
        self.step = W.IntSlider(0, 0, 6, description="Strikes shown", continuous_update=True)
        next_btn = W.Button(description="Next strike ▶")
        next_btn.on_click(lambda _: setattr(self.step, "value", min(self.step.value + 1, self.step.max)))
        self.strike_out = html_widget()
        self.money = {k: Field(W.Text(v, layout=shared_layout(width="9em")), label, cite) for k, v, label, cite in (
            ("fees", "2400.00", "Arbitrator's fees", "split equally, §2.a"), ("expenses", "350.00", "Arbitrator's expenses", "§2.a"),
            ("transcripts", "0", "Transcripts", "§2.b"), ("cancellation_fee", "0", "Late cancellation fee", "§3.f"))}
        self.requested_by = W.Dropdown(options=[("—", ""), ("the Union", "union"), ("the Department", "department"),
                                                ("both parties", "both")],
                                       description="Requested by", style={"description_width": "initial"},
                                       layout=shared_layout(width="18em"))
        self.costs_out = html_widget()
        texts = html_widget("<details class='lmcore-words'><summary><b>The contract's words: " + esc(", ".join(TEXTS)) + "</b></summary>"
                       + "".join(f"<details><summary>{esc(c)}</summary>{cite_html(contract, c)}</details>" for c in TEXTS)
                       + "</details>")  # one folded section, each citation folded in it (no widget per citation)
        # -- layout and wiring
        self.widget = app_box([
            html_widget('<p class="lmcore-lede">The arbitration panel, its two rosters and rotation, the deadlines of an invoked '
                   "case, and a simulator of the monthly scheduling meeting — every answer with the rule it comes from.</p>"
                   f'<p class="lmcore-jump"><a href="#{SIMULATOR_ID}">Jump to the scheduling simulator</a>: how many '
                   "hearing dates each arbitrator must reserve for the cases you expect.</p>"),
            html_widget("<h3>The panel and its rosters (Art. 44 §1)</h3>"), W.HBox([self.names.box, self.effective.box]),
            self.rosters, W.HBox([html_widget("<b>Remove</b>", width="80px"), self.who, self.by]),
            row(self.notice.box, remove_btn), row(self.newcomer.box, self.agreed.box, replace_btn), self.panel_log,
            html_widget("<h3>Invoke a case (Art. 44 §1.c, §3, §5, §8, §9)</h3>"), self.invoked.box, self.kind.box,
            self.hearing.box, self.record.box, self.readings.box, self.answer, designate_btn, self.details,
            *self.simulator_section(),
            html_widget("<h3>Filling a vacancy: alternate strikes (Art. 44 §1.b)</h3>"),
            W.HBox([self.fmcs.box, self.union_rank.box, self.dept_rank.box], layout=shared_layout(flex_flow="row wrap")),
            W.HBox([self.first, self.toss.box]), W.HBox([self.step, next_btn]), self.strike_out,
            html_widget("<h3>Who pays (Art. 44 §2, §3.f)</h3>"), row(self.money["fees"].box, self.money["expenses"].box),
            row(self.money["transcripts"].box, self.money["cancellation_fee"].box), self.requested_by,
            self.costs_out, texts,
        ], title="Arbitration scheduler (Art. 44)")
        self.widget.add_class("lmcore-arbitration")
        for w in (self.names.widget, self.effective.widget):
            w.observe(lambda ch: self._quiet or self.rebuild_panel(), "value")
        for w in (self.invoked.widget, self.kind.widget, self.hearing.widget, self.record.widget):
            w.observe(lambda ch: self._quiet or self.invoke(), "value")
        for w in (self.fmcs.widget, self.union_rank.widget, self.dept_rank.widget, self.first, self.toss.widget):
            w.observe(lambda ch: self._quiet or self.run_strikes(), "value")
        self.step.observe(lambda ch: self._quiet or self.show_step(), "value")
        for w in (*[f.widget for f in self.money.values()], self.requested_by):
            w.observe(lambda ch: self._quiet or self.split(), "value")
        remove_btn.on_click(lambda _: self.remove())
        replace_btn.on_click(lambda _: self.replace())
        designate_btn.on_click(lambda _: self.designate())
        self._apply(params)
        mark_ready(self.widget)

    @property
    def contract(self) -> Any:
        """The contract under the readings chosen on the page (one copy per set of readings: calendars are costly)."""
        choices = {i: d.value for i, d in self.readings.dropdowns.items()} | {"arbitration.first_striker": self.first.value}
        key = tuple(sorted(choices.items()))
        if key not in self._contracts and all(self.base.choice(i) == c for i, c in key):
            self._contracts[key] = self.base
        if key not in self._contracts:
            self._contracts[key] = self.base.with_interpretations(choices)
            self._contracts[key].calendar  # noqa: B018 - build the calendar once, here
        return self._contracts[key]

    # -- the panel ---------------------------------------------------------------------------------
    def rebuild_panel(self) -> None:
        from ...arbitration.panel import make_panel

        self.names.clear()
        self.effective.clear()
        if self.effective.value is None:
            self.effective.show_error("Give the Agreement's effective date (Art. 47 §1).")
            return
        try:
            self.panel = make_panel(_lines(self.names.value), self.effective.value, self.contract)
        except LmcoreError as exc:
            self.names.show_error(str(exc))
            return
        self.log = []
        self.who.options = list(self.panel.roster("regular"))
        self.show_panel()
        self.invoke()

    def show_panel(self) -> None:
        on = self.invoked.value or self.as_of
        self.rosters.value = V.rosters_html(self.panel.status(on)) + f"<small> Shown as of {on.isoformat()}.</small>"
        self.panel_log.value = "".join(f"<p>{esc(x)}</p>" for x in self.log)

    def remove(self) -> None:
        self.notice.clear()
        try:
            self.panel, notice = self.panel.give_notice(self.who.value, self.by.value, self.notice.value or self.as_of, self.contract)
        except LmcoreError as exc:
            self.notice.show_error(str(exc))
            return
        self.log.append(notice.explain())
        self.show_panel()

    def replace(self) -> None:
        self.newcomer.clear()
        strike = self.strike if self.strike and not self.newcomer.value.strip() else None
        try:
            self.panel, rep = self.panel.replace_arbitrator(self.who.value, self.newcomer.value, self.agreed.value or self.as_of,
                                                            self.contract, strike=strike)
        except LmcoreError as exc:
            self.newcomer.show_error(str(exc))
            return
        self.log.append(rep.explain())
        self.who.options = [m.name for m in self.panel.members if m.notice is None]
        self.show_panel()

    def designate(self) -> None:
        try:
            self.panel, d = self.panel.designate(f"case {len(self.panel.designations) + 1}", self.kind.value,
                                                 self.invoked.value or self.as_of)
        except LmcoreError as exc:
            self.invoked.show_error(str(exc))
            return
        self.log.append(d.explain())
        self.show_panel()
        self.invoke()

    # -- invoke a case -----------------------------------------------------------------------------
    def invoke(self) -> None:
        from ...arbitration.hearings import milestones
        from ...arbitration.kinds import ROSTER

        fields = {"hearing": self.hearing, "record_closed": self.record}
        for f in (self.invoked, self.kind, *fields.values()):
            f.clear()
        if self.invoked.value is None:
            self.invoked.show_error("Give the date arbitration was invoked (YYYY-MM-DD).")
            return
        try:
            s = milestones(self.invoked.value, self.kind.value, self.contract, hearing=self.hearing.value,
                           record_closed=self.record.value)
            roster = ROSTER[s.kind]
            who = self.panel.next_arbitrator(roster, s.invoked) if self.panel else "—"
        except LmcoreError as exc:
            fields.get(getattr(exc, "field", None) or "", self.invoked).show_error(str(exc))
            return
        self.schedule = s
        hb = s["hearing_by"]
        late = "" if hb.on_time in (None, True) else ' <b style="color:#b00020">The hearing date is AFTER the limit.</b>'
        flaws = "".join(f'<p class="lmcore-flaw" style="background:#fff4d6">{esc(f)}</p>' for f in s.flaws)
        self.answer.value = (
            f'<div style="font-size:1.1em"><b>Hearing must be held by {hb.due.strftime("%a %Y-%m-%d")}</b> ({esc(hb.cite)}).'
            f"{late} Next in rotation on the {roster} roster: <b>{esc(who)}</b> (Art. 44 §1.c).</div>{safe_line(hb.safe)}{flaws}")
        rows = [m.to_dict() | {"explanation": m.explain(words=True)} for m in s.milestones]
        used = "".join(f"<li>{esc(c.words())}</li>" for c in s.interpretations)
        notes = "".join(f"<li>{esc(w)} ({esc(c)})</li>" for w, c in s.notes)
        self.details.value = (V.timeline_svg(s.invoked, [(m.name, m.due, m.cite) for m in s.milestones], s.hearing)
                              + V.milestone_table(rows) + "".join(safe_line(m.safe, V.step_name(m.name)) for m in s.milestones[1:]) + (f"<p><b>How the hearing runs:</b></p><ul>{notes}</ul>" if notes else "")
                              + f"<p><b>Readings used</b> (switch them above):</p><ul>{used}</ul>")
        if self.panel:
            self.show_panel()

    # -- strikes and costs -----------------------------------------------------------------------------
    def run_strikes(self) -> None:
        from ...arbitration.panel import alternate_strikes

        for f in (self.fmcs, self.union_rank, self.dept_rank):
            f.clear()
        if self.toss.problem:
            self.strike, self.strike_out.value = None, ""
            return
        try:
            self.strike = alternate_strikes(_lines(self.fmcs.value), _lines(self.union_rank.value), _lines(self.dept_rank.value),
                                            self.contract, seed=int(self.toss.value))
        except LmcoreError as exc:
            target = self.union_rank if "Union's" in str(exc) else self.dept_rank if "Department's" in str(exc) else self.fmcs
            target.show_error(str(exc))
            self.strike = None
            self.strike_out.value = ""
            return
        self.step.max = len(self.strike.steps)
        self.show_step()

    def show_step(self) -> None:
        if self.strike:
            self.strike_out.value = V.strike_html(self.strike, self.step.value)

    def split(self) -> None:
        from ...arbitration.costs import split_costs

        for f in self.money.values():
            f.clear()
        try:
            self.costs = split_costs(self.contract, **{k: f.value for k, f in self.money.items()},
                                     cancellation_requested_by=self.requested_by.value or None)
        except LmcoreError as exc:
            bad = next((f for k, f in self.money.items() if k.split("_")[0] in str(exc).lower()), self.money["cancellation_fee"])
            bad.show_error(str(exc))
            return
        self.costs_out.value = V.costs_html(self.costs)

    # -- start and summary -----------------------------------------------------------------------------
    def _apply(self, params: dict[str, str]) -> None:
        """Starting inputs from the link; a bad value is reported beside its field and a default shown."""
        problems: list[tuple[Any, str]] = []
        for key, f in (("effective", self.effective), ("invoked", self.invoked), ("hearing", self.hearing),
                       ("record_closed", self.record)):
            raw = params.get(key, DEFAULTS.get(key, ""))
            try:
                f.set(dt.date.fromisoformat(raw.strip()) if raw else None)
            except ValueError:
                f.set(dt.date.fromisoformat(DEFAULTS[key]) if key in DEFAULTS else None)
                problems.append((f, f"The link's {key}={raw} is not a date (YYYY-MM-DD); showing the default instead."))
        kind = params.get("kind", "regular")
        if kind in ("regular", "expedited", "stayed"):
            self.kind.widget.value = kind
        else:
            problems.append((self.kind, f"The link's kind={kind} is not regular, expedited or stayed; showing regular."))
        per = params.get("per", DEFAULTS["per"])
        if per in ("year", "month"):
            self.per.value = per
        else:
            problems.append((None, f"The link's per={per} is not year or month; reading the cases as a year's."))
        for key, w in zip(SIM_KEYS, self.sim_fields):
            w.widget.value = params.get(key, DEFAULTS[key])  # a link's value the box cannot take is its message beside it
        self._quiet = False
        self.rebuild_panel()
        if self.panel is None:
            self.invoke()
        self.simulate()
        self.run_strikes()
        self.split()
        for f, msg in problems:
            if f is None:
                self.sim_error.value = error_html(LmcoreError(msg))
            else:
                f.show_error(msg)

    def summary(self) -> str:
        """What the page shows, as plain text (deterministic: nbval compares it)."""
        lines = [f"Arbitration scheduler (as of {self.as_of.isoformat()})"]
        if self.panel:
            on = self.invoked.value or self.as_of
            for r in ("regular", "expedited"):
                nxt = self.panel.next_arbitrator(r, on)
                lines.append(f"{r.capitalize()} roster: " + ", ".join(("▶" if n == nxt else "") + n for n in self.panel.roster(r, on)))
        if self.schedule:
            s = self.schedule
            lines.append(f"Invoked {s.invoked.isoformat()} ({s.kind}, {s.roster} roster):")
            lines += [f"  {m.name}: {m.due.strftime('%a %Y-%m-%d')} ({m.cite})" for m in s.milestones]
            lines += [f"  Flaw: {f.title}" for f in s.flaws]
        lines += self.simulator_summary()
        if self.strike:
            lines.append(f"Strikes: the {self.strike.first} strikes first; {self.strike.selected} remains (Art. 44 §1.b).")
        if self.costs:
            lines.append("Costs: " + self.costs.explain().splitlines()[-1])
        lines += [f"Log: {x}" for x in self.log]
        return "\n".join(lines)


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None) -> ArbitrationApp:
    """The arbitration dashboard. Starting inputs come from `params`, else from the page link (?invoked=&kind=&hearing=)."""
    from ...contract.loading import load_contract

    contract = contract or load_contract()
    as_of = as_of or page_today()
    if params is None:
        prepare()
        params = query_params({}, plots=True)
    return ArbitrationApp(contract, as_of, params)


def prepare() -> None:
    """In a pre-heated kernel, before the page is asked for (call it before `page_today`): build the calendar and import
    scipy's assignment solver once, so the first answer does not pay for them; anywhere else nothing."""
    if not before_request():
        return
    from ...arbitration.caseload import SimConfig
    from ...arbitration.simulator import simulate
    from ...contract.loading import load_contract

    simulate(SimConfig(months=1, rate_regular=2, rate_expedited=2), load_contract())


__all__ = ["ArbitrationApp", "build_app", "prepare"]


def _first_clause(text: str) -> str:
    """A reading's option cut to its first clause, for a narrow dropdown ("A coin toss decides")."""
    for stop in (" (", ": ", "; ", "."):
        text = text.split(stop, 1)[0]
    return text.strip()
