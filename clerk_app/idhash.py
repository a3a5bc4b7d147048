"""Keyed hashing of citizen ID numbers: the station matches scanned IDs without storing them.

The key (a random per-station salt kept in the station database) stops a dictionary attack on
the small space of 12-digit IDs by anyone holding a copy of the hashes alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

IdHasher = Callable[[str], str]


def make_id_hasher(key: bytes) -> IdHasher:
    # BLAKE2b in keyed mode is a MAC by design and runs in C per call: importing a 40,000-voter
    # list hashes every ID, and HMAC's Python-level wrapper cost three times as much.
    def id_hash(id_number: str) -> str:
        return hashlib.blake2b(id_number.encode("ascii"), key=key, digest_size=16).hexdigest()

    return id_hash
