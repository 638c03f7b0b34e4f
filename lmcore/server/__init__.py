"""The dashboard server's protections (issue 15): it cannot be hung, rebound or exhausted by a client.

- the kernel websocket speaks only the v1 protocol, with every frame checked and bounded (`frames`, `channel`);
- any Host not on the allow-list gets 403 on every route, and a page load from another site starts no kernel
  (`origins`, `routes`);
- kernels for open pages are capped per server and per client, with a plain "busy" page past the cap (`capacity`,
  `notices`, `render`), and a page whose kernel dies says so with a retry link (`render`, `kernels`).

`lmcore serve` runs `app.LmcoreVoila` (Voilà standalone); Binder and JupyterHub load this package as a jupyter_server
extension (`"jpserver_extensions": {"lmcore.server": true}`, binder/jupyter_config). Settings: `config.LmcoreServer`.
"""
from __future__ import annotations

from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "lmcore.server"}]


def _link_jupyter_server_extension(serverapp: Any) -> None:
    """Before the server creates its kernel manager: its kernels on Unix sockets when the paths fit (kernels.py)."""
    from .kernels import choose_transport

    choose_transport(serverapp.config, serverapp.runtime_dir)


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from .config import LmcoreServer
    from .routes import install

    settings = LmcoreServer(parent=serverapp).settings()
    install(serverapp.web_app, settings)
    serverapp.log.info(settings.describe())


load_jupyter_server_extension = _load_jupyter_server_extension  # the name older jupyter_server versions look for
