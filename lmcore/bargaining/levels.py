"""Which level bargains a change (Art. 35 §3, §5.e; Art. 36 §2.a, §3): a change affecting more than one Agency goes to
the Departmental Mid-Term Bargaining Committee; the Office of the Secretary's components count as one Agency."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..contract.readings import Choice
from ..errors import OutOfRange
from ..rulings import whole_number

if TYPE_CHECKING:
    from ..contract.book import Contract

OSEC_SPACE = "bargaining.osec_components_for_space"


def bargaining_level(kind: str, agencies: int, osec_components: int, contract: Contract) -> tuple[str, str, str, tuple[Choice, ...]]:
    """Agency or Departmental level from the Agencies a change affects: more than one Agency → Departmental
    (Art. 35 §5.e; Art. 36 §2.a, §3). The Office of the Secretary's components count as one Agency (Art. 35 §3).
    Returns (level, the reason in words, the rule's citation, the readings used)."""
    key = "committees.org_change_departmental_level_agencies" if kind == "organizational_change" else "bargaining.agency_level_agencies"
    limit, osec = contract.param(key), contract.param("committees.osec_as_one_agency")
    n = whole_number(agencies, "number of Agencies affected", limit.cite)
    k = whole_number(osec_components, "number of Office of the Secretary components affected", osec.cite)
    used: tuple[Choice, ...] = ()
    if k and kind != "organizational_change":
        used = contract.used(OSEC_SPACE)
        as_agencies = int(osec.value) if contract.choice(OSEC_SPACE) == "one_agency" else k
    else:
        as_agencies = int(osec.value) if k else 0
    total = n + as_agencies
    if total < 1:
        raise OutOfRange("a change that affects no Agency is not bargained at either level", cite=limit.cite,
                         fix="Give the number of Agencies the change affects (1 or more)")
    parts = [f"{n} Agenc{'y' if n == 1 else 'ies'}"] if n else []
    if k:
        parts.append(f"{k} Office of the Secretary component{'s' if k != 1 else ''}, counted as {as_agencies} Agenc{'y' if as_agencies == 1 else 'ies'} "
                     f"({osec.cite})")
    level = "department" if total > limit.value else "agency"
    why = (f"Agencies affected: {' + '.join(parts)} = {total}; "
           + (f"more than {limit.value:g}, so negotiations are at the Departmental level" if level == "department"
              else f"not more than {limit.value:g}, so negotiations are at the Agency level"))
    return level, why, limit.cite, used
