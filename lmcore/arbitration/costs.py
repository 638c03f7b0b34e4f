"""Who pays what in an arbitration (Art. 44 §2, §3.f): fees, expenses, transcripts, in exact cents."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from ..errors import InvalidInput, OutOfRange
from .kinds import PARTIES

if TYPE_CHECKING:
    from ..contract.book import Contract


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
        return "\n".join(rows)

    def to_dict(self) -> dict[str, Any]:
        return {"lines": [{"item": ln.item, "amount": _cents(ln.amount), "union": _cents(ln.union),
                           "department": _cents(ln.department), "cite": ln.cite, "rule": ln.rule} for ln in self.lines],
                "union": _cents(self.union), "department": _cents(self.department), "total": _cents(self.total)}


def _cents(x: Decimal) -> str:
    """'1234.50'; an equal split of an odd cent keeps the half cent ('0.005') rather than hide it."""
    q = Decimal("0.01") if x == x.quantize(Decimal("0.01")) else Decimal("0.001")
    return str(x.quantize(q))


def usd(x: Decimal) -> str:
    """$1,234.50 (with a half cent shown as $0.005)."""
    return f"${Decimal(_cents(x)):,}"


def split_costs(contract: Contract, *, fees: Any = 0, expenses: Any = 0, transcripts: Any = 0,
                cancellation_fee: Any = 0, cancellation_requested_by: str | None = None) -> CostSplit:
    """Fees and expenses split equally (§2.a); transcripts paid by management (§2.b); a late cancellation fee by the asker (§3.f)."""
    share = Decimal(str(contract.value("arbitration.fee_share"))) / 100
    quote = contract.param("arbitration.fee_share").quote
    lines = []
    for item, raw in (("Arbitrator's fees", fees), ("Arbitrator's expenses", expenses)):
        amt = _money(raw, item, "Art. 44 §2.a")
        if amt:
            lines.append(CostLine(item, amt, amt * share, amt - amt * share, "Art. 44 §2.a", quote))
    amt = _money(transcripts, "Transcripts", "Art. 44 §2.b")
    if amt:
        lines.append(CostLine("Transcripts", amt, Decimal(0), amt, "Art. 44 §2.b",
                              "Management will pay for such transcripts as may be requested by either party"))
    amt = _money(cancellation_fee, "Cancellation fee", "Art. 44 §3.f")
    if amt:
        who = (cancellation_requested_by or "").strip().lower()
        if who not in PARTIES:
            raise InvalidInput("say which party asked for the late postponement or cancellation", cite="Art. 44 §3.f",
                               fix="Give the requesting party: union or department")
        lines.append(CostLine(f"Cancellation fee (requested by the {who.capitalize()})", amt,
                              amt if who == "union" else Decimal(0), amt if who == "department" else Decimal(0),
                              "Art. 44 §3.f", "the party requesting the postponement or cancellation shall pay the cancellation fee"))
    return CostSplit(tuple(lines))


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
