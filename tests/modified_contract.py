"""A copy of the bundled contract folder with some parameter values changed, loaded as another unit would load it."""
from __future__ import annotations

import copy
import functools
import itertools
import shutil
from pathlib import Path
from typing import Any

import yaml

from lmcore import load_contract
from lmcore.contract.loading import BUNDLED

_N = itertools.count()
_LOAD = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMP = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@functools.cache
def _bundled() -> dict[str, Any]:
    return yaml.load((BUNDLED / "parameters.yaml").read_text(encoding="utf-8"), Loader=_LOAD)


def copy_with(tmp: Path, changes: dict[str, Any]):
    """load_contract() of a fresh copy of the bundled folder where each "group.name" parameter has its new value."""
    folder = tmp / f"unit_{next(_N)}"
    shutil.copytree(BUNDLED, folder)
    data = copy.deepcopy(_bundled())
    for key, value in changes.items():
        group, name = key.split(".")
        data["parameters"][group][name]["value"] = value
    (folder / "parameters.yaml").write_text(yaml.dump(data, Dumper=_DUMP, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_contract(folder)
