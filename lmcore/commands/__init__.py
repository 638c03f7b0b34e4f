"""Subcommands of `lmcore`. Each module has register(subparsers); the shared readers of dates, numbers and files live
here, so every command refuses a bad value the same way: one line, exit 2 (issue 14)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import InvalidDate, InvalidInput, OutOfRange

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?", re.ASCII)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)


def calendar_years() -> tuple[int, int]:
    """The first and last year the workday calendar knows (its holiday tables): dates outside are refused."""
    from ..calendar import WorkdayCalendar

    kw = WorkdayCalendar.__init__.__kwdefaults__ or {}
    return int(kw["first_year"]), int(kw["last_year"])


def date_arg(text: str | dt.date) -> dt.date:
    """A YYYY-MM-DD date inside the calendar's years, or a clear InvalidDate / OutOfRange (every command reads dates here)."""
    if isinstance(text, dt.datetime):
        text = text.date()
    if isinstance(text, dt.date):
        day = text
    else:
        raw = str(text).strip()
        if not _ISO_DATE.fullmatch(raw):
            raise InvalidDate(f"'{text}' is not a date written YYYY-MM-DD", fix="Write it as YYYY-MM-DD, e.g. 2026-11-18")
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            raise InvalidDate(f"'{text}' is not a real calendar date", fix="Write it as YYYY-MM-DD, e.g. 2026-11-18") from None
    first, last = calendar_years()
    if not first <= day.year <= last:
        raise OutOfRange(f"{day.isoformat()} is outside the years the workday calendar knows ({first}–{last})",
                         fix=f"Give a date from {first}-01-01 to {last}-12-31")
    return day


def rule_date(text: str, what: str, cite: str) -> dt.date:
    """A YYYY-MM-DD date from the command line; a bad one is an error that names the rule it feeds."""
    try:
        return date_arg(text)
    except (InvalidDate, OutOfRange) as exc:
        raise type(exc)(f"{exc.what} (the {what})", cite=cite, fix=exc.fix) from None


def optional_date(text: str | None) -> dt.date | None:
    """date_arg for an option that may be left out."""
    return date_arg(text) if text is not None else None


