"""`lmcore subsidy transit|childcare`: the monthly transit or child care subsidy, with the rule and the steps."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import Number, add_common, add_number, load, print_result, year_number

MONTHLY = Number("monthly cost", 0, 100_000, "dollars a month", money=True, cite="Transit Subsidy ¶4")
AGE = Number("age", 0, 120, "years", whole=True, cite="Child Care Subsidy ¶a")


def register(sub: Any) -> None:
    p = sub.add_parser("subsidy", help="monthly transit or child care subsidy (New Articles: Transit Subsidy, Child Care Subsidy)")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    t = kinds.add_parser("transit", help="monthly transit subsidy, never more than the actual cost (Transit Subsidy ¶1–¶4)")
    add_number(t, "--monthly-cost", number=MONTHLY, required=True, metavar="X", help="actual monthly cost of commuting by eligible mass transit or CHV")
    add_number(t, "--converted-months-ago", number=Number("months since converting", 0, 1200, "months", whole=True, cite="Transit Subsidy ¶2"),
               metavar="N", help="converted from driving N months ago (0 = this month): the extra amount of ¶2 for its months")
    add_number(t, "--reduced-to", number=Number("reduced subsidy", 0, 100_000, "dollars a month", money=True, cite="Transit Subsidy ¶3"),
               metavar="X", help="the reduced monthly subsidy the Department set for insufficient funding (¶3)")
    t.add_argument("--suspended", action="store_true", help="the Department suspended the subsidy for insufficient funding (¶3)")
    add_common(t)
    t.set_defaults(func=run_transit)
    c = kinds.add_parser("childcare", help="child care subsidy by total family income (Child Care Subsidy ¶a–¶c)")
    add_number(c, "--family-income", number=Number("family income", 0, 100_000_000, "dollars a year", money=True, cite="Child Care Subsidy ¶b"),
               required=True, metavar="X", help="total family income a year, in dollars")
    add_number(c, "--monthly-cost", number=replace(MONTHLY, cite="Child Care Subsidy ¶b"), required=True, metavar="Y", help="actual licensed child care costs a month, in dollars")
    add_number(c, "--children", number=Number("number of children", 1, 50, "children", whole=True, cite="Child Care Subsidy ¶a"),
               metavar="N", help="number of children in care (default 1)")
    add_number(c, "--child-age", number=AGE, action="append", metavar="AGE", help="age of a child in care (repeat for each child; ages covered: ¶a)")
    add_number(c, "--disabled-child-age", number=AGE, action="append", metavar="AGE", help="age of a disabled child in care (a higher age is covered: ¶a)")
    c.add_argument("--married-filing-separately", action="store_true", help="use the married-filing-separately tax limit (¶c)")
    add_number(c, "--tax-year", number=year_number("tax year", cite="Child Care Subsidy ¶c"), metavar="YEAR",
               help="the tax year, for the 26 U.S.C. 129 limit (default: the current law, from 2026)")
    c.add_argument("--not-licensed", action="store_true", help="the care is not licensed (¶a: no subsidy)")
    c.add_argument("--not-permanent", action="store_true", help="not in a permanent full- or part-time position (¶a: no subsidy)")
    add_common(c)
    c.set_defaults(func=run_childcare)



def run_transit(args: Any) -> int:
    from ..subsidies import transit_subsidy

    contract = load(args)
    r = transit_subsidy(args.monthly_cost, contract, converted_months_ago=args.converted_months_ago,
                        reduced_to=args.reduced_to, suspended=args.suspended)
    return print_result(args, r)


def run_childcare(args: Any) -> int:
    from ..errors import InvalidInput
    from ..subsidies import Child, _whole, childcare_subsidy

    contract = load(args)
    cite = "Child Care Subsidy ¶a"
    ages = [Child(_whole(a, "child's age", cite)) for a in args.child_age or []]
    ages += [Child(_whole(a, "disabled child's age", cite), disabled=True) for a in args.disabled_child_age or []]
    children: Any = args.children if args.children is not None else 1
    if ages:
        if args.children is not None and _whole(args.children, "number of children", cite, lo=1) != len(ages):
            raise InvalidInput(f"--children {args.children} does not match the {len(ages)} ages given", cite=cite,
                               fix="Give one age for each child, or leave out --children")
        children = ages
    year = _whole(args.tax_year, "tax year", "Child Care Subsidy ¶c", lo=1900) if args.tax_year is not None else None
    r = childcare_subsidy(args.family_income, args.monthly_cost, contract, children=children, licensed=not args.not_licensed,
                          permanent=not args.not_permanent, married_filing_separately=args.married_filing_separately, tax_year=year)
    return print_result(args, r)
