"""The kernel websocket (`/api/kernels/<id>/channels`) as a browser may use it: the v1 protocol only, every frame
checked before it is parsed, and a bound on its size (see frames.py for the hang this prevents)."""
from __future__ import annotations

from typing import Any

from .frames import V1, offers_v1, v1_frame_problem
from .guard import guard_of
from .notices import LEGACY_CHANNEL

POLICY_VIOLATION = 1008  # websocket close code


class KernelChannelGuard:
    """Mixed in before jupyter_server's (or Voilà's) kernel websocket handler."""

    settings: dict[str, Any]

    async def get(self, *args: Any, **kwargs: Any) -> None:
        if not offers_v1(self.request.headers.get("Sec-WebSocket-Protocol")):  # type: ignore[attr-defined]
            self.set_status(400)  # type: ignore[attr-defined]
            self.set_header("Content-Type", "text/plain; charset=utf-8")  # type: ignore[attr-defined]
            self.finish(LEGACY_CHANNEL)  # type: ignore[attr-defined]
            return
        await super().get(*args, **kwargs)  # type: ignore[misc]

    def select_subprotocol(self, subprotocols: list[str]) -> str | None:
        return V1 if V1 in subprotocols else None

    @property
    def max_message_size(self) -> int:
        return guard_of(self.settings).settings.max_message_bytes

    def on_message(self, message: bytes | str) -> Any:
        problem = v1_frame_problem(message)
        if problem:
            self.log.warning("lmcore: closing a kernel websocket that sent %s", problem)  # type: ignore[attr-defined]
            self.close(POLICY_VIOLATION, "not a v1 kernel message")  # type: ignore[attr-defined]
            return None
        return super().on_message(message)  # type: ignore[misc]
