"""Dashboard: the child care subsidy by family income (with a chart of subsidy against income) and the transit
subsidy, each with the contract's words and the readings used."""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as W

from ..errors import LmcoreError
from . import CSS_ANSWER, Field, app_box, cite_html, esc, html_widget, lean, mark_ready, query_params, show_png
from .inputs import FieldsNeedAttention, NumberText, check_fields, page_today
from .readings import Readings

READINGS = ["childcare.income_edges", "childcare.cap_per", "childcare.cent_rounding", "childcare.tax_threshold",
            "transit.converter_bonus_cap", "transit.converter_months", "transit.reduction_scope"]
FUNDING = [("Fully funded", "full"), ("Reduced for insufficient funding (¶3)", "reduced"), ("Suspended (¶3)", "suspended")]
CHART_MAX_INCOME = 90_000


def chart(contract: Any, monthly_cost: Any, income: Any = None, children: int = 1) -> Any:
    """A step chart of the monthly child care subsidy against total family income at one monthly cost, with
    each row's cap and the user's income marked. Returns a matplotlib Figure (no GUI backend needed)."""
    import numpy as np
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from ..subsidies import bands, childcare_curve, fmt_money, money

    cost = money(monthly_cost, "monthly child care cost", "Child Care Subsidy ¶b")
    end = bands(contract)[-1].income_max + 1  # no row from here on: no subsidy
    top = max(CHART_MAX_INCOME, end + 10_000)
    x = np.arange(0, top + 1, 10, dtype=float)
    y = childcare_curve(x, cost, contract, children)
    fig = Figure(figsize=(8.2, 3.6), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    per = children if contract.choice("childcare.cap_per") == "child" else 1
    for b in bands(contract):
        ax.hlines(b.monthly_cap * per, b.income_min, b.income_max + 1, colors="#bbbbbb", linestyles="dashed", linewidth=1)
        ax.text((b.income_min + b.income_max) / 2, b.monthly_cap * per, f"{b.percent}%", ha="center", va="bottom", fontsize=7, color="#777")
    ax.plot(x, y, drawstyle="steps-post", color="#1f4e9c", linewidth=2, label=f"subsidy at {fmt_money(cost)} a month of costs")
    if income is not None:
        inc = float(income)
        val = float(childcare_curve([inc], cost, contract, children)[0])
        ax.plot([min(inc, top)], [val], "o", color="#d62728", markersize=8, label=f"your family: {fmt_money(val)} a month")
    ax.axvline(end, color="#d62728", linewidth=0.8, linestyle=":")
    ax.text(end + 400, ax.get_ylim()[1] * 0.9 if ax.get_ylim()[1] else 1, f"no subsidy\nfrom ${end:,}", fontsize=7, color="#d62728", va="top")
    ax.set_xlim(0, top)
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"${v / 1000:.0f}k"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"${v:,.0f}"))
    ax.set_xlabel("Total family income a year")
    ax.set_ylabel("Subsidy a month")
    ax.set_title("Child care subsidy against family income (Child Care Subsidy ¶b); dashed: each row's monthly cap", fontsize=9)
    ax.legend(fontsize=8, loc="upper right", bbox_to_anchor=(0.86, 1.0))
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


