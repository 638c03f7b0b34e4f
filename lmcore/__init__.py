"""lmcore: the DOL – AFGE Local 12 contract as exact calculations, each answer with its citation.

Start with `load_contract()`; heavy libraries (pandas, holidays, pydantic, widgets) load only when used.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .contract.citations import Cite, normalize
from .errors import ContractFileError, InvalidDate, InvalidInput, LmcoreError, OutOfRange, UnknownCitation

if TYPE_CHECKING:
    from .calendar import WorkdayCalendar
    from .contract.book import Contract
    from .deadlines import Deadline

__version__ = "0.1.0"
__all__ = [
    "Cite", "Contract", "ContractFileError", "Deadline", "InvalidDate", "InvalidInput", "LmcoreError",
    "OutOfRange", "UnknownCitation", "WorkdayCalendar", "load_contract", "normalize",
]


def load_contract(path: Any = None) -> "Contract":
    """The bundled DOL – Local 12 contract, or another bargaining unit's contract folder of the same shape."""
    from .contract.loading import load_contract as _load

    return _load(path)


def __getattr__(name: str) -> Any:
    """Load the heavier modules only when their names are first used."""
    if name == "WorkdayCalendar":
        from .calendar import WorkdayCalendar

        return WorkdayCalendar
    if name == "Contract":
        from .contract.book import Contract

        return Contract
    if name == "Deadline":
        from .deadlines import Deadline

        return Deadline
    raise AttributeError(f"module 'lmcore' has no attribute {name!r}")
