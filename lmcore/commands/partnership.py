"""`lmcore partnership history|forums|assess|meetings|pdi|report`: the partnership chapter (issue 18) on the command
line — the history with its sources, the contract's forums with the next meeting due, a team's Six Elements
self-assessment, and the office's stored records: forum meetings held, the pre-decisional involvement log and the
annual report (on the shared database: `--db URL`, else $LMCORE_DATABASE_URL, else the per-user file)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from . import add_common, date_arg, load, print_json
from ._partnership_records import DB_HELP as _DB_HELP


def register(sub: Any) -> None:
    p = sub.add_parser("partnership", help="labor-management partnership: history, the forums, self-assessment, meetings, PDI log, annual report")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))

    h = actions.add_parser("history", help="E.O. 12871 (1993) to E.O. 13522 (2009), each document with its source's words")
    h.add_argument("--json", action="store_true", help="print JSON instead of text")
    h.set_defaults(func=run_history)

    f = actions.add_parser("forums", help="every committee and forum of the contract: requirement met? next meeting due?")
    f.add_argument("--held", action="append", metavar="FORUM=DATE[,DATE…]", help="meetings held (repeatable), e.g. department_lmrc=2026-02-10,2026-05-12")
    f.add_argument("--as-of", metavar="DATE", help="the day to judge on (default: today)")
    f.add_argument("--since", metavar="DATE", help="the day the requirements apply from (default: January 1 of the as-of year)")
    f.add_argument("--stored", action="store_true", help="also count the meetings stored with `meetings add` (in --db)")
    f.add_argument("--db", metavar="URL", help=_DB_HELP)
    add_common(f)
    f.set_defaults(func=run_forums)

    a = actions.add_parser("assess", help="a team's Six Elements self-assessment (0–4): scores, weakest element, next steps")
    a.add_argument("--rate", action="append", metavar="ELEMENT=N[,N…]", required=True,
                   help="one rating per member, e.g. launch=3,4 (every element: launch build refine problem_solve grow advance)")
    a.add_argument("--done", action="append", default=[], metavar="LESSON", help="a lesson already in place (repeatable)")
    a.add_argument("--json", action="store_true", help="print JSON instead of text")
    a.set_defaults(func=run_assess)

    from ._partnership_records import register_records

    register_records(actions)



def run_history(args: Any) -> int:
    from ..partnership import timeline

    docs = timeline()
    if args.json:
        print_json([d.to_dict() for d in docs])
        return 0
    for d in docs:
        print(f"{d.when:<15} {d.title}\n{'':<15} {d.summary}\n{'':<15} Source: {'; '.join(d.cited)}. {d.date_basis}")
    return 0


def _pairs(items: list[str] | None, what: str) -> dict[str, list[str]]:
    from ..errors import InvalidInput

    out: dict[str, list[str]] = {}
    for item in items or []:
        key, sep, values = item.partition("=")
        if not sep or not key.strip() or not values.strip():
            raise InvalidInput(f"'{item}' is not {what} of the form NAME=VALUE[,VALUE…]", fix=f"e.g. {what.split()[0]}=1,2")
        out.setdefault(key.strip(), []).extend(v.strip() for v in values.split(",") if v.strip())
    return out


def run_forums(args: Any) -> int:
    from ..partnership import forum_statuses

    contract = load(args)
    held = {k: [date_arg(v) for v in vs] for k, vs in _pairs(args.held, "forum=dates").items()}
    as_of = date_arg(args.as_of) if args.as_of else dt.date.today()
    if args.db and not args.stored:
        from ..errors import InvalidInput

        raise InvalidInput("--db names the stored meetings, but --stored was not given", fix="Add --stored, or leave out --db")
    if args.stored:
        from ..storage.partnership import PartnershipRecords

        records = PartnershipRecords(args.db, contract=contract)
        known = records.forums()
        for m in records.meetings():
            if m.forum in known and m.held is not None and m.held <= as_of and m.held not in held.get(m.forum, []):
                held.setdefault(m.forum, []).append(m.held)
    rows = forum_statuses(held, as_of, contract, since=date_arg(args.since) if args.since else None)
    if args.json:
        print_json([r.to_dict() for r in rows])
    else:
        print("\n".join(r.answer() for r in rows))
    return 0


def run_assess(args: Any) -> int:
    from ..errors import InvalidInput
    from ..partnership import assess

    ratings: dict[str, list[float]] = {}
    for key, values in _pairs(args.rate, "element=ratings").items():
        try:
            ratings[key] = [float(v) for v in values]
        except ValueError:
            raise InvalidInput(f"--rate {key}: the ratings {','.join(values)} are not numbers", fix="Rate from 0 to 4, e.g. launch=3,4") from None
    result = assess(ratings, lessons_done=args.done)
    print_json(result.to_dict()) if args.json else print(result.explain())
    return 0
