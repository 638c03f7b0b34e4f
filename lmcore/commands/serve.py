"""`lmcore serve`: the dashboards in Voilà on http://127.0.0.1:8866, with the repository's voila.json settings.

All settings (template, no tracebacks, port_retries=0, pre-heated kernels, which files may be served, the server's
protections in its `LmcoreServer` section) live in voila.json beside the notebooks folder; this command finds the
folders, checks the port and its options, and starts Voilà with lmcore's protections (`python -m lmcore.server`).
"""
from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import Any

from ..errors import InvalidInput

PACKAGE = Path(__file__).resolve().parents[1]
# Jupyter data folder holding the "lmcore" Voilà template (voila/templates/lmcore): put on JUPYTER_PATH.
JUPYTER_DATA = PACKAGE / "ui" / "jupyter_data"
HOST, PORT = "127.0.0.1", 8866


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="start the dashboards in Voilà (http://127.0.0.1:8866, landing page first)")
    p.add_argument("--port", type=int, default=PORT, help=f"port to listen on (default {PORT}); a busy port is an error")
    p.add_argument("--notebooks", metavar="DIR", help="folder of dashboard notebooks (default: the repository's notebooks/)")
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.add_argument("--allow-host", action="append", metavar="NAME", default=[],
                   help="a host name the server answers to besides 127.0.0.1, localhost and [::1] (behind a proxy: its "
                        "public name); repeatable")
    p.add_argument("--trusted-proxy", action="append", metavar="ADDRESS", default=[],
                   help="a reverse proxy (address or network) whose X-Forwarded-For names the client; repeatable")
    p.add_argument("--max-kernels", type=int, metavar="N",
                   help="most kernels for open pages (default: from the memory, ~130 MB each)")
    p.add_argument("--max-kernels-per-client", type=int, metavar="N", help="most open pages per client (default 12)")
    p.set_defaults(func=run)


def default_notebooks() -> Path:
    """The repository's notebooks/ folder (beside the lmcore package), else ./notebooks."""
    beside = PACKAGE.parent / "notebooks"
    return beside if beside.is_dir() else Path.cwd() / "notebooks"


def voila_command(notebooks: Path, port: int = PORT, open_browser: bool = False,
                  protections: list[str] | None = None) -> tuple[list[str], dict[str, str], Path]:
    """The command line, environment and working folder that serve `notebooks` with the repo's voila.json
    (`protections`: extra `--LmcoreServer.name=value` settings, from protection_options)."""
    notebooks = Path(notebooks).resolve()
    if not notebooks.is_dir():
        raise InvalidInput(f"{notebooks} is not a folder of notebooks", fix="Give --notebooks DIR, the folder holding the .ipynb dashboards")
    root = notebooks.parent
    config = root / "voila.json"
    if not config.is_file():
        raise InvalidInput(f"no voila.json beside {notebooks}", fix=f"Run from the lmcore repository, or put voila.json in {root}")
    if not 1 <= port <= 65535:
        raise InvalidInput(f"{port} is not a TCP port", fix="Give --port a number from 1024 to 65535")
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")]))
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    argv = [
        sys.executable, "-m", "lmcore.server", str(notebooks),
        "--Voila.config_file_paths", str(root),  # only the repository's voila.json, not a personal one
        f"--port={port}", *(protections or []),
    ]
    if not open_browser:
        argv.append("--no-browser")
    return argv, env, root


def protection_options(allow_hosts: list[str], trusted_proxies: list[str], max_kernels: int | None,
                       per_client: int | None) -> list[str]:
    """The command line's protection options as server settings, checked here so a mistake is one line, exit 2."""
    from ..server.origins import allowed_hosts, proxy_networks

    allowed_hosts(allow_hosts)
    proxy_networks(trusted_proxies)
    out = [f"--LmcoreServer.allowed_hosts={name.strip()}" for name in allow_hosts]
    out += [f"--LmcoreServer.trusted_proxies={addr.strip()}" for addr in trusted_proxies]
    for option, value, name in (("--max-kernels", max_kernels, "max_kernels"), ("--max-kernels-per-client", per_client, "max_kernels_per_client")):
        if value is None:
            continue
        if value < 1:
            raise InvalidInput(f"{option} {value} leaves no room for a single page", fix=f"Give {option} a number of 1 or more")
        out.append(f"--LmcoreServer.{name}={value}")
    return out


def check_port(port: int, host: str = HOST) -> None:
    """A clear error when the port is taken (Voilà is set to port_retries=0: it would only log and exit)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Tornado does: only a live listener blocks
        try:
            s.bind((host, port))
        except OSError:
            raise InvalidInput(f"port {port} on {host} is already in use (another `make serve`?)",
                               fix=f"Stop the other server, or choose another port: lmcore serve --port {port + 1}") from None


def run(args: Any) -> int:
    notebooks = Path(args.notebooks) if args.notebooks else default_notebooks()
    protections = protection_options(args.allow_host, args.trusted_proxy, args.max_kernels, args.max_kernels_per_client)
    argv, env, root = voila_command(notebooks, args.port, open_browser=not args.no_browser, protections=protections)
    check_port(args.port)
    print(f"lmcore: dashboards on http://{HOST}:{args.port}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    os.chdir(root)
    os.execve(sys.executable, argv, env)  # Voilà takes over this process: Ctrl-C reaches it and stops its kernels
    return 0  # pragma: no cover
