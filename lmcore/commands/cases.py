"""`lmcore cases`: the case log — grievances and arbitration cases, the due board across all open cases, the change
history, import/export, backup/restore (Art. 43, Art. 44)."""
from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import add_common, date_arg, load, pairs_arg, print_json, write_bytes
from .grievance import _DATES, add_grievance_options, build

_WHERE = ("The database: --db URL (sqlite:///PATH or postgresql://USER@HOST/DB), else $LMCORE_DATABASE_URL, else "
          "the per-user file --log PATH / $LMCORE_CASELOG / $XDG_DATA_HOME/lmcore/cases.sqlite "
          "(~/.local/share/lmcore/cases.sqlite).")


def register(sub: Any) -> None:
    p = sub.add_parser("cases", help="the case log: grievances and arbitrations, the due board, history (Art. 43, 44)",
                       description=_WHERE)
    _store_options(p, None)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))

    a = actions.add_parser("add", help="record a new case (an id already in the log is refused: use edit)",
                           description="The grievance options of `lmcore grievance` and the case's details. The record "
                                       "is checked (as of --as-of, default today) before it is written.")
    a.add_argument("case_id", metavar="CASE_ID", help="a short id, e.g. 2026-014-smith")
    add_grievance_options(a)
    _detail_options(a, editing=False)
    a.add_argument("--as-of", metavar="DATE", help="check the record as of this day (default: today)")
    _finish(a, run_add)

    e = actions.add_parser("edit", help="change fields of a case (only the options given); --expect-version refuses a "
                                        "case changed by someone else since")
    e.add_argument("case_id", metavar="CASE_ID")
    for opt, dest, text in _DATES:
        e.add_argument(opt, dest=dest, metavar="DATE", default=None, help=text)
    from ..grievance.steps import CONSOLIDATIONS, PATHS

    e.add_argument("--path", choices=PATHS, default=None)
    e.add_argument("--agencies", choices=["single", "multiple"], default=None)
    e.add_argument("--consolidation", choices=CONSOLIDATIONS, default=None)
    e.add_argument("--continuing", action=argparse.BooleanOptionalAction, default=None)
    e.add_argument("--expedited", action=argparse.BooleanOptionalAction, default=None)
    e.add_argument("--waive", action="append", metavar="STEP[=DATE]", help="replaces the waivers (§13.b)")
    e.add_argument("--extend", action="append", metavar="NAME=N|NAME=DATE", help="replaces the extensions (§13.a)")
    e.add_argument("--title", default=None)
    e.add_argument("--clear", action="append", metavar="FIELD", default=[],
                   help="empty a field (a date, steward, official, agency, subject, grievants, articles, waivers, "
                        "extensions, agreed-by, arbitration)")
    _detail_options(e, editing=True)
    e.add_argument("--expect-version", type=int, metavar="N", help="refuse (exit 2) unless the stored version is N")
    e.add_argument("--as-of", metavar="DATE", help="check the record as of this day (default: today)")
    _finish(e, run_edit)

    ls = actions.add_parser("list", help="the cases, by id")
    ls.add_argument("--all", action="store_true", help="also cases that are settled, withdrawn or closed")
    _finish(ls, run_list, contract=False)

    d = actions.add_parser("due", help="the due board: every open case's step at hand — overdue, due in the next 10 "
                                       "workdays, later, projected — with its rule and explanation")
    d.add_argument("--as-of", metavar="DATE", help="the day to judge on (default: today)")
    d.add_argument("--steward", help="only this steward's cases")
    d.add_argument("--path", help="only this grievance path")
    d.add_argument("--article", help="only cases citing this article (e.g. 'Art. 12')")
    d.add_argument("--status", help="only this bucket (overdue, soon, later, projected, undated, problem) or status")
    d.add_argument("--what-if-closure", action="append", metavar="DATE[=NAME]",
                   help="show which open deadlines a new closure would move (not applied)")
    d.add_argument("--what-if", action="append", metavar="ID=CHOICE",
                   help="show which open deadlines a switched reading would move (not applied)")
    d.add_argument("--no-cache", action="store_true", help="compute every row afresh")
    _finish(d, run_due)

    ag = actions.add_parser("agenda", help="one line per open case: the step at hand, next due first (as in lmcore 0.1)")
    ag.add_argument("--as-of", metavar="DATE", help="the day to judge statuses on (default: today)")
    _finish(ag, run_agenda)

    sh = actions.add_parser("show", help="one case: its details, the timeline, its arbitration, its version")
    sh.add_argument("case_id", metavar="CASE_ID")
    sh.add_argument("--as-of", metavar="DATE", help="the day to judge statuses on (default: today)")
    sh.add_argument("--explain", metavar="NAME", help="print the full explanation of one milestone")
    sh.add_argument("--html", metavar="FILE", help="write the one-page printable summary (HTML)")
    _finish(sh, run_show)

    h = actions.add_parser("history", help="every change to a case: field, old → new, when, by whom")
    h.add_argument("case_id", metavar="CASE_ID")
    _finish(h, run_history, contract=False)

    im = actions.add_parser("import", help="add the cases of a .csv (UTF-8) or .xlsx file: all rows or none")
    im.add_argument("file", metavar="FILE")
    im.add_argument("--as-of", metavar="DATE", help="check the records as of this day (default: today)")
    _finish(im, run_import)

    ex = actions.add_parser("export", help="write the cases to .csv or .xlsx, or every open deadline to an .ics feed")
    ex.add_argument("file", metavar="FILE")
    ex.add_argument("--all", action="store_true", help="also closed cases (.csv/.xlsx)")
    ex.add_argument("--as-of", metavar="DATE", help="for .ics: deadlines from this day (default: today)")
    _finish(ex, run_export)

    b = actions.add_parser("backup", help="copy the whole case log to a file (SQLite: online backup; server: JSON export)")
    b.add_argument("file", metavar="FILE")
    _finish(b, run_backup, contract=False)

    r = actions.add_parser("restore", help="replace the whole case log by a backup file (in one transaction)")
    r.add_argument("file", metavar="FILE")
    _finish(r, run_restore, contract=False)

    rm = actions.add_parser("remove", help="delete a case (its history is kept)")
    rm.add_argument("case_id", metavar="CASE_ID")
    rm.add_argument("--expect-version", type=int, metavar="N", help="refuse (exit 2) unless the stored version is N")
    _finish(rm, run_remove, contract=False)

    pn = actions.add_parser("panel", help="the panel rotation fed by the log's invocations: who is next (Art. 44 §1.c)")
    pn.add_argument("--arbitrators", metavar="NAMES", help="the panel, names separated by ';' (default: six example names)")
    pn.add_argument("--effective", metavar="DATE", default="2026-01-01", help="the Agreement's effective date")
    _finish(pn, run_panel)

    sm = actions.add_parser("simulate", help="the hearing scheduling simulator started from the open arbitration cases")
    sm.add_argument("--arbitrators", metavar="NAMES", help="the panel, names separated by ';'")
    sm.add_argument("--dates-per-month", type=int, default=1, metavar="K")
    sm.add_argument("--months", type=int, default=12)
    _finish(sm, run_simulate)


