"""The transit subsidy (New Article "Transit Subsidy" ¶1–¶8) and the child care subsidy (New Article "Child
Care Subsidy" ¶a–¶c): monthly amounts in exact cents, with the rule and reading behind every step."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Sequence

from .errors import InvalidInput, OutOfRange
from .contract.readings import Choice

if TYPE_CHECKING:
    import numpy as np

    from .contract.book import Contract

CENT = Decimal("0.01")
# The law's higher limit applies from the first tax year its parameter's `law` note names ("taxable years beginning after
# December 31, 2025", 26 U.S.C. 129(a)(2)(A) as amended by Pub. L. 119-21).
_TAX_YEARS_AFTER = re.compile(r"taxable years beginning after December 31, (\d{4})")
BONUS_CAP, CONVERTER_MONTHS, REDUCTION = "transit.converter_bonus_cap", "transit.converter_months", "transit.reduction_scope"
EDGES, CAP_PER, ROUNDING, TAX = "childcare.income_edges", "childcare.cap_per", "childcare.cent_rounding", "childcare.tax_threshold"


def money(value: Any, what: str, cite: str) -> Decimal:
    """A dollar amount from a number or text like "$1,234.50", in cents; negative or unreadable → a cited error."""
    if isinstance(value, bool):
        raise InvalidInput(f"the {what} {value!r} is not an amount of money", cite=cite, fix="Give an amount like 250 or $250.00")
    text = str(value).strip().replace(",", "").replace("$", "").strip() if isinstance(value, str) else value
    try:
        amount = Decimal(str(text)) if not isinstance(text, Decimal) else text
    except (InvalidOperation, ValueError):
        raise InvalidInput(f"the {what} '{value}' is not an amount of money", cite=cite, fix="Give an amount like 250 or $250.00") from None
    if not amount.is_finite():
        raise InvalidInput(f"the {what} must be a finite amount, not {value!r}", cite=cite, fix="Give an amount like 250 or $250.00")
    if amount < 0:
        raise OutOfRange(f"the {what} cannot be negative ({fmt_money(amount)})", cite=cite, fix=f"Give the {what} as 0 or more")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(amount: Decimal | float | int) -> str:
    """'$1,234.50' (a minus sign in front when negative)."""
    a = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{'-' if a < 0 else ''}${abs(a):,.2f}"


def _whole(value: Any, what: str, cite: str, lo: int = 0) -> int:
    try:
        n = int(str(value).strip()) if not isinstance(value, int) or isinstance(value, bool) else value
    except ValueError:
        raise InvalidInput(f"the {what} '{value}' is not a whole number", cite=cite, fix=f"Give a whole number, {lo} or more") from None
    if n < lo:
        raise OutOfRange(f"the {what} cannot be {n}", cite=cite, fix=f"Give a whole number, {lo} or more")
    return n


@dataclass(frozen=True)
class Subsidy:
    """A monthly subsidy in cents, the citation of the rule that set it, and the steps that reached it, in words."""

    monthly_subsidy: Decimal
    cite: str
    steps: tuple[str, ...]
    interpretations: tuple[Choice, ...]
    details: tuple[tuple[str, Any], ...] = ()

    def explain(self) -> str:
        return "\n".join([*self.steps, *(f"Reading used: {c}" for c in self.interpretations)])

    def detail(self, key: str) -> Any:
        return dict(self.details)[key]

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"monthly_subsidy": float(self.monthly_subsidy), "monthly_subsidy_text": fmt_money(self.monthly_subsidy),
                                  "cite": self.cite}
        out.update({k: (float(v) if isinstance(v, Decimal) else v) for k, v in self.details})
        out["interpretations"] = [c.to_dict() for c in self.interpretations]
        out["explanation"] = self.explain()
        return out


# -- transit -----------------------------------------------------------------------------------------------
def transit_subsidy(monthly_cost: Any, contract: Contract, *, converted_months_ago: int | None = None,
                    reduced_to: Any = None, suspended: bool = False) -> Subsidy:
    """The monthly transit subsidy: $100.00 (¶1), $5.00 more for 6 months after converting from a private vehicle
    (¶2), never more than the actual commuting cost (¶4); reduced or suspended for insufficient funding (¶3)."""
    base_p, bonus_p, months_p = contract.param("transit.monthly_subsidy"), contract.param("transit.converter_bonus"), contract.param("transit.converter_months")
    cost = money(monthly_cost, "monthly commuting cost", "Transit Subsidy ¶4")
    base, bonus = Decimal(base_p.value).quantize(CENT), Decimal(bonus_p.value).quantize(CENT)
    steps = [f"Monthly cost of commuting by eligible mass transit or CHV: {fmt_money(cost)}.",
             f"{base_p.cite}: {fmt_money(base)} a month (\"{base_p.quote}\")."]
    ids: list[str] = []
    cite = base_p.cite
    extra = Decimal("0.00")
    if converted_months_ago is not None:
        ago = _whole(converted_months_ago, "number of months since converting", bonus_p.cite)
        first, last = (0, int(months_p.value) - 1) if contract.choice(CONVERTER_MONTHS) == "conversion_month_counts" else (1, int(months_p.value))
        ids.append(CONVERTER_MONTHS)
        if first <= ago <= last:
            extra = bonus
            cite = bonus_p.cite
            steps.append(f"{bonus_p.cite}: converted from a private vehicle {ago} month{'s' if ago != 1 else ''} ago, within the "
                         f"{months_p.value} months: {fmt_money(bonus)} more → {fmt_money(base + bonus)}.")
        else:
            steps.append(f"{bonus_p.cite}: converted {ago} months ago, outside the {months_p.value} months of the extra "
                         f"{fmt_money(bonus)}: none.")
    total = base + extra
    if suspended and reduced_to is not None:
        raise InvalidInput("the subsidy cannot be both suspended and reduced", cite="Transit Subsidy ¶3",
                           fix="Give the reduced amount, or say it is suspended, not both")
    if suspended:
        steps.append("Transit Subsidy ¶3: the Department has suspended the transit subsidy for insufficient funding → $0.00.")
        return Subsidy(Decimal("0.00"), "Transit Subsidy ¶3", tuple(steps), contract.used(*ids),
                       _transit_details(cost, base, extra, Decimal("0.00"), False, True))
    if reduced_to is not None:
        cut = money(reduced_to, "reduced subsidy", "Transit Subsidy ¶3")
        if cut > base:
            raise InvalidInput(f"a reduction to {fmt_money(cut)} would raise the {fmt_money(base)} subsidy", cite="Transit Subsidy ¶3",
                               fix=f"Give the reduced monthly amount, {fmt_money(base)} or less")
        ids.append(REDUCTION)
        if contract.choice(REDUCTION) == "whole_subsidy":
            total = min(total, cut)
        else:
            total = cut + extra
        base = min(base, cut)
        cite = "Transit Subsidy ¶3"
        steps.append(f"Transit Subsidy ¶3: the Department reduced the transit subsidy to {fmt_money(cut)} for insufficient funding → {fmt_money(total)}.")
    capped = False
    if extra and contract.choice(BONUS_CAP) == "not_capped":
        ids.append(BONUS_CAP)
        if total - extra > cost:  # only the ¶1 part is limited by the cost; the ¶2 amount is paid on top
            total, capped = cost + extra, True
    else:
        if extra:
            ids.append(BONUS_CAP)
        if total > cost:
            total, capped = cost, True
    if capped:
        cite = "Transit Subsidy ¶4"
        steps.append(f"Transit Subsidy ¶4: the monthly subsidy cannot exceed the actual cost of commuting, {fmt_money(cost)} → {fmt_money(total)}.")
    else:
        steps.append(f"Transit Subsidy ¶4: the actual cost {fmt_money(cost)} is not below the subsidy, so no cap applies.")
    steps.append(f"Monthly subsidy: {fmt_money(total)}.")
    return Subsidy(total, cite, tuple(steps), contract.used(*ids), _transit_details(cost, base, extra, total, capped, False))


def _transit_details(cost: Decimal, base: Decimal, extra: Decimal, total: Decimal, capped: bool, suspended: bool) -> tuple[tuple[str, Any], ...]:
    return (("monthly_cost", cost), ("base", base), ("converter_extra", extra), ("capped_by_cost", capped),
            ("suspended", suspended), ("annual_subsidy", total * 12))


# -- child care --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Band:
    """One row of the ¶b table: total family income from–to (whole dollars, inclusive), percent, monthly cap."""

    income_min: int
    income_max: int
    percent: int
    monthly_cap: int
    quote: str

    def describe(self) -> str:
        low = f"under ${self.income_max + 1:,}" if self.income_min == 0 else f"${self.income_min:,}–${self.income_max:,}"
        return f"{low}: {self.percent}% of actual costs, not to exceed ${self.monthly_cap:,} a month"


def bands(contract: Contract) -> tuple[Band, ...]:
    """The rows of the child care table, in income order, checked to follow each other with no overlap."""
    p = contract.param("childcare.bands")
    rows = tuple(sorted((Band(int(r["income_min"]), int(r["income_max"]), int(r["percent"]), int(r["monthly_cap"]), str(r["quote"]))
                         for r in p.value), key=lambda b: b.income_min))
    for a, b in zip(rows, rows[1:]):
        if b.income_min != a.income_max + 1:
            raise InvalidInput(f"the child care table rows {a.describe()} and {b.describe()} do not follow each other", cite=p.cite,
                               fix="Correct childcare.bands in parameters.yaml")
    return rows


def band_for(income: Decimal, contract: Contract) -> Band | None:
    """The table row for a total family income (None from the end of the table: no subsidy), under childcare.income_edges."""
    rows = bands(contract)
    x = income.quantize(Decimal(1), rounding=ROUND_HALF_UP) if contract.choice(EDGES) == "round_to_dollar" else income
    if x >= rows[-1].income_max + 1:
        return None
    return [b for b in rows if b.income_min <= x][-1]


@dataclass(frozen=True)
class Child:
    """A child in care: age in whole years and whether the child is disabled (covered through 18, not 13)."""

    age: int
    disabled: bool = False


def childcare_subsidy(family_income: Any, monthly_cost: Any, contract: Contract, *, children: int | Sequence[Child] = 1,
                      licensed: bool = True, permanent: bool = True, married_filing_separately: bool = False,
                      tax_year: int | None = None) -> Subsidy:
    """The monthly child care subsidy: the ¶b row's percent of actual costs, not over its monthly cap; none from
    $80,000; only for licensed care of children through 13 (disabled through 18) of permanent employees (¶a);
    the part of the annual amount above the ¶c / 26 U.S.C. 129 limit is taxable."""
    table = contract.param("childcare.bands")
    income = money(family_income, "total family income", table.cite)
    cost = money(monthly_cost, "monthly child care cost", table.cite)
    kids, steps, reasons = _children(children, contract)
    steps = [f"Total family income {fmt_money(income)} a year; actual child care costs {fmt_money(cost)} a month.", *steps]
    ids = [EDGES]
    if not licensed:
        reasons.append("Child Care Subsidy ¶a: \"Qualified participants must be utilizing licensed child care\".")
    if not permanent:
        reasons.append("Child Care Subsidy ¶a: participants must \"maintain a full-time or part-time permanent position status\".")
    band = band_for(income, contract)
    if band is None:
        last = bands(contract)[-1]
        reasons.append(f"{table.cite}: the table ends with \"{last.quote}\"; no row covers {fmt_money(income)}.")
    if reasons:
        steps += reasons + ["Monthly subsidy: $0.00."]
        return Subsidy(Decimal("0.00"), "Child Care Subsidy ¶a" if band is not None else table.cite, tuple(steps),
                       contract.used(*ids), _cc_details(income, cost, band, kids, Decimal(0), Decimal(0), Decimal(0), Decimal(0), Decimal(0)))
    pct = Decimal(band.percent) / 100
    rounding = ROUND_HALF_UP if contract.choice(ROUNDING) == "half_up" else ROUND_DOWN
    share = (cost * pct).quantize(CENT, rounding=rounding)
    ids += [ROUNDING, CAP_PER]
    cap = Decimal(band.monthly_cap) * (kids if contract.choice(CAP_PER) == "child" else 1)
    cap = cap.quantize(CENT)
    total = min(share, cap)
    steps.append(f"{table.cite} row \"{' '.join(band.quote.split())}\": {band.percent}% of {fmt_money(cost)} = {fmt_money(share)}; "
                 f"not to exceed {fmt_money(cap)} a month" + (f" ({kids} children × ${band.monthly_cap})" if contract.choice(CAP_PER) == "child" else "") + ".")
    steps.append(f"Monthly subsidy: {fmt_money(total)}.")
    annual = total * 12
    limit, law_note = _tax_limit(contract, married_filing_separately, tax_year)
    ids.append(TAX)
    taxable = max(Decimal("0.00"), annual - limit)
    steps.append(f"Child Care Subsidy ¶c: 12 months at {fmt_money(total)} = {fmt_money(annual)} a year; the limit is {fmt_money(limit)}{law_note} → "
                 + (f"{fmt_money(taxable)} is taxable income." if taxable else "none of it is taxable income.")
                 + " The limit is shared with any other dependent care assistance (e.g. a dependent care FSA).")
    return Subsidy(total, table.cite, tuple(steps), contract.used(*ids),
                   _cc_details(income, cost, band, kids, share, cap, annual, limit, taxable))


def _cc_details(income: Decimal, cost: Decimal, band: Band | None, kids: int, share: Decimal, cap: Decimal, annual: Decimal,
                limit: Decimal, taxable: Decimal) -> tuple[tuple[str, Any], ...]:
    return (("family_income", income), ("monthly_cost", cost), ("band", band.describe() if band else None),
            ("percent", band.percent if band else 0), ("monthly_cap", cap), ("percent_of_cost", share), ("children_covered", kids),
            ("annual_subsidy", annual), ("tax_free_limit", limit), ("taxable_amount", taxable))


def _children(children: int | Sequence[Child], contract: Contract) -> tuple[int, list[str], list[str]]:
    """(children covered, steps, reasons for no subsidy) from a count or from the children's ages (¶a)."""
    p13, p18 = contract.param("childcare.max_child_age"), contract.param("childcare.max_disabled_child_age")
    if isinstance(children, (int, str)) and not isinstance(children, bool):
        n = _whole(children, "number of children in care", p13.cite, lo=1)
        return n, [f"{n} child{'ren' if n != 1 else ''} in care (ages not given: each must be through {p13.value}, or {p18.value} if disabled, {p13.cite})."], []
    kids = list(children)
    if not kids:
        raise OutOfRange("no child is in care", cite=p13.cite, fix="The program is for dependent children: give at least one")
    covered, steps = 0, []
    for i, k in enumerate(kids, 1):
        age = _whole(k.age, f"age of child {i}", p13.cite)
        limit = int(p18.value if k.disabled else p13.value)
        ok = age <= limit
        covered += ok
        steps.append(f"Child {i}, age {age}{' (disabled)' if k.disabled else ''}: "
                     + ("covered" if ok else "not covered") + f" (through age {limit}, {p13.cite}).")
    reasons = [] if covered else [f"{p13.cite}: no child is within the ages covered (\"{p13.quote}\")."]
    if covered and covered < len(kids):
        steps.append("Give the monthly cost of care for the covered children only.")
    return covered, steps, reasons


