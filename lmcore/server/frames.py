"""The kernel websocket's message format, checked before jupyter_server reads it.

jupyter_server 2.21 (`services/kernels/connection/base.py`, `deserialize_msg_from_ws_v1`) believes the first
8 bytes of a v1 frame — the number of offsets — and builds a list that long: 16 hostile bytes make it count to
2**63, at 100 % CPU with memory growing until the machine is exhausted, the whole server frozen. Voilà 0.5.13
(`voila/tornado/kernel_websocket_handler.py`, `read_header_from_binary_message`) reads every outgoing binary message
the same way, so a client on the legacy protocol (whose binary frames start with 4-byte big-endian counts) freezes
it too. So the kernel channel speaks only v1, and a frame must be well formed before it is parsed.
"""
from __future__ import annotations

from itertools import pairwise

V1 = "v1.kernel.websocket.jupyter.org"
CHANNELS = frozenset({"shell", "control", "stdin", "iopub"})
# offsets: the channel's start, header, parent header, metadata, content (each a start), and the end of the frame
MIN_OFFSETS = 6


def v1_frame_problem(frame: bytes | str) -> str | None:
    """What is wrong with a client's v1 frame, or None when jupyter_server may read it.

    Layout: n (8 bytes, little endian), n offsets of 8 bytes, the channel name, then the message parts; the first
    offset is where the channel starts (8·(n+1)), offsets never decrease and the last is the frame's length."""
    if isinstance(frame, str):
        return "a text frame (the v1 kernel protocol sends binary frames only)"
    size = len(frame)
    if size < 8 * (MIN_OFFSETS + 1):
        return "a frame too short to hold a kernel message"
    count = int.from_bytes(frame[:8], "little")
    if count < MIN_OFFSETS or 8 * (count + 1) > size:
        return "a frame whose offset table does not fit in it"
    offsets = [int.from_bytes(frame[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
    if offsets[0] != 8 * (count + 1) or offsets[-1] != size or any(b < a for a, b in pairwise(offsets)):
        return "a frame whose offsets do not describe it"
    try:
        channel = frame[offsets[0]:offsets[1]].decode("ascii")
    except UnicodeDecodeError:
        channel = ""
    if channel not in CHANNELS:
        return "a frame for no kernel channel"
    return None


def offers_v1(subprotocol_header: str | None) -> bool:
    """Whether a websocket request's Sec-WebSocket-Protocol header offers the v1 kernel protocol."""
    return V1 in [p.strip() for p in (subprotocol_header or "").split(",")]
