"""`lmcore contract-calendar --ratified DATE`: every recurring date of the Agreement for N years (text, JSON or ICS)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import add_common, load, print_json, rule_date


def register(sub: Any) -> None:
    p = sub.add_parser("contract-calendar", help="every recurring date of the contract from the ratification date (Art. 47, 44 §1.d, 35, 36)")
    p.add_argument("--ratified", required=True, metavar="DATE", help="date the Union membership ratified the Agreement, YYYY-MM-DD")
    p.add_argument("--years", metavar="N", help="contract years to show from the effective date (default: the term, Art. 47 §2)")
    p.add_argument("--ics", metavar="FILE", help="also write the dates to an iCalendar file (Outlook, Google)")
    p.add_argument("--meeting-day", action="append", metavar="COMMITTEE=PATTERN",
                   help="the day a quarterly committee meets, e.g. department_lmrc='2nd Tuesday of month 1' (committees: department_lmrc, "
                        "agency_lmrc, departmental_bargaining). The contract sets no day: without this lmcore assumes one, and every "
                        "date resting on it is marked assumed")
    add_common(p)
    p.set_defaults(func=run)


def run(args: Any) -> int:
    from ..bargaining.contract_calendar import MAX_YEARS, contract_calendar
    from ..errors import InvalidInput
    from ..subsidies import _whole

    contract = load(args)
    years = _whole(args.years, "number of contract years", "Art. 47 §2", lo=1) if args.years is not None else None
    if years is not None and years > MAX_YEARS:
        raise InvalidInput(f"{years} contract years is more than the {MAX_YEARS} this calendar shows", cite="Art. 47 §2", fix=f"Give 1 to {MAX_YEARS}")
    cal = contract_calendar(rule_date(args.ratified, 'ratification date', 'Art. 47 §1'), contract, years, _patterns(args.meeting_day))
    if args.ics:
        try:
            Path(args.ics).write_bytes(cal.to_ics())
        except OSError as exc:
            raise InvalidInput(f"cannot write {args.ics}: {exc.strerror}", fix="Give a file in a folder you can write to") from None
    if args.json:
        print_json(cal.to_dict())
    else:
        print(cal.text())
    return 0



def _patterns(items: list[str] | None) -> dict[str, Any]:
    from ..bargaining.committees import MeetingPattern
    from . import pairs_arg

    return {key: MeetingPattern.parse(text) for key, text in pairs_arg(items, "a meeting day").items()}
