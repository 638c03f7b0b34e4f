"""Every prepared link of the bundled scenarios opens its dashboard with the facts filled in: each query name the link
carries is really read by that page today (its value is in one of the page's inputs, or opens the named tab), and no
message says a link value could not be used. The facts a page cannot take from its link are named (left_out)."""
from __future__ import annotations

import datetime as dt
import importlib

import pytest

W = pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

from lmcore.schedules.timesheet import pay_period_start  # noqa: E402
from lmcore.training import load_scenarios, prepared_link  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
MODULES = {"grievance_timeline.ipynb": "grievance", "arbitration_scheduler.ipynb": "arbitration",
           "work_schedules.ipynb": "schedules", "leave_planner.ipynb": "leave", "flexiplace.ipynb": "flexiplace",
           "contract_calendar.ipynb": "contract_calendar", "subsidies.ipynb": "subsidies"}
LINKED = [s for s in load_scenarios().scenarios if prepared_link(s) is not None]


def widgets(root):
    seen, todo = set(), [root]
    while todo:
        w = todo.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        yield w
        todo.extend(getattr(w, "children", ()) or ())


def shown_values(app) -> set[str]:
    out = set()
    for w in widgets(app.widget):
        if isinstance(w, W.ValueWidget) and not isinstance(w, (W.HTML, W.HTMLMath, W.Label)):
            v = w.value
            out.add(v.isoformat() if isinstance(v, dt.date) else str(v))
    return out


def test_every_linked_page_is_known():
    assert LINKED and {prepared_link(s).notebook for s in LINKED} <= set(MODULES)


@pytest.mark.parametrize("scenario", LINKED, ids=lambda s: s.id)
def test_the_page_reads_every_name_its_link_carries(contract, tmp_path, scenario):
    link = prepared_link(scenario)
    module = importlib.import_module(f"lmcore.ui.{MODULES[link.notebook]}")
    extra = {"caselog": tmp_path / "cases.sqlite"} if MODULES[link.notebook] == "grievance" else {}
    app = module.build_app(contract, as_of=AS_OF, params=dict(link.params), **extra)
    values = shown_values(app)
    for key, value in link.params.items():
        if key == "tab":
            tabs = getattr(module, "TABS", ("childcare", "transit"))
            assert app.tabs.selected_index == list(tabs).index(value), (key, value)
        elif key in ("waive1", "waive2"):  # a step waived in writing: its box is ticked
            assert getattr(app, key).value is True, key
        elif key == "period":  # the pay period that holds the day
            assert app.period_start == pay_period_start(dt.date.fromisoformat(value)) and app.period.widget.value == value
        else:
            assert value in values, f"{link.notebook} does not show {key}={value}"
    errors = [w.value for w in widgets(app.widget) if isinstance(w, W.HTML) and "lmcore-error" in w._dom_classes and w.value]
    assert errors == [], errors
    assert set(link.left_out) <= set(scenario.facts) and not set(link.left_out) & {k for k in scenario.facts if k in link.params}
