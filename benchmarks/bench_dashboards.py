"""Benchmark: the Voilà dashboards in a real browser (Chromium via Playwright), as a trainee meets them.

Measures, with the repository's voila.json:
  1. time to first render of each dashboard (navigation → `.lmcore-ready`) against the same Voilà serving an
     empty notebook (the floor), with pre-heated kernels (the config) and without (preheat switched off);
     targets: within 1.5× the floor and under 3 s;
  2. widget round trip (change an input in the page → `.lmcore-answer` redrawn): median < 150 ms, p95 < 300 ms;
  3. memory of one dashboard kernel (RSS and unique USS, psutil) and of the Voilà server;
  4. first render when 10 users open a dashboard at once;
  5. a training room (issue 17 item 16): 30 people open the grievance page at the same moment, one browser context
     each — time to a drawn page (`.lmcore-ready`), the server's share (30 HTTP requests at once, until the page is
     sent), and each page's kernel CPU seconds and USS memory when its page is drawn (before its first answer),
     against 30 opens of the empty notebook in the same run; goal: every page drawn within 10 s.
Writes benchmarks/results_dashboards.txt. Not part of the test suite (numbers depend on the machine's load).
Run: .venv/bin/python benchmarks/bench_dashboards.py [--quick]   (or --room [--class-pool], or --first-render
[--samples N] [names…]: section 5 / 1 alone, printed, not written; --class-pool: the room served by the README's
class-day pool of 30 warm kernels instead of voila.json's one)
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lmcore.commands.serve import voila_command  # noqa: E402

OUT = Path(__file__).with_name("results_dashboards.txt")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
FLOOR = "_floor"
# Which input a round trip changes, and to what: the browser tests' cases (tests/browser/test_dashboards.py:
# the input a person changes, the value and the bad value; the handbook's date box, two dates).
HANDBOOK_TRIP = ("input[type=date]", "2026-11-18", "2026-12-10")
# JS, run on the input element: change it the way a person does (value + change event) and time until the
# answer's text changes (-2 if it did not change within 10 s).
ROUND_TRIP_JS = """async (input, value) => {
  const answer = document.querySelector('.lmcore-answer');
  const before = answer.innerText;
  return await new Promise((resolve) => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (answer.innerText !== before) { obs.disconnect(); resolve(performance.now() - t0); }
    });
    obs.observe(answer, {subtree: true, childList: true, characterData: true});
    setTimeout(() => { obs.disconnect(); resolve(-2); }, 10000);
    input.value = value;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new Event('change', {bubbles: true}));
  });
}"""


CONSOLE_ERRORS: list[str] = []
PAUSE_MS = 600  # between two changes in the round-trip test (the kernel finishes drawing plots meanwhile)
CROWD_TIMEOUT_MS = 90_000
ROOM, ROOM_PAGE, ROOM_GOAL_S = 30, "grievance_timeline", 10.0
CLASS_FILL_DELAY_S = 120.0  # the class-day pool's refill: after the room's pages are drawn, not while
ROOM_TIMEOUT_MS = 300_000  # 30 kernels on 2 cores: a page may take minutes; one not drawn by then counts as inf


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stage(tmp: Path) -> Path:
    """A copy of the notebooks (and voila.json beside them) plus the floor: an empty notebook, same server."""
    nbs = tmp / "notebooks"
    shutil.copytree(ROOT / "notebooks", nbs, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(ROOT / "voila.json", tmp / "voila.json")
    floor = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Floor\n\nAn empty page."}],
             "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
             "nbformat": 4, "nbformat_minor": 5}
    (nbs / f"{FLOOR}.ipynb").write_text(json.dumps(floor))
    return nbs


class Server:
    """Voilà started exactly as `lmcore serve` starts it (plus optional overrides), stopped on exit."""

    def __init__(self, notebooks: Path, extra: list[str] | None = None):
        self.port = free_port()
        argv, env, cwd = voila_command(notebooks, self.port)
        self.proc = subprocess.Popen(argv + (extra or []), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}/"
        for _ in range(900):
            try:
                if requests.get(self.base, timeout=5).status_code == 200:
                    break
            except requests.RequestException:  # not up yet, or busy starting its kernels
                time.sleep(0.1)

    def settle(self, expected_kernels: int, timeout: float = 180) -> None:
        """Wait until the pre-heated kernel pools are full and idle (CPU quiet), so each sample starts alike."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            kids = self.kernels()
            for k in kids:
                _cpu(k)  # starts the measurement
            time.sleep(1.0)
            busy = sum(_cpu(k) for k in kids)
            if len(kids) >= expected_kernels and busy < 5:
                return

    def kernels(self) -> list[psutil.Process]:
        out = []
        for c in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if "ipykernel" in " ".join(c.cmdline()):
                    out.append(c)
            except psutil.Error:
                pass
        return out

    def kernel_process(self, kernel_id: str) -> psutil.Process | None:
        return next((k for k in self.kernels() if any(kernel_id in part for part in k.cmdline())), None)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _cpu(proc: psutil.Process) -> float:
    """CPU percent since the last call (0 for a kernel that has just gone away)."""
    try:
        return proc.cpu_percent(interval=None)
    except psutil.Error:
        return 0.0


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


