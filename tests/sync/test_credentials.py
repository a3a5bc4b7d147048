"""The device secret lives in the OS keyring or nowhere: never a plain-text fallback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from clerk_app.sync.credentials import (
    SERVICE_NAME,
    DeviceCredentials,
    InMemoryCredentialStore,
    KeyringCredentialStore,
)
from clerk_app.sync.errors import CredentialStoreError, NoSecureCredentialStore
from tests.sync.file_keyring import ENV_FILE, FileKeyring

CREDS = DeviceCredentials(token="tok-123", secret="sec-456")


@pytest.fixture
def use_backend() -> Iterator[Use]:
    previous = keyring.get_keyring()

    def use(backend: KeyringBackend) -> None:
        keyring.set_keyring(backend)

    yield use
    keyring.set_keyring(previous)


def test_in_memory_store_round_trip() -> None:
    store = InMemoryCredentialStore()
    assert store.load("dev-1") is None
    store.save("dev-1", CREDS)
    assert store.load("dev-1") == CREDS
    store.delete("dev-1")
    store.delete("dev-1")
    assert store.load("dev-1") is None


def test_credentials_never_show_in_a_repr() -> None:
    assert "tok-123" not in repr(CREDS) and "sec-456" not in repr(CREDS)


NO_SECRETS_KEPT = [fail.Keyring(), null.Keyring()]  # type: ignore[no-untyped-call]
Use = Callable[[KeyringBackend], None]


@pytest.mark.parametrize("backend", NO_SECRETS_KEPT, ids=["fail", "null"])
def test_no_usable_keyring_is_a_clear_typed_error(use_backend: Use, backend: KeyringBackend) -> None:
    use_backend(backend)
    store = KeyringCredentialStore()
    with pytest.raises(NoSecureCredentialStore, match="no secure credential store on this machine"):
        store.load("dev-1")
    with pytest.raises(NoSecureCredentialStore, match="no secure credential store on this machine"):
        store.save("dev-1", CREDS)


def test_a_chainer_with_nothing_to_chain_is_refused(use_backend: Use, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    use_backend(chainer.ChainerBackend())  # type: ignore[no-untyped-call]
    with pytest.raises(NoSecureCredentialStore):
        KeyringCredentialStore().load("dev-1")


def test_a_working_keyring_keeps_the_credentials(
    use_backend: Use, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_FILE, str(tmp_path / "keyring.json"))
    use_backend(FileKeyring())  # type: ignore[no-untyped-call]
    store = KeyringCredentialStore()
    store.save("dev-1", CREDS)
    assert store.load("dev-1") == CREDS
    assert keyring.get_password(SERVICE_NAME, "dev-1") is not None
    store.delete("dev-1")
    store.delete("dev-1")  # already gone: fine
    assert store.load("dev-1") is None


def test_unreadable_stored_credentials_say_enrol_again(
    use_backend: Use, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_FILE, str(tmp_path / "keyring.json"))
    use_backend(FileKeyring())  # type: ignore[no-untyped-call]
    keyring.set_password(SERVICE_NAME, "dev-1", "not json")
    with pytest.raises(CredentialStoreError, match="enrol again"):
        KeyringCredentialStore().load("dev-1")
