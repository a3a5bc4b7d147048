"""Enrolment codes, device tokens and body signatures.

The enrolment code is typed by a person from a printout, so it uses an alphabet without
look-alikes (no 0/O, 1/I/L) and tolerates lower case, spaces and a missing dash. Only SHA-256
digests of codes and tokens are stored; the signing secret itself must be kept to verify.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_enrollment_code() -> str:
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def normalize_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch not in "- \t")


def code_digest(text: str) -> str:
    return hashlib.sha256(normalize_code(text).encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_secret() -> str:
    return secrets.token_hex(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def body_signature(secret: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of the body bytes as sent, keyed with the secret's UTF-8 bytes."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_matches(secret: str, body: bytes, signature: str | None) -> bool:
    given = (signature or "").strip().lower()
    # compare_digest wants ASCII; a header can carry anything, so check the shape first.
    if len(given) != 64 or any(ch not in "0123456789abcdef" for ch in given):
        return False
    return hmac.compare_digest(body_signature(secret, body), given)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None