async def first_render(browser, base: str, name: str, query: str = "", timeout: int = 180_000,
                       probe: Callable[[str], object] | None = None) -> tuple[float, str | None, object]:
    """Seconds from navigation to the app's ready marker (the floor: to Voilà's spinner gone), and the page; with
    `probe`, its result for the page's kernel id (read the moment the page is drawn) is put on the context."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("console", lambda m: m.type == "error" and CONSOLE_ERRORS.append(f"{name}: {m.text}"))
    t = time.perf_counter()
    await page.goto(f"{base}voila/render/{name}.ipynb" + (f"?{query}" if query else ""), timeout=timeout)
    await page.wait_for_selector("#loading", state="hidden", timeout=timeout)
    if name != FLOOR:
        await page.wait_for_selector(".lmcore-ready", timeout=timeout)
    elapsed = time.perf_counter() - t
    node = await page.query_selector("#jupyter-config-data")
    kid = json.loads(await node.text_content()).get("kernelId") if node else None
    if probe is not None and kid:
        context.probed = await asyncio.to_thread(probe, kid)
    return elapsed, kid, context


async def close(context, base: str, kid: str | None) -> None:
    if kid:
        await asyncio.to_thread(requests.post, f"{base}voila/api/shutdown/{kid}", timeout=30)
    await context.close()


async def render_times(browser, server: Server, names: list[str], samples: int, n_kernels: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {n: [] for n in names}
    for _ in range(samples):
        for name in names:
            server.settle(n_kernels)
            elapsed, kid, ctx = await first_render(browser, server.base, name)
            out[name].append(elapsed)
            await close(ctx, server.base, kid)
    return out


async def round_trips(browser, server: Server, name: str, n: int) -> tuple[list[float], float, float]:
    """Round-trip times (ms) for one dashboard, and its kernel's RSS and USS (MB) after the interactions."""
    from tests.browser.test_dashboards import CASES, field_row  # the input a person changes, per dashboard

    server.settle(0)
    case = CASES.get(name)
    _, kid, ctx = await first_render(browser, server.base, name, case.query if case else "")
    page = ctx.pages[0]
    if case is None:  # the handbook
        selector, a, b = HANDBOOK_TRIP
        box = page.locator(selector).first
    else:
        a, b = case.value, _other(name, case)
        box = field_row(page, case)[1]  # locator building is the same in Playwright's sync and async APIs
    times = []
    for i in range(n + 2):
        ms = await box.evaluate(ROUND_TRIP_JS, a if i % 2 == 0 else b)
        if i >= 2:  # the first two warm the path (first draw of a plot, first import of a lazily loaded module)
            times.append(ms)
        await page.wait_for_timeout(PAUSE_MS)  # a person reads the answer before the next change
    rss = uss = float("nan")
    proc = server.kernel_process(kid) if kid else None
    if proc:
        mem = proc.memory_full_info()
        rss, uss = mem.rss / 2**20, mem.uss / 2**20
    await close(ctx, server.base, kid)
    return times, rss, uss


# The value each case's input has when its link opens (the round trip alternates it with the case's value).
STARTING = {"grievance_timeline": "2026-11-18", "arbitration_scheduler": "2026-11-25", "contract_calendar": "2026-11-23",
            "flexiplace": "2026-11-18", "leave_planner": "200", "subsidies": "45000", "work_schedules": "0"}


