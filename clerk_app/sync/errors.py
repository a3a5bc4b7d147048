"""Typed errors of the sync subsystem: the worker and the CLI decide what they mean to people.

Unreachable means "try again later, nothing is lost"; Rejected means the ward server answered
and said no, which retrying alone will not fix (a wrong code, a revoked token, a bad batch).
"""

from __future__ import annotations

from clerk_app.errors import ClerkAppError


class SyncError(ClerkAppError):
    """Base of everything that can go wrong between the station and the ward server."""


class Unreachable(SyncError):
    """No usable answer: refused, reset, timed out, a 5xx, or something that is not the ward server."""


class Rejected(SyncError):
    """The ward server answered and refused (401, 403, 404, 409, 413, 422...), with its message."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(f"the ward server refused ({status}): {message}")


class NotEnrolled(SyncError):
    """This station has no ward server address or no device credentials yet."""


class NoSecureCredentialStore(SyncError):
    """The machine has no OS keyring we may keep the device secret in; we never fall back to a file."""


class CredentialStoreError(SyncError):
    """The keyring exists but failed (locked, denied, broken)."""


class BadEnrolment(SyncError):
    """Enrolment cannot start: a malformed address, an unreadable CA file, no station number."""
