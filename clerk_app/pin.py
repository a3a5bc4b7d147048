"""The team leader's PIN, stored only as a salted scrypt hash."""

from __future__ import annotations

import hashlib
import hmac
import os

from clerk_app.errors import PinRefused

MIN_LENGTH, MAX_LENGTH = 4, 8


def check_format(pin: str) -> None:
    if not (pin.isdigit() and pin.isascii() and MIN_LENGTH <= len(pin) <= MAX_LENGTH):
        raise PinRefused("pin_format")


def hash_pin(pin: str) -> str:
    check_format(pin)
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt" or not pin.isascii():
        return False
    digest = hashlib.scrypt(pin.encode("ascii"), salt=bytes.fromhex(salt_hex), n=2**14, r=8, p=1)
    return hmac.compare_digest(digest.hex(), digest_hex)
