"""Federal leave law beside the contract: statute and regulation numbers (5 U.S.C. 6302–6304, 5 CFR 630), cited.

The contract says the Department follows "all applicable Government-wide rules and regulations" (Art. 5) but
does not restate them. These numbers live in lmcore/contracts/law/us_federal.yaml, checked on load; a mistake
in that file is a ContractFileError naming the key.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
import math
from typing import Any, Literal, Optional, Union

from ..errors import ContractFileError, InvalidInput

BUNDLED_LAW = Path(__file__).parents[1] / "contracts" / "law" / "us_federal.yaml"
LawUnit = Literal["hours_per_pay_period", "hours", "days", "calendar_days", "years", "pay_periods", "date", "rule"]
# "5 U.S.C. 6303(a)(2)" or "5 CFR 630.308(a)".
_LAW_CITE = re.compile(r"^\d+ (U\.S\.C\. \d+[a-z]?|CFR \d+\.\d+)(\([a-z0-9]+\))*$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# The most any range may reach, whatever the law: the hours in a pay period or a leave year, the days in a year ...
_CEILING = {"hours_per_pay_period": 14 * 24, "hours": 366 * 24, "days": 366, "calendar_days": 366, "years": 100, "pay_periods": 27}


@dataclass(frozen=True)
class LawParameter:
    """A number set by law rather than by the contract, with the words it comes from and where they were checked."""

    key: str
    value: Any
    unit: str
    cite: str
    quote: str
    source: str
    label: str
    note: str | None = None
    range: tuple[float, float] | None = None  # the lowest and highest value the law allows (checked on load)

    def as_date(self) -> dt.date:
        return dt.date.fromisoformat(str(self.value))


@dataclass(frozen=True)
class Law:
    """The law parameters, looked up by "group.name" like the contract's: law.value("annual_leave.accrual_under_3")."""

    id: str
    title: str
    parameters: dict[str, LawParameter]

    def param(self, key: str) -> LawParameter:
        try:
            return self.parameters[key]
        except KeyError:
            raise InvalidInput(f"the law file has no parameter '{key}'", fix=f"Known keys: {', '.join(sorted(self.parameters))}") from None

    def value(self, key: str) -> Any:
        return self.param(key).value


def _models() -> tuple[type, type]:
    """The pydantic shape of the law file (built on first use: pydantic is a heavy import)."""
    from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, field_validator, model_validator

    class _Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)

    class LawParameterModel(_Strict):
        value: Any  # checked below against the unit, without coercion (a bool is not a number, .nan is refused)
        unit: LawUnit
        range: Optional[list[Union[StrictInt, StrictFloat]]] = Field(default=None, min_length=2, max_length=2)
        cite: str
        quote: str = Field(min_length=3)
        source: str = Field(min_length=3)
        label: str = Field(min_length=3)
        note: str | None = None

        @field_validator("cite")
        @classmethod
        def _cite(cls, v: str) -> str:
            if not _LAW_CITE.match(v):
                raise ValueError(f"'{v}' is not a law citation like '5 U.S.C. 6303(a)(2)' or '5 CFR 630.308(a)'")
            return v

        @model_validator(mode="after")
        def _value_fits_unit(self) -> LawParameterModel:
            v = self.value
            if self.unit in ("date", "rule"):
                if self.range is not None:
                    raise ValueError(f"a {self.unit} value has no range")
                if self.unit == "date":
                    if not (isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)):
                        raise ValueError(f"a date value must be 'YYYY-MM-DD' in quotes, not {v!r}")
                    try:
                        dt.date.fromisoformat(v)
                    except ValueError:
                        raise ValueError(f"a date value must be 'YYYY-MM-DD', not {v!r}") from None
                elif not isinstance(v, str) or len(v.strip()) < 3:
                    raise ValueError("a rule value is the rule in a few words")
                return self
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
                raise ValueError(f"a {self.unit} value must be a finite number of zero or more, not {v!r}")
            if self.range is None:
                raise ValueError(f"a {self.unit} value needs its range: [lowest, highest] the law allows")
            lo, hi = self.range
            ceiling = _CEILING[self.unit]
            if not 0 <= lo <= hi <= ceiling:
                raise ValueError(f"range {list(self.range)} must rise from 0 or more to at most {ceiling} {self.unit}")
            if not lo <= v <= hi:
                raise ValueError(f"{v} {self.unit} is outside the range the law allows, {lo} to {hi}")
            return self

    class LawInfo(_Strict):
        id: str
        title: str
        checked: str

    class LawFile(_Strict):
        law: LawInfo
        parameters: dict[str, dict[str, LawParameterModel]]

        @field_validator("parameters")
        @classmethod
        def _keys(cls, groups: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
            for group, entries in groups.items():
                for key in (group, *entries):
                    if not _KEY.match(key):
                        raise ValueError(f"key '{key}' must be lower_snake_case")
            return groups

    return LawFile, LawParameterModel


_REQUIRED = (
    "leave_year.pay_period_anchor", "leave_year.pay_period_days", "annual_leave.accrual_under_3",
    "annual_leave.accrual_3_to_15", "annual_leave.accrual_3_to_15_last", "annual_leave.accrual_15_plus",
    "annual_leave.band_middle_from_years", "annual_leave.band_senior_from_years", "annual_leave.restoration_scheduling",
)
_LOADED: dict[Path, Law] = {}


def load_law(path: str | Path | None = None) -> Law:
    """The bundled federal leave law, or another law file of the same shape (cached per file)."""
    if path is not None and not str(path).strip():
        raise ContractFileError("the law file path is empty", fix="Give the path of a law file, or leave out --law")
    if path is not None and "\x00" in str(path):
        raise ContractFileError("the law file path holds a NUL character", fix="Give the path of a law file")
    file = Path(path).resolve() if path is not None else BUNDLED_LAW
    if file not in _LOADED:
        _LOADED[file] = _load(file)
    return _LOADED[file]


def _load(file: Path) -> Law:
    from .files import read_yaml
    from .schema import validate

    if not file.exists():
        raise ContractFileError(f"{file} does not exist", fix="Give the path of a law file like lmcore/contracts/law/us_federal.yaml")
    data = read_yaml(file, "law file")
    law_file, _ = _models()
    parsed = validate(law_file, data, file)
    params = {f"{g}.{n}": LawParameter(key=f"{g}.{n}", **{**m.model_dump(), "range": tuple(m.range) if m.range else None})
              for g, entries in parsed.parameters.items() for n, m in entries.items()}
    for key in _REQUIRED:
        if key not in params:
            raise ContractFileError(f"{file.name}: key 'parameters.{key}' is missing", fix="Every law file needs the leave-year anchor and the accrual rates")
    days = params["leave_year.pay_period_days"].value
    if days != 14:
        raise ContractFileError(f"{file.name}: key 'parameters.leave_year.pay_period_days': a biweekly pay period has 14 days, not {days}",
                                cite="5 U.S.C. 6302(a)", fix="Set it to 14")
    mid, senior = params["annual_leave.band_middle_from_years"].value, params["annual_leave.band_senior_from_years"].value
    if not 0 < mid < senior:
        raise ContractFileError(f"{file.name}: the service bands must rise (3 years, then 15), not {mid} then {senior}",
                                cite="5 U.S.C. 6303(a)", fix="Correct annual_leave.band_middle_from_years / band_senior_from_years")
    return Law(id=parsed.law.id, title=parsed.law.title, parameters=params)


__all__ = ["Law", "LawParameter", "load_law"]
