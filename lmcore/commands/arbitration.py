"""`lmcore arbitration`: an invoked case's milestones (Art. 44 §3, §5, §8, §9), and sub-commands for the
scheduling simulator (`simulate`), the panel and its rotation (`panel`), the strike procedure (`strike`) and
the cost split (`costs`).
"""
from __future__ import annotations

from typing import Any

from ..errors import InvalidInput
from . import Number, add_common, add_number, date_arg, load, optional_date, print_json

SEED = Number("seed", 0, 2**32 - 1, whole=True, kind="int")
FEE = Number("amount", 0, 1_000_000, "dollars", money=True, cite="Art. 44 §2")
SUSPENSION_DAYS = Number("length of the suspension", 1, 10_000, "days", whole=True, kind="int", cite="Art. 44 §7.b(1)")


def register(sub: Any) -> None:
    p = sub.add_parser("arbitration", help="arbitration deadlines, panel rotation, strikes, costs and the scheduling simulator",
                       description="Milestones of an invoked case: lmcore arbitration --invoked DATE --kind regular|expedited|stayed")
    p.add_argument("--invoked", metavar="DATE", help="the day arbitration was invoked (YYYY-MM-DD)")
    p.add_argument("--kind", choices=["regular", "expedited", "stayed"], help="regular (§3.c), stayed removal (§3.d), expedited (§3.e)")
    p.add_argument("--hearing", metavar="DATE", help="the scheduled hearing date, if set")
    p.add_argument("--record-closed", metavar="DATE", help="regular/stayed: the day the record closed (§8.e)")
    p.add_argument("--subject", action="append", metavar="SUBJECT", help="what the grievance is about (§7.b, §7.d); repeatable")
    p.add_argument("--mutual-consent", action="store_true", help="both parties agree to expedited arbitration (§7.c)")
    add_number(p, "--suspension-days", number=SUSPENSION_DAYS, metavar="N", help="a suspension grieved, in days: expedited up to the limit of §7.b(1)")
    add_common(p)
    p.set_defaults(func=run_milestones)
    subs = p.add_subparsers(dest="arbitration_command", metavar="{simulate,panel,strike,costs}", parser_class=type(p))
    _register_simulate(subs)
    _register_panel(subs)
    _register_strike(subs)
    _register_costs(subs)


def run_milestones(args: Any) -> int:
    from ..arbitration.kinds import classify
    from ..arbitration.hearings import milestones

    contract = load(args)
    if not args.invoked:
        raise InvalidInput("give the invocation date (--invoked YYYY-MM-DD)", cite="Art. 43 §10",
                           fix="e.g. lmcore arbitration --invoked 2026-11-18 --kind regular --json")
    days = args.suspension_days
    case_type = classify(args.subject or [], contract, mutual_consent=args.mutual_consent, stayed=args.kind == "stayed",
                         suspension_days=days) if args.subject or days is not None else None
    kind = args.kind or (case_type.kind if case_type else None)
    if kind is None:
        raise InvalidInput("say which kind of arbitration (--kind) or what it is about (--subject)", cite="Art. 44 §7",
                           fix="Add --kind regular, expedited or stayed")
    if case_type is not None and case_type.kind != kind:
        raise InvalidInput(f"a case about {', '.join(s.id for s in case_type.subjects)} is {case_type.kind}, not {kind}",
                           cite=case_type.reasons[-1][1], fix=f"Use --kind {case_type.kind}" +
                           (" or add --mutual-consent" if kind == "expedited" and case_type.reasons[-1][1] == "Art. 44 §7.c" else ""))
    sched = milestones(date_arg(args.invoked), kind, contract,
                       hearing=optional_date(args.hearing), record_closed=optional_date(args.record_closed))
    if args.json:
        out = sched.to_dict()
        if case_type is not None:
            out["case_type"] = {"kind": case_type.kind, "subjects": [s.id for s in case_type.subjects],
                                "reasons": [{"text": w, "cite": c} for w, c in case_type.reasons]}
        print_json(out)
    else:
        print(f"{kind.capitalize()} arbitration invoked {sched.invoked.isoformat()} ({sched.roster} roster)")
        safe = any(m.safe_due != m.due for m in sched.milestones)  # the "safe" column only when a safe date differs
        for m in sched.milestones:
            status = "" if m.on_time is None else ("  (hearing on time)" if m.on_time else "  (hearing LATE)")
            status += "" if m.feasible else "  (due before the invocation: cannot be met)"
            col = (f"safe {m.safe_due.strftime('%a %Y-%m-%d')}  " if m.safe_due != m.due else " " * 20) if safe else ""
            print(f"{m.name:<22} {m.due.strftime('%a %Y-%m-%d')}  {col}{m.cite:<16} {m.deadline.label}{status}")
        for m in sched.milestones:
            if m.safe_due != m.due and m.safe is not None:
                print(f"{m.name}: {m.safe.words}")
        for f in sched.flaws:
            print(f"Note: {f}")
    return 0


