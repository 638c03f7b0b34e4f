"""Puts the protections on a Tornado application — Voilà's own (`lmcore serve`) or jupyter_server's (Binder,
JupyterHub): a first routing rule that answers 403 to any Host not on the allow-list (every HTTP and websocket
route), and the page and kernel-channel handlers swapped for guarded subclasses wherever they are routed."""
from __future__ import annotations

from collections.abc import Callable
from inspect import isclass
from typing import Any

from tornado.httputil import HTTPServerRequest
from tornado.routing import Matcher, Rule, RuleRouter
from tornado.web import Application, RequestHandler

from .channel import KernelChannelGuard
from .config import Settings
from .guard import GUARD_KEY, Guard
from .notices import FORBIDDEN_HOST
from .origins import host_allowed
from .render import PageAdmission


def install(app: Application, settings: Settings) -> Guard:
    """Put the protections on `app` (once, before it answers requests); the handlers are swapped at the first request,
    when every server extension has added its routes (jupyter_server loads extensions alphabetically, Voilà after us)."""
    guard = Guard(settings)
    app.settings[GUARD_KEY] = guard
    app.default_router.rules.insert(0, Rule(_ForeignHost(app, guard), ForbiddenHostHandler))
    return guard


class _ForeignHost(Matcher):
    """Matches (so routes to the 403 handler) a request whose Host is not on the allow-list."""

    def __init__(self, app: Application, guard: Guard):
        self.app, self.guard, self.swapped = app, guard, False

    def match(self, request: HTTPServerRequest) -> dict[str, Any] | None:
        if not self.swapped:
            swap_handlers(self.app)
            self.swapped = True
        return None if host_allowed(request.host, self.guard.settings.hosts) else {}


class ForbiddenHostHandler(RequestHandler):
    """403 for any method, websocket upgrades included, before any other handler runs."""

    def prepare(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(FORBIDDEN_HOST)


_GUARDED: dict[type, type] = {}


def guarded(handler: type) -> type:
    """The guarded subclass of a kernel websocket handler or a Voilà page handler; any other handler unchanged."""
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
    from voila.handler import VoilaHandler

    if issubclass(handler, (KernelChannelGuard, PageAdmission)):
        return handler
    mixin = (KernelChannelGuard if issubclass(handler, KernelWebsocketHandler)
             else PageAdmission if issubclass(handler, VoilaHandler) else None)
    if mixin is None:
        return handler
    if handler not in _GUARDED:
        _GUARDED[handler] = type(f"Lmcore{handler.__name__}", (mixin, handler), {"__doc__": mixin.__doc__})
    return _GUARDED[handler]


def swap_handlers(app: Application) -> None:
    """Swap every routed page and kernel websocket handler of `app` for its guarded subclass (idempotent)."""
    _visit(app.default_router, guarded)


def _visit(router: RuleRouter, replace: Callable[[type], type]) -> None:
    for rule in router.rules:
        target = rule.target
        if isinstance(target, RuleRouter):
            _visit(target, replace)
        elif isclass(target) and issubclass(target, RequestHandler):
            new = replace(target)
            if new is not target:
                rule.target = new
                if hasattr(rule, "handler_class"):
                    rule.handler_class = new  # URLSpec keeps its own reference (reverse_url)
