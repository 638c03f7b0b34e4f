"""Subcommands of `lmcore`. Each module has register(subparsers); shared helpers live here."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..errors import InvalidDate, InvalidInput


def date_arg(text: str) -> dt.date:
    """Read a YYYY-MM-DD date from the command line, or raise a clear InvalidDate."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidDate(f"'{text}' is not a real calendar date", fix="Write it as YYYY-MM-DD, e.g. 2026-11-18") from None


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
    print(json.dumps(obj, indent=2, ensure_ascii=False, default=str))


def rule_date(text: str, what: str, cite: str) -> dt.date:
    """A YYYY-MM-DD date from the command line; a bad one is an InvalidDate that names the rule it feeds."""
    try:
        return date_arg(text)
    except InvalidDate as exc:
        raise InvalidDate(f"{exc.what} (the {what})", cite=cite, fix=exc.fix) from None


def print_result(args: Any, result: Any, text: str | None = None) -> int:
    """A result as JSON (--json) or in words (its explanation, or the text given); exit status 0."""
    if args.json:
        print_json(result.to_dict())
    else:
        print(text if text is not None else result.explain())
    return 0
