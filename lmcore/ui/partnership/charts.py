"""The partnership page's two pictures (matplotlib Figures, no GUI backend): the history as a timeline — each document
by its own title and date — and a team's Six Elements self-assessment as a radar chart on lmcore's 0–4 scale."""
from __future__ import annotations

import math
import textwrap
from typing import Any

KIND_COLOURS = {"executive order": "#1f4e9c", "memorandum": "#2e7d32", "deadline": "#d62728"}
KIND_WORDS = {"executive order": "executive order", "memorandum": "memorandum", "deadline": "deadline set by a memorandum"}


def timeline_chart(rows: list[dict[str, Any]]) -> Any:
    """Each document on a time axis in years, labelled by its title and date (above and below the axis in turn)."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    fig = Figure(figsize=(10.5, 4.8), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    xs = [r["x"] for r in rows]
    first, last = math.floor(min(xs)) - 1, math.ceil(max(xs)) + 1
    ax.axhline(0, color="#555", linewidth=1)
    for i, r in enumerate(rows):
        up = 1 if i % 2 == 0 else -1
        height = up * (1.0 if i % 4 < 2 else 3.0)
        colour = KIND_COLOURS.get(r["kind"], "#555")
        ax.plot([r["x"], r["x"]], [0, height * 0.82], color=colour, linewidth=0.8)
        ax.plot([r["x"]], [0], "o", color=colour, markersize=7)
        label = "\n".join(textwrap.wrap(r["title"], 32)[:4]) + f"\n({r['when']})"
        ax.text(r["x"], height, label, ha="center", va="bottom" if up > 0 else "top", fontsize=7, color="#222")
    ax.set_xlim(first, last)
    ax.set_ylim(-5.2, 5.0)
    ax.set_yticks([])
    ax.set_xticks(range(first, last + 1, 2))
    ax.set_xlabel("Year")
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title("Federal labor–management partnership: the documents, by their own titles and dates", fontsize=10)
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=KIND_WORDS[k]) for k, c in KIND_COLOURS.items()
               if any(r["kind"] == k for r in rows)]
    ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=False)
    fig.tight_layout()
    return fig


def radar_chart(radar: dict[str, list[Any]], weakest: list[str], top: int = 4) -> Any:
    """The Six Elements' scores on a radar (0 at the centre, `top` at the rim), the weakest marked in red."""
    from matplotlib.figure import Figure

    labels, scores = radar["labels"], radar["scores"]
    n = len(labels)
    angles = [2 * math.pi * i / n for i in range(n)]
    fig = Figure(figsize=(5.2, 4.6), dpi=100)
    ax = fig.add_subplot(1, 1, 1, projection="polar")
    ax.set_theta_offset(math.pi / 2)  # the first element at the top, the others clockwise
    ax.set_theta_direction(-1)
    ax.plot(angles + angles[:1], scores + scores[:1], color="#1f4e9c", linewidth=2)
    ax.fill(angles + angles[:1], scores + scores[:1], color="#1f4e9c", alpha=0.18)
    for a, s, label in zip(angles, scores, labels):
        weak = label in weakest
        ax.plot([a], [s], "o", color="#d62728" if weak else "#1f4e9c", markersize=8 if weak else 5)
    ax.set_xticks(angles)
    ax.set_xticklabels([f"{lab}\n{s:.2f}" for lab, s in zip(labels, scores)], fontsize=8)
    ax.set_ylim(0, top)
    ax.set_yticks(range(0, top + 1))
    ax.set_yticklabels([str(i) for i in range(0, top + 1)], fontsize=7, color="#555")
    ax.set_title("Six Elements of Partnership: the team's mean rating\n(0 = not started … 4 = sustained; weakest in red)",
                 fontsize=9)
    fig.tight_layout()
    return fig


__all__ = ["KIND_COLOURS", "radar_chart", "timeline_chart"]