def _store_options(p: Any, default: Any) -> None:
    p.add_argument("--db", metavar="URL", default=default, help="the database (sqlite:///PATH or postgresql://…)")
    p.add_argument("--log", metavar="PATH", default=default, help="the SQLite case log file (as in lmcore 0.1)")
    p.add_argument("--by", metavar="NAME", default=default, help="who makes the change (the JupyterHub user wins)")


def _finish(p: Any, func: Any, contract: bool = True) -> None:
    _store_options(p, argparse.SUPPRESS)  # the same options after the action
    if contract:
        add_common(p)
    else:
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=func)


def _detail_options(p: Any, editing: bool) -> None:
    d = None if editing else ""
    p.add_argument("--grievant", action="append", metavar="NAME", help="a grievant (repeatable)")
    p.add_argument("--steward", default=d, help="the Union steward")
    p.add_argument("--official", default=d, help="the supervisor or agency official")
    p.add_argument("--agency", default=d, help="the DOL Agency")
    p.add_argument("--subject", default=d, help="what the grievance is about")
    p.add_argument("--article", action="append", metavar="CITE", help="an article cited, e.g. 'Art. 12 §3' (repeatable)")
    p.add_argument("--agreed-by", action="append", metavar="TARGET=UNION|AGENCY",
                   help="who signed a §13 waiver or extension, for the Union | for the Agency (repeatable)")
    p.add_argument("--arbitration-kind", choices=["regular", "expedited", "stayed"], default=None)
    p.add_argument("--arbitrator", default=None, help="the arbitrator designated (Art. 44 §1.c)")
    p.add_argument("--record-closed", metavar="DATE", default=None, help="the day the arbitration record closed (§8.e)")
    p.add_argument("--status", choices=["open", "settled", "withdrawn", "closed"], default=None if editing else "open")


