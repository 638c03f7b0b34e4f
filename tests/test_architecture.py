"""The package layout (ARCHITECTURE.md): no import circles inside lmcore, and imports flow one way — the contract
and values at the bottom, the rules of each article above them, storage beside, the command line and widgets on top.

Every import counts: module level, inside functions (lazy) and under TYPE_CHECKING. Importing `a.b.c` also runs the
`__init__` of `a.b` (and `a`), so those packages count as imported too, unless the importer lives inside them.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lmcore"

# Layers, bottom first: a module may import its own layer (without circles) and the layers below, never above.
LAYERS = [
    ("foundation", ["lmcore.errors", "lmcore.contract", "lmcore.calendar", "lmcore.deadlines", "lmcore.rulings",
                    "lmcore.exports", "lmcore.safe_date"]),
    ("rules", ["lmcore.grievance", "lmcore.arbitration", "lmcore.schedules", "lmcore.leave", "lmcore.flexiplace",
               "lmcore.bargaining", "lmcore.subsidies"]),
    # Above the rules, below storage: training grades answers with every rule package; the partnership chapter reuses
    # bargaining's committees. No rule imports them; storage may keep their records (trainee results, forum meetings).
    ("practice", ["lmcore.training", "lmcore.partnership"]),
    ("storage", ["lmcore.storage"]),
    ("interfaces", ["lmcore.commands", "lmcore.ui", "lmcore.server", "lmcore.cli", "lmcore.__main__"]),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every lmcore module this one imports, with the packages whose __init__ that import runs."""
    is_pkg = path.name == "__init__.py"
    base = name.split(".") if is_pkg else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                up = base[: len(base) - node.level + 1]
                mod = ".".join(up + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in known else mod for a in node.names]
        for t in targets:
            if t not in known:
                continue
            found.add(t)
            parts = t.split(".")
            for i in range(1, len(parts)):
                parent = ".".join(parts[:i])
                if parent in known and not (name == parent or name.startswith(parent + ".")):
                    found.add(parent)
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def layer_of(name: str) -> int | None:
    for i, (_, prefixes) in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return i
    return None


def test_the_checker_sees_a_circle():
    """The checker itself: a two-module circle and a circle through a package __init__ are found."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert cycles({"p": {"p.x"}, "p.x": {"q"}, "q": {"p"}}) == [["p", "p.x", "q"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_inside_lmcore():
    found = cycles(graph())
    assert not found, "import circles (break each so that imports flow one way):\n" + "\n".join(" → ".join(c) for c in found)


def test_imports_flow_downward_through_the_layers():
    g = graph()
    wrong = []
    for mod, deps in g.items():
        lm = layer_of(mod)
        if lm is None:
            continue
        for d in deps:
            ld = layer_of(d)
            if ld is not None and ld > lm:
                wrong.append(f"{mod} ({LAYERS[lm][0]}) imports {d} ({LAYERS[ld][0]})")
    assert not wrong, "\n".join(sorted(wrong))


def test_every_module_has_a_layer():
    unplaced = [m for m in modules() if m not in ("lmcore", "lmcore.contracts") and layer_of(m) is None]
    assert not unplaced, f"add these to LAYERS (and ARCHITECTURE.md): {unplaced}"
