"""Real-browser fixtures: one Voilà server per test session (per xdist worker) and Chromium driven by Playwright.

`voila_server` starts Voilà on a free port with the repository's voila.json (the same command `lmcore serve`
runs; port_retries=0), waits until it answers and stops it at the end (`start_server` starts another one, with
extra settings). `open_dashboard(name, query)` opens a dashboard and waits for the app's own ready marker
(`#loading` gone, `.lmcore-ready` set) — never a fixed sleep — while recording console errors and refusing (and
recording) any request that leaves 127.0.0.1. A page whose kernel stopped before it was ready (the server's
`.lmcore-kernel-failed` notice) fails at once, with the server's log, instead of waiting out the timeout.
Screenshots go to test-artifacts/ (gitignored).
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from lmcore.commands.serve import voila_command

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
LOCAL_HOSTS = {"127.0.0.1"}
READY_TIMEOUT_MS = 150_000  # first render on a loaded 2-core CI machine: a page opened again just after its warm kernel
# was taken waits for the pool's refill to run the notebook (over 60 s once in CI); the wait ends as soon as the marker is set
WAIT_MS = 60_000  # an answer on a loaded 2-core machine; each wait ends as soon as the text is there
SERVER_TIMEOUT_S = 90
PINNED_TODAY = "2026-11-23"  # the test run's "today" (as notebooks/conftest.py pins it for nbval); a served page uses the real date


def dashboard_names() -> list[str]:
    """Every dashboard notebook that exists now (the landing page index.ipynb is tested on its own)."""
    return sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb") if p.name != "index.ipynb" and not p.name.startswith((".", "_")))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running server: its base URL, process and log file."""

    base: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


# base URL → the server behind it (for tests that look at the server process or its log)
SERVERS: dict[str, Server] = {}


@contextmanager
def start_server(name: str, caselog: Path, extra_args: tuple[str, ...] = (),
                 kernel_env: dict[str, str | None] | None = None) -> Iterator[Server]:
    """A Voilà server with the repository config (plus `extra_args`) on a free port, stopped at the end; its log is
    test-artifacts/voila-<name>.log. `kernel_env` sets (or, with None, removes) variables for its kernels."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: `make chromium` installs Debian's chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    argv, env, cwd = voila_command(NOTEBOOKS, port)
    env["LMCORE_CASELOG"] = str(caselog)
    for key, value in (kernel_env or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    log_path = ARTIFACTS / f"voila-{name}.log"
    log = log_path.open("w")
    proc = subprocess.Popen([*argv, *extra_args], env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}/", proc, log_path)
    SERVERS[server.base] = server
    try:
        _wait_until_answering(server.base, proc, log_path)
        yield server
    finally:
        SERVERS.pop(server.base, None)
        proc.terminate()  # Voilà stops its kernels on SIGTERM
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def preheat_only(folder: Path, names: list[str]) -> tuple[str, ...]:
    """Server arguments that pre-heat only these notebooks (a server for a few pages need not warm all fourteen: on
    2 cores each warm-up takes CPU from the tests). The deny-list goes in a second config file in `folder`: on the
    command line a list for VoilaKernelManager (a class the app does not declare) stays a string; Voilà matches the
    patterns against each notebook's absolute path."""
    allowed = "|".join(re.escape(n) for n in names)
    (folder / "voila.json").write_text(json.dumps({"VoilaKernelManager": {"preheat_denylist": [rf"^(?!.*/({allowed})\.ipynb$)"]}}))
    return (f"--Voila.config_file_paths={folder}",)


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a Voilà server started with the repository config on a free port (one per xdist worker).
    Its kernels keep the grievance case log in a temporary file (LMCORE_CASELOG), never in the real home, and take
    "today" from LMCORE_TODAY (PINNED_TODAY), so the tests' hand-worked dates hold on any day."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    # The whole browser suite is one client (127.0.0.1) keeping several pages open and requesting every dashboard
    # (test_landing): above the default 12 pages per client; tests/test_server.py checks the default cap.
    with start_server(worker, tmp_path_factory.mktemp("caselog") / "cases.sqlite",
                      ("--LmcoreServer.max_kernels_per_client=64",), kernel_env={"LMCORE_TODAY": PINNED_TODAY}) as server:
        _wait_until_warm(server)
        yield server.base


WARM_TIMEOUT_S = 600  # 14 notebooks pre-heated on a loaded 2-core machine (measured 60–200 s), once per worker
WARM_LINE = "lmcore: every dashboard has a warm kernel"  # lmcore.server.app, when its pool is complete


def _wait_until_warm(server: Server) -> None:
    """Wait until the server has pre-heated a kernel for every dashboard, so that the tests' first pages do not race
    the pool for the 2 cores (a page then takes a warm kernel and draws in seconds)."""
    deadline = time.monotonic() + WARM_TIMEOUT_S
    while WARM_LINE not in server.log():
        if server.process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server's kernels did not get warm within {WARM_TIMEOUT_S} s:\n{server.log()[-3000:]}")
        time.sleep(0.5)  # polling the server's log, not waiting for a page