# -- the log ----------------------------------------------------------------------------------------
def _log(args: Any) -> Any:
    from ..storage.caselog import CaseLog

    return CaseLog(getattr(args, "db", None) or getattr(args, "log", None))


def _as_of(args: Any) -> dt.date:
    return date_arg(args.as_of) if getattr(args, "as_of", None) else dt.date.today()


def _p(text: Any) -> str:
    from ..storage.records import printable

    return printable(text)


def _signatories(items: list[str] | None, g: Any) -> tuple[Any, ...]:
    from ..errors import InvalidInput
    from ..storage.records import Signatories

    out = []
    waived = {w.step for w in g.waivers}
    for item in items or []:
        target, sep, names = item.partition("=")
        union, _, agency = names.partition("|")
        if not sep or not target.strip():
            raise InvalidInput(f"--agreed-by '{item}' is not TARGET=UNION|AGENCY", cite="Art. 43 §13",
                               fix="e.g. --agreed-by 'step2=Ann Lee|Bo Chen'")
        out.append(Signatories("waiver" if target.strip() in waived else "extension", target.strip(), union.strip(), agency.strip()))
    return tuple(out)


def _arbitration(args: Any, g: Any, old: Any = None) -> Any:
    from ..storage.records import Arbitration

    kind, arbitrator, closed = args.arbitration_kind, args.arbitrator, args.record_closed
    if old is None and kind is None and arbitrator is None and closed is None:
        return None
    base = old or Arbitration("expedited" if g.expedited else "stayed" if g.path == "removal-stay" else "regular")
    return Arbitration(kind or base.kind, base.arbitrator if arbitrator is None else arbitrator,
                       base.record_closed if closed is None else date_arg(closed))


def _check_timeline(case: Any, args: Any) -> Any:
    from ..grievance.engine import timeline

    return timeline(case.grievance, load(args), _as_of(args))  # a record that cannot be computed is refused, not saved


def run_add(args: Any) -> int:
    from ..storage.records import Case, check_case

    g = build(args)
    case = check_case(Case(args.case_id, g, grievants=tuple(args.grievant or ()), steward=args.steward, official=args.official,
                           agency=args.agency, subject=args.subject, articles=tuple(args.article or ()),
                           signatories=_signatories(args.agreed_by, g), arbitration=_arbitration(args, g), status=args.status))
    t = _check_timeline(case, args)
    log = _log(args)
    saved = log.add(case, by=args.by)
    if args.json:
        print_json({"case_id": saved.case_id, "version": saved.version, "replaced": False, "log": log.where,
                    "grievance": saved.grievance.to_mapping(), "case": saved.to_dict()})
        return 0
    m = t.at_hand
    due = f"due {m.due:%a %Y-%m-%d}" if m.due else "no fixed date"
    print(f"Saved case '{_p(saved.case_id)}' (version 1) in {log.where}.")
    print(f"At hand: {m.label} — {due}, {m.status.replace('_', ' ')} ({m.cite}).")
    return 0


