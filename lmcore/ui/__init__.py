"""Widget helpers shared by the notebooks: fields with their error beside them, the contract text panel, markers.

Conventions every dashboard follows (the browser tests rely on them):
- the root widget has CSS class `lmcore-app`, and `lmcore-ready` once it has drawn its first answer;
- an input's error message is an HTML widget with class `lmcore-error` right beside the input;
- the current answer is in a widget with class `lmcore-answer` (what a browser test reads);
- every text a user typed is escaped (`esc`) before it is put into HTML.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import re
import weakref
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import parse_qsl

import ipywidgets as W

from ..errors import LmcoreError

CSS_APP, CSS_READY, CSS_ERROR, CSS_ANSWER = "lmcore-app", "lmcore-ready", "lmcore-error", "lmcore-answer"


def esc(text: Any) -> str:
    """HTML-escape anything shown back to the user."""
    return html.escape(str(text), quote=True)


def query_params(default: dict[str, str] | None = None, *, plots: bool = True) -> dict[str, str]:
    """Starting inputs from the page's URL query string (Voilà passes it as QUERY_STRING), over the defaults.

    In a pre-heated Voilà kernel this is where the notebook waits for the page request; the wait first pays the
    page's one-off costs (contract files, calendar and, when the page draws charts, matplotlib), see `warm_up`.
    """
    wait_for_page_request(plots)
    params = dict(default or {})
    params.update({k: v for k, v in parse_qsl(os.environ.get("QUERY_STRING", ""), keep_blank_values=False)})
    return params


def before_request() -> bool:
    """True in a pre-heated Voilà kernel that has not had its page request yet: one-off costs paid here (a warm-up
    drawing) cost nobody a wait; anywhere else (a kernel started for a request, tests) they delay the page."""
    return os.environ.get("VOILA_PREHEAT") == "True" and not os.environ.get("LMCORE_REQUEST_RECEIVED")


def wait_for_page_request(plots: bool = True, *, first: Callable[[], None] | None = None) -> None:
    """In a pre-heated Voilà kernel (started before anyone asked for the page), wait here for the page request.

    Voilà runs the notebook up to this point ahead of time; the request's QUERY_STRING arrives only when a
    browser opens the page, and so does the page's "today" (a kernel may wait in the pool past midnight). Outside
    Voilà's pre-heat mode (nbconvert, nbval, tests, JupyterLab) it does nothing. `first` is run after `warm_up`,
    before the wait (see `inputs.page_app`).
    """
    if not before_request():
        return
    from voila.utils import wait_for_request

    warm_up(plots)
    if first is not None:
        first()
    wait_for_request()
    os.environ["LMCORE_REQUEST_RECEIVED"] = "1"  # the request info comes once per kernel: never wait twice


def warm_up(plots: bool = True) -> None:
    """Load the contract and its workday calendar and, with `plots`, draw a throw-away chart (matplotlib's
    import, fonts and renderer), then freeze all that out of the garbage collector: done while a pre-heated
    kernel waits, it takes ~0.4 s off the first render."""
    from ..contract.loading import load_contract

    load_contract().calendar.add_workdays(dt.date(2026, 1, 2), 1)
    if plots:
        from matplotlib.dates import DateFormatter  # noqa: F401  (the dashboards' date axes)
        from matplotlib.figure import Figure

        from .plots import to_png

        fig = Figure(figsize=(1, 1))
        ax = fig.subplots()
        ax.plot([0, 1], [0, 1])
        ax.set_title("warm-up")
        to_png(fig, dpi=20)
    settle_memory(collect=True)


def query_date(params: dict[str, str], key: str, fallback: dt.date | None) -> tuple[dt.date | None, str | None]:
    """A date from the query string, or the fallback and a message (HTML-escaped) when it cannot be read."""
    raw = params.get(key)
    if not raw:
        return fallback, None
    try:
        return dt.date.fromisoformat(raw.strip()), None
    except ValueError:
        shown = f"showing {fallback.isoformat()} instead" if fallback else "left empty"
        return fallback, f"The link's {key}={esc(raw)} is not a date (YYYY-MM-DD); {shown}."


def show_link_notes(notes: list[tuple[Field, str]]) -> None:
    """Put each message about the page link beside its field."""
    for field, message in notes:
        field.show_error(message)


_SHARED: dict[str, W.Widget] = {}


def shared_layout(**css: str) -> W.Layout:
    """One Layout model per distinct set of CSS values, shared by every widget that asks for it (a page's fields
    would otherwise create one model each, all alike, that the browser must build before the page shows). Only for
    layouts never changed after they are made (not one whose `display` a page switches)."""
    key = "layout:" + repr(sorted(css.items()))
    if key not in _SHARED or _SHARED[key].comm is None:  # re-made if a test closed every widget
        _SHARED[key] = _frozen(W.Layout(**css))
    return _SHARED[key]  # type: ignore[return-value]


def _frozen(model: W.Widget) -> W.Widget:
    """A shared model that refuses any change of its values: hiding one field through it would hide every field."""
    def refuse(_: Any, proposal: Any) -> Any:
        if proposal.value == getattr(model, proposal.trait.name):
            return proposal.value
        raise TypeError(f"a shared {type(model).__name__} cannot be changed ({proposal.trait.name} = {proposal.value!r}): "
                        "give this widget a layout of its own, or use Field.show")

    model._register_validator(refuse, [k for k in model.keys if not k.startswith("_")])  # checked before the change
    return model


def shared_style(kind: type) -> W.Widget:
    """One default style model of this kind (HTMLStyle, TextStyle…) for every widget that leaves it as it is."""
    key = f"style:{kind.__name__}"
    if key not in _SHARED or _SHARED[key].comm is None:
        _SHARED[key] = _frozen(kind())
    return _SHARED[key]


def lean(kind: type, css: dict[str, str] | None = None, **traits: Any) -> Any:
    """A `kind` widget (Dropdown, Checkbox, Text…) whose layout (these CSS values) and default style are models
    shared with every other widget asking for the same: a page otherwise creates three models per input. Only for
    widgets whose layout and style are never changed afterwards."""
    style = kind.class_traits().get("style")
    if style is not None and "style" not in traits:
        traits["style"] = shared_style(style.klass)
    return kind(layout=shared_layout(**(css or {})), **traits)


def html_widget(value: str = "", **css: str) -> W.HTML:
    """An HTML widget with a shared default style and a shared layout (two widget models fewer than W.HTML)."""
    return lean(W.HTML, css, value=value)


def text_box(value: str, width: str, placeholder: str = "") -> W.Text:
    """A text box sending its text on Enter or on leaving it, with a shared style and layout (never changed later)."""
    return lean(W.Text, {"width": width}, value=value, placeholder=placeholder, continuous_update=False)


_FIELD_ROW = {"align_items": "center", "flex_flow": "row wrap"}


class Field:
    """An input with its label and an error line right beside it; the typed value is never reset on error. Its row's
    layout is shared with every field's (one model, not one per field): hide or show it with `show`."""

    def __init__(self, widget: W.Widget, label: str, help_text: str = ""):
        self.widget = widget
        self.error = html_widget("", min_height="1.2em")
        self.error.add_class(CSS_ERROR)
        self.widget.description = ""
        title = html_widget(f"<b>{esc(label)}</b>" + (f"<br><small>{esc(help_text)}</small>" if help_text else ""),
                            width="230px")
        self.box = W.HBox([title, widget, self.error], layout=shared_layout(**_FIELD_ROW))

    def show(self, visible: bool = True) -> None:
        """Show or hide the field: its row takes the shared shown or hidden layout (never a shared layout changed)."""
        self.box.layout = shared_layout(**_FIELD_ROW, **({} if visible else {"display": "none"}))

    @property
    def shown(self) -> bool:
        return self.box.layout.display != "none"

    @property
    def value(self) -> Any:
        return self.widget.value

    def show_error(self, message: str) -> None:
        self.error.value = f'<span style="color:#b00020">⚠ {esc(message)}</span>'

    def clear(self) -> None:
        self.error.value = ""