def _other(name: str, case) -> str:
    """A second good value that gives a different answer: the link's own starting value."""
    return STARTING[name]


async def crowd(browser, server: Server, name: str, users: int) -> list[float]:
    """`users` people open the same dashboard at the same moment (inf: a page not ready within 90 s)."""
    server.settle(0)
    results = await asyncio.gather(*(first_render(browser, server.base, name, timeout=CROWD_TIMEOUT_MS) for _ in range(users)),
                                   return_exceptions=True)
    times = []
    for r in results:
        if isinstance(r, BaseException):
            times.append(float("inf"))
            continue
        elapsed, kid, ctx = r
        times.append(elapsed)
        await close(ctx, server.base, kid)
    return times


def kernel_cost(server: Server, kernel_id: str) -> tuple[float, float]:
    """A kernel's CPU seconds (user + system, since it started) and its USS in MB, now (nan if it is gone)."""
    proc = server.kernel_process(kernel_id)
    try:
        cpu = proc.cpu_times()
        return cpu.user + cpu.system, proc.memory_full_info().uss / 2**20
    except (psutil.Error, AttributeError):
        return float("nan"), float("nan")


async def room(browser, server: Server, name: str, users: int) -> list[tuple[float, float, float]]:
    """`users` people open the page at the same moment, one browser context each: per page, seconds to drawn
    (inf: not drawn within ROOM_TIMEOUT_MS), its kernel's CPU seconds and USS MB at that moment."""
    server.settle(0)
    results = await asyncio.gather(*(first_render(browser, server.base, name, timeout=ROOM_TIMEOUT_MS,
                                                  probe=lambda kid: kernel_cost(server, kid)) for _ in range(users)),
                                   return_exceptions=True)
    out = []
    for r in results:
        if isinstance(r, BaseException):
            out.append((float("inf"), float("nan"), float("nan")))
            continue
        elapsed, kid, ctx = r
        out.append((elapsed, *getattr(ctx, "probed", (float("nan"), float("nan")))))
        await close(ctx, server.base, kid)
    return out


def room_http(server: Server, name: str, users: int) -> list[float]:
    """The server's share of the room: `users` requests at once, each timed until the whole page is sent; the
    kernels the pages started are shut down afterwards (no browser will connect to them)."""
    import concurrent.futures as cf
    import re

    server.settle(0)

    def get(_: int) -> tuple[float, str | None]:
        t = time.perf_counter()
        try:
            text = requests.get(f"{server.base}voila/render/{name}.ipynb", timeout=ROOM_TIMEOUT_MS / 1000).text
        except requests.RequestException:
            return float("inf"), None
        found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', text)
        return time.perf_counter() - t, found[1] if found else None

    with cf.ThreadPoolExecutor(users) as pool:
        got = list(pool.map(get, range(users)))
    for _, kid in got:
        if kid:
            requests.post(f"{server.base}voila/api/shutdown/{kid}", timeout=30)
    return [t for t, _ in got]