def run_edit(args: Any) -> int:
    from ..errors import InvalidInput
    from ..grievance.record import DATE_FIELDS, Grievance

    clear = {c.strip().replace("-", "_") for c in args.clear}
    known = set(DATE_FIELDS) | {"steward", "official", "agency", "subject", "grievants", "articles", "waivers", "extensions",
                                "agreed_by", "arbitration", "title", "consolidation", "arbitrator", "record_closed"}
    if clear - known:
        raise InvalidInput(f"--clear {sorted(clear - known)[0]}: no such field", fix=f"Fields: {', '.join(sorted(known))}")
    log = _log(args)

    def change(case: Any) -> Any:
        from ..storage.records import Arbitration

        g = case.grievance
        if g is None:
            if not args.learned:
                raise InvalidInput(f"the stored record of case '{_p(case.case_id)}' cannot be read ({case.problem}); an "
                                   "edit must give the grievance again", cite="Art. 43", fix="Give at least --learned DATE")
            g = Grievance(learned=date_arg(args.learned))
        values: dict[str, Any] = {}
        for opt, dest, _ in _DATES:
            raw = getattr(args, dest)
            if dest in clear:
                values[dest] = None
            elif raw is not None:
                values[dest] = _rule_date(raw, opt, DATE_FIELDS[dest][1])
        for name in ("path", "agencies", "continuing", "expedited", "title"):
            if getattr(args, name) is not None:
                values[name] = getattr(args, name)
        if args.consolidation is not None or "consolidation" in clear:
            values["consolidation"] = None if "consolidation" in clear else args.consolidation
        if args.waive is not None or "waivers" in clear:
            values["waivers"] = () if "waivers" in clear else build(_Ns(waive=args.waive)).waivers
        if args.extend is not None or "extensions" in clear:
            values["extensions"] = () if "extensions" in clear else build(_Ns(extend=args.extend)).extensions
        if "title" in clear:
            values["title"] = ""
        g = replace(g, **values)
        kw: dict[str, Any] = {}
        for name in ("steward", "official", "agency", "subject", "status"):
            if name in clear:
                kw[name] = ""
            elif getattr(args, name) is not None:
                kw[name] = getattr(args, name)
        if args.grievant is not None or "grievants" in clear:
            kw["grievants"] = () if "grievants" in clear else tuple(args.grievant)
        if args.article is not None or "articles" in clear:
            kw["articles"] = () if "articles" in clear else tuple(args.article)
        signed = case.signatories if args.agreed_by is None else _signatories(args.agreed_by, g)
        terms = {("waiver", w.step) for w in g.waivers} | {("extension", x.milestone) for x in g.extensions}
        kw["signatories"] = () if "agreed_by" in clear else tuple(s for s in signed if (s.kind, s.target) in terms)
        arb = None if "arbitration" in clear else _arbitration(args, g, case.arbitration)
        if arb is not None and ("arbitrator" in clear or "record_closed" in clear):
            arb = Arbitration(arb.kind, "" if "arbitrator" in clear else arb.arbitrator,
                              None if "record_closed" in clear else arb.record_closed)
        new = replace(case, grievance=g, arbitration=arb, **kw)
        _check_timeline(new, args)
        return new

    saved = log.edit(args.case_id, change, by=args.by, expect_version=args.expect_version)
    if args.json:
        print_json({"case_id": saved.case_id, "version": saved.version, "log": log.where, "case": saved.to_dict()})
    else:
        print(f"Saved case '{_p(saved.case_id)}' (now version {saved.version}) in {log.where}.")
    return 0


class _Ns:
    """Just the options `build` reads for waivers and extensions."""

    def __init__(self, waive: Any = None, extend: Any = None):
        self.waive, self.extend = waive, extend
        self.path, self.continuing, self.agencies, self.consolidation, self.expedited, self.title = (
            "employee", False, "single", None, False, "")
        for _, dest, _ in _DATES:
            setattr(self, dest, None)
        self.learned = "2000-01-03"


def _rule_date(text: str, option: str, cite: str) -> dt.date:
    from . import rule_date

    return rule_date(text, option, cite)


