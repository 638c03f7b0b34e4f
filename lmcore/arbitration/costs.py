"""Who pays what in an arbitration (Art. 44 §2, §3.f): fees, expenses, transcripts, in exact cents."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from ..errors import InvalidInput, OutOfRange
from .kinds import PARTIES

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.readings import Choice


@dataclass(frozen=True)
class CostLine:
    """One cost and who pays it, under which rule."""

    item: str
    amount: Decimal
    union: Decimal
    department: Decimal
    cite: str
    rule: str


@dataclass(frozen=True)
class CostSplit:
    """The arbitration bill divided between the Union and the Department, line by line."""

    lines: tuple[CostLine, ...]
    interpretations: tuple[Choice, ...] = ()  # the readings that decide the split (a joint cancellation request)

    @property
    def union(self) -> Decimal:
        return sum((ln.union for ln in self.lines), Decimal(0))

    @property
    def department(self) -> Decimal:
        return sum((ln.department for ln in self.lines), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((ln.amount for ln in self.lines), Decimal(0))

    def explain(self) -> str:
        rows = [f"{ln.item}: {usd(ln.amount)} → Union {usd(ln.union)}, Department {usd(ln.department)} "
                f"({ln.cite}: {ln.rule})" for ln in self.lines]
        rows.append(f"Total {usd(self.total)}: Union pays {usd(self.union)}, Department pays {usd(self.department)}.")
        rows += [f"Reading used: {c}" for c in self.interpretations]
        return "\n".join(rows)

    def to_dict(self) -> dict[str, Any]:
        return {"lines": [{"item": ln.item, "amount": _cents(ln.amount), "union": _cents(ln.union),
                           "department": _cents(ln.department), "cite": ln.cite, "rule": ln.rule} for ln in self.lines],
                "union": _cents(self.union), "department": _cents(self.department), "total": _cents(self.total),
                "interpretations": [c.to_dict() for c in self.interpretations]}


def _cents(x: Decimal) -> str:
    """'1234.50'; an equal split of an odd cent keeps the half cent ('0.005') rather than hide it."""
    q = Decimal("0.01") if x == x.quantize(Decimal("0.01")) else Decimal("0.001")
    return str(x.quantize(q))


def usd(x: Decimal) -> str:
    """$1,234.50 (with a half cent shown as $0.005)."""
    return f"${Decimal(_cents(x)):,}"


REQUESTERS = (*PARTIES, "both")


JOINT_FEE = "arbitration.joint_cancellation_fee"


def split_costs(contract: Contract, *, fees: Any = 0, expenses: Any = 0, transcripts: Any = 0,
                cancellation_fee: Any = 0, cancellation_requested_by: str | None = None) -> CostSplit:
    """Fees and expenses in the §2.a shares; transcripts in the §2.b share (all to management for Local 12); a late
    cancellation fee to the party that asked (§3.f) — a joint request is split as the reading JOINT_FEE says."""
    fee = contract.param("arbitration.fee_share")
    union_share = Decimal(str(fee.value)) / 100
    lines = []
    for item, raw in (("Arbitrator's fees", fees), ("Arbitrator's expenses", expenses)):
        amt = _money(raw, item, fee.cite)
        if amt:
            lines.append(CostLine(item, amt, amt * union_share, amt - amt * union_share, fee.cite, fee.quote))
    tp = contract.param("arbitration.transcripts_department_share")
    amt = _money(transcripts, "Transcripts", tp.cite)
    if amt:
        dept = amt * Decimal(str(tp.value)) / 100
        lines.append(CostLine("Transcripts", amt, amt - dept, dept, tp.cite, tp.quote))
    cp = contract.param("arbitration.cancellation_fee_requester_share")
    amt = _money(cancellation_fee, "Cancellation fee", cp.cite)
    if amt:
        who = (cancellation_requested_by or "").strip().lower()
        if who not in REQUESTERS:
            raise InvalidInput("say which party asked for the late postponement or cancellation", cite=cp.cite,
                               fix="Give the requesting party: union, department or both")
        line, used = _cancellation(contract, amt, who, union_share)
        lines.append(line)
        return CostSplit(tuple(lines), used)
    return CostSplit(tuple(lines))


def _cancellation(contract: Contract, amt: Decimal, who: str, union_share: Decimal) -> tuple[CostLine, tuple[Choice, ...]]:
    """§3.f: the requesting party pays its share of the fee, the other party the rest; both asking is not written,
    so a joint request is split as the reading says — listed only when its options split it differently."""
    cp = contract.param("arbitration.cancellation_fee_requester_share")
    if who == "both":
        by_reading = {"equal_shares": amt / 2, "fee_share": amt * union_share}
        union = by_reading[contract.choice(JOINT_FEE)]
        decides = len(set(by_reading.values())) > 1
        choice = contract.used(JOINT_FEE, cite=cp.cite)[0]
        words = choice.description if decides else "each pays half (the readings of a joint request agree here)"
        line = CostLine("Cancellation fee (requested by both parties)", amt, union, amt - union, cp.cite,
                        f"{cp.quote} Both parties asked: {words}")
        return line, (choice,) if decides else ()
    mine = amt * Decimal(str(cp.value)) / 100
    union = mine if who == "union" else amt - mine
    return CostLine(f"Cancellation fee (requested by the {who.capitalize()})", amt, union, amt - union, cp.cite, cp.quote), ()


def _money(raw: Any, what: str, cite: str) -> Decimal:
    text = str(raw if raw not in (None, "") else 0).replace(",", "").replace("$", "").strip()
    try:
        amt = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(f"{what}: '{raw}' is not an amount of money", cite=cite, fix="Give dollars, e.g. 1250.00") from None
    if not amt.is_finite() or amt < 0:
        raise OutOfRange(f"{what}: {raw} is not a cost (it must be zero or more)", cite=cite, fix="Give a positive amount")
    if amt != amt.quantize(Decimal("0.01")):
        raise OutOfRange(f"{what}: {raw} has fractions of a cent", cite=cite, fix="Give dollars and cents")
    return amt