def room_lines(pages: list[tuple[float, float, float]], floor: list[tuple[float, float, float]], http: list[float],
               http_floor: list[float], class_pool: bool = False) -> list[str]:
    """Section 5 of the results file."""
    def col(rows: list[tuple[float, float, float]], i: int) -> list[float]:
        return [r[i] for r in rows if r[i] == r[i]]  # nan (kernel gone, page failed) left out

    def stats(xs: list[float]) -> str:
        return f"median {statistics.median(xs):6.2f}  max {max(xs):6.2f}" if xs else "no value"

    drawn = col(pages, 0)
    within = sum(t <= ROOM_GOAL_S for t in drawn)
    pool = (f"a class-day pool of {ROOM} warm kernels, refilled {CLASS_FILL_DELAY_S:g} s after they are taken" if class_pool
            else "voila.json's pool of 1 warm kernel a page")
    lines = [f"## 5. A training room: {ROOM} people open the grievance page at the same moment (one browser context each; "
             f"{pool})",
             f"Time to a drawn page (s, navigation → .lmcore-ready): {stats(drawn)}; drawn within {ROOM_GOAL_S:g} s: "
             f"{within} of {len(pages)} ({'goal met' if within == len(pages) else 'goal NOT met'})",
             f"  all: {' '.join(f'{x:.1f}' for x in sorted(drawn))}",
             f"Empty notebook, {ROOM} at once, to Voilà's spinner gone (s): {stats(col(floor, 0))}",
             f"The server's share ({ROOM} HTTP requests at once, until the page is sent, s): grievance {stats(http)}; "
             f"empty notebook {stats(http_floor)}",
             "Per kernel when its page is drawn (before its first answer):"]
    for label, rows in (("grievance page", pages), ("empty notebook", floor)):
        cpu, uss = col(rows, 1), col(rows, 2)
        lines.append(f"  {label:16} CPU s {stats(cpu)}   USS MB {stats(uss)}")
    g, f = col(pages, 1), col(floor, 1)
    gu, fu = col(pages, 2), col(floor, 2)
    if g and f and gu and fu:
        lines.append(f"  ratio to the empty notebook (medians): CPU {statistics.median(g) / statistics.median(f):.2f}x, "
                     f"USS {statistics.median(gu) / statistics.median(fu):.2f}x")
    return lines


def _cases() -> dict:
    from tests.browser.test_dashboards import CASES

    return CASES


def crowd_http(server: Server, name: str, users: int) -> list[float]:
    """The server's share alone: `users` requests for the page at once, each timed until Voilà has run the
    notebook and sent the whole page (no browser work counted)."""
    import concurrent.futures as cf

    server.settle(0)

    def get(_: int) -> float:
        t = time.perf_counter()
        try:
            requests.get(f"{server.base}voila/render/{name}.ipynb", timeout=CROWD_TIMEOUT_MS / 1000)
        except requests.RequestException:
            return float("inf")  # the page was not sent in time
        return time.perf_counter() - t

    with cf.ThreadPoolExecutor(users) as pool:
        return list(pool.map(get, range(users)))


async def training_room(browser, nbs: Path, n_kernels: int, class_pool: bool = False) -> list[str]:
    """Section 5, on its own server with the repository's voila.json; the per-client cap is raised because every
    page comes from this one address here (in a room each person has their own). With `class_pool`, the class-day
    set-up the README describes: ROOM warm kernels of the page (and of the empty notebook, to compare like with like),
    refilled CLASS_FILL_DELAY_S after they are taken, not while the room's pages are being drawn."""
    extra = [f"--LmcoreServer.max_kernels_per_client={2 * ROOM + 5}"]
    warm, wait = n_kernels, 180.0
    if class_pool:
        pools = {"default": {"pool_size": 1}, f"{ROOM_PAGE}.ipynb": {"pool_size": ROOM}, f"{FLOOR}.ipynb": {"pool_size": ROOM}}
        extra += [f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
                  f"--VoilaKernelManager.fill_delay={CLASS_FILL_DELAY_S}"]
        warm, wait = n_kernels + 2 * (ROOM - 1), 900.0
    server = Server(nbs, extra)
    try:
        server.settle(warm, wait)
        pages = await room(browser, server, ROOM_PAGE, ROOM)
        server.settle(warm, wait + CLASS_FILL_DELAY_S * class_pool)
        floor = await room(browser, server, FLOOR, ROOM)
        server.settle(warm, wait + CLASS_FILL_DELAY_S * class_pool)
        http = room_http(server, ROOM_PAGE, ROOM)
        server.settle(warm, wait + CLASS_FILL_DELAY_S * class_pool)
        http_floor = room_http(server, FLOOR, ROOM)
    finally:
        server.stop()
    return room_lines(pages, floor, http, http_floor, class_pool)