def _register_simulate(subs: Any) -> None:
    s = subs.add_parser("simulate", help="simulate monthly scheduling of arbitration hearings (§3.a, §3.b)")
    add_number(s, "--months", number=Number("number of months", 1, 240, "months", whole=True, kind="int"), default=12,
               help="months of invocations (default 12)")
    add_number(s, "--seed", number=SEED, default=0, help="seed of the synthetic invocations (default 0)")
    rate = Number("rate", 0, 1000, "cases a month", kind="float")
    add_number(s, "--rate-regular", number=rate, default=4.0, metavar="R", help="regular cases a month (default 4)")
    add_number(s, "--rate-expedited", number=rate, default=2.0, metavar="R", help="expedited cases a month (default 2)")
    add_number(s, "--rate-stayed", number=rate, default=0.0, metavar="R", help="stayed removal cases a month (default 0)")
    add_number(s, "--dates-per-month", number=Number("reserved dates a month", 1, 23, "dates", whole=True, kind="int", cite="Art. 44 §3.a"),
               default=1, metavar="K", help="reserved dates a month per arbitrator (default 1; at most one per workday)")
    s.add_argument("--policy", choices=["exact", "edf"], default="exact", help="assignment at the meeting (default exact)")
    s.add_argument("--placement", choices=["rotation", "spread"], default="rotation", help="where reserved dates fall")
    s.add_argument("--start", metavar="DATE", default="2027-01-01", help="first month simulated (default 2027-01)")
    add_number(s, "--target", number=Number("on-time share", 0, 1, kind="float"), default=0.95,
               help="on-time share for the capacity answer (default 0.95)")
    s.add_argument("--cases", action="store_true", help="also list every case with its hearing and milestones")
    add_common(s)
    s.set_defaults(func=run_simulate)


def run_simulate(args: Any) -> int:
    from dataclasses import replace

    from ..arbitration.caseload import SimConfig, synthetic_invocations
    from ..arbitration.capacity import capacity, compare_policies

    contract = load(args)
    cfg = SimConfig(months=args.months, seed=args.seed, rate_regular=args.rate_regular, rate_expedited=args.rate_expedited,
                    rate_stayed=args.rate_stayed, dates_per_month=args.dates_per_month, start=date_arg(args.start),
                    placement=args.placement, policy=args.policy).checked()
    cases = synthetic_invocations(cfg, contract)
    both = compare_policies(cfg, contract, cases=cases)
    main, other = (both.exact, both.edf) if cfg.policy == "exact" else (both.edf, both.exact)
    cap = capacity(replace(cfg), contract, target=args.target, cases=cases)
    if args.json:
        out = main.to_dict(include_cases=args.cases)
        out["baseline_edf" if cfg.policy == "exact" else "exact"] = {
            "on_time_share": round(float(other.on_time.mean()), 4) if len(other.hearing) else None,
            "by_kind": [s.to_dict() for s in other.stats()]}
        out["difference_on_time"] = both.difference()
        out["capacity"] = cap.to_dict()
        print_json(out)
    else:
        print(main.summary())
        print(other.summary())
        print("Exact minus EDF, hearings on time: " + ", ".join(f"{k} {v:+d}" for k, v in both.difference().items()))
        print(cap.explain())
    return 0