class SubsidiesApp:
    """Both calculators, the chart and the answer of the calculator in front; `summary()` gives the answers as text."""

    def __init__(self, contract: Any, as_of: dt.date, params: dict[str, str]):
        self.base, self.as_of = contract, as_of
        text = lambda v, ph: lean(W.Text, {"width": "12em"}, value=v, placeholder=ph, continuous_update=False)  # noqa: E731
        self.income = Field(text(params.get("income", "45000"), "e.g. 45000"), "Total family income a year", "all income of the family, in dollars")
        self.cost = Field(text(params.get("cost", "900"), "e.g. 900"), "Child care costs a month", "licensed care, in dollars")
        self.children = NumberText("Children in licensed care", None,
                                   f"through age {contract.value('childcare.max_child_age')}; disabled through {contract.value('childcare.max_disabled_child_age')}",
                                   what="number of children in care", whole=True, low=1, width="12em")
        self.children.widget.value = params.get("children", "1")
        self.separate = lean(W.Checkbox, value=params.get("separate", "") in ("1", "true", "yes"), description="Married, filing a separate tax return", indent=False)
        self.licensed = lean(W.Checkbox, value=params.get("licensed", "1") not in ("0", "false", "no"), description="The care is licensed (¶a)", indent=False)
        self.t_cost = Field(text(params.get("transit_cost", "120"), "e.g. 120"), "Commuting cost a month", "eligible mass transit or vanpool (CHV)")
        conv = params.get("converted", "")
        self.converted = lean(W.Checkbox, value=conv != "", description="Switched from driving (private vehicle)", indent=False)
        self.months_ago = NumberText("Months since switching", None, "0 = this month", what="number of months since switching",
                                     whole=True, low=0, width="12em")
        self.months_ago.widget.value = conv or "0"
        funding = params.get("funding", "full")
        self.funding = lean(W.Dropdown, {"width": "26em"}, options=FUNDING, value=funding if funding in {v for _, v in FUNDING} else "full")
        self.reduced = Field(text(params.get("reduced_to", "75"), "e.g. 75"), "Reduced monthly subsidy", "the amount the Department set")
        self.readings = Readings(contract, READINGS, lambda _: self.refresh(chart=True))

        self.answer = html_widget()
        self.answer.add_class(CSS_ANSWER)
        self.cc_out, self.t_out = html_widget(), html_widget()
        self.image = W.Image(format="png", layout=W.Layout(max_width="820px"))
        self.tabs = W.Tab(children=[
            W.VBox([self.income.box, self.cost.box, self.children.box, self.separate, self.licensed, self.cc_out, self.image,
                    html_widget(cite_html(contract, "Child Care Subsidy"))]),
            W.VBox([self.t_cost.box, self.converted, self.months_ago.box, self.funding, self.reduced.box, self.t_out,
                    html_widget(cite_html(contract, "Transit Subsidy"))]),
        ], titles=("Child care subsidy", "Transit subsidy"))
        self.tabs.selected_index = 1 if (params.get("tab") == "transit" or ("transit_cost" in params and "income" not in params)) else 0
        for w in (self.income.widget, self.cost.widget, self.children.widget, self.separate, self.licensed):
            w.observe(lambda _: self.refresh(chart=True), names="value")
        for w in (self.t_cost.widget, self.converted, self.months_ago.widget, self.funding, self.reduced.widget):
            w.observe(lambda _: self.refresh(), names="value")
        self.tabs.observe(lambda _: self._show_answer(), names="selected_index")
        self.results: dict[str, Any] = {}
        self.widget = app_box([self.answer, self.tabs, self.readings.box])
        self.refresh(chart=True)
        mark_ready(self.widget)

    def refresh(self, chart: bool = False) -> None:
        """Every answer first, the chart last: the figures appear as soon as they are known, the picture follows."""
        contract = self.readings.contract()
        self._childcare(contract)
        self._transit(contract)
        self._show_answer()
        if chart:
            self._chart(contract)

    def _childcare(self, contract: Any) -> None:
        from ..subsidies import childcare_subsidy, money

        for f in (self.income, self.cost, self.children):
            f.clear()
        cite = contract.param("childcare.bands").cite
        try:
            check_fields([(self.income, lambda: money(_field(self.income), "total family income", cite)),
                          (self.cost, lambda: money(_field(self.cost), "monthly child care cost", cite))], typed=[self.children])
            r = childcare_subsidy(_field(self.income), _field(self.cost), contract, children=_field(self.children),
                                  licensed=self.licensed.value, married_filing_separately=self.separate.value, tax_year=self.as_of.year)
        except FieldsNeedAttention as exc:  # each message is beside its field
            self.results["childcare"] = exc
            self.cc_out.value = ""
            return
        except LmcoreError as exc:
            _blame(exc, {"income": self.income, "cost": self.cost, "child": self.children}, self.income).show_error(str(exc))
            self.results["childcare"] = exc
            self.cc_out.value = ""
            return
        self.results["childcare"] = r
        self.cc_out.value = _result_html(r)

    def _chart(self, contract: Any) -> None:
        """The subsidy at every income for the cost typed (nothing new while the inputs have an error)."""
        from ..subsidies import money
        from .plots import to_png

        r = self.results.get("childcare")
        if isinstance(r, LmcoreError) or r is None:
            return
        kids = int(r.detail("children_covered")) or 1
        cost, income = money(self.cost.value, "monthly child care cost", r.cite), r.detail("family_income")
        show_png(self.image, lambda: to_png(chart(contract, cost, income, kids), dpi=90))

    def _transit(self, contract: Any) -> None:
        from ..subsidies import money, transit_subsidy

        for f in (self.t_cost, self.months_ago, self.reduced):
            f.clear()
        self.months_ago.show(self.converted.value)
        self.reduced.show(self.funding.value == "reduced")
        try:
            check_fields([(self.t_cost, lambda: money(_field(self.t_cost), "monthly commuting cost", "Transit Subsidy ¶4")),
                          (self.reduced, lambda: money(_field(self.reduced), "reduced subsidy", "Transit Subsidy ¶3"))],
                         typed=[self.months_ago])
            r = transit_subsidy(_field(self.t_cost), contract,
                                converted_months_ago=_field(self.months_ago) if self.converted.value else None,
                                reduced_to=_field(self.reduced) if self.funding.value == "reduced" else None,
                                suspended=self.funding.value == "suspended")
        except FieldsNeedAttention as exc:  # each message is beside its field
            self.results["transit"] = exc
            self.t_out.value = ""
            return
        except LmcoreError as exc:
            _blame(exc, {"months": self.months_ago, "reduc": self.reduced}, self.t_cost).show_error(str(exc))
            self.results["transit"] = exc
            self.t_out.value = ""
            return
        self.results["transit"] = r
        self.t_out.value = _result_html(r)

    def _show_answer(self) -> None:
        key = "transit" if self.tabs.selected_index == 1 else "childcare"
        self.answer.value = f'<div style="font-size:1.25em;padding:6px 0">{_answer_html(key, self.results.get(key))}</div>'

    def summary(self) -> str:
        lines = []
        for key, name in (("childcare", "Child care"), ("transit", "Transit")):
            r = self.results.get(key)
            lines.append(f"{name}: error: {r}" if isinstance(r, LmcoreError) else f"{name}: {_answer_text(key, r)}")
            if not isinstance(r, LmcoreError):
                lines += [f"  {s}" for s in r.steps]
        changed = [f"{i} = {d.value}" for i, d in self.readings.dropdowns.items() if d.value != self.base.choice(i)]
        lines.append("Readings switched from the default: " + (", ".join(changed) if changed else "none"))
        return "\n".join(lines)


