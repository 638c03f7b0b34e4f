"""Profile what each dashboard kernel pays before its first answer: every code cell of the notebook run by
nbclient in a fresh kernel, timed (wall and the kernel's CPU seconds), with the widget models the page created,
the heavy modules it loaded (matplotlib, pandas, sqlalchemy, yaml, holidays) and the kernel's USS memory,
against an empty kernel's in the same run. Not a test (numbers depend on the machine's load).
Run: .venv/bin/python benchmarks/profile_kernels.py [--served] [notebook names...]
(--served: the kernel has VOILA_PREHEAT set as Voilà sets it in every dashboard kernel, so a page's first chart
waits for the browser to show it, as in a served page; the probe's own `import ipywidgets` is in "at start")
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("matplotlib", "pandas", "sqlalchemy", "yaml", "holidays", "numpy", "ipywidgets")
PROBE = """import os as _o, sys as _s, time as _t, json as _j
try:
    import ipywidgets as _w
    _n = len(_w.Widget.widgets)
except Exception:
    _n = -1
print(_j.dumps({"cpu": _t.process_time(), "widgets": _n, "pid": _o.getpid(),
               "mods": [m for m in %r if m in _s.modules]}))""" % (HEAVY,)


def _probe(client: NotebookClient, nb, index: int) -> dict:
    cell = nbformat.v4.new_code_cell(PROBE)
    nb.cells.insert(index, cell)
    client.execute_cell(cell, index)
    return json.loads(cell.outputs[0]["text"])


def profile(path: Path, served: bool = False) -> dict:
    """Each code cell's wall time, the kernel's CPU seconds and widget count after it, its USS at the end."""
    nb = nbformat.read(path, as_version=4)
    env = {k: v for k, v in os.environ.items() if k != "LMCORE_TODAY"}
    if served:
        env["VOILA_PREHEAT"] = "False"  # a kernel Voilà started for a page request (not a pre-heated one)
    client = NotebookClient(nb, timeout=300, iopub_timeout=60, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    cells = []
    with client.setup_kernel(env=env):
        start = _probe(client, nb, 0)
        i = 1
        for cell in list(nb.cells[1:]):
            if cell.cell_type != "code":
                i += 1
                continue
            t = time.perf_counter()
            client.execute_cell(cell, i)
            wall = time.perf_counter() - t
            after = _probe(client, nb, i + 1)
            words = next((ln for ln in cell.source.splitlines() if ln and not ln.startswith(("from", "import"))), "")
            cells.append({"wall": wall, "cpu": after["cpu"], "widgets": after["widgets"], "mods": after["mods"],
                          "line": words[:60]})
            i += 2
        uss = psutil.Process(start["pid"]).memory_full_info().uss / 2**20
    return {"start_cpu": start["cpu"], "start_mods": start["mods"], "cells": cells, "uss": uss}


def main(names: list[str], served: bool = False) -> None:
    nbs = ROOT / "notebooks"
    names = names or sorted(p.stem for p in nbs.glob("*.ipynb"))
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    floor.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    fpath = Path(os.environ.get("TMPDIR", "/tmp")) / "_lmcore_empty_profile.ipynb"
    nbformat.write(floor, fpath)
    print(f"# load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for name, path in [("(empty kernel)", fpath)] + [(n, nbs / f"{n}.ipynb") for n in names]:
        r = profile(path, served)
        last = r["cells"][-1] if r["cells"] else {"cpu": r["start_cpu"], "widgets": 0, "mods": r["start_mods"]}
        print(f"{name:24} CPU s at start {r['start_cpu']:.2f}, after all cells {last['cpu']:.2f}; "
              f"widgets {last['widgets']}; USS {r['uss']:.0f} MB; loaded: {' '.join(last['mods'])}")
        for c in r["cells"]:
            print(f"    {c['wall']:6.2f} s wall  CPU so far {c['cpu']:5.2f}  widgets {c['widgets']:4}  {c['line']}")
        sys.stdout.flush()


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if a != "--served"], "--served" in sys.argv)
