"""How many dashboard kernels the server keeps, and for whom: a cap for the whole server (from the memory it may
use and the measured size of one kernel) and one per client, so one browser — or one hostile page — cannot fill
the machine. The ledger counts a page from the moment it is admitted, so many requests at once cannot slip past."""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# One dashboard kernel after use, unique memory (USS): 108–166 MB, median ~135 MB, benchmarks/results_dashboards.txt
# part 3; issue 15 measured 130 MB. The server process itself: ~115–125 MB USS (binder/hub/README.md).
KERNEL_MB = 130
SERVER_MB = 130
# Kernels may use three quarters of the memory; the rest is for the system, the browser showing the pages and the server.
MEMORY_SHARE = 0.75
# A trainee with every dashboard open in tabs (8 dashboards and the landing page) fits, with room to spare.
PAGES_PER_CLIENT = 12
CGROUP_LIMIT = Path("/sys/fs/cgroup/memory.max")


@dataclass(frozen=True)
class Memory:
    """The memory the server may plan with, and where the number comes from (for the start-up log and the README)."""

    bytes: int
    source: str


def planning_memory(env: Mapping[str, str] = os.environ, cgroup: Path = CGROUP_LIMIT) -> Memory:
    """The smallest of: JupyterHub's per-person limit (MEM_LIMIT), the container's cgroup limit, the machine's memory."""
    found = [Memory(_physical_memory(), "the machine's memory")]
    if env.get("MEM_LIMIT", "").strip().isdigit() and int(env["MEM_LIMIT"]) > 0:
        found.append(Memory(int(env["MEM_LIMIT"]), "MEM_LIMIT (the JupyterHub spawner's memory limit)"))
    try:
        text = cgroup.read_text().strip()
    except OSError:
        text = ""
    if text.isdigit():
        found.append(Memory(int(text), "the container's memory limit (cgroup)"))
    return min(found, key=lambda m: m.bytes)


def _physical_memory() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # not POSIX: ipykernel's psutil is always installed with the dashboards
        import psutil

        return int(psutil.virtual_memory().total)


def default_max_kernels(memory_bytes: int, warm: int = 0, kernel_mb: int = KERNEL_MB, server_mb: int = SERVER_MB) -> int:
    """Kernels for open pages that fit in three quarters of the memory, after the server and its `warm` pre-heated kernels."""
    budget_mb = memory_bytes / 2**20 * MEMORY_SHARE - server_mb - warm * kernel_mb
    return max(1, int(budget_mb // kernel_mb))


@dataclass(frozen=True)
class Refusal:
    """Why a page was not given a kernel: the server is full, or this client already holds its share."""

    reason: Literal["server", "client"]
    limit: int


@dataclass(eq=False)  # each admitted page is its own ticket, even two of one client waiting for their kernels
class Ticket:
    """One admitted page: its client and, once started or taken from the pool, its kernel."""

    client: str
    kernel_id: str | None = None


class Ledger:
    """The kernels open pages hold, per client. A ticket counts from admission; it is dropped when its request ends
    without a kernel, or once its kernel is gone (closed tab, culled, dead)."""

    def __init__(self, max_kernels: int, per_client: int):
        self.max_kernels, self.per_client = max_kernels, per_client
        self._tickets: list[Ticket] = []

    def admit(self, client: str, alive: Callable[[str], bool]) -> Ticket | Refusal:
        """A ticket for a new page of `client`, or the reason it must wait. `alive(kernel_id)` says whether a kernel still runs."""
        self._tickets = [t for t in self._tickets if t.kernel_id is None or alive(t.kernel_id)]
        if len(self._tickets) >= self.max_kernels:
            return Refusal("server", self.max_kernels)
        if sum(t.client == client for t in self._tickets) >= self.per_client:
            return Refusal("client", self.per_client)
        ticket = Ticket(client)
        self._tickets.append(ticket)
        return ticket

    def release(self, ticket: Ticket) -> None:
        if ticket in self._tickets:
            self._tickets.remove(ticket)

    def held(self, client: str | None = None) -> int:
        return sum(client is None or t.client == client for t in self._tickets)
