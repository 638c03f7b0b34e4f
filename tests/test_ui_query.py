"""Starting inputs from the page link, and the pre-heated kernel's wait for the page request (issue 8)."""
from __future__ import annotations

import sys
import types

import pytest

from lmcore import ui


def test_query_string_over_defaults(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "learned=2026-11-18&path=union&empty=")
    assert ui.query_params({"path": "employee", "q": "x"}) == {"path": "union", "q": "x", "learned": "2026-11-18"}


def test_outside_preheat_nothing_waits_or_warms(monkeypatch):
    """nbval, nbconvert and JupyterLab run the notebook straight through: no wait, no warm-up."""
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setattr(ui, "warm_up", lambda plots=True: pytest.fail("warm_up outside a pre-heated kernel"))
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert ui.query_params({"a": "1"}) == {"a": "1"}


@pytest.mark.parametrize("plots", [True, False])
def test_preheated_kernel_warms_up_then_waits_once(monkeypatch, plots):
    """Voilà pre-heat: pay the one-off costs, then wait for the request (QUERY_STRING set by Voilà), only once."""
    calls: list[str] = []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("LMCORE_REQUEST_RECEIVED", "")  # empty = not yet; monkeypatch removes what the wait sets
    monkeypatch.setattr(ui, "warm_up", lambda plots=True: calls.append(f"warm plots={plots}"))

    def wait_for_request() -> None:
        calls.append("wait")
        monkeypatch.setenv("QUERY_STRING", "income=45000")

    monkeypatch.setitem(sys.modules, "voila.utils", types.SimpleNamespace(wait_for_request=wait_for_request))
    assert ui.query_params({"cost": "900"}, plots=plots) == {"cost": "900", "income": "45000"}
    assert ui.query_params({}, plots=plots) == {"income": "45000"}
    assert calls == [f"warm plots={plots}", "wait"]


def test_warm_up_loads_what_the_first_answer_needs():
    import gc

    try:
        ui.warm_up(plots=True)
        assert "matplotlib.figure" in sys.modules
        assert gc.get_freeze_count() > 0  # what the warm-up loaded is kept out of later collections
    finally:
        gc.unfreeze()


def test_dashboard_kernels_freeze_the_page_objects_once_ready(monkeypatch):
    """In a Voilà kernel the page's objects leave the cyclic collector once the app is drawn (fewer stalls)."""
    import gc

    import ipywidgets as W

    box = W.VBox()
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    before = gc.get_freeze_count()
    ui.mark_ready(box)
    assert gc.get_freeze_count() == before and ui.CSS_READY in box._dom_classes  # tests and nbval: nothing frozen
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    try:
        ui.mark_ready(W.VBox())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_bad_date_in_a_link_is_reported_beside_its_field_never_dropped(contract):
    """Leave planner and flexiplace: `first=2026-02-30` (no such day) is shown beside the field with what the page
    used instead; an optional date that cannot be read is left empty, not replaced by today."""
    import datetime as dt

    from lmcore.ui.flexiplace import build_app as flexiplace
    from lmcore.ui.leave import build_app as leave

    as_of = dt.date(2026, 11, 23)
    app = leave(contract, as_of=as_of, params={"first": "2026-02-30", "last": "2026-12-04"})
    assert app.first.value == as_of and app.last.value == dt.date(2026, 12, 4)
    assert "first=2026-02-30 is not a date" in app.first.error.value and "showing 2026-11-23" in app.first.error.value
    assert app.last.error.value == ""
    app = flexiplace(contract, as_of=as_of, params={"requested": "2026-11-18", "decided": "<b>soon</b>"})
    assert app.decided.value is None
    assert "decided=&lt;b&gt;soon&lt;/b&gt; is not a date" in app.decided.error.value and "left empty" in app.decided.error.value
    assert app.requested.value == dt.date(2026, 11, 18) and app.requested.error.value == ""


@pytest.mark.parametrize("notebook, module, name", [
    ("arbitration_scheduler", "lmcore.arbitration.simulator", "simulate"),  # the simulator's scipy import and calendar
    ("handbook", "lmcore.ui.plots", "month_calendar"),                      # the handbook's first month calendar
])
def test_a_pre_heated_page_pays_its_own_warm_up_before_the_request(monkeypatch, notebook, module, name):
    """A page's own one-off costs are paid while its kernel waits in the pool: the notebook's code, run as a pre-heated
    kernel runs it, calls them before the page request (which page_app() waits for), not after it."""
    import importlib
    import json
    from pathlib import Path

    import voila.utils

    events: list[str] = []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("LMCORE_REQUEST_RECEIVED", "")  # not yet received (set here so the test's end removes it again)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setattr(voila.utils, "wait_for_request", lambda: events.append("request"))
    monkeypatch.setattr(ui, "warm_up", lambda plots=True: events.append("shared warm-up"))
    target = importlib.import_module(module)
    real = getattr(target, name)
    monkeypatch.setattr(target, name, lambda *a, **k: events.append(name) or real(*a, **k))
    nb = json.loads((Path(__file__).parents[1] / "notebooks" / f"{notebook}.ipynb").read_text())
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    code = "\n".join(cells[:next(i for i, c in enumerate(cells) if "page_app(" in c) + 1])  # up to the page's app
    exec(compile(code, notebook, "exec"), {})
    assert events.count("request") == 1 and name in events
    assert events.index(name) < events.index("request"), events
