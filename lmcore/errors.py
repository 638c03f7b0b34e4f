"""The lmcore error family: every message says what was wrong, the rule that applies and what to do."""
from __future__ import annotations


class LmcoreError(Exception):
    """Base error. `what` went wrong, `cite` is the rule that applies, `fix` says what to do."""

    def __init__(self, what: str, cite: str | None = None, fix: str | None = None, *, field: str | None = None):
        self.what = what
        self.cite = cite
        self.fix = fix
        self.field = field
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = self.what.rstrip(".")
        if self.cite:
            text += f" ({self.cite})"
        text += "."
        if self.fix:
            text += " " + self.fix.rstrip(".") + "."
        return text

    def __str__(self) -> str:
        return self.message


class InvalidDate(LmcoreError):
    """A date that cannot be read, does not exist, or is in the wrong order."""


class OutOfRange(LmcoreError):
    """A number or date outside what the rule or the calendar allows."""


class InvalidInput(LmcoreError):
    """Any other input a rule cannot use (a malformed timesheet, an unknown choice)."""


class ContractFileError(LmcoreError):
    """A contract parameters or interpretations file that does not match the expected shape."""


class UnknownCitation(LmcoreError):
    """A citation that does not parse or names a part of the contract that does not exist."""


class CaseLogError(LmcoreError):
    """A case log file that cannot be opened, read or written, or that is not an lmcore case log."""
