"""A panel of dropdowns that switch the readings (interpretations) a dashboard relies on, each with its question."""
from __future__ import annotations

from typing import Any, Callable

import ipywidgets as W

from . import esc, html_widget, lean, shared_layout


class Readings:
    """One dropdown per interpretation id; `.contract()` is the base contract with the chosen readings applied."""

    def __init__(self, contract: Any, ids: list[str], on_change: Callable[[Any], None] | None = None, title: str = "Readings of the text"):
        self.base = contract
        self.ids = [i for i in ids if i in contract.interpretations]
        self.dropdowns: dict[str, W.Dropdown] = {}
        rows = []
        for i in self.ids:
            interp = contract.interpretations[i]
            options = [(option_words(text, k == interp.default), k) for k, text in interp.options.items()]
            dd = lean(W.Dropdown, {"width": "46em"}, options=options, value=contract.choice(i))
            if on_change is not None:
                dd.observe(on_change, names="value")
            self.dropdowns[i] = dd
            rows.append(W.VBox([html_widget(f"<b>{esc(interp.label)}</b> ({esc(interp.cite)}): {esc(interp.question)}"), dd],
                               layout=shared_layout(margin="0 0 8px 0")))
        self.box = W.Accordion(children=[W.VBox(rows)], titles=(title,), selected_index=None)

    def set(self, interpretation_id: str, choice: str) -> None:
        self.dropdowns[interpretation_id].value = choice

    def contract(self) -> Any:
        changed = {i: d.value for i, d in self.dropdowns.items() if d.value != self.base.choice(i)}
        return self.base.with_interpretations(changed) if changed else self.base


def option_words(text: str, default: bool, limit: int | None = 110) -> str:
    """A dropdown entry: the option in the contract file's words (never its id), the default marked, cut to `limit`
    characters (None: in full, for radio buttons)."""
    head = "(default) " if default else ""
    full = head + text
    return full if limit is None or len(full) <= limit else full[:limit - 1].rstrip() + "…"