def _register_panel(subs: Any) -> None:
    s = subs.add_parser("panel", help="the panel, both rosters and the rotation pointer; removals and replacements (§1)")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--effective", metavar="DATE", help="the Agreement's effective date")
    g.add_argument("--ratified", metavar="DATE", help="the ratification date (the Agreement takes effect as Art. 47 §1 says)")
    s.add_argument("--arbitrators", metavar="NAMES", help="the panel, names separated by ';' (default: six example names)")
    add_number(s, "--size", number=Number("panel size", 1, 100, "arbitrators", whole=True, kind="int", cite="Art. 44 §1.a"),
               help="panel size if the parties agreed another number (§1.a)")
    s.add_argument("--invocation", action="append", metavar="KIND:DATE", help="designate a case received that day (§1.c)")
    s.add_argument("--remove", metavar="NAME", help="arbitrator a party removes (§1.d)")
    s.add_argument("--notice", metavar="DATE", help="the day the removal notice was given")
    s.add_argument("--by", choices=["union", "department"], default="union", help="the party removing (default union)")
    s.add_argument("--replace-with", metavar="NAME", help="the replacement agreed on (§1.e)")
    s.add_argument("--agreed", metavar="DATE", help="the day the replacement was agreed")
    s.add_argument("--as-of", metavar="DATE", help="show the rosters on this day (default: the last event)")
    add_common(s)
    s.set_defaults(func=run_panel)


def run_panel(args: Any) -> int:
    from ..bargaining.duration import effective_date
    from ..arbitration.panel import example_names, make_panel

    if args.notice and not args.remove:
        raise InvalidInput("--notice is the day a removal notice was given: say who is removed (--remove NAME)", cite="Art. 44 §1.d",
                           fix="Add --remove NAME, or leave out --notice")
    if args.agreed and not args.replace_with:
        raise InvalidInput("--agreed is the day a replacement was agreed: say who replaces (--replace-with NAME)", cite="Art. 44 §1.e",
                           fix="Add --replace-with NAME, or leave out --agreed")
    contract = load(args)
    eff = date_arg(args.effective) if args.effective else effective_date(date_arg(args.ratified), contract).due
    names = [n for n in (args.arbitrators.split(";") if args.arbitrators else example_names(contract)) if n.strip()]
    panel = make_panel(names, eff, contract, size=args.size)
    out: dict[str, Any] = {"effective": eff.isoformat()}
    days = [eff]
    if args.remove:
        if not args.notice:
            raise InvalidInput("give the day of the removal notice (--notice DATE)", cite="Art. 44 §1.d", fix="Add --notice YYYY-MM-DD")
        panel, notice = panel.give_notice(args.remove, args.by, date_arg(args.notice), contract)
        out["notice"] = {"arbitrator": notice.arbitrator, "by": notice.by, "given": notice.given.isoformat(),
                         "anniversary": notice.anniversary.isoformat(), "window": [notice.window_opens.due.isoformat(),
                         notice.window_closes.due.isoformat()], "replacement_due": notice.replacement_due.due.isoformat(),
                         "cite": notice.cite, "explanation": notice.explain()}
        days.append(notice.given)
        if args.replace_with:
            agreed = date_arg(args.agreed) if args.agreed else notice.given
            panel, rep = panel.replace_arbitrator(args.remove, args.replace_with, agreed, contract)
            out["replacement"] = {"removed": rep.removed, "newcomer": rep.newcomer, "agreed_on": rep.agreed_on.isoformat(),
                                  "on_time": rep.on_time, "cite": "Art. 44 §1.e", "explanation": rep.explain()}
            days.append(agreed)
    elif args.replace_with:
        raise InvalidInput("a replacement needs a removal (--remove NAME --notice DATE)", cite="Art. 44 §1.e", fix="Add --remove and --notice")
    for item in sorted(args.invocation or [], key=lambda x: x.partition(":")[2]):
        kind, _, day = item.partition(":")
        panel, _d = panel.designate(f"case {len(panel.designations) + 1}", kind, date_arg(day))
        days.append(_d.received)
    on = date_arg(args.as_of) if args.as_of else max(days)
    out.update(as_of=on.isoformat(), rosters={r: list(panel.roster(r, on)) for r in ("regular", "expedited")},
               next={r: panel.next_arbitrator(r, on) for r in ("regular", "expedited")},
               designations=[{"case": d.case_id, "kind": d.kind, "received": d.received.isoformat(), "arbitrator": d.arbitrator,
                              "roster": d.roster, "position": d.position, "cite": d.cite} for d in panel.designations],
               members=panel.status(on))
    if args.json:
        print_json(out)
    else:
        for r in ("regular", "expedited"):
            print(f"{r.capitalize()} roster: " + ", ".join(("▶ " if n == out["next"][r] else "") + n for n in out["rosters"][r]))
        for d in panel.designations:
            print(d.explain())
        for key in ("notice", "replacement"):
            if key in out:
                print(out[key]["explanation"])
    return 0


