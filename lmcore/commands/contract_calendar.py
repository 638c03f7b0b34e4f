"""`lmcore contract-calendar --ratified DATE`: every recurring date of the Agreement for N years (text, JSON or ICS)."""
from __future__ import annotations

from typing import Any

from . import Number, add_common, add_number, load, print_json, rule_date, write_bytes


def register(sub: Any) -> None:
    from ..bargaining.contract_calendar import MAX_YEARS

    p = sub.add_parser("contract-calendar", help="every recurring date of the contract from the ratification date (Art. 47, 44 §1.d, 35, 36)")
    p.add_argument("--ratified", required=True, metavar="DATE", help="date the Union membership ratified the Agreement, YYYY-MM-DD")
    add_number(p, "--years", number=Number("number of contract years", 1, MAX_YEARS, "years", whole=True, cite="Art. 47 §2"), metavar="N",
               help="contract years to show from the effective date (default: the term, Art. 47 §2)")
    p.add_argument("--ics", metavar="FILE", help="also write the dates to an iCalendar file (Outlook, Google)")
    p.add_argument("--meeting-day", action="append", metavar="COMMITTEE=PATTERN",
                   help="the day a quarterly committee meets, e.g. department_lmrc='2nd Tuesday of month 1' (committees: department_lmrc, "
                        "agency_lmrc, departmental_bargaining). The contract sets no day: without this lmcore assumes one, and every "
                        "date resting on it is marked assumed")
    add_common(p)
    p.set_defaults(func=run)


def run(args: Any) -> int:
    from ..bargaining.contract_calendar import contract_calendar

    contract = load(args)
    years = int(args.years) if args.years is not None else None
    cal = contract_calendar(rule_date(args.ratified, 'ratification date', 'Art. 47 §1'), contract, years, _patterns(args.meeting_day))
    if args.ics is not None:
        write_bytes(args.ics, cal.to_ics(), "calendar file")
    if args.json:
        print_json(cal.to_dict())
    else:
        print(cal.text())
    return 0



def _patterns(items: list[str] | None) -> dict[str, Any]:
    from ..bargaining.committees import MeetingPattern
    from . import pairs_arg

    return {key: MeetingPattern.parse(text) for key, text in pairs_arg(items, "a meeting day").items()}