def _wait_until_answering(base: str, proc: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Voilà exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            if requests.get(base, timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not up yet, or busy starting its kernels
            pass
        time.sleep(0.1)  # polling the server's socket, not waiting for a page
    raise RuntimeError(f"Voilà did not answer within {SERVER_TIMEOUT_S} s:\n{log_path.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options: Debian's chromium (no browser download is possible here)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@dataclass
class Dashboard:
    """An open dashboard page with what the browser reported while it was open."""

    page: object
    name: str
    kernel_id: str | None
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def field_box(self, input_selector: str):
        """The Field row (label, input, error) holding an input: its `.lmcore-error` is the message beside it."""
        page = self.page
        rows = page.locator(".widget-hbox").filter(has=page.locator(input_selector)).filter(has=page.locator(".lmcore-error"))
        return rows.last  # the innermost row holding both: the Field's own box

    def answer_text(self) -> str:
        return " ".join(self.page.locator(".lmcore-answer").first.inner_text().split())


class Opener:
    """Opens dashboards in their own browser contexts; at the end frees their kernels and reports what went wrong."""

    def __init__(self, base: str, browser):
        self.base, self.browser = base, browser
        self.opened: list[tuple[object, Dashboard]] = []

    def open(self, name: str, query: str = "", wait_ready: bool = True) -> Dashboard:
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        dash = Dashboard(page, name, None)
        page.on("console", lambda m: m.type == "error" and dash.console_errors.append(m.text))
        page.on("pageerror", lambda e: dash.console_errors.append(f"page error: {e}"))

        def guard(route) -> None:
            url = urlsplit(route.request.url)
            if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL_HOSTS:
                dash.external_requests.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", guard)
        self.opened.append((context, dash))
        # "commit": the page's own ready marker (wait_until_ready) says when it is drawn, not the browser's load event
        page.goto(f"{self.base}voila/render/{name}.ipynb" + (f"?{query}" if query else ""), timeout=READY_TIMEOUT_MS,
                  wait_until="commit")
        if wait_ready:
            wait_until_ready(page, self.base)
        dash.kernel_id = kernel_id(page)
        return dash

    def close(self) -> None:
        problems = []
        for context, dash in self.opened:
            if dash.kernel_id:
                requests.post(f"{self.base}voila/api/shutdown/{dash.kernel_id}", timeout=30)
            context.close()
            if dash.external_requests:
                problems.append(f"{dash.name}: requests left 127.0.0.1: {dash.external_requests}")
            if dash.console_errors:
                problems.append(f"{dash.name}: console errors: {dash.console_errors}")
        self.opened.clear()
        assert not problems, "\n".join(problems)


@pytest.fixture
def open_dashboard(voila_server: str, browser) -> Iterator[Callable[..., Dashboard]]:
    """open_dashboard(name, query="") → a ready Dashboard; each gets its own browser context and kernel."""
    opener = Opener(voila_server, browser)
    yield opener.open
    opener.close()


@pytest.fixture(scope="module")
def module_opener(voila_server: str, browser) -> Iterator[Opener]:
    """For a test module that drives one dashboard page through several steps (one page load, one kernel)."""
    opener = Opener(voila_server, browser)
    yield opener
    opener.close()


def wait_until_ready(page, base: str | None = None) -> None:
    """Voilà's spinner gone and the app's ready marker set (the first answer is drawn); no widget failed to load.
    A page whose kernel stopped first shows the server's notice instead: that fails now, with the server's log."""
    page.wait_for_selector("#loading", state="hidden", timeout=READY_TIMEOUT_MS)
    page.wait_for_selector(".lmcore-app.lmcore-ready, .lmcore-kernel-failed", timeout=READY_TIMEOUT_MS)
    if page.locator(".lmcore-kernel-failed").count():
        server = SERVERS.get(base or "")
        log = server.log()[-4000:] if server else ""
        raise AssertionError(f"the page's kernel stopped before the page was ready ({page.url}); server log:\n{log}")
    broken = page.locator(".jupyter-widgets-error-widget").count()
    assert broken == 0, f"{broken} widget(s) failed to render in the browser"


def type_into(locator, text: str) -> None:
    """Type into a text box as a person does: the text, then Enter (the box sends its value on Enter or on leaving)."""
    locator.fill(text)
    locator.press("Enter")


CHART_DRAWN = "() => [...document.querySelectorAll('.lmcore-app img')].some(i => i.complete && i.naturalWidth > 50)"


def wait_for_chart(page) -> None:
    """A served page's first chart is drawn after the page is shown (lmcore.ui.show_png): wait until a real picture
    (not an empty image) is in the app."""
    page.wait_for_function(CHART_DRAWN, timeout=WAIT_MS)


def kernel_id(page) -> str | None:
    node = page.locator("#jupyter-config-data")
    if not node.count():
        return None
    return json.loads(node.first.text_content()).get("kernelId")


def error_outputs(page) -> list[str]:
    """Error or stderr output of notebook cells (tracebacks are off, so Voilà shows a one-line notice instead)."""
    texts = page.locator('[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output.jp-mod-error').all_inner_texts()
    body = page.locator("body").inner_text()
    if "There was an error when executing cell" in body:
        texts.append("Voilà: There was an error when executing cell")
    return texts


def screenshot(page, name: str) -> Path:
    """A full-length screenshot of the dashboard in test-artifacts/<name>.png (Voilà scrolls inside #rendered_cells)."""
    ARTIFACTS.mkdir(exist_ok=True)
    height = page.evaluate("() => { const r = document.querySelector('#rendered_cells');"
                           " return Math.ceil(r ? r.scrollHeight : document.body.scrollHeight); }")
    page.set_viewport_size({"width": 1280, "height": max(900, min(int(height) + 40, 8000))})
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def normalized(text: str) -> str:
    return " ".join(text.split())
