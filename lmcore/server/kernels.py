"""How the server's kernels are started and watched.

Unix sockets instead of TCP ports: over TCP, jupyter_client picks five free ports per kernel and releases them for
the kernel to bind — another process can take one in between ("Address already in use"). Its port cache
(jupyter_client/connect.py, LocalPortCache) then sets those ports explicitly, so they are not recorded as random,
and the restarter's "restarting kernel (n/5), new random ports" (restarter.py) restarts the kernel on the same taken
port, five times, until it is declared dead — while the page waiting for it spins. A socket file named after the
kernel's own id, in the server's private connection folder, cannot collide.

And a kernel manager that remembers which kernels died and were restarted: a page that was being prepared on such a
kernel can never be finished (the new process has none of its widgets), so it must say so at once (render.py).
"""
from __future__ import annotations

import os
from functools import partial
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets.config import Config

SOCKET_PATH_MAX = 107  # bytes of a Unix socket path (sun_path is 108 with its terminating NUL)


def ipc_fits(connection_dir: str) -> bool:
    """Whether a kernel's socket files fit in this folder: jupyter_client names them <connection file>-ipc-1 … -5."""
    longest = os.path.join(os.path.abspath(connection_dir), f"kernel-{'0' * 36}-ipc-5")
    return os.name == "posix" and len(os.fsencode(longest)) <= SOCKET_PATH_MAX


def choose_transport(config: Config, connection_dir: str) -> str:
    """Unix sockets when they fit (unless a transport is configured), else TCP; the transport kernels will use."""
    section = config.KernelManager
    if "transport" not in section:
        section.transport = "ipc" if ipc_fits(connection_dir) else "tcp"
    return section.transport


class PageKernelManager(AsyncMappingKernelManager):
    """Set as VoilaConfiguration.multi_kernel_manager_class (voila.json) and ServerApp.kernel_manager_class (binder)."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.restarted: set[str] = set()

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        kernel_id = await super().start_kernel(*args, **kwargs)
        self.add_restart_callback(kernel_id, partial(self.restarted.add, kernel_id), "restart")
        return kernel_id

    def remove_kernel(self, kernel_id: str) -> Any:
        self.restarted.discard(kernel_id)
        return super().remove_kernel(kernel_id)