def _tax_limit(contract: Contract, separate: bool, tax_year: int | None) -> tuple[Decimal, str]:
    suffix = "_married_separate" if separate else ""
    law = contract.param(f"childcare.tax_threshold{suffix}_law_2026")
    first = law_first_tax_year(law)
    if contract.choice(TAX) == "law_for_tax_year" and (tax_year is None or tax_year >= first):
        p = law
        year = f"tax year {tax_year}" if tax_year else f"tax years from {first}"
        return Decimal(p.value), f" ({year}, {p.law.split(', for ')[0]}{'; married filing separately' if separate else ''})"
    p = contract.param(f"childcare.tax_threshold{suffix}")
    printed = f"; the printed figure, whatever the tax year ({TAX} = contract_text)" if tax_year is not None and contract.choice(TAX) == "contract_text" else ""
    return Decimal(p.value), f" ({p.cite}{', married filing separately' if separate else ''}{printed})"


def law_first_tax_year(p: Any) -> int:
    """The first tax year of the law's limit, from the words of its parameter's `law` note."""
    m = _TAX_YEARS_AFTER.search(p.law or "")
    if m is None:
        from .errors import ContractFileError

        raise ContractFileError(f"parameters.yaml: key '{p.key}.law' does not say from which tax year the law applies", cite=p.cite,
                                fix='Write it like "… for taxable years beginning after December 31, 2025"')
    return int(m.group(1)) + 1