async def room_only(class_pool: bool) -> None:
    """`--room [--class-pool]`: section 5 alone, printed (the results file is written only by a whole run)."""
    from playwright.async_api import async_playwright

    print(f"# load average at start {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="lmcore-bench-") as tmp:
        nbs = stage(Path(tmp))
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            lines = await training_room(browser, nbs, len(list(nbs.glob("*.ipynb"))), class_pool)
            await browser.close()
    print("\n".join(lines))
    print(f"# load average at the end {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


async def first_render_only(only: list[str], samples: int, settle_s: float = 60) -> None:
    """`--first-render [--samples N] [names…]`: section 1 alone (pre-heated; the floor and the pages taken in turn,
    `samples` rounds, the median of each; at most `settle_s` waiting for the pool's refill between pages), printed."""
    from playwright.async_api import async_playwright

    print(f"# load average at start {', '.join(f'{x:.1f}' for x in os.getloadavg())}; {samples} sample(s) a page")
    with tempfile.TemporaryDirectory(prefix="lmcore-bench-") as tmp:
        nbs = stage(Path(tmp))
        every = sorted(p.stem for p in nbs.glob("*.ipynb") if p.stem != FLOOR)
        names = [n for n in every if n in only] if only else every
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            server = Server(nbs)
            try:
                server.settle(len(every) + 1, timeout=600)
                times: dict[str, list[float]] = {n: [] for n in [FLOOR] + names}
                for _ in range(samples):
                    for name in times:
                        server.settle(len(every) + 1, timeout=settle_s)
                        elapsed, kid, ctx = await first_render(browser, server.base, name)
                        times[name].append(elapsed)
                        await close(ctx, server.base, kid)
            finally:
                server.stop()
            await browser.close()
    floor = statistics.median(times[FLOOR])
    for name, xs in times.items():
        med = statistics.median(xs)
        print(f"{name:24} {med:6.2f} s  x floor {med / floor:5.2f}  {'yes' if med / floor <= 1.5 else 'NO ':3}  "
              f"all: {' '.join(f'{x:.2f}' for x in xs)}", flush=True)
    print(f"# load average at the end {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


async def main(quick: bool) -> None:
    from playwright.async_api import async_playwright

    samples, trips = (2, 12) if quick else (4, 30)
    lines = [f"# bench_dashboards{' --quick' if quick else ''} (samples {samples}, round trips {trips}): "
             f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores shared with other work, load average at start "
             f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}", ""]
    with tempfile.TemporaryDirectory(prefix="lmcore-bench-") as tmp:
        nbs = stage(Path(tmp))
        names = sorted(p.stem for p in nbs.glob("*.ipynb") if p.stem not in (FLOOR,))
        n_kernels = len(names) + 1
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)

            server = Server(nbs)
            try:
                hot = await render_times(browser, server, [FLOOR] + names, samples, n_kernels)
                trip = {n: await round_trips(browser, server, n, trips) for n in names if n == "handbook" or n in _cases()}
                idle = server.kernels()
                server_mb = psutil.Process(server.proc.pid).memory_full_info().rss / 2**20
                crowd_hot = await crowd(browser, server, "handbook", 10)
                http_hot = crowd_http(server, "handbook", 10)
            finally:
                server.stop()

            # a class day: ten warm kernels kept ready for the dashboard the class opens together
            pool10 = '{"default": {"pool_size": 1}, "handbook.ipynb": {"pool_size": 10}}'
            server = Server(nbs, [f"--VoilaKernelManager.kernel_pools_config={pool10}"])
            try:
                server.settle(n_kernels + 9)
                crowd_pool = await crowd(browser, server, "handbook", 10)
                server.settle(n_kernels + 9)
                http_pool = crowd_http(server, "handbook", 10)
            finally:
                server.stop()

            server = Server(nbs, ["--VoilaConfiguration.preheat_kernel=False"])
            try:
                cold = await render_times(browser, server, [FLOOR] + names, max(1, samples // 2), 0)
                crowd_cold = await crowd(browser, server, "handbook", 10)
                http_cold = crowd_http(server, "handbook", 10)
            finally:
                server.stop()

            try:
                room_section = await training_room(browser, nbs, n_kernels)
            except Exception as exc:  # sections 1-4 are still written  # noqa: BLE001
                room_section = [f"## 5. A training room: not measured ({type(exc).__name__}: {exc})"]
            await browser.close()

    floor_hot, floor_cold = statistics.median(hot[FLOOR]), statistics.median(cold[FLOOR])
    lines.append("## 1. Time to first render (s, median; navigation → .lmcore-ready; floor = empty notebook)")
    lines.append(f"{'dashboard':24} {'preheated':>9} {'x floor':>7} {'<3 s':>5} {'<1.5x':>6} | {'no preheat':>10} {'x floor':>7}")
    lines.append(f"{'(floor: empty notebook)':24} {floor_hot:9.2f} {1:7.2f} {'':>5} {'':>6} | {floor_cold:10.2f} {1:7.2f}")
    for n in names:
        h, c = statistics.median(hot[n]), statistics.median(cold[n])
        lines.append(f"{n:24} {h:9.2f} {h / floor_hot:7.2f} {'yes' if h < 3 else 'NO':>5} {'yes' if h / floor_hot <= 1.5 else 'NO':>6} | "
                     f"{c:10.2f} {c / floor_cold:7.2f}")
    lines.append("")
    lines.append(f"## 2. Widget round trip in the browser (ms; input changed → answer redrawn; {PAUSE_MS} ms pause between changes)")
    from tests.browser.test_dashboards import CASES

    lines.append(f"{'dashboard':24} {'input':22} {'median':>7} {'p95':>7} {'max':>7} {'ok':>4}")
    for n, (times, _, _) in trip.items():
        good = [t for t in times if t >= 0]
        sel = "start date" if n == "handbook" else CASES[n].label
        if len(good) < len(times) or not good:
            lines.append(f"{n:24} {sel:22} {'no change seen in the answer for ' + str(len(times) - len(good)) + ' of ' + str(len(times)):>30}")
            continue
        med, p95 = statistics.median(good), pct(good, 0.95)
        lines.append(f"{n:24} {sel:22} {med:7.0f} {p95:7.0f} {max(good):7.0f} {'yes' if med < 150 and p95 < 300 else 'NO':>4}")
    lines.append("")
    lines.append("## 3. Memory")
    lines.append(f"{'dashboard kernel':24} {'RSS MB':>7} {'USS MB':>7}  (after the round trips)")
    for n, (_, rss, uss) in trip.items():
        lines.append(f"{n:24} {rss:7.0f} {uss:7.0f}")
    idle_rss = [k.memory_info().rss / 2**20 for k in idle if k.is_running()] if idle else []
    if idle_rss:
        lines.append(f"idle pre-heated kernels: {len(idle_rss)}, median RSS {statistics.median(idle_rss):.0f} MB")
    lines.append(f"Voilà server process RSS: {server_mb:.0f} MB")
    lines.append("")
    lines.append("## 4. Ten users open the handbook at the same moment (s)")
    lines.append("In Chromium, navigation → .lmcore-ready (one Chromium renders all ten pages on this 2-core machine too):")
    for label, xs in (("pool of 1 warm kernel (voila.json)", crowd_hot), ("pool of 10 warm kernels", crowd_pool),
                      ("no preheat", crowd_cold)):
        lines.append(f"  {label:36} median {statistics.median(xs):5.2f}  max {max(xs):5.2f}  all: {' '.join(f'{x:.1f}' for x in sorted(xs))}")
    lines.append("The server's share alone (ten HTTP requests at once, until the whole page is sent):")
    for label, xs in (("pool of 1 warm kernel (voila.json)", http_hot), ("pool of 10 warm kernels", http_pool),
                      ("no preheat", http_cold)):
        lines.append(f"  {label:36} median {statistics.median(xs):5.2f}  max {max(xs):5.2f}")
    lines.append("")
    lines += room_section
    if CONSOLE_ERRORS:
        lines += ["", f"Console errors seen ({len(CONSOLE_ERRORS)}): " + "; ".join(sorted(set(CONSOLE_ERRORS))[:5])]
    lines.append(f"Load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} (the machine is shared: "
                 "ratios within this run are what count)")
    text = "\n".join(lines) + "\n"
    OUT.write_text(text)
    print(text)


if __name__ == "__main__":
    if "--room" in sys.argv:
        asyncio.run(room_only("--class-pool" in sys.argv))
    elif "--first-render" in sys.argv:
        argv = sys.argv[sys.argv.index("--first-render") + 1:]
        n = int(argv[argv.index("--samples") + 1]) if "--samples" in argv else 1
        asyncio.run(first_render_only([a for a in argv if not a.startswith("--") and not a.isdigit()], n))
    else:
        asyncio.run(main("--quick" in sys.argv))
