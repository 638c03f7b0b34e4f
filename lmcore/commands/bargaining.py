"""`lmcore bargaining --received DATE --kind space|organizational_change --level agency|department`: the bargaining dates."""
from __future__ import annotations

from typing import Any

from . import Number, add_common, load, print_json, rule_date

AGREED_DAYS = Number("agreed time frame", 0, 10_000, "days", whole=True, cite="Art. 36 §4")


def register(sub: Any) -> None:
    p = sub.add_parser("bargaining", help="dates to request and hold negotiations after a final space plan or organizational change (Art. 29, 35, 36)")
    p.add_argument("--received", required=True, metavar="DATE", help="date the Union received the final plan, YYYY-MM-DD")
    p.add_argument("--kind", choices=["space", "organizational_change"], default="space", help="final space plan (Art. 29 §4.a) or organizational change (Art. 35 §5.d)")
    p.add_argument("--level", choices=["agency", "department"], default="agency", help="one Agency (Art. 36 §3) or more than one (Art. 35 §5.e, Art. 36 §2)")
    p.add_argument("--requested-on", metavar="DATE", help="date the Union asked to negotiate")
    p.add_argument("--start", metavar="DATE", help="scheduled start of negotiations")
    p.add_argument("--agreed", action="append", metavar="RULE=DAYS", help=f"a time frame the parties changed (Art. 36 §4); DAYS or 'waived' [DAYS: {AGREED_DAYS.describe()}]")
    add_common(p)
    p.set_defaults(func=run)


def run(args: Any) -> int:
    from ..bargaining.negotiations import Agreement, plan
    from ..errors import InvalidInput
    from . import pairs_arg, whole_arg

    contract = load(args)
    agreements = []
    for rule, days in pairs_arg(args.agreed, "an agreed time frame").items():
        contract.param(rule)
        if days.lower() == "waived":
            agreements.append(Agreement(rule))
        elif days.isascii() and days.isdigit():
            agreements.append(Agreement(rule, whole_arg(days, AGREED_DAYS)))
        else:
            raise InvalidInput(f"'{days}' is not a number of days or 'waived'", cite="Art. 36 §4", fix="Write RULE=DAYS, e.g. bargaining.agency_negotiations_start=20")
    cite = "Art. 29 §4.a" if args.kind == "space" else "Art. 35 §5.d"
    result = plan(rule_date(args.received, "date the final plan was received", cite), args.kind, args.level, contract,
                  requested_on=rule_date(args.requested_on, "request date", cite) if args.requested_on else None,
                  start=rule_date(args.start, "start of negotiations", "Art. 36 §3" if args.level == "agency" else "Art. 36 §2.b") if args.start else None,
                  agreements=tuple(agreements))
    if args.json:
        print_json(result.to_dict(contract))
    else:
        print(result.explain(contract))
    return 0