# A reading named by id in running text ("Reading count.event_on_nonworkday = next_workday_is_day_1: …").
_BARE_READING = re.compile(r"(?<![\w.])(?P<id>[a-z][a-z0-9_]*\.[a-z0-9_]+)(?:\s+=\s+(?P<choice>[a-z0-9_]+))?(?!\w|\.\w)")
_READING = re.compile(r"(?P<id>[a-z][a-z0-9_]*\.[a-z0-9_.]+) = (?P<choice>[a-z0-9_]+) \((?P<flag>default|switched from the "
                      r"default)\): (?P<text>.*?) \[(?P<cite>[^\]\n]+)\]")


def in_words(text: str, contract: Any) -> str:
    """An explanation for a page: each reading it names by id (`Choice.__str__`: "count.x = option (default): … [cite]")
    named instead by its label in words (`Choice.words`), and any other mention of a reading's id ("count.x = option",
    "count.x") by its label and its option's words; the CLI and JSON keep the ids."""
    from ..contract.readings import Choice

    def words(m: re.Match) -> str:
        interp = contract.interpretations.get(m["id"])
        if interp is None or m["choice"] not in interp.options:
            return m[0]
        return Choice(m["id"], m["choice"], m["text"], m["flag"] == "default", m["cite"], interp.label).words()

    def named(m: re.Match) -> str:
        interp = contract.interpretations.get(m["id"])
        if interp is None or (m["choice"] and m["choice"] not in interp.options):
            return m[0]
        label = f"“{interp.label or interp.question}”"
        return f"{label} = “{interp.describe(m['choice'])}”" if m["choice"] else label

    return _BARE_READING.sub(named, _READING.sub(words, text))


def not_default_html(choices: Any) -> str:
    """A headline line naming each reading in use that is not the default (empty when all are defaults), so a
    switched reading is never silent."""
    switched = [c for c in choices or () if not c.is_default]
    if not switched:
        return ""
    items = "; ".join(esc(c.words()) for c in switched)
    return f'<div class="lmcore-not-default" style="color:#8a4b00">⚠ Not the default reading of the text: {items}</div>'


