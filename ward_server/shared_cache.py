"""A few seconds' cache for public answers that a crowd asks for at once.

The first request for a key starts the computation; every request arriving while it runs, or
within ``ttl_s`` after it finished, gets that same result. So a thousand phones reloading the
page cost one computation every few seconds, not a thousand. A failure is not kept: the next
request tries again. Event loop only (no locks needed: nothing here awaits between the check
and the update).
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class _Entry(Generic[T]):
    task: asyncio.Future[T]
    expires: float = float("inf")  # set when the computation finishes


class SharedCache(Generic[T]):
    def __init__(self, ttl_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self._clock = clock
        self._entries: dict[str, _Entry[T]] = {}

    async def get(self, key: str, compute: Callable[[], Awaitable[T]]) -> T:
        entry = self._entries.get(key)
        if entry is None or entry.expires <= self._clock():
            entry = _Entry(asyncio.ensure_future(compute()))
            self._entries[key] = entry
            entry.task.add_done_callback(functools.partial(self._finished, key, entry))
        # shield: a client hanging up cancels its own wait, not the computation the others share.
        return await asyncio.shield(entry.task)

    def _finished(self, key: str, entry: _Entry[T], task: asyncio.Future[T]) -> None:
        if task.cancelled() or task.exception() is not None:
            if self._entries.get(key) is entry:
                del self._entries[key]
        else:
            entry.expires = self._clock() + self.ttl_s