def run_list(args: Any) -> int:
    cases = _log(args).cases(open_only=not args.all)
    if args.json:
        print_json([{**c.to_dict(), "saved": c.updated_at} for c in cases])
        return 0
    if not cases:
        print("No cases saved yet. Save one with: lmcore cases add CASE_ID --learned DATE …")
        return 0
    rows = [("Case", "Ver", "Status", "Path", "Learned", "Steward", "Saved", "Title")]
    for c in cases:
        g = c.grievance
        rows.append((_p(c.case_id), str(c.version), c.status, g.path if g else "?", g.learned.isoformat() if g else "?",
                     _p(c.steward), c.updated_at[:16].replace("T", " "), _p(c.title) if g else f"PROBLEM: {_p(c.problem)}"))
    print(_columns(rows))
    return 0


def _contract_with(args: Any, contract: Any) -> Any:
    closures: dict[dt.date, str] = {}
    for item in args.what_if_closure or []:
        day, _, name = item.partition("=")
        closures[date_arg(day)] = name.strip() or "Office closure"
    new = contract.with_closures(closures) if closures else contract
    choices = pairs_arg(args.what_if, "an interpretation")
    return new.with_interpretations(choices) if choices else new


def run_due(args: Any) -> int:
    from ..storage.board import BUCKET_WORDS, deadline_moves, due_board

    as_of, contract, log = _as_of(args), load(args), _log(args)
    board = due_board(log, as_of, contract, steward=args.steward, path=args.path, article=args.article, status=args.status,
                      use_cache=not args.no_cache)
    moves = None
    if args.what_if_closure or args.what_if:
        moves = deadline_moves(log.cases(open_only=True), as_of, contract, _contract_with(args, contract))
    if args.json:
        out = board.to_dict()
        if moves is not None:
            out["moves"] = [m.to_dict() for m in moves]
        print_json(out)
        return 0
    if moves is not None:
        print(f"If the change were applied, {len(moves)} open deadline(s) would move (not applied):")
        for m in moves:
            print(f"  {_p(m.case_id)}: {m.label} {m.old or 'no date'} → {m.new or 'no date'} ({m.cite})")
        print()
    print(f"Due board as of {as_of:%a %Y-%m-%d}: {len(board.rows)} of {board.total} open case(s); "
          f"'soon' = due by {board.soon_until:%a %Y-%m-%d} (the next 10 workdays)")
    for bucket, words in BUCKET_WORDS.items():
        rows = [r for r in board.rows if r.bucket == bucket]
        if not rows:
            continue
        print(f"\n{words} ({len(rows)})")
        table = [("Due", "Case", "What is due", "Who", "Status", "Rule", "Steward")]
        for r in rows:
            if r.problem:
                table.append(("—", _p(r.case_id), f"PROBLEM: {_p(r.problem)}", "", "", "", _p(r.steward)))
            else:
                due = f"{r.due:%a %Y-%m-%d}" if r.due else "any time"
                due += f" (safe {r.safe_due:%a %Y-%m-%d})" if r.safe_due and r.safe_due != r.due else ""
                table.append((due, _p(r.case_id), r.label, r.actor,
                              r.status.replace("_", " "), r.cite, _p(r.steward)))
        print(_columns(table))
    print("\nProjected dates assume each earlier step happens on its last allowed day. Why a date is what it is: "
          "lmcore cases show CASE_ID --explain NAME, or --json here.")
    return 0


def run_agenda(args: Any) -> int:
    from ..storage.board import due_board

    as_of = _as_of(args)
    board = due_board(_log(args), as_of, load(args))
    items = sorted(board.rows, key=lambda r: (3 if r.problem else 0 if r.is_open and r.due else 1 if r.is_open else 2,
                                              r.due if r.is_open and r.due else dt.date.min, r.case_id))
    if args.json:
        print_json({"as_of": as_of.isoformat(), "cases": [r.to_dict() for r in items]})
        return 0
    if not items:
        print("No cases saved yet. Save one with: lmcore cases add CASE_ID --learned DATE …")
        return 0
    rows = [("Due", "Case", "What is due", "Status", "Rule")]
    for i in items:
        if i.problem:
            rows.append(("—", _p(i.case_id), "PROBLEM: the saved record cannot be used (see below)", "", ""))
        else:
            due = f"{i.due:%a %Y-%m-%d}" if i.due else "any time" if i.is_open else "—"
            rows.append((due, _p(i.case_id), i.label, i.status.replace("_", " "), i.cite))
    print(f"Case log agenda as of {as_of:%a %Y-%m-%d} — the step at hand of each case, next due first\n")
    print(_columns(rows))
    for i in items:
        if i.problem:
            print(f"\nProblem with case '{_p(i.case_id)}': {_p(i.problem)}")
    print("\nProjected dates assume each earlier step happens on its last allowed day. "
          "The counting of one case: lmcore cases show CASE_ID --explain NAME.")
    return 0


