"""The inputs every dashboard shares, so a typed value is never taken for something the person did not mean:

- `page_today()`: $LMCORE_TODAY (YYYY-MM-DD, set only by a test run to pin stored outputs) where it is set, else the
  machine's date on the day the page is opened (not the day a pre-heated kernel was warmed) — never a date baked into
  the page a user opens; `page_app()`: the page's app for that day and its link's inputs, built while a pre-heated
  kernel waits in the pool and kept when the page is opened that day with the default inputs;
- `DateText`: a date typed as text and read by lmcore (ipywidgets' DatePicker sends a half-typed date, and nothing at
  all for an impossible one): the weekday beside a date that can be read, the message beside one that cannot or that
  lies outside the workday calendar's years, and `.value` None until then;
- `NumberText`: a number typed as text, never rounded or dropped: a value the rule cannot take gets a message beside
  the box (ipywidgets' IntText turns "2.5" into 25 and ignores "abc");
- `needs_attention()` / `check_fields()`: every field whose typed value cannot be read (each message beside its field,
  all at once, not the first only), and the line the answer area shows for them.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import re
from typing import Callable, Iterable, TypeVar

import ipywidgets as W

from ..errors import InvalidDate, InvalidInput, LmcoreError, OutOfRange
from . import Field, esc, html_widget, query_date, query_params, settle_memory, text_box, wait_for_page_request

_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")
App = TypeVar("App")


def page_today(*, plots: bool = True) -> dt.date:
    """$LMCORE_TODAY where a test run sets it (so stored notebook outputs do not change from day to day), else today:
    the day the page is opened — in a pre-heated kernel, read only once the page request has come (a kernel warmed
    before midnight and opened after it answers for the new day); `plots`: the page draws charts (see `warm_up`)."""
    wait_for_page_request(plots)
    return _today()


def page_app(build: Callable[[dt.date, dict[str, str]], App], default: dict[str, str] | None = None, *,
             plots: bool = True) -> App:
    """The page's app, `build(today, inputs)`: the day the page is opened (`page_today`) and `default` overlaid by the
    page link's inputs (`query_params`). A pre-heated kernel builds it while it waits in the pool, for that day and the
    default inputs, so the page's widget models and first answer cost the person opening it nothing; the app is
    kept if the page is opened on that day with the default inputs, else (a kernel warmed before midnight, a link
    with other inputs) its widgets are closed and it is built again for the request."""
    default = dict(default or {})
    early: list[tuple[dt.date, App]] = []

    def build_early() -> None:
        day = _today()
        early.append((day, build(day, dict(default))))
        settle_memory(collect=True)

    wait_for_page_request(plots, first=build_early)
    today = page_today(plots=plots)
    inputs = query_params(default, plots=plots)
    if early:
        if early[0][0] == today and inputs == default:
            return early[0][1]
        W.Widget.close_all()  # the early build's widgets: the browser would otherwise be sent them all too
    return build(today, inputs)


def _today() -> dt.date:
    """$LMCORE_TODAY (a test run's pinned date) where it is set, else the machine's date now."""
    raw = os.environ.get("LMCORE_TODAY", "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidDate(f"LMCORE_TODAY={raw!r} is not a date", fix="Set it as YYYY-MM-DD, or unset it to use today") from None


def calendar_years() -> tuple[int, int]:
    """The first and last year of the bundled contract's workday calendar: a date outside them has no answer."""
    from ..contract.loading import load_contract

    cal = load_contract().calendar
    return cal.first_year, cal.last_year


def read_date(text: str, what: str = "date", years: tuple[int, int] | None = None) -> dt.date:
    """A typed date: YYYY-MM-DD, optionally after its weekday ('Thu 2026-12-17'); a weekday that does not match the
    date is an error, not a guess (the person may have meant either); with `years`, a date outside them is an error."""
    from ..calendar import to_date

    raw = " ".join(str(text or "").split())
    m = _WEEKDAY.match(raw)
    body = raw[m.end():] if m else raw
    slashed = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", body)
    if slashed or re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", body):
        readings = _readings(*map(int, slashed.groups())) if slashed else []
        if slashed and not readings:  # 02/30/2026: no month has a 30th of February, either way round
            raise InvalidDate(f"'{raw}' is not a real calendar date (the {what})", fix="Check the day and the month, then type it as YYYY-MM-DD")
        if len(readings) == 1:
            raise InvalidDate(f"'{raw}' is written month/day or day/month", fix=f"Type it as YYYY-MM-DD: {readings[0].isoformat()}")
        raise InvalidDate(f"'{raw}' could be read two ways (month/day or day/month)", fix="Write the date as YYYY-MM-DD, e.g. 2026-12-17")
    day = to_date(body, what)
    if m and day.strftime("%a").lower() != m.group(1).lower():
        raise InvalidDate(f"'{raw}': {day.isoformat()} is a {day:%A}", fix="Check the day and the date, then type the date again")
    if years and not years[0] <= day.year <= years[1]:
        raise OutOfRange(f"{day.isoformat()} is outside the years this calendar knows ({years[0]}–{years[1]})",
                         fix=f"Use a date from {years[0]}-01-01 to {years[1]}-12-31")
    return day


def _readings(a: int, b: int, year: int) -> list[dt.date]:
    """The real dates a/b/year can be: month/day, day/month (one when both are the same day)."""
    found = []
    for month, day in ((a, b), (b, a)):
        try:
            found.append(dt.date(year, month, day))
        except ValueError:
            pass
    return sorted(set(found))


class _Typed(Field):
    """A Field whose text box is read by lmcore: `.message` is the problem shown beside it ('' when none)."""

    message = ""

    @property
    def problem(self) -> bool:
        return bool(self.message)

    def _fail(self, exc: LmcoreError) -> None:
        self.message = str(exc)
        self.show_error(self.message)

    def show_error(self, message: str) -> None:
        """A message beside the box; while the box's own text cannot be read, that problem is the one shown."""
        super().show_error(self.message or message)

    def clear(self) -> None:
        """Clear a rule's message; the box's own reading problem stays beside it until the text is fixed."""
        if self.message:
            self.show_error(self.message)
        else:
            super().clear()


class DateText(_Typed):
    """A Field with a text box for a date: the weekday beside a date that can be read, the message beside one that
    cannot; `.date` (and `.value`) is the date, or None while the box is empty or cannot be read. The box sends its
    text when the person presses Enter or leaves it, so a date is never read half-typed."""

    def __init__(self, label: str, value: dt.date | None = None, help_text: str = "", *, what: str | None = None,
                 parse: Callable[[str, str], dt.date] | None = None, width: str = "9.5em",
                 years: tuple[int, int] | None = None, echo: Callable[[dt.date], str] | None = None):
        box = text_box(value.isoformat() if value else "", width, "YYYY-MM-DD")
        box.add_class("lmcore-date")
        super().__init__(box, label, help_text)
        self.what = what or label.lower()
        self.years = years if years is not None else calendar_years()
        self.parse = parse or (lambda text, what: read_date(text, what, self.years))
        self.describe = echo or (lambda day: day.strftime("%a %Y-%m-%d"))
        self.echo = html_widget("", min_width="7.5em")
        self.echo.add_class("lmcore-date-echo")
        title, widget, error = self.box.children
        self.box.children = (title, widget, self.echo, error)
        self.date: dt.date | None = None
        box.observe(lambda _: self.check(), "value")
        self.check()

    @property
    def value(self) -> dt.date | None:
        return self.date

    def check(self) -> bool:
        """Read what is typed: True when it is a date or empty; shows the weekday or the message beside the box."""
        text = self.widget.value.strip()
        self.message, self.date, self.echo.value = "", None, ""
        if not text:
            super().clear()
            return True
        try:
            self.date = self.parse(text, self.what)
        except LmcoreError as exc:
            self._fail(exc)
            return False
        self.echo.value = f"<span style='color:#1f4e9c'>{esc(self.describe(self.date))}</span>"
        self.clear()
        return True

    def read(self, *, required: bool = False) -> dt.date | None:
        """The date typed; raises InvalidDate (its message shown beside the box) when it cannot be read, or when the
        box is empty and a date is required."""
        if not self.check():
            raise _Shown(self.message, field=self.what)
        if self.date is None and required:
            self._fail(InvalidDate(f"the {self.what} is missing", fix="Type it as YYYY-MM-DD, e.g. 2026-11-18", field=self.what))
            raise _Shown(self.message, field=self.what)
        return self.date

    def set(self, value: dt.date | None) -> None:
        """Put a date in the box (a link's, a stored case's) as if it had been typed (the box reads it, then the page)."""
        self.widget.value = value.isoformat() if value else ""


class NumberText(_Typed):
    """A Field with a text box for a number, taken exactly as typed: `.value` is the number (an int with `whole`),
    or None while the box is empty or holds something the rule cannot take — then the message is beside the box."""

    def __init__(self, label: str, value: float | int | None = None, help_text: str = "", *, what: str | None = None,
                 whole: bool = False, low: float | None = None, high: float | None = None, cite: str | None = None,
                 required: bool = True, width: str = "7em"):
        box = text_box("" if value is None else f"{value:g}", width)
        box.add_class("lmcore-number")
        super().__init__(box, label, help_text)
        self.what, self.whole, self.low, self.high = what or label.lower(), whole, low, high
        self.cite, self.required = cite, required
        self.number: float | int | None = None
        box.observe(lambda _: self.check(), "value")
        self.check()

    @property
    def value(self) -> float | int | None:
        return self.number

    def check(self) -> bool:
        """Read what is typed: True when it is a number the rule can take (or empty and optional)."""
        self.message, self.number = "", None
        try:
            self.number = read_number(self.widget.value, self.what, whole=self.whole, low=self.low, high=self.high,
                                      cite=self.cite, required=self.required)
        except LmcoreError as exc:
            self._fail(exc)
            return False
        self.clear()
        return True

    def set(self, value: float | int | None) -> None:
        """Put a number in the box as if it had been typed (the box reads it, then the page)."""
        self.widget.value = "" if value is None else f"{value:g}"


def date_field(label: str, value: dt.date | None, help_text: str = "") -> DateText:
    """The date box every dashboard uses: a half-typed, impossible or out-of-range date is a message beside the box and
    `.value` None, never an earlier date answered for."""
    return DateText(label, value, help_text)


def link_date_field(params: dict[str, str], key: str, label: str, fallback: dt.date | None, help_text: str = "",
                    notes: list[tuple[Field, str]] | None = None) -> DateText:
    """A date field started from the page link's `key`; a value that is not a date is never dropped silently:
    its message goes to `notes` (show them with `show_link_notes` once the page has drawn its first answer)."""
    import html

    day, msg = query_date(params, key, fallback)
    field = date_field(label, day, help_text)
    if msg and notes is not None:
        notes.append((field, html.unescape(msg)))  # show_error escapes it again
    return field


def read_number(text: str, what: str, *, whole: bool = False, low: float | None = None, high: float | None = None,
                cite: str | None = None, required: bool = True) -> float | int | None:
    """A typed number exactly as written ('2.5' is 2.5, never 25 or 2); a whole number where the rule counts units."""
    raw = str(text or "").strip()
    if _THOUSANDS.match(raw):  # 1,250.50
        raw = raw.replace(",", "")
    if not raw:
        if required:
            raise InvalidInput(f"the {what} is missing", cite=cite, fix=_range_words(what, whole, low, high))
        return None
    if not _NUMBER.match(raw):
        raise InvalidInput(f"'{raw[:30]}' is not a number", cite=cite, fix=_range_words(what, whole, low, high))
    number = float(raw)
    if not math.isfinite(number):
        raise InvalidInput(f"'{raw[:30]}' is not a number", cite=cite, fix=_range_words(what, whole, low, high))
    if whole and number != int(number):
        raise InvalidInput(f"{raw} is not a whole number: the {what} counts whole units", cite=cite,
                           fix=_range_words(what, whole, low, high))
    if (low is not None and number < low) or (high is not None and number > high):
        raise OutOfRange(f"{raw} is outside what the {what} can be", cite=cite, fix=_range_words(what, whole, low, high))
    return int(number) if whole else number


def _range_words(what: str, whole: bool, low: float | None, high: float | None) -> str:
    kind = "a whole number" if whole else "a number"
    if low is not None and high is not None:
        return f"Type {kind} from {low:g} to {high:g} for the {what}"
    if low is not None:
        return f"Type {kind} of at least {low:g} for the {what}"
    return f"Type {kind} for the {what}"


def needs_attention(fields: Iterable[Field]) -> list[Field]:
    """The fields (shown on the page) whose typed value cannot be read: each already shows its message beside it."""
    return [f for f in fields if getattr(f, "problem", False) and f.shown]


def attention_html(count: int, lead: str = "No answer yet: ") -> str:
    """The answer area's line while fields need attention: no answer for values the person did not mean."""
    fields = "1 field needs" if count == 1 else f"{count} fields need"
    return (f'<div class="lmcore-attention" style="color:#b00020;font-size:1.1em">⚠ {esc(lead)}{fields} attention '
            "— see the message beside each.</div>")


class FieldsNeedAttention(LmcoreError):
    """Some fields cannot be read: each shows its own message beside it; this one says how many, for the answer area."""

    def __init__(self, count: int):
        super().__init__(f"{'1 field needs' if count == 1 else f'{count} fields need'} attention",
                         fix="See the message beside each; no answer until they are fixed")
        self.count = count


def check_fields(checks: Iterable[tuple[Field, Callable[[], object]]], typed: Iterable[Field] = ()) -> None:
    """Read every field on its own, not only up to the first bad one: each problem goes beside its field (the `typed`
    boxes show their own), and FieldsNeedAttention says how many — so a person sees all there is to fix at once."""
    bad = needs_attention(typed)
    for field, read in checks:
        if not field.shown or field in bad:
            continue
        try:
            read()
        except LmcoreError as exc:
            field.show_error(str(exc))
            bad.append(field)
    if bad:
        raise FieldsNeedAttention(len(bad))


class _Shown(InvalidDate):
    """A date box's problem, already shown beside the box (its message is the whole text: not repeated)."""

    @property
    def message(self) -> str:
        return self.what


__all__ = ["DateText", "FieldsNeedAttention", "NumberText", "check_fields", "date_field", "link_date_field", "attention_html", "calendar_years", "needs_attention", "page_today", "read_date",
           "read_number"]