def datetime_arg(text: str | None, what: str, cite: str | None = None) -> dt.datetime | None:
    """'YYYY-MM-DD HH:MM' (local time, no time zone) inside the calendar's years; a date alone is refused, not read as midnight."""
    if text is None:
        return None
    raw = str(text).strip()
    m = _DATETIME.fullmatch(raw)
    if not m:
        if _ISO_DATE.fullmatch(raw):
            why = f"'{text}' has no time of day (the {what})"
            fix = f"Add the time, e.g. '{raw} 09:00' (lmcore does not assume midnight)"
        elif re.search(r"(Z|[+-]\d{2}:?\d{2}|UTC|GMT)\s*$", raw, re.IGNORECASE) and _DATETIME.match(raw):
            why = f"'{text}' gives a time zone (the {what}); notice times are local times at the duty station"
            fix = "Leave out the time zone: write YYYY-MM-DD HH:MM"
        else:
            why = f"'{text}' is not a date and time (the {what})"
            fix = "Write it as 'YYYY-MM-DD HH:MM', e.g. '2026-11-23 09:00'"
        raise InvalidDate(why, cite=cite, fix=fix)
    day = rule_date(m.group(1), what, cite) if cite else date_arg(m.group(1))
    hour, minute, second = int(m.group(2)), int(m.group(3)), int(m.group(4) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidDate(f"'{text}' is not a time of day (the {what})", cite=cite, fix="Give hours 00–23 and minutes 00–59")
    return dt.datetime.combine(day, dt.time(hour, minute, second))


def clock_arg(text: str) -> str:
    """argparse type for a time of day: 'HH:MM' (24-hour; 7:30 is read as 07:30), returned as 'HH:MM'."""
    m = _CLOCK.fullmatch(str(text).strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time of day. Write it as HH:MM (24-hour), e.g. 07:30 or 17:00")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


@dataclass(frozen=True)
class Number:
    """argparse type of a number option: the range the rule makes sense for (shown in --help), whole or not, money or not.

    Refuses NaN, infinity, exponents beyond the range, and a comma that is not a thousands separator ("1,0,0").
    `kind` is what the command receives: "text" (the cleaned number as text, for rules that read text), "int" or "float".
    """

    what: str
    lo: float
    hi: float
    unit: str = ""
    whole: bool = False
    money: bool = False
    kind: str = "text"
    cite: str | None = None

    @property
    def __name__(self) -> str:  # argparse names the type in some messages
        return self.what

    @staticmethod
    def _fmt(x: float | Decimal) -> str:
        d = Decimal(str(x))
        sep = "," if abs(d) >= 10_000 else ""
        return format(d.normalize(), f"{sep}f") if d != d.to_integral() else format(int(d), sep or "d")

    def describe(self) -> str:
        """The range in words, as --help shows it: "0 to 1,000,000 dollars", "a whole number from 1 to 240 months"."""
        unit = f" {self.unit}" if self.unit else ""
        return f"{'a whole number from ' if self.whole else ''}{self._fmt(self.lo)} to {self._fmt(self.hi)}{unit}"

    def help(self, text: str) -> str:
        return f"{text} [{self.describe()}]" if text else f"[{self.describe()}]"

    def _error(self, why: str) -> argparse.ArgumentTypeError:
        where = f" ({self.cite})" if self.cite else ""
        return argparse.ArgumentTypeError(f"{why}{where}. Give the {self.what}: {self.describe()}")

    def parse(self, text: Any) -> Decimal:
        """The number as an exact Decimal inside the range, or an ArgumentTypeError saying what to give."""
        raw = str(text).strip()
        body = raw[1:].strip() if self.money and raw.startswith("$") else raw
        sign = body[:1] if body[:1] in "+-" else ""
        digits = body[len(sign):]
        shown = raw if len(raw) <= 24 else raw[:21] + "…"
        if "," in digits:
            if not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits, re.ASCII):
                raise self._error(f"in '{shown}' the comma is not a thousands separator (write 100 or 1,000)")
            digits = digits.replace(",", "")
        pattern = r"\d+" if self.whole else r"(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
        if not re.fullmatch(pattern, digits, re.ASCII):
            kind = "a whole number" if self.whole else ("an amount of money" if self.money else "a number")
            raise self._error(f"the {self.what} '{shown}' is not {kind}")
        try:
            value = Decimal(sign + digits)
        except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
            raise self._error(f"the {self.what} '{shown}' is not a number") from None
        if value < 0 <= self.lo:
            raise self._error(f"the {self.what} cannot be negative ({shown})")
        lo, hi = Decimal(str(self.lo)), Decimal(str(self.hi))
        if not lo <= value <= hi:
            unit = f" {self.unit}" if self.unit else ""
            bound = f"more than {self._fmt(hi)}{unit}" if value > hi else f"less than {self._fmt(lo)}{unit}"
            raise self._error(f"the {self.what} {shown} is {bound}")
        return value

    def __call__(self, text: Any) -> Any:
        value = self.parse(text)
        if self.kind == "int":
            return int(value)
        if self.kind == "float":
            return float(value)
        return str(int(value)) if self.whole else format(value.normalize() if value == value.to_integral() else value, "f")


def year_number(what: str = "year", cite: str | None = None) -> Number:
    """A year inside the calendar's years (the leave year, the tax year)."""
    return Number(what, *calendar_years(), whole=True, kind="int", cite=cite)


# Ranges of amounts a rule makes sense for where the contract itself sets none: no leave balance, pay rate or cost
# the rules are written for comes near these; a value beyond them is a typing mistake, never an answer.
HOURS = Number("number of hours", 0, 3000, "hours")
YEARS_OF_SERVICE = Number("years of service", 0, 80, "years")
PAY_RATE = Number("hourly rate of pay", 0, 1000, "dollars an hour", money=True)


def add_number(p: Any, *flags: str, number: Number, help: str = "", **kw: Any) -> Any:
    """An option read by `number`, its range stated in --help."""
    return p.add_argument(*flags, type=number, help=number.help(help), **kw)


def whole_arg(text: str, number: Number) -> int:
    """A whole number read by `number` from a part of an option ("NAME=N"), or an OutOfRange naming the rule."""
    try:
        return int(number.parse(text))
    except argparse.ArgumentTypeError as exc:
        raise OutOfRange(str(exc)) from None


# -- files -------------------------------------------------------------------------------------------------
MAX_INPUT_BYTES = 1 << 20  # 1 MiB: far above any timesheet, form or contract file; /dev/zero stops here
MAX_CSV_FIELD = 128 * 1024  # the csv module's own field limit (131072 characters)


def read_text(path: Any, what: str, *, limit: int = MAX_INPUT_BYTES, cite: str | None = None) -> str:
    """The UTF-8 text of a file the user gave, read with a size bound; any problem is one InvalidInput line."""
    from ..contract.files import read_text as read

    return read(path, what, limit=limit, error=InvalidInput, cite=cite)


def read_csv_text(path: Any, what: str, *, cite: str | None = None) -> str:
    """read_text for a CSV file, also refusing a field longer than the csv module reads (128 KB) and broken quoting."""
    import csv
    import io

    text = read_text(path, what, cite=cite)
    old = csv.field_size_limit(MAX_CSV_FIELD)
    try:
        for _ in csv.reader(io.StringIO(text), strict=False):
            pass
    except csv.Error as exc:
        raise InvalidInput(f"the {what} {path} cannot be read as CSV: {exc}", cite=cite,
                           fix=f"Keep each field under {MAX_CSV_FIELD // 1024} KB and quote fields that hold commas") from None
    finally:
        csv.field_size_limit(old)
    return text


def write_bytes(path: Any, data: bytes, what: str) -> Path:
    """Write an output file (an .ics calendar, an HTML form); an unusable path is one InvalidInput line."""
    if path is None or not str(path).strip():
        raise InvalidInput(f"the {what} path is empty", fix=f"Give a file name for the {what}")
    if "\x00" in str(path):
        raise InvalidInput(f"the {what} path holds a NUL character", fix=f"Give a file name for the {what}")
    p = Path(str(path))
    if p.is_dir():
        raise InvalidInput(f"{p} is a folder", fix=f"Give a file name for the {what}, e.g. {p / 'out'}")
    if not p.parent.is_dir():
        raise InvalidInput(f"the folder {p.parent} does not exist", fix=f"Create it first, or write the {what} elsewhere")
    if p.exists() and not p.is_file():
        raise InvalidInput(f"{p} is not a regular file (a device or a pipe)", fix=f"Give a file name for the {what}")
    try:
        p.write_bytes(data)
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"cannot write {p}: {getattr(exc, 'strerror', None) or exc}", fix="Choose a folder you can write to") from None
    return p


