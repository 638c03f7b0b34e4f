"""Issue 17 items 15–16: what a dashboard kernel creates before its first answer. Fields share their label/message
layouts and default styles (one widget model each instead of one per field), and a served page draws its first
chart when the browser first shows it (lmcore.ui.show_png) — tests and nbconvert draw it at once."""
from __future__ import annotations

import datetime as dt

import ipywidgets as W

from lmcore.ui import Field, html_widget, lean, shared_layout, show_png
from lmcore.ui.inputs import date_field


def test_fields_share_layouts_and_styles():
    a, b = date_field("Learned", dt.date(2026, 11, 18)), date_field("Invoked", None)
    assert a.error.layout is b.error.layout and a.error.style is b.error.style  # the message beside each box
    assert a.echo.layout is b.echo.layout and a.widget.layout is b.widget.layout and a.widget.style is b.widget.style
    assert a.box.layout is b.box.layout  # the rows too: a page hides a field by giving it the shared hidden layout
    a.show(False)
    assert not a.shown and b.shown and b.box.layout.display is None and a.box.layout is not b.box.layout
    a.show()
    assert a.shown and a.box.layout is b.box.layout


def test_a_shared_layout_refuses_a_change():
    """Hiding one field by changing its row's shared layout would hide every field: the change is refused."""
    import pytest

    a, b = date_field("Learned", None), date_field("Invoked", None)
    with pytest.raises(TypeError, match="shared Layout cannot be changed"):
        a.box.layout.display = "none"
    with pytest.raises(TypeError, match="shared TextStyle cannot be changed"):
        a.widget.style.font_size = "20px"
    assert b.shown and a.shown and a.widget.style.font_size is None  # refused before the change: nothing changed


def test_shared_layout_is_per_css_values():
    assert shared_layout(width="10em") is shared_layout(width="10em")
    assert shared_layout(width="10em") is not shared_layout(width="12em")
    d = lean(W.Dropdown, {"width": "10em"}, options=["a", "b"], value="b")
    assert d.value == "b" and d.layout is shared_layout(width="10em") and d.style is lean(W.Dropdown, options=["x"]).style
    assert html_widget("<b>x</b>").value == "<b>x</b>"


def test_shared_models_made_again_after_close_all():
    """A closed shared model is never handed out (a test run that closes every widget, then builds a page)."""
    first = shared_layout(width="7em")
    first.close()
    again = shared_layout(width="7em")
    assert again is not first and again.comm is not None
    assert Field(W.Text(), "X").error.layout.comm is not None


def test_show_png_draws_at_once_outside_a_served_page(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    img = W.Image(format="png")
    show_png(img, lambda: b"one")
    assert img.value == b"one"


def test_show_png_in_a_served_page_waits_for_the_first_view_and_draws_the_newest(monkeypatch):
    monkeypatch.setenv("VOILA_PREHEAT", "False")  # Voilà sets it in every dashboard kernel
    img, calls = W.Image(format="png"), []

    def draw(tag: bytes):
        return lambda: calls.append(tag) or tag

    show_png(img, draw(b"old"))
    show_png(img, draw(b"new"))  # the page answered again before the browser showed the chart
    assert img.value == b"" and calls == []  # nothing drawn before the page is sent
    img._view_count = 1  # the browser shows the image
    assert img.value == b"new" and calls == [b"new"]  # only the newest answer's chart, once
    show_png(img, draw(b"next"))  # shown: later answers draw at once
    assert img.value == b"next"


def test_show_png_drawn_before_the_request_draws_every_later_answer_at_once(monkeypatch):
    """A page built while its kernel waits in the pool (page_app) draws its chart at once; once the page is opened,
    a new answer's chart is drawn at once too — the browser already shows the image, and it would count no new view
    (the arbitration simulator's capacity chart kept its first picture for every later caseload)."""
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("LMCORE_REQUEST_RECEIVED", "")  # before the request
    img = W.Image(format="png")
    show_png(img, lambda: b"early")
    assert img.value == b"early"
    monkeypatch.setenv("LMCORE_REQUEST_RECEIVED", "1")  # the page is opened, the person types a new caseload
    show_png(img, lambda: b"answer")
    assert img.value == b"answer"
