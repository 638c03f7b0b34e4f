"""Shared fixtures: the bundled contract (loaded once) and a fixed "today" for every test."""
from __future__ import annotations

import datetime as dt

import pytest

from lmcore import load_contract

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def contract():
    """The bundled DOL – Local 12 contract with default interpretations."""
    return load_contract()


@pytest.fixture(scope="session")
def calendar(contract):
    return contract.calendar