def run_show(args: Any) -> int:
    from ..arbitration.hearings import milestones as arbitration_milestones
    from ..grievance.engine import timeline
    from ..grievance.report import table
    from ..storage.printing import case_summary_html

    log, contract, as_of = _log(args), load(args), _as_of(args)
    case = log.get(args.case_id)
    g = log.grievance(args.case_id)
    t = timeline(g, contract, as_of)
    sched = None
    if case.arbitration is not None and g.invoked is not None:
        sched = arbitration_milestones(g.invoked, case.arbitration.kind, contract, hearing=g.hearing,
                                       record_closed=case.arbitration.record_closed)
    if args.html is not None:
        write_bytes(args.html, case_summary_html(case, as_of, contract, log.history(case.case_id)).encode("utf-8"),
                    "printable summary (HTML)")
    if args.explain:
        m = t.milestone(args.explain)
        print_json(m.to_dict()) if args.json else print(m.explain())
    elif args.json:
        print_json({"case_id": case.case_id, "version": case.version, "case": case.to_dict(), **t.to_dict(),
                    "arbitration": sched.to_dict() if sched else None})
    else:
        print(f"Case '{_p(case.case_id)}' — version {case.version}, {case.status}; last saved "
              f"{case.updated_at[:19].replace('T', ' ')} UTC by {_p(case.updated_by)}")
        for label, value in (("Grievant(s)", "; ".join(case.grievants)), ("Steward", case.steward),
                             ("Official", case.official), ("Agency", case.agency), ("Articles", "; ".join(case.articles)),
                             ("Subject", case.subject)):
            if value:
                print(f"{label}: {_p(value)}")
        for s in case.signatories:
            print(f"Agreed in writing ({s.kind} of {s.target}): for the Union {_p(s.union) or '?'}, "
                  f"for the Agency {_p(s.agency) or '?'} (Art. 43 §13)")
        print()
        print(_p_lines(table(t)))
        if sched is not None:
            print(f"\nArbitration ({case.arbitration.kind}; arbitrator: {_p(case.arbitration.arbitrator) or 'not recorded'})")
            for m in sched.milestones:
                print(f"  {m.name:<22} {m.due:%a %Y-%m-%d}  {m.cite:<16} {m.deadline.label}")
        if args.html is not None:
            print(f"\nWrote the printable summary to {args.html}.")
    return 0


def _p_lines(text: str) -> str:
    return "\n".join(_p(line) for line in text.split("\n"))


def run_history(args: Any) -> int:
    changes = _log(args).history(args.case_id)
    if args.json:
        print_json([{"field": c.field, "old": c.old, "new": c.new, "at": c.at, "by": c.by} for c in changes])
        return 0
    rows = [("When (UTC)", "Ver", "By", "Field", "Old", "New")]
    for c in changes:
        cut = lambda x: "—" if x is None else (_p(x)[:60] + ("…" if len(x) > 60 else ""))  # noqa: E731
        rows.append((c.at[:19].replace("T", " "), str(c.version), _p(c.by), c.field, cut(c.old), cut(c.new)))
    print(f"History of case '{_p(args.case_id.strip())}'\n")
    print(_columns(rows))
    return 0


def run_import(args: Any) -> int:
    from ..storage.transfer import ImportRefused, cases_from_rows, read_table

    rows = read_table(args.file)
    log = _log(args)
    cases, problems = cases_from_rows(rows, load(args), _as_of(args), set(log.ids()))
    if problems:  # a refusal is one line (issue 14): every bad cell is in it, nothing on stdout
        raise ImportRefused(Path(args.file), problems)
    n = log.add_many(cases, by=args.by) if cases else 0
    if args.json:
        print_json({"imported": n, "problems": [], "log": log.where})
    else:
        print(f"Imported {n} case(s) from {_p(args.file)} into {log.where}.")
    return 0


