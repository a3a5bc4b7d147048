"""Keyed hashing of citizen ID numbers: the station matches scanned IDs without storing them.

The key (a random per-station salt kept in the station database) stops a dictionary attack on
the small space of 12-digit IDs by anyone holding a copy of the hashes alone.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

IdHasher = Callable[[str], str]


def make_id_hasher(key: bytes) -> IdHasher:
    def id_hash(id_number: str) -> str:
        return hmac.new(key, id_number.encode("ascii"), hashlib.sha256).hexdigest()[:32]

    return id_hash
