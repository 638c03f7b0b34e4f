"""Voilà's page handler (`/voila/render/<notebook>`) with the server's rules: a load from another site starts no
kernel, a page is admitted against the kernel caps (or gets the plain "busy" page), and a page whose kernel dies
before the page is ready says so, with a retry link, within a couple of seconds instead of spinning for minutes."""
from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import tornado.web
from jupyter_core.utils import ensure_async
from jupyter_server._tz import utcnow

from . import notices
from .capacity import Refusal, Ticket
from .guard import guard_of
from .origins import client_address, cross_site

WATCH_S = 1.0  # how often the kernel of a page being prepared is checked


class _BindingKernels:
    """The kernel manager as one page handler sees it: the kernel it starts, or takes warm from the pool, is written on
    the page's ticket (so the caps count it from then on, and the watchdog knows what to watch).

    A kernel taken from the pool is marked active at the hand-over. Its last activity was its warm-up, often minutes
    ago; the culler spares pooled kernels but not this one, no longer pooled and not yet connected (the browser is
    still loading the page), so it could shut it down in the seconds before the page connects — the page then waited
    for a kernel the server no longer had ("The model for kernel id … does not exist")."""

    def __init__(self, kernels: Any, ticket: Ticket):
        self._kernels, self._ticket = kernels, ticket

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kernels, name)

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        kernel_id = await ensure_async(self._kernels.start_kernel(*args, **kwargs))
        self._ticket.kernel_id = kernel_id
        return kernel_id

    async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> Any:
        try:
            task, cache, kernel_id = await self._kernels.get_rendered_notebook(*args, **kwargs)
        except Exception:  # the warm kernel failed to start: Voilà took it from the pool without refilling it
            self._kernels.fill_if_needed(notebook_name=kwargs.get("notebook_name"))
            raise
        self._ticket.kernel_id = kernel_id
        with contextlib.suppress(KeyError):  # a kernel that failed is the watchdog's (PageAdmission._stream)
            self._kernels.get_kernel(kernel_id).last_activity = utcnow()
        return task, cache, kernel_id


class PageAdmission:
    """Mixed in before Voilà's TornadoVoilaHandler; replaces its `get` (same streaming, plus the rules above)."""

    settings: dict[str, Any]
    _lmcore_ticket: Ticket | None = None

    @property
    def kernel_manager(self) -> Any:
        kernels = self.settings["kernel_manager"]
        return kernels if self._lmcore_ticket is None else _BindingKernels(kernels, self._lmcore_ticket)

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> None:
        guard, request = guard_of(self.settings), self.request  # type: ignore[attr-defined]
        url = request.uri
        reason = cross_site(request.headers, request.host)
        if reason:
            return self._notice(403, notices.cross_site(url, reason))
        kernels = self.settings["kernel_manager"]
        client = client_address(request.remote_ip, request.headers.get("X-Forwarded-For"), guard.settings.trusted_proxies)
        ticket = guard.ledger.admit(client, alive=lambda kernel_id: kernel_id in kernels)
        if isinstance(ticket, Refusal):
            self.log.warning("lmcore: page refused (%s full, %d kernels): %s from %s", ticket.reason, ticket.limit, url, client)  # type: ignore[attr-defined]
            self.set_header("Retry-After", str(notices.RETRY_AFTER_S))  # type: ignore[attr-defined]
            return self._notice(503, notices.busy(ticket, url))
        self._lmcore_ticket = ticket
        try:
            await self._stream(path, ticket, url)
        finally:
            if ticket.kernel_id is None:
                guard.ledger.release(ticket)

    async def _stream(self, path: str | None, ticket: Ticket, url: str) -> None:
        """Voilà's page, snippet by snippet as it renders, with the page's kernel checked every WATCH_S seconds."""
        pieces = self.get_generator(path=path)  # type: ignore[attr-defined]
        wrote = False
        try:
            while True:
                step = asyncio.ensure_future(pieces.__anext__())
                while not step.done():
                    await asyncio.wait({step}, timeout=WATCH_S)
                    if not step.done() and ticket.kernel_id and await self._kernel_failed(ticket.kernel_id):
                        step.cancel()
                        with contextlib.suppress(BaseException):
                            await step
                        return await self._failed(ticket, url, wrote)
                try:
                    html = step.result()
                except StopAsyncIteration:
                    return
                except tornado.web.HTTPError:
                    raise
                except Exception:
                    self.log.exception("lmcore: the page %s could not be prepared", url)  # type: ignore[attr-defined]
                    return await self._failed(ticket, url, wrote)
                self.write(html)  # type: ignore[attr-defined]
                self.flush()  # type: ignore[attr-defined]
                wrote = True
        finally:
            with contextlib.suppress(Exception):
                await pieces.aclose()

    async def _kernel_failed(self, kernel_id: str) -> bool:
        kernels = self.settings["kernel_manager"]
        if kernel_id not in kernels or kernel_id in getattr(kernels, "restarted", ()):
            return True
        return not await ensure_async(kernels.get_kernel(kernel_id).is_alive())

    async def _failed(self, ticket: Ticket, url: str, wrote: bool) -> None:
        """Free the dead page's kernel and tell the reader, in the page already on its way or as a page of its own."""
        kernels = self.settings["kernel_manager"]
        self.log.warning("lmcore: the kernel of %s stopped before its page was ready", url)  # type: ignore[attr-defined]
        if ticket.kernel_id and ticket.kernel_id in kernels:
            with contextlib.suppress(Exception):
                await ensure_async(kernels.shutdown_kernel(ticket.kernel_id, now=True))
        guard_of(self.settings).ledger.release(ticket)
        if wrote:
            self.write(notices.kernel_failed_inline(url))  # type: ignore[attr-defined]
        else:
            self._notice(503, notices.kernel_failed(url))

    def _notice(self, status: int, html: str) -> None:
        self.set_status(status)  # type: ignore[attr-defined]
        self.set_header("Content-Type", "text/html; charset=utf-8")  # type: ignore[attr-defined]
        self.set_header("Cache-Control", "no-store")  # type: ignore[attr-defined]
        self.finish(html)  # type: ignore[attr-defined]
