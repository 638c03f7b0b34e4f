"""`lmcore serve`'s server: Voilà's standalone app with lmcore's protections installed (routes.py), kernels that
talk over Unix sockets (kernels.py: no ports to race for), and the pre-heated pool warmed one dashboard at a time,
the landing page first.

Why the warm-up is ordered: Voilà starts one pre-heated kernel for every notebook at the same instant; on a 2-core
machine nine kernels importing and running their notebooks at once made the first page wait 23–32 s. Here the
landing page's kernel starts alone (ready in a few seconds; the browser opens then), and each dashboard's kernel
starts when the one before it has drawn its page.
"""
from __future__ import annotations

import asyncio
import json
import os
import sys

from tornado.ioloop import IOLoop
from traitlets import Dict
from traitlets.config import Config
from traitlets.config.loader import DeferredConfigString
from voila.app import Voila

from ..errors import LmcoreError
from .config import LmcoreServer
from .kernels import choose_transport
from .routes import install

LANDING = "index.ipynb"
WARM_TIMEOUT_S = 120  # one notebook's warm-up; a kernel that takes longer is left to the page watchdog
WARM_POLL_S = 0.2


def pools_wanted(config: Config, default_size: int) -> dict:
    """The pre-heated pools asked for (`VoilaKernelManager.kernel_pools_config`, from voila.json or the command line,
    where it is still the text: read here as a dict, as Voilà's own kernel manager reads it), else the default size."""
    wanted = config.VoilaKernelManager.get("kernel_pools_config")
    if isinstance(wanted, DeferredConfigString):
        try:
            wanted = json.loads(wanted)
        except ValueError:  # not JSON: the forms traitlets itself reads
            wanted = wanted.get_value(Dict())
    return dict(wanted or {"default": {"pool_size": default_size}})


class LmcoreVoila(Voila):
    classes = [*Voila.classes, LmcoreServer]

    def init_settings(self) -> dict:
        """Voilà's settings, with its kernels on Unix sockets and its kernel manager created on an empty pool (the
        warm-up fills it in order)."""
        self.log.info("lmcore: kernels talk over %s", "Unix sockets" if choose_transport(self.config, self.connection_dir) == "ipc" else "TCP")
        section = self.config.VoilaKernelManager
        self._pools_wanted = pools_wanted(self.config, self.voila_configuration.default_pool_size)
        preheat = self.voila_configuration.preheat_kernel
        if preheat:
            section.kernel_pools_config = {"default": {"pool_size": 0}}
        try:
            settings = super().init_settings()
        finally:
            if preheat:
                section.kernel_pools_config = self._pools_wanted
        if preheat:
            self.kernel_manager.kernel_pools_config = self._pools_wanted
        return settings

    def warm_notebooks(self) -> list[str]:
        """The notebooks to pre-heat, in order: the landing page first, then the others alphabetically."""
        pools = getattr(self.kernel_manager, "_pools", {}) if self.voila_configuration.preheat_kernel else {}
        return sorted(pools, key=lambda nb: (os.path.basename(nb) != LANDING, nb))

    def _pool_size(self, notebook: str) -> int:
        default = self._pools_wanted.get("default", {})
        return max(0, int(self._pools_wanted.get(notebook, default).get("pool_size", default.get("pool_size", 1))))

    def listen(self) -> None:
        notebooks = self.warm_notebooks()
        settings = LmcoreServer(parent=self).settings(warm=sum(self._pool_size(nb) for nb in notebooks))
        install(self.app, settings)
        self.log.info(settings.describe())
        self._open_when_warm = self.open_browser and bool(notebooks)
        if self._open_when_warm:
            self.open_browser = False
        if notebooks:
            IOLoop.current().add_callback(self._warm_pool, notebooks)
        super().listen()

    async def _warm_pool(self, notebooks: list[str]) -> None:
        km = self.kernel_manager
        for i, notebook in enumerate(notebooks):
            km.fill_if_needed(delay=0, notebook_name=notebook)
            for item in list(km._pools.get(notebook, ())):
                try:
                    content = await asyncio.wait_for(asyncio.shield(item), WARM_TIMEOUT_S)
                    await self._until_warm(content)
                except Exception as exc:  # a failed warm kernel: a page that takes it is told so (render.py)
                    self.log.warning("lmcore: the warm kernel of %s did not get ready: %r", notebook, exc)
            if i == 0:
                self.log.info("lmcore: %s is warm", notebook)
                if self._open_when_warm:
                    self.launch_browser()
        self.log.info("lmcore: every dashboard has a warm kernel (%d)", len(notebooks))

    @staticmethod
    async def _until_warm(content: dict) -> None:
        """Until the kernel has run its notebook as far as it can before a request: to the end, or to the point where
        a dashboard waits for its page's address (lmcore.ui.query_params: Voilà's wait_for_request, connected)."""
        from voila.request_info_handler import RequestInfoSocketHandler

        waited = 0.0
        while not (content["task"].done() or content["kernel_id"] in RequestInfoSocketHandler._waiters):
            if waited > WARM_TIMEOUT_S:
                raise TimeoutError(f"not warm after {WARM_TIMEOUT_S} s")
            await asyncio.sleep(WARM_POLL_S)
            waited += WARM_POLL_S


def main(argv: list[str] | None = None) -> int:
    """Run the server; a setting it cannot use is one line and exit code 2, as on the lmcore command line."""
    try:
        LmcoreVoila.launch_instance(argv)
    except LmcoreError as exc:
        print(f"lmcore: {exc}", file=sys.stderr)
        return 2
    return 0
