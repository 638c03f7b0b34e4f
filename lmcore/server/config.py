"""The server's protections as Jupyter settings: the `LmcoreServer` section of voila.json (for `lmcore serve`) or of
jupyter_server_config.json (Binder, JupyterHub), or `--LmcoreServer.name=value` on the command line."""
from __future__ import annotations

import os
from dataclasses import dataclass

from traitlets import Integer, List, Unicode
from traitlets.config import LoggingConfigurable

from ..errors import InvalidInput
from .capacity import KERNEL_MB, PAGES_PER_CLIENT, Memory, default_max_kernels, planning_memory
from .origins import Network, allowed_hosts, proxy_networks

HOSTS_ENV = "LMCORE_ALLOWED_HOSTS"  # comma-separated names added to allowed_hosts (handy in a spawner's environment)
MAX_MESSAGE_BYTES = 1 << 20  # a browser's widget messages are small; the largest, a timesheet CSV upload, is a few kB


@dataclass(frozen=True)
class Settings:
    """What the server enforces, resolved and checked."""

    hosts: frozenset[str]
    trusted_proxies: tuple[Network, ...]
    max_kernels: int
    max_kernels_per_client: int
    max_message_bytes: int
    memory: Memory
    kernels_from_memory: bool

    def describe(self) -> str:
        """One line for the start-up log: the caps and where they come from."""
        origin = (f"from {self.memory.bytes / 2**30:.1f} GB, {self.memory.source}" if self.kernels_from_memory else "configured")
        names = ", ".join(sorted(self.hosts))
        return (f"lmcore: at most {self.max_kernels} dashboard kernels ({origin}), {self.max_kernels_per_client} per client; "
                f"answering to {names}")


class LmcoreServer(LoggingConfigurable):
    """Settings of lmcore's dashboard-server protections (lmcore/server)."""

    allowed_hosts = List(Unicode(), help="Host names (or addresses) the server answers to, beside 127.0.0.1, localhost and [::1]: "
                         "the public name behind a proxy or JupyterHub. '*' turns the check off (Binder). The environment "
                         f"variable {HOSTS_ENV} (comma-separated) adds names.").tag(config=True)
    trusted_proxies = List(Unicode(), help="Addresses or networks of reverse proxies whose X-Forwarded-For is believed: behind "
                           "them, the forwarded client address counts against max_kernels_per_client.").tag(config=True)
    max_kernels = Integer(0, help="Most kernels for open dashboard pages (pre-heated kernels come on top). 0: from the memory, "
                          "three quarters of it at kernel_mb per kernel, after the server and its pre-heated kernels.").tag(config=True)
    max_kernels_per_client = Integer(PAGES_PER_CLIENT, help="Most open dashboard pages per client address.").tag(config=True)
    kernel_mb = Integer(KERNEL_MB, help="Unique memory of one dashboard kernel in MB, for the max_kernels default.").tag(config=True)
    max_message_bytes = Integer(MAX_MESSAGE_BYTES, help="Largest websocket message a browser may send to a kernel.").tag(config=True)

    def settings(self, warm: int = 0) -> Settings:
        """The resolved settings; `warm` pre-heated kernels are subtracted from the memory before the default cap."""
        extra = [n for n in os.environ.get(HOSTS_ENV, "").split(",") if n.strip()]
        memory = planning_memory()
        for name in ("max_kernels_per_client", "max_message_bytes", "kernel_mb"):
            if getattr(self, name) < 1:
                raise InvalidInput(f"LmcoreServer.{name} is {getattr(self, name)}", fix="Give a number of 1 or more")
        if self.max_kernels < 0:
            raise InvalidInput(f"LmcoreServer.max_kernels is {self.max_kernels}", fix="Give 0 (from the memory) or a number of kernels")
        cap = self.max_kernels or default_max_kernels(memory.bytes, warm, self.kernel_mb)
        return Settings(allowed_hosts([*self.allowed_hosts, *extra]), proxy_networks(self.trusted_proxies), cap,
                        self.max_kernels_per_client, self.max_message_bytes, memory, not self.max_kernels)
