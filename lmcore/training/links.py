"""A prepared link for a scenario: the dashboard that answers its rule, with the scenario's facts as the page's
starting inputs (the query names each page reads), so a trainee can open the case after answering it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlencode

from .scenario import Scenario


@dataclass(frozen=True)
class Link:
    """A dashboard notebook and the query parameters that fill in its inputs."""

    notebook: str
    params: dict[str, str]
    left_out: tuple[str, ...] = ()  # the facts the page cannot take from its link (type them in)

    def query(self) -> str:
        return urlencode(self.params)

    def url(self, base: str = "") -> str:
        """'/voila/render/grievance_timeline.ipynb?learned=2026-11-13&path=employee' (after `base`, e.g. the server)."""
        return f"{base.rstrip('/')}/voila/render/{self.notebook}" + (f"?{self.query()}" if self.params else "")

    def href(self) -> str:
        """The link relative to another dashboard page ('grievance_timeline.ipynb?learned=…'): it works under
        /voila/render/ and behind JupyterHub or Binder, whatever the server's prefix."""
        return self.notebook + (f"?{self.query()}" if self.params else "")

    def to_dict(self) -> dict[str, Any]:
        return {"notebook": self.notebook, "params": dict(self.params), "url": self.url(), "left_out": list(self.left_out)}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ",".join(_text(v) for v in value)
    return str(value).strip()


def _pick(names: dict[str, str], extra: dict[str, str] | None = None) -> Callable[[dict[str, Any]], dict[str, str]]:
    """Facts → query: `names` maps a fact to the page's parameter; `extra` are fixed parameters (the tab to open)."""
    def build(facts: dict[str, Any]) -> dict[str, str]:
        out = {param: _text(facts[fact]) for fact, param in names.items() if facts.get(fact) not in (None, "", ())}
        return {**out, **(extra or {})}
    build.carries = frozenset(names)  # type: ignore[attr-defined]
    return build


def _grievance_keeps() -> frozenset[str]:
    """The grievance page's query names: every date of a grievance, and the few other inputs it reads."""
    from ..grievance.record import DATE_FIELDS

    return frozenset((*DATE_FIELDS, "as_of", "path", "agencies", "consolidation", "continuing", "expedited", "title",
                      "waivers"))


def _grievance(facts: dict[str, Any]) -> dict[str, str]:
    """The grievance's dates and inputs, and the day its statuses are judged on: the scenario's `as_of`, else — as
    grading does — the latest date recorded or signed (so the page never judges a later step "not happened yet")."""
    from ..grievance.record import DATE_FIELDS

    keep = _grievance_keeps()
    out = {k: _text(v) for k, v in facts.items() if k in keep - {"waivers"} and v not in (None, "", False)}
    for w in facts.get("waivers") or ():  # a step waived in writing (§13.b): the page's "Step N waived" box, and when
        if isinstance(w, dict) and str(w.get("step", "")) in ("step1", "step2"):
            n = str(w["step"])[-1]
            out[f"waive{n}"] = "1"
            if isinstance(w.get("agreed_on"), dt.date):
                out[f"waive{n}_on"] = w["agreed_on"].isoformat()
    if "as_of" not in out:
        days = [v for k, v in facts.items() if k in DATE_FIELDS and isinstance(v, dt.date)]
        days += [x.get("agreed_on") for k in ("waivers", "extensions") for x in facts.get(k) or () if isinstance(x, dict)]
        days = [d for d in days if isinstance(d, dt.date)]
        if days:
            out["as_of"] = max(days).isoformat()
    return out


def _pay_period(facts: dict[str, Any]) -> dict[str, str]:
    out = _pick({"schedule": "schedule", "part_time_hours": "part_time", "carry_in": "carry_in", "tour": "tour",
                 "shift": "shift"})(facts)
    first = facts.get("period_start") or next((ln.split(",")[0] for ln in str(facts.get("timesheet", "")).splitlines()[1:] if ln.strip()), None)
    if first:
        out["period"] = _text(first)
    return out


_pay_period.carries = frozenset(("schedule", "part_time_hours", "carry_in", "period_start", "tour", "shift"))  # type: ignore[attr-defined]


PAGES: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, str]]]] = {
    "grievance.timeline": ("grievance_timeline.ipynb", _grievance),
    "grievance.screening": ("grievance_timeline.ipynb", _pick({k: k for k in ("filer", "subject", "status", "agencies", "consolidation")})),
    "arbitration.milestones": ("arbitration_scheduler.ipynb", _pick({k: k for k in ("invoked", "kind", "hearing", "record_closed")})),
    "schedules.pay_period": ("work_schedules.ipynb", _pay_period),
    "leave.projection": ("leave_planner.ipynb", _pick({"balance": "balance", "years_of_service": "service", "planned": "planned",
                                                        "as_of": "as_of"})),
    "leave.medical_certificate": ("leave_planner.ipynb", _pick({"first_day": "first", "last_day": "last"}, {"tab": "sick"})),
    "leave.restriction": ("leave_planner.ipynb", _pick({"start": "r_start", "months": "r_months", "extensions": "r_ext"},
                                                       {"tab": "restriction"})),
    "leave.voting": ("leave_planner.ipynb", _pick({k: k for k in ("polls_open", "polls_close", "work_start", "work_end")}, {"tab": "admin"})),
    "flexiplace.clocks": ("flexiplace.ipynb", _pick({"requested": "requested", "extended_by": "extended_by", "decided": "decided",
                                                     "agreement_completed": "agreement", "started": "started"})),
    "flexiplace.termination_notice": ("flexiplace.ipynb", _pick({"effective": "effective"})),
    "bargaining.request": ("contract_calendar.ipynb", _pick({"received": "received", "kind": "kind"})),
    "bargaining.effective_date": ("contract_calendar.ipynb", _pick({"ratified": "ratified"})),
    "subsidies.childcare": ("subsidies.ipynb", _pick({"family_income": "income", "monthly_cost": "cost", "children": "children"})),
    "subsidies.transit": ("subsidies.ipynb", _pick({"monthly_cost": "transit_cost", "converted_months_ago": "converted",
                                                    "reduced_to": "reduced_to"}, {"tab": "transit"})),
}


def prepared_link(scenario: Scenario) -> Link | None:
    """The dashboard link with the scenario's facts filled in, or None when no page takes this rule's inputs."""
    page = PAGES.get(scenario.rule)
    if page is None:
        return None
    notebook, build = page
    carries = _grievance_keeps() if build is _grievance else build.carries  # type: ignore[attr-defined]
    left = tuple(k for k in scenario.facts if k not in carries)
    return Link(notebook, build(scenario.facts), left)


__all__ = ["PAGES", "Link", "prepared_link"]
