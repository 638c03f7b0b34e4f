"""Check binder/hub/jupyterhub_config.py on one machine, and measure what one person costs.

Starts a real JupyterHub (DummyAuthenticator, SimpleLocalProcessSpawner: every user's server runs as this Unix
user with its own home folder under a temporary directory) with this folder's jupyterhub_config.py, starts
N users' servers through the Hub's REST API, opens each person's landing page through the Hub's proxy at the
same moment, renders one in Chromium, and prints: server start time, landing page time for N people at once,
memory of one person's server and of one dashboard kernel. Not part of the test suite.

Needs, beside the project's environment: `pip install jupyterhub` and configurable-http-proxy
(`npm install configurable-http-proxy`; put its .bin folder on PATH). Run from the repository root:
    python binder/hub/check_hub.py --users 10
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LANDING = "voila/render/notebooks/index.ipynb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(tmp: Path, token: str, port: int) -> Path:
    """This folder's config, plus what only a one-machine check needs (dummy logins, local processes)."""
    cfg = tmp / "jupyterhub_config.py"
    cfg.write_text(
        (HERE / "jupyterhub_config.py").read_text()
        + f"""
# --- check_hub.py: one machine, no real logins ---------------------------------------------------------
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.Spawner.home_dir_template = {str(tmp / "home" / "{username}")!r}
c.Spawner.args = c.Spawner.args + ["--allow-root"]
c.Spawner.cmd = [{str(Path(sys.executable).with_name("jupyterhub-singleuser"))!r}]
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.JupyterHub.db_url = {("sqlite:///" + str(tmp / "hub.sqlite"))!r}
c.JupyterHub.cookie_secret_file = {str(tmp / "cookie_secret")!r}
c.JupyterHub.services = [{{"name": "check", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "check", "services": ["check"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"]}}]
""")
    return cfg


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=10)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lmcore-hub-"))
    token, port = secrets.token_hex(16), free_port()
    env = {**os.environ, "LMCORE_HOME": str(ROOT), "LMCORE_HUB_CULLER": "0"}
    hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(write_config(tmp, token, port))],
                           cwd=tmp, env=env, stdout=open(tmp / "hub.log", "w"), stderr=subprocess.STDOUT)
    base, api = f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/hub/api"
    auth = {"Authorization": f"token {token}"}
    users = [f"trainee{i:02d}" for i in range(1, args.users + 1)]
    try:
        for _ in range(600):
            try:
                if requests.get(f"{api}/", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        for u in users:
            requests.post(f"{api}/users/{u}", headers=auth, timeout=30)

        def spawn(u: str) -> float:
            t = time.perf_counter()
            requests.post(f"{api}/users/{u}/server", headers=auth, timeout=60)
            while not requests.get(f"{api}/users/{u}", headers=auth, timeout=30).json()["servers"].get("", {}).get("ready"):
                time.sleep(0.2)
            return time.perf_counter() - t

        def landing(u: str) -> tuple[float, int, bool]:
            t = time.perf_counter()
            r = requests.get(f"{base}user/{u}/{LANDING}", headers=auth, timeout=300)
            return time.perf_counter() - t, r.status_code, 'data-dashboard=\\"handbook\\"' in r.text

        with cf.ThreadPoolExecutor(len(users)) as pool:
            spawns = list(pool.map(spawn, users))
        # what a person's browser gets first: the server's front door redirects to the landing page
        front = requests.get(f"{base}user/{users[0]}/", headers=auth, timeout=60, allow_redirects=False)
        with cf.ThreadPoolExecutor(len(users)) as pool:
            pages = list(pool.map(landing, users))
        time.sleep(2)
        hub_proc = psutil.Process(hub.pid)
        servers = [p for p in hub_proc.children(recursive=True) if "jupyterhub-singleuser" in " ".join(p.cmdline())]
        kernels = [p for p in hub_proc.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
        server_mb = [p.memory_full_info().uss / 2**20 for p in servers]
        kernel_mb = [p.memory_full_info().uss / 2**20 for p in kernels]
        browser = render_in_browser(f"{base}user/{users[0]}/{LANDING}", auth)
        files = requests.get(f"{base}user/{users[0]}/voila/files/notebooks/handbook.ipynb", headers=auth, timeout=30).status_code

        print(f"JupyterHub check with {len(users)} users ({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
        print(f"  front door /user/NAME/ → {front.status_code} {front.headers.get('Location', '')}")
        print(f"  server start: median {statistics.median(spawns):.1f} s, max {max(spawns):.1f} s (all {len(users)} at once)")
        print(f"  landing page, {len(users)} people at once: median {statistics.median(p[0] for p in pages):.1f} s, "
              f"max {max(p[0] for p in pages):.1f} s, statuses {sorted({p[1] for p in pages})}, "
              f"every page lists the dashboards: {all(p[2] for p in pages)}")
        print(f"  one person's Jupyter server (USS): median {statistics.median(server_mb):.0f} MB over {len(server_mb)}")
        print(f"  one landing-page kernel (USS): median {statistics.median(kernel_mb):.0f} MB over {len(kernel_mb)}")
        print(f"  in Chromium through the proxy: {browser}")
        print(f"  /voila/files/notebooks/handbook.ipynb → {files}")
    finally:
        for u in users:
            try:
                requests.delete(f"{api}/users/{u}/server", headers=auth, timeout=30)
            except requests.RequestException:
                pass
        hub.terminate()
        try:
            hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            hub.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def render_in_browser(url: str, headers: dict[str, str]) -> str:
    """Open the landing page in Chromium (the token rides in a header) and wait for the app's ready marker."""
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        ctx = b.new_context(extra_http_headers=headers)
        page = ctx.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
        t = time.perf_counter()
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".lmcore-ready", timeout=120_000)
        elapsed = time.perf_counter() - t
        cards = page.locator(".lmcore-card").count()
        b.close()
    return f"ready in {elapsed:.1f} s, {cards} dashboard cards, console errors: {errors or 'none'}"


if __name__ == "__main__":
    main()