def _field(f: Field) -> str:
    return str(f.value).strip()


def _blame(exc: LmcoreError, fields: dict[str, Field], default: Field) -> Field:
    """The field an error is about (by the words of the message), so it shows right beside that input."""
    what = exc.what.lower()
    for word, f in fields.items():
        if word in what:
            return f
    return default


def _answer_text(key: str, r: Any) -> str:
    from ..subsidies import fmt_money

    name = "Child care subsidy" if key == "childcare" else "Transit subsidy"
    return f"{name}: {fmt_money(r.monthly_subsidy)} a month ({r.cite})"


def _answer_html(key: str, r: Any) -> str:
    if r is None:
        return ""
    if isinstance(r, LmcoreError):
        return f'<span style="color:#b00020">⚠ {esc(r)}</span>'
    return f"<b>{esc(_answer_text(key, r))}</b>"


def _result_html(r: Any) -> str:
    steps = "".join(f"<li>{esc(s)}</li>" for s in r.steps)
    readings = "".join(f"<li><small>{esc(c.words())}</small></li>" for c in r.interpretations)
    return f"<ol>{steps}</ol>" + (f"<details><summary>Readings used</summary><ul>{readings}</ul></details>" if readings else "")


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None) -> SubsidiesApp:
    """The subsidies dashboard; starting inputs from `params` (or the page's URL query string, e.g. ?income=45000&cost=900)."""
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    raw = query_params() if params is None else dict(params)
    return SubsidiesApp(contract, as_of or page_today(), {k: html.unescape(str(v)) for k, v in raw.items()})