# -- contract, options, output -----------------------------------------------------------------------------
def pairs_arg(values: list[str] | None, what: str) -> dict[str, str]:
    """Read KEY=VALUE options (interpretations, closures) into a dict."""
    out: dict[str, str] = {}
    for item in values or []:
        key, sep, val = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(f"'{item}' is not {what} of the form KEY=VALUE", fix=f"Write {what} as KEY=VALUE")
        out[key.strip()] = val.strip()
    return out


def load(args: Any):
    """The contract the command works on, with the user's interpretations and closures applied."""
    from ..contract.loading import load_contract

    contract = load_contract(getattr(args, "contract", None))
    interps = pairs_arg(getattr(args, "interpretation", None), "an interpretation")
    if interps:
        contract = contract.with_interpretations(interps)
    closures = {}
    for item in getattr(args, "closure", None) or []:
        day, _, name = item.partition("=")
        closures[date_arg(day)] = name.strip() or "Office closure"
    if closures:
        contract = contract.with_closures(closures)
    return contract


def add_common(p: Any) -> None:
    """Options every contract command accepts."""
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--contract", metavar="FOLDER", help="another bargaining unit's contract folder")
    p.add_argument("--interpretation", "-i", action="append", metavar="ID=CHOICE", help="switch a reading of the text")
    p.add_argument("--closure", action="append", metavar="DATE[=NAME]", help="an office closure to skip (repeatable)")


def print_json(obj: Any) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False, default=str, allow_nan=False))


def print_result(args: Any, result: Any, text: str | None = None) -> int:
    """A result as JSON (--json) or in words (its explanation, or the text given); exit status 0."""
    if args.json:
        from ..safe_date import annotate

        print_json(annotate(load(args), result.to_dict()))  # each deadline with its safe date (issue 16)
    else:
        print(text if text is not None else result.explain())
    return 0
