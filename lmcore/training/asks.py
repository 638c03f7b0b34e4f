"""The rules a scenario can name, by name (`grievance.timeline`, `schedules.pay_period`, …), and lmcore's own answer
to a scenario: the rule engine called on the scenario's facts under its readings and closures."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import InvalidInput
from .outcome import Outcome, RuleSpec

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .scenario import Scenario


@lru_cache(maxsize=1)
def registry() -> dict[str, RuleSpec]:
    """Every rule adapter, by the name a scenario file uses."""
    from . import ask_articles, ask_grievance

    return {s.name: s for s in (*ask_grievance.specs(), *ask_articles.specs())}


def spec_for(rule: str) -> RuleSpec:
    specs = registry()
    if rule not in specs:
        raise InvalidInput(f"no rule named '{rule}'", fix=f"Known rules: {', '.join(specs)}")
    return specs[rule]


def fact_label(rule: str, name: str) -> str:
    """The words for one input of a rule ("date the violation was learned of")."""
    return spec_for(rule).facts.get(name, name.replace("_", " "))


def compute(scenario: Scenario, contract: Contract) -> Outcome:
    """lmcore's answer to the scenario's question, with the rule's explanation (may raise the rule's LmcoreError)."""
    spec = spec_for(scenario.rule)
    return spec.compute(dict(scenario.facts), scenario.question.ask, scenario.question.of, scenario.contract_for(contract))


__all__ = ["compute", "fact_label", "registry", "spec_for"]
