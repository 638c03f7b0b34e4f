"""The scheduling simulator section of the arbitration dashboard (Art. 44 §3.a, §3.b): the caseload a year or a month,
the capacity sentence first, the on-time chart, the month-by-month backlog (folded) and a month of reserved dates.
Logic lives in lmcore.arbitration (caseload, capacity, simulator); the page (page.py) mixes this section in."""
from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import ipywidgets as W

from ...errors import LmcoreError
from .. import error_html, esc, html_widget, shared_layout, show_png
from ..inputs import NumberText, attention_html, needs_attention
from . import views as V

SIMULATOR_ID = "scheduling-simulator"  # the simulator heading's element id: the link at the top of the page points at it
MAX_CASES_A_MONTH = 60  # the simulator's own bound on the caseload (not the contract's): a year's bound is 12 times it
SIM_KEYS = ("caseload", "expedited", "k", "months", "seed", "target")  # the link's keys for the simulator's number boxes


def row(*items: W.Widget) -> W.HBox:
    """Boxes side by side, wrapping onto the next line when the screen is narrow."""
    return W.HBox(list(items), layout=shared_layout(flex_flow="row wrap", align_items="center"))


class SchedulingSimulator:
    """The simulator's widgets and answers, mixed into the arbitration page: it reads the page's `contract` (the
    contract under the readings chosen on the page) and stays quiet while the page's `_quiet` is set."""

    contract: Any
    _quiet: bool

    def _init_simulator(self) -> None:
        from ...arbitration.capacity import MONTHS_IN

        self.sim: Any = None
        self.cap: Any = None
        self.sentence = ""
        self.per = W.Dropdown(options=[("a year", "year"), ("a month", "month")], value="year", layout=shared_layout(width="7em"))
        self.per.add_class("lmcore-per")
        self.caseload = NumberText("Cases invoked", 72, "fractions allowed, e.g. 2.5", what="cases a year", low=0,
                                   high=MAX_CASES_A_MONTH * MONTHS_IN["year"])
        self.caseload.widget.add_class("lmcore-caseload")
        self.exp_share = NumberText("of which expedited (%)", 33, what="expedited share", low=0, high=100)
        self.k = NumberText("Reserved dates a month, each", 1, what="reserved dates a month", whole=True, low=1, high=12)
        self.months = NumberText("Months", 12, what="months simulated", whole=True, low=3, high=36)
        self.seed = NumberText("Sample number", 0, "the same number replays the same invented cases", what="sample number",
                               whole=True, low=0, high=10**6)
        self.target = NumberText("Planning target: hearings on time (%)", 95,
                                 "a goal for planning, not a contract rule", what="planning target", low=1, high=100)
        self.sim_fields = (self.caseload, self.exp_share, self.k, self.months, self.seed, self.target)
        self.sim_out, self.sim_error = html_widget(), html_widget()
        self.sim_error.add_class("lmcore-error")
        self.cap_plot = W.Image(format="png", layout=W.Layout(max_width="640px", display="none"))
        self.month_plot = html_widget()  # the month-by-month chart, folded under the capacity chart (an <img> in <details>)
        self.month = W.Dropdown(options=[], description="Month", layout=shared_layout(width="16em"))
        self.calendar_out = html_widget()
        for w in (f.widget for f in self.sim_fields):
            w.observe(lambda ch: self._quiet or self.simulate(), "value")
        self.per.observe(lambda ch: self._per_changed(), "value")
        self.month.observe(lambda ch: self._quiet or self.show_month(), "value")

    def simulator_section(self) -> list[W.Widget]:
        """The section's widgets in page order, under its heading; its number boxes two to a row (they wrap when narrow)."""
        return [
            html_widget(f'<h3 id="{SIMULATOR_ID}">Scheduling simulator (Art. 44 §3.a, §3.b)</h3>'
                   "<p>Each arbitrator reserves some dates a month; at the monthly "
                   f"OELMR–{esc(self.contract.union)} meeting every case invoked since the last meeting gets its "
                   "designated arbitrator's next free date. The cases are "
                   "invented at random: the same sample number replays the same cases.</p>"),
            row(self.caseload.box, self.per, self.exp_share.box), row(self.k.box, self.months.box),
            row(self.seed.box, self.target.box), self.sim_error, self.sim_out, self.cap_plot,
            self.month_plot, html_widget("<h4>A month of reserved dates and hearings</h4>"), self.month, self.calendar_out,
        ]

    def _per_changed(self) -> None:
        """The caseload's period changed: the same number typed, read again as cases a year or a month."""
        from ...arbitration.capacity import MONTHS_IN

        self.caseload.what = f"cases a {self.per.value}"
        self.caseload.high = MAX_CASES_A_MONTH * MONTHS_IN[self.per.value]
        self.caseload.check()
        if not self._quiet:
            self.simulate()

    def _withhold(self, message: str) -> None:
        self.sim_error.value, self.sim_out.value, self.calendar_out.value, self.month_plot.value = message, "", "", ""
        self.sim, self.cap = None, None
        self.cap_plot.layout.display = "none"

    def simulate(self) -> None:
        from ...arbitration.capacity import TARGET_WORDS, Caseload, capacity_on_curve, compare_policies, on_time_curve
        from ...arbitration.caseload import SimConfig, synthetic_invocations
        from ..plots import to_png

        self.sim_error.value = ""
        unread = needs_attention(self.sim_fields)
        if unread:  # each shows its message beside it: no simulation of numbers the person did not mean
            self._withhold(attention_html(len(unread)))
            return
        load, share, target = Caseload(self.caseload.value, self.per.value), self.exp_share.value / 100, self.target.value / 100
        total = load.per_month
        cfg = SimConfig(months=self.months.value, seed=int(self.seed.value), rate_regular=total * (1 - share),
                        rate_expedited=total * share, dates_per_month=self.k.value)
        try:
            cases = synthetic_invocations(cfg, self.contract)
            self.sim = compare_policies(cfg, self.contract, cases=cases)
            k_max = int(self.k.high)
            curve = on_time_curve(cfg, self.contract, cases=cases, k_max=k_max)
            self.cap = capacity_on_curve(curve, target, len(self.sim.exact.arbitrators))
        except LmcoreError as exc:
            self._withhold(error_html(exc))
            return
        ex, edf = self.sim.exact, self.sim.edf
        months = ex.months()
        labels = [r.month for r in months]
        util = ex.utilisation()
        self.sentence = self.cap.sentence(load, len(ex.arbitrators))
        self.sim_out.value = (
            f'<p class="lmcore-capacity" style="font-size:1.1em"><b>{esc(self.sentence)}</b></p>'
            f"<p><small>The {self.target.value:g} % is {esc(TARGET_WORDS)}. The answer is the fewest dates from the "
            f"panel's minimum (§3.a) to {k_max} a month, found on {len(ex.hearing)} invented cases over {cfg.months} "
            "months.</small></p>"
            f"<p>With {V.dates_words(ex.config.dates_per_month)} a month each ({ex.config.dates_per_month * len(ex.arbitrators)} "
            f"for the panel): reserved dates used {'—' if util is None else f'{util:.0%}'}; "
            f"{ex.prehearing_before_meeting()} case(s) had their §5.a prehearing meeting due on or before the meeting "
            f"that set the hearing.</p>{V.stats_table(ex.stats(), edf.stats())}")
        dates, series = self.cap.dates_per_month, ([r.backlog for r in months], [r.backlog for r in edf.months()],
                                                   [r.utilisation for r in months])

        def draw() -> bytes:  # both charts, when a served page is first shown (show_png), else at once
            self.month_plot.value = _months_html(to_png(V.months_figure(labels, *series), dpi=90))
            return to_png(V.capacity_figure(curve, target, dates), dpi=90)

        show_png(self.cap_plot, draw)
        self.cap_plot.layout.display = ""
        keep = self.month.value
        self._quiet, before = True, self._quiet
        self.month.options = [(V.month_words(m), m) for m in labels]
        self.month.value = keep if keep in labels else (labels[0] if labels else None)
        self._quiet = before
        self.show_month()

    def show_month(self) -> None:
        if not self.sim or not self.month.value:
            self.calendar_out.value = ""
            return
        y, m = (int(x) for x in self.month.value.split("-"))
        ex = self.sim.exact
        first, nxt = dt.date(y, m, 1), dt.date(y + m // 12, m % 12 + 1, 1)
        skip = {first + dt.timedelta(days=i): self.contract.calendar.skip_reason(first + dt.timedelta(days=i))
                for i in range((nxt - first).days)}
        meeting = next((d.item() for d in ex.meetings if d.item().year == y and d.item().month == m), None)
        self.calendar_out.value = V.month_calendar_html(y, m, ex.calendar_month(y, m), {d: r for d, r in skip.items() if r},
                                                        meeting)

    def simulator_summary(self) -> list[str]:
        """The simulator's answer as plain-text lines for the page's summary (none while it is withheld)."""
        if not self.sim:
            return []
        return [f"Simulator: {self.sentence}", f"  {self.sim.exact.summary()}", f"  baseline: {self.sim.edf.summary()}",
                f"  Capacity: {self.cap.explain()}"]


def _months_html(chart: bytes) -> str:
    """The month-by-month chart folded under the capacity chart (an <img> in <details>: no widget of its own)."""
    return ("<details class='lmcore-months-chart'><summary><b>Month by month: cases waiting and reserved dates used "
            "(chart)</b></summary><img alt='Cases invoked but not yet heard at each month's end, under the exact "
            "assignment and earliest deadline first; and the share of reserved dates used each month' "
            f"style='max-width:760px;width:100%' src='data:image/png;base64,{base64.b64encode(chart).decode('ascii')}'>"
            "</details>")