def childcare_curve(incomes: Any, monthly_cost: Any, contract: Contract, children: int = 1) -> np.ndarray:
    """Vectorised monthly subsidy (dollars) for many incomes at one monthly cost: the same exact cents as
    childcare_subsidy (integer arithmetic), for charts and bulk tables."""
    import numpy as np

    cite = contract.param("childcare.bands").cite
    cost_cents = int(money(monthly_cost, "monthly child care cost", cite) * 100)
    x = np.asarray(incomes, dtype=float)
    if x.size and (not np.all(np.isfinite(x)) or x.min() < 0):
        raise OutOfRange("a total family income cannot be negative or missing", cite=cite, fix="Give incomes of 0 or more")
    cents = np.round(x * 100).astype(np.int64)
    if contract.choice(EDGES) == "round_to_dollar":
        cents = (cents + 50) // 100 * 100
    rows = bands(contract)
    lows = np.array([b.income_min * 100 for b in rows], dtype=np.int64)
    idx = np.searchsorted(lows, cents, side="right") - 1
    pct = np.array([b.percent for b in rows], dtype=np.int64)[idx]
    per = children if contract.choice(CAP_PER) == "child" else 1
    cap = np.array([b.monthly_cap * 100 * per for b in rows], dtype=np.int64)[idx]
    raw = cost_cents * pct
    share = (raw + 50) // 100 if contract.choice(ROUNDING) == "half_up" else raw // 100
    out = np.minimum(share, cap)
    out = np.where(cents >= (rows[-1].income_max + 1) * 100, 0, out)
    return out / 100.0

