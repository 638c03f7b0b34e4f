"""`lmcore contract-calendar --ratified DATE`: every recurring date of the Agreement for N years (text, JSON or ICS)."""
from __future__ import annotations

from typing import Any

from . import Number, add_common, add_number, load, print_json, rule_date, write_bytes


def register(sub: Any) -> None:
    from ..bargaining.contract_calendar import MAX_YEARS

    p = sub.add_parser("contract-calendar", help="every recurring date of the contract from the ratification date (Art. 47, 44 §1.d, 35, 36)")
    p.add_argument("--ratified", required=True, metavar="DATE", help="date the Union membership ratified the Agreement, YYYY-MM-DD")
    add_number(p, "--years", number=Number("number of contract years", 1, MAX_YEARS, "years", whole=True, cite="Art. 47 §2"), default="3", metavar="N",
               help="contract years to show from the effective date (default 3, the term)")
    p.add_argument("--ics", metavar="FILE", help="also write the dates to an iCalendar file (Outlook, Google)")
    add_common(p)
    p.set_defaults(func=run)


def run(args: Any) -> int:
    from ..bargaining.contract_calendar import MAX_YEARS, contract_calendar
    from ..errors import InvalidInput
    from ..subsidies import _whole

    contract = load(args)
    years = _whole(args.years, "number of contract years", "Art. 47 §2", lo=1)
    if years > MAX_YEARS:
        raise InvalidInput(f"{years} contract years is more than the {MAX_YEARS} this calendar shows", cite="Art. 47 §2", fix=f"Give 1 to {MAX_YEARS}")
    cal = contract_calendar(rule_date(args.ratified, 'ratification date', 'Art. 47 §1'), contract, years)
    if args.ics is not None:
        write_bytes(args.ics, cal.to_ics(), "calendar file")
    if args.json:
        print_json(cal.to_dict())
    else:
        print(cal.text())
    return 0

