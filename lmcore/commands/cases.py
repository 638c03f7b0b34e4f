"""`lmcore cases`: a steward's case log — save grievances once, then see across all of them which deadline is next."""
from __future__ import annotations

import datetime as dt
from typing import Any

from . import add_common, date_arg, load, print_json
from .grievance import add_grievance_options, build


def register(sub: Any) -> None:
    p = sub.add_parser("cases", help="your grievance case log: save grievances, see the next deadline of each (Art. 43)",
                       description="The log is one file per user: --log PATH, else $LMCORE_CASELOG, else "
                                   "$XDG_DATA_HOME/lmcore/cases.sqlite (~/.local/share/lmcore/cases.sqlite).")
    p.add_argument("--log", metavar="PATH", help="the case log file (default: your own, see above)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = actions.add_parser("add", help="save a grievance under a case name (replaces a case of that name)",
                           description="The same options as `lmcore grievance`. The record is checked (as of "
                                       "--as-of, default today) before it is saved.")
    a.add_argument("case_id", metavar="CASE_ID", help="your short name for the case, e.g. 2026-014-smith")
    add_grievance_options(a)
    a.add_argument("--as-of", metavar="DATE", help="check the record as of this day (default: today)")
    add_common(a)
    a.set_defaults(func=run_add)

    ls = actions.add_parser("list", help="the saved cases")
    ls.add_argument("--json", action="store_true", help="print JSON instead of text")
    ls.set_defaults(func=run_list)

    ag = actions.add_parser("agenda", help="one line per case: the step at hand, due date, status and rule, next first")
    ag.add_argument("--as-of", metavar="DATE", help="the day to judge statuses on (default: today)")
    add_common(ag)
    ag.set_defaults(func=run_agenda)

    sh = actions.add_parser("show", help="the full timeline of one saved case (like `lmcore grievance`)")
    sh.add_argument("case_id", metavar="CASE_ID")
    sh.add_argument("--as-of", metavar="DATE", help="the day to judge statuses on (default: today)")
    sh.add_argument("--explain", metavar="NAME", help="print the full explanation of one milestone")
    add_common(sh)
    sh.set_defaults(func=run_show)

    rm = actions.add_parser("remove", help="delete a case from the log")
    rm.add_argument("case_id", metavar="CASE_ID")
    rm.set_defaults(func=run_remove)


def _log(args: Any) -> Any:
    from ..storage.caselog import CaseLog

    return CaseLog(args.log)


def _as_of(args: Any) -> dt.date:
    return date_arg(args.as_of) if args.as_of else dt.date.today()


def run_add(args: Any) -> int:
    from ..storage.caselog import check_case_id
    from ..grievance.engine import timeline

    case_id = check_case_id(args.case_id)
    g = build(args)
    t = timeline(g, load(args), _as_of(args))  # a record that cannot be computed is refused, not saved
    log = _log(args)
    replaced = case_id in log.ids()
    log.save(case_id, g)
    if args.json:
        print_json({"case_id": case_id, "replaced": replaced, "log": str(log.path), "grievance": g.to_mapping()})
        return 0
    m = t.at_hand
    due = f"due {m.due:%a %Y-%m-%d}" if m.due else "no fixed date"
    print(f"{'Replaced' if replaced else 'Saved'} case '{case_id}' in {log.path}.")
    print(f"At hand: {m.label} — {due}, {m.status.replace('_', ' ')} ({m.cite}).")
    return 0


def run_list(args: Any) -> int:
    entries = _log(args).cases()
    if args.json:
        print_json([{"case_id": e.case_id, "title": e.title, "saved": e.saved.isoformat() if e.saved else None,
                     "grievance": e.grievance.to_mapping() if e.grievance else None, "problem": e.problem}
                    for e in entries])
        return 0
    if not entries:
        print("No cases saved yet. Save one with: lmcore cases add CASE_ID --learned DATE …")
        return 0
    rows = [("Case", "Path", "Learned", "Saved", "Title")]
    for e in entries:
        g = e.grievance
        rows.append((e.case_id, g.path if g else "?", g.learned.isoformat() if g else "?",
                     e.saved.strftime("%Y-%m-%d %H:%M") if e.saved else "", e.title if g else f"PROBLEM: {e.problem}"))
    print(_columns(rows))
    return 0


def run_agenda(args: Any) -> int:
    as_of = _as_of(args)
    items = _log(args).agenda(as_of, load(args))
    if args.json:
        print_json({"as_of": as_of.isoformat(), "cases": [i.to_dict() for i in items]})
        return 0
    if not items:
        print("No cases saved yet. Save one with: lmcore cases add CASE_ID --learned DATE …")
        return 0
    rows = [("Due", "Case", "What is due", "Status", "Rule")]
    problems = [i for i in items if i.problem]
    for i in items:
        if i.problem:
            rows.append(("—", i.case_id, "PROBLEM: the saved record cannot be used (see below)", "", ""))
        else:
            due = f"{i.due:%a %Y-%m-%d}" if i.due else "any time" if i.is_open else "—"
            rows.append((due, i.case_id, i.label, i.status.replace("_", " "), i.cite))
    print(f"Case log agenda as of {as_of:%a %Y-%m-%d} — the step at hand of each case, next due first\n")
    print(_columns(rows))
    for i in problems:
        print(f"\nProblem with case '{i.case_id}': {i.problem}")
    print("\nProjected dates assume each earlier step happens on its last allowed day. "
          "The counting of one case: lmcore cases show CASE_ID --explain NAME.")
    return 0


def run_show(args: Any) -> int:
    from ..grievance.engine import timeline
    from ..grievance.report import table

    t = timeline(_log(args).get(args.case_id), load(args), _as_of(args))
    if args.explain:
        m = t.milestone(args.explain)
        print_json(m.to_dict()) if args.json else print(m.explain())
    elif args.json:
        print_json({"case_id": args.case_id.strip(), **t.to_dict()})
    else:
        print(f"Case '{args.case_id.strip()}'\n")
        print(table(t))
    return 0


def run_remove(args: Any) -> int:
    log = _log(args)
    log.remove(args.case_id)
    print(f"Removed case '{args.case_id.strip()}' from {log.path}.")
    return 0


def _columns(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)
