"""Widget parts of the training and partnership pages, built on lmcore.ui's Field so a redesign can swap them:

- `DateText`: a date typed as text and read by lmcore, for pages where a half-typed or impossible date must never be
  taken for an answer (ipywidgets' DatePicker sends a half-typed date, and nothing at all for an invalid one): the
  weekday beside a date that can be read, the message beside one that cannot, and `.date` None until then;
- `page_today()`: $LMCORE_TODAY (YYYY-MM-DD, set by a test run to pin the stored outputs) where it is set, else the
  real date — never a date baked into the page a user opens;
- `choose()`: a link's value for a choice, or the default and a message; `download_link()`: a file to save.
"""
from __future__ import annotations

import base64
import datetime as dt
import os
import re
from typing import Callable

import ipywidgets as W

from ..errors import InvalidDate, LmcoreError
from . import Field, esc

_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


def page_today() -> dt.date:
    """$LMCORE_TODAY where a test run sets it (so stored notebook outputs do not change from day to day), else today."""
    raw = os.environ.get("LMCORE_TODAY", "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidDate(f"LMCORE_TODAY={raw!r} is not a date", fix="Set it as YYYY-MM-DD, or unset it to use today") from None


def read_date(text: str, what: str = "date") -> dt.date:
    """A typed date: YYYY-MM-DD, optionally after its weekday ('Thu 2026-12-17'); a weekday that does not match the
    date is an error, not a guess (the person may have meant either)."""
    from ..calendar import to_date

    raw = " ".join(str(text or "").split())
    m = _WEEKDAY.match(raw)
    body = raw[m.end():] if m else raw
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", body):
        raise InvalidDate(f"'{raw}' could be read two ways (month/day or day/month)", fix="Write the date as YYYY-MM-DD, e.g. 2026-12-17")
    day = to_date(body, what)
    if m and day.strftime("%a").lower() != m.group(1).lower():
        raise InvalidDate(f"'{raw}': {day.isoformat()} is a {day:%A}", fix="Check the day and the date, then type the date again")
    return day


class DateText(Field):
    """A Field with a text box for a date: the weekday beside a date that can be read, the message beside one that
    cannot; `.date` is the date, or None while the box is empty or cannot be read. The box sends its text when the
    person presses Enter or leaves it, so a date is never read half-typed."""

    def __init__(self, label: str, value: dt.date | None = None, help_text: str = "", *, what: str | None = None,
                 parse: Callable[[str, str], dt.date] = read_date, width: str = "9.5em"):
        box = W.Text(value=value.isoformat() if value else "", placeholder="YYYY-MM-DD", continuous_update=False,
                     layout=W.Layout(width=width))
        super().__init__(box, label, help_text)
        self.what, self.parse = what or label.lower(), parse
        self.echo = W.HTML("", layout=W.Layout(min_width="7.5em"))
        self.echo.add_class("lmcore-date-echo")
        title, widget, error = self.box.children
        self.box.children = (title, widget, self.echo, error)
        self.date: dt.date | None = None
        self.message = ""  # the message beside the box, as text
        box.observe(lambda _: self.check(), "value")
        self.check()

    def check(self) -> bool:
        """Read what is typed: True when it is a date or empty; shows the weekday or the message beside the box."""
        text = self.widget.value.strip()
        self.message = ""
        if not text:
            self.date = None
            self.echo.value = ""
            self.clear()
            return True
        try:
            self.date = self.parse(text, self.what)
        except LmcoreError as exc:
            self.date = None
            self.echo.value = ""
            self.show_error(str(exc))
            self.message = str(exc)
            return False
        self.echo.value = f"<span style='color:#1f4e9c'>{esc(self.date.strftime('%a %Y-%m-%d'))}</span>"
        self.clear()
        return True

    def read(self, *, required: bool = False) -> dt.date | None:
        """The date typed; raises InvalidDate (its message shown beside the box) when it cannot be read, or when the
        box is empty and a date is required."""
        if not self.check():
            raise _Shown(self.message, field=self.what)
        if self.date is None and required:
            exc = InvalidDate(f"the {self.what} is missing", fix="Type it as YYYY-MM-DD, e.g. 2026-11-18", field=self.what)
            self.show_error(str(exc))
            self.message = str(exc)
            raise _Shown(self.message, field=self.what)
        return self.date

    def set(self, value: dt.date | None) -> None:
        self.widget.value = value.isoformat() if value else ""
        self.check()



class _Shown(InvalidDate):
    """A date box's problem, already shown beside the box (its message is the whole text: not repeated)."""

    @property
    def message(self) -> str:
        return self.what


def choose(params: dict[str, str], key: str, options: list[tuple[str, str]], default: str,
           what: str = "one of the choices here") -> tuple[str, str | None]:
    """A link's value for a choice: (the value, None) when it is one of the options' values, else (the default, a
    message to show beside the field) — a value the page cannot use is reported, never silently replaced."""
    raw = params.get(key)
    if raw is None or raw == "":
        return default, None
    if raw in [v for _, v in options]:
        return raw, None
    shown = next((label for label, v in options if v == default), default)
    return default, f"The link's {key}={raw} is not {what}; showing {shown}."


def download_link(data: bytes, mime: str, filename: str, words: str, css: str = "") -> str:
    """An HTML link that saves `data` as `filename` (a data: URL: nothing is fetched from anywhere)."""
    style = ("display:inline-block;padding:6px 14px;margin:4px 8px 4px 0;border-radius:4px;background:#1f4e9c;"
             "color:white;text-decoration:none;font-weight:bold")
    return (f"<a class='{esc(css)}' style='{style}' download='{esc(filename)}' "
            f"href='data:{mime};base64,{base64.b64encode(data).decode()}'>{esc(words)}</a>")


__all__ = ["DateText", "choose", "download_link", "page_today", "read_date"]