def error_html(exc: BaseException) -> str:
    """An lmcore error as a short HTML message (what, rule, what to do)."""
    text = str(exc) if isinstance(exc, LmcoreError) else f"Unexpected problem: {exc}"
    return f'<div style="color:#b00020">⚠ {esc(text)}</div>'


def cite_panel(contract: Any, cite: str, title: str | None = None) -> W.HTML:
    """The contract's own words for a citation, in a readable panel, with any known flaw of the text."""
    return html_widget(cite_html(contract, cite, title))


def cite_html(contract: Any, cite: str, title: str | None = None) -> str:
    """The HTML of cite_panel, for a panel that is re-filled in place (no new widget per look-up)."""
    sec = contract.section(cite)
    body = "".join(f"<p>{esc(p)}</p>" for p in sec.text.split("\n") if p.strip())
    flaws = "".join(
        f'<p class="lmcore-flaw" style="background:#fff4d6;padding:4px"><b>Flaw in the text:</b> {esc(f.description)} '
        f"<i>{esc(f.reading)}</i></p>"
        for f in contract.flaws_for(sec.cite)
    )
    head = esc(title or f"{sec.citation} — {sec.article_title}")
    return (
        f'<div class="lmcore-text" style="max-width:60em;border-left:4px solid #4a6fa5;padding:2px 12px;'
        f'background:#f7f9fc;font-family:Georgia,serif;line-height:1.45"><h4>{head}</h4>{body}{flaws}</div>'
    )


HOME_LINK = ('<nav class="lmcore-home"><a href="index.ipynb" style="text-decoration:none">← All dashboards'
             "</a></nav>")


def app_box(children: list[W.Widget], title: str | None = None, *, home: bool = True) -> W.VBox:
    """The root box of a dashboard, marked so the browser tests can find it; with `home`, a link back to the landing
    page (index.ipynb, beside every dashboard: a relative link works under Voilà and in JupyterLab alike) on top."""
    items = ([html_widget(HOME_LINK)] if home else []) + ([html_widget(f"<h2>{esc(title)}</h2>")] if title else []) + list(children)
    box = W.VBox(items)
    box.add_class(CSS_APP)
    return box


def mark_ready(box: W.Widget) -> None:
    """Say the app has drawn its first answer (browser tests wait for this class, never for a sleep)."""
    box.add_class(CSS_READY)
    if "VOILA_PREHEAT" in os.environ:  # set by Voilà for every dashboard kernel (pre-heated or not)
        settle_memory()


@dataclass
class _Chart:
    """`show_png`'s state for one image: `shown` (from then on drawn at once), the drawing waiting for the first showing."""

    shown: bool = False
    pending: Callable[[], bytes] | None = None


_CHARTS: "weakref.WeakKeyDictionary[W.Image, _Chart]" = weakref.WeakKeyDictionary()


def show_png(image: W.Image, draw: Callable[[], bytes]) -> None:
    """Put draw()'s picture in `image`. In a served page (a Voilà kernel) the first picture is drawn when the browser
    first shows the image, not before the page is sent: the chart (matplotlib's import and first drawing, ~0.5–2 s of
    CPU) then follows the drawn page instead of holding it back. Before the request (a page built while its kernel
    waits in the pool, `page_app`) and elsewhere (tests, nbconvert) it is drawn at once, and so is every later picture;
    a later call before the first showing replaces the waiting drawing (the newest answer wins)."""
    chart = _CHARTS.setdefault(image, _Chart())
    if chart.shown or "VOILA_PREHEAT" not in os.environ or before_request():
        chart.shown = True  # no page in a browser waits for it (before the request nobody waits at all)
        image.value = draw()
        return
    first_wait = chart.pending is None
    chart.pending = draw
    if not first_wait:
        return

    def on_view(change: Any) -> None:
        if (change.get("new") or 0) > 0 and not chart.shown and chart.pending is not None:
            chart.shown = True
            image.value = chart.pending()

    image._view_count = 0  # the browser counts its views of this image (None: not counted)
    image.observe(on_view, "_view_count")


def settle_memory(collect: bool = False) -> None:
    """Freeze the page's own objects (widgets, contract, calendar) out of Python's cyclic garbage collector: a
    full collection over them stalled a widget answer by 150–250 ms now and then (the answer message waits for
    the collection to end). `collect` first (~70–90 ms) only where nobody waits: in a pre-heated kernel."""
    import gc

    if collect:
        gc.collect()
    gc.freeze()


def guarded(field: Field | None, out: W.HTML, fn: Callable[[], str]) -> bool:
    """Run fn (which returns HTML for `out`); on an lmcore error show it beside the field and keep the input."""
    try:
        out.value = fn()
    except LmcoreError as exc:
        if field is not None:
            field.show_error(str(exc))
        else:
            out.value = error_html(exc)
        return False
    if field is not None:
        field.clear()
    return True