def _register_strike(subs: Any) -> None:
    s = subs.add_parser("strike", help="alternate strikes from an FMCS list of seven names (§1.b), step by step")
    s.add_argument("--names", required=True, metavar="NAMES", help="the seven names, separated by ';'")
    s.add_argument("--union", required=True, metavar="NAMES", help="the Union's ranking, most wanted first, ';'-separated")
    s.add_argument("--department", required=True, metavar="NAMES", help="the Department's ranking, most wanted first")
    s.add_argument("--first", choices=["union", "department", "coin_toss"], help="who strikes first (arbitration.first_striker)")
    add_number(s, "--seed", number=SEED, default=0, help="seed of the coin toss (default 0)")
    add_common(s)
    s.set_defaults(func=run_strike)


def run_strike(args: Any) -> int:
    from ..arbitration.panel import alternate_strikes

    contract = load(args)
    split = lambda text: [n for n in text.split(";") if n.strip()]  # noqa: E731
    res = alternate_strikes(split(args.names), split(args.union), split(args.department), contract, first=args.first, seed=args.seed)
    print_json(res.to_dict()) if args.json else print(res.explain())
    return 0


def _register_costs(subs: Any) -> None:
    s = subs.add_parser("costs", help="who pays the arbitrator, transcripts and a late cancellation (§2, §3.f)")
    add_number(s, "--fees", number=FEE, default="0", metavar="USD", help="arbitrator's fees")
    add_number(s, "--expenses", number=FEE, default="0", metavar="USD", help="arbitrator's expenses")
    add_number(s, "--transcripts", number=FEE, default="0", metavar="USD", help="transcripts requested by either party")
    add_number(s, "--cancellation-fee", number=FEE, default="0", metavar="USD", help="a late postponement or cancellation fee")
    s.add_argument("--requested-by", choices=["union", "department", "both"],
                   help="who asked for the postponement or cancellation (both: reading arbitration.joint_cancellation_fee)")
    add_common(s)
    s.set_defaults(func=run_costs)


def run_costs(args: Any) -> int:
    from ..arbitration.costs import split_costs

    split = split_costs(load(args), fees=args.fees, expenses=args.expenses, transcripts=args.transcripts,
                        cancellation_fee=args.cancellation_fee, cancellation_requested_by=args.requested_by)
    print_json(split.to_dict()) if args.json else print(split.explain())
    return 0
