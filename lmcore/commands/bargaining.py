"""`lmcore bargaining --received DATE --kind space|organizational_change --level agency|department`: the bargaining dates."""
from __future__ import annotations

from typing import Any

from . import Number, add_common, add_number, load, print_json, rule_date

AGREED_DAYS = Number("agreed time frame", 0, 10_000, "days", whole=True, cite="Art. 36 §4")
AGENCIES = Number("number of Agencies affected", 0, 1_000, "Agencies", whole=True, kind="int", cite="Art. 35 §5.e")
OSEC = Number("number of Office of the Secretary components affected", 0, 1_000, "components", whole=True, kind="int", cite="Art. 35 §3")


def register(sub: Any) -> None:
    p = sub.add_parser("bargaining", help="dates to request and hold negotiations after a final space plan or organizational change (Art. 29, 35, 36)")
    p.add_argument("--received", required=True, metavar="DATE", help="date the Union received the final plan, YYYY-MM-DD")
    p.add_argument("--kind", choices=["space", "organizational_change"], default="space", help="final space plan (Art. 29 §4.a) or organizational change (Art. 35 §5.d)")
    p.add_argument("--level", choices=["agency", "department"], help="one Agency (Art. 36 §3) or more than one (Art. 35 §5.e, Art. 36 §2); "
                   "default agency, or the level --agencies gives")
    p.add_argument("--requested-on", metavar="DATE", help="date the Union asked to negotiate")
    p.add_argument("--start", metavar="DATE", help="scheduled start of negotiations")
    p.add_argument("--agreed", action="append", metavar="RULE=DAYS", help=f"a time frame the parties changed (Art. 36 §4); DAYS or 'waived' [DAYS: {AGREED_DAYS.describe()}]")
    g = p.add_argument_group("which level (Art. 35 §3, §5.e; Art. 36 §2.a, §3)")
    add_number(g, "--agencies", number=AGENCIES, metavar="N",
               help="number of DOL Agencies the change affects, not counting Office of the Secretary components")
    add_number(g, "--osec-components", number=OSEC, metavar="N", default=0,
               help="number of Office of the Secretary components it affects (they count as one Agency, Art. 35 §3)")
    g = p.add_argument_group("Departmental sessions (Art. 36 §2.a: quarterly, on a day the contract does not set)")
    g.add_argument("--session", action="append", metavar="DATE", help="a scheduled Departmental session (repeatable): the item goes to the first it can make")
    g.add_argument("--session-day", metavar="PATTERN", help="the sessions' meeting day, e.g. '2nd Monday of month 2' (of each quarter); "
                   "without it lmcore assumes that one and marks the dates assumed")
    g.add_argument("--ratified", metavar="DATE", help="ratification date of the Agreement: sessions are counted from its effective date, "
                   "as in lmcore contract-calendar")
    g.add_argument("--last-session", metavar="DATE", help="the last Departmental session held: the next one is counted from it")
    add_common(p)
    p.set_defaults(func=run)


def run(args: Any) -> int:
    from ..bargaining.committees import MeetingPattern, given_meeting
    from ..bargaining.duration import effective_date
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
    sessions = tuple(given_meeting(rule_date(d, "scheduled session", "Art. 36 §2.a"), "departmental_bargaining", contract)
                     for d in args.session) if args.session else None
    effective = effective_date(rule_date(args.ratified, "ratification date", "Art. 47 §1"), contract).due if args.ratified else None
    agencies, osec = args.agencies, args.osec_components
    result = plan(rule_date(args.received, "date the final plan was received", cite), args.kind, args.level, contract,
                  requested_on=rule_date(args.requested_on, "request date", cite) if args.requested_on else None,
                  start=rule_date(args.start, "start of negotiations", "Art. 36 §3" if args.level == "agency" else "Art. 36 §2.b") if args.start else None,
                  agreements=tuple(agreements), sessions=sessions, agencies=agencies, osec_components=osec,
                  effective=effective, last_session=rule_date(args.last_session, "last session", "Art. 36 §2.a") if args.last_session else None,
                  session_pattern=MeetingPattern.parse(args.session_day) if args.session_day else None)
    if args.json:
        from ..safe_date import annotate

        print_json(annotate(contract, result.to_dict(contract)))
    else:
        print(result.explain(contract))
    return 0
