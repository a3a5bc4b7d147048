"""The device token and signing secret, kept in the OS keyring and nowhere else.

keyring's standard ``PYTHON_KEYRING_BACKEND`` variable (or its config file) chooses the
backend. Where the machine has none that keeps secrets (keyring's ``fail`` or ``null`` backend,
a chainer with nothing to chain, a plain-text file backend) we raise NoSecureCredentialStore
rather than write the secret to disk: a station laptop can be lost, and its folder copied.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

from clerk_app.sync.errors import CredentialStoreError, NoSecureCredentialStore

SERVICE_NAME = "clerk-app ward sync"

# Backends that exist but keep nothing, or keep it in plain text: never acceptable.
_REFUSED_BACKENDS = frozenset(
    {
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
        "keyrings.alt.file.PlaintextKeyring",
    }
)


@dataclass(frozen=True)
class DeviceCredentials:
    token: str = field(repr=False)  # repr=False: a stray log of the object shows no secret
    secret: str = field(repr=False)

    def to_text(self) -> str:
        return json.dumps({"token": self.token, "secret": self.secret})

    @classmethod
    def from_text(cls, text: str) -> DeviceCredentials:
        try:
            data = json.loads(text)
            return cls(token=str(data["token"]), secret=str(data["secret"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise CredentialStoreError("the stored device credentials are unreadable; enrol again") from exc


class CredentialStore(Protocol):
    """Where a device's credentials live, keyed by its device id (unique per station data folder)."""

    def save(self, device_id: str, credentials: DeviceCredentials) -> None: ...

    def load(self, device_id: str) -> DeviceCredentials | None: ...

    def delete(self, device_id: str) -> None: ...


class InMemoryCredentialStore:
    """For tests and for callers that must not touch the machine's keyring."""

    def __init__(self) -> None:
        self._items: dict[str, DeviceCredentials] = {}
        self._lock = threading.Lock()  # the UI thread saves, the worker thread loads

    def save(self, device_id: str, credentials: DeviceCredentials) -> None:
        with self._lock:
            self._items[device_id] = credentials

    def load(self, device_id: str) -> DeviceCredentials | None:
        with self._lock:
            return self._items.get(device_id)

    def delete(self, device_id: str) -> None:
        with self._lock:
            self._items.pop(device_id, None)


class KeyringCredentialStore:
    """The OS keyring (Windows Credential Manager, macOS Keychain, Secret Service, KWallet)."""

    def __init__(self, service: str = SERVICE_NAME) -> None:
        self._service = service

    def save(self, device_id: str, credentials: DeviceCredentials) -> None:
        backend = _usable_backend()
        try:
            backend.set_password(self._service, device_id, credentials.to_text())
        except Exception as exc:  # keyring backends raise their own zoo of errors
            raise CredentialStoreError(f"the keyring refused to store the device secret: {type(exc).__name__}") from exc

    def load(self, device_id: str) -> DeviceCredentials | None:
        backend = _usable_backend()
        try:
            text = backend.get_password(self._service, device_id)
        except Exception as exc:
            raise CredentialStoreError(f"the keyring could not be read: {type(exc).__name__}") from exc
        return DeviceCredentials.from_text(text) if text else None

    def delete(self, device_id: str) -> None:
        backend = _usable_backend()
        try:
            backend.delete_password(self._service, device_id)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already deleted
        except Exception as exc:
            raise CredentialStoreError(f"the keyring could not delete the secret: {type(exc).__name__}") from exc


def _class_name(obj: object) -> str:
    return f"{type(obj).__module__}.{type(obj).__qualname__}"


def _usable_backend() -> KeyringBackend:
    """The configured keyring backend, or NoSecureCredentialStore when it cannot keep a secret."""
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a bad PYTHON_KEYRING_BACKEND name raises ImportError and others
        raise NoSecureCredentialStore(f"no secure credential store on this machine: {exc}") from exc
    name = _class_name(backend)
    if name in _REFUSED_BACKENDS or (isinstance(backend, ChainerBackend) and not backend.backends):
        raise NoSecureCredentialStore(
            f"no secure credential store on this machine: keyring backend {name} keeps no secrets. "
            "Install or unlock the system keyring (Windows Credential Manager, macOS Keychain, "
            "GNOME Keyring/KWallet), or choose one with PYTHON_KEYRING_BACKEND."
        )
    return backend


def default_store() -> CredentialStore:
    return KeyringCredentialStore()