def run_export(args: Any) -> int:
    from ..storage.transfer import export_cases, ics_feed

    log = _log(args)
    path = Path(args.file)
    if path.suffix.lower() == ".ics":
        cases = log.cases(open_only=True)
        data = ics_feed(cases, _as_of(args), load(args))
        write_bytes(args.file, data, "calendar feed (.ics)")
        n = data.count(b"BEGIN:VEVENT")
        out = {"file": str(path), "events": n, "cases": len(cases)}
    else:
        cases = log.cases(open_only=not args.all)
        export_cases(cases, path)
        out = {"file": str(path), "cases": len(cases)}
    if args.json:
        print_json(out)
    else:
        print(f"Wrote {out.get('events', out['cases'])} {'open deadline(s)' if 'events' in out else 'case(s)'} to {path}.")
    return 0


def run_backup(args: Any) -> int:
    log = _log(args)
    dest = log.db.backup(args.file)
    n = len(log.ids())
    if args.json:
        print_json({"file": str(dest), "cases": n, "format": "sqlite" if log.db.backend == "sqlite" and dest.suffix != ".json" else "json"})
    else:
        print(f"Backed up {n} case(s) from {log.where} to {dest}.")
    return 0


def run_restore(args: Any) -> int:
    log = _log(args)
    counts = log.db.restore(args.file)
    if args.json:
        print_json({"file": args.file, "rows": counts, "cases": counts.get("caselog_cases", 0)})
    else:
        print(f"Restored {counts.get('caselog_cases', 0)} case(s) into {log.where} from {args.file} (everything else replaced).")
    return 0


def run_remove(args: Any) -> int:
    log = _log(args)
    gone = log.remove(args.case_id, by=args.by, expect_version=args.expect_version)
    if args.json:
        print_json({"case_id": gone.case_id, "removed": True, "version": gone.version})
    else:
        print(f"Removed case '{_p(gone.case_id)}' from {log.where} (its history is kept).")
    return 0


def _names(args: Any, contract: Any) -> list[str]:
    from ..arbitration.panel import example_names

    return [n for n in (args.arbitrators.split(";") if args.arbitrators else example_names(contract)) if n.strip()]


def run_panel(args: Any) -> int:
    from ..storage.arbitration import rotation

    contract = load(args)
    rot = rotation(_log(args).cases(), _names(args, contract), date_arg(args.effective), contract)
    if args.json:
        print_json(rot.to_dict())
        return 0
    print(f"Panel rotation from the case log's {len(rot.designations)} invocation(s), in order of receipt (Art. 44 §1.c):")
    for d in rot.designations:
        rec = rot.recorded.get(d.case_id)
        note = "" if not rec or rec.casefold() == d.arbitrator.casefold() else f"  (the log records {_p(rec)})"
        print(f"  {d.received:%Y-%m-%d}  {_p(d.case_id)}: {d.arbitrator} ({d.roster} roster, no. {d.position}){note}")
    print(f"Next: regular roster {rot.next_arbitrator('regular')}; expedited roster {rot.next_arbitrator('expedited')}.")
    return 0


def run_simulate(args: Any) -> int:
    from ..arbitration.caseload import SimConfig
    from ..arbitration.panel import make_panel
    from ..arbitration.simulator import simulate
    from ..storage.arbitration import open_caseload

    contract, cases = load(args), _log(args).cases()
    inv = open_caseload(cases)
    start = (min(inv.invoked).item() if len(inv) else dt.date.today()).replace(day=1)
    cfg = SimConfig(months=args.months, start=start, dates_per_month=args.dates_per_month).checked()
    result = simulate(cfg, contract, panel=make_panel(_names(args, contract), start, contract), cases=inv)
    if args.json:
        print_json(result.to_dict(include_cases=True))
    else:
        print(f"Scheduling simulator started from the {len(inv)} open arbitration case(s) of the case log:")
        print(result.summary())
    return 0


def _columns(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)
