"""TEST-ONLY keyring backend: keeps "secrets" in plain JSON, in a file named by an env variable.

Never use it outside tests: it is exactly the plain-text store the app refuses to fall back to.
It exists because CLI tests run ``clerk-app`` in a subprocess, where an in-memory store would be
gone when the process ends. Select it with

    PYTHON_KEYRING_BACKEND=tests.sync.file_keyring.FileKeyring
    CLERK_TEST_KEYRING_FILE=/tmp/.../keyring.json
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV_FILE = "CLERK_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    priority = 1  # only ever chosen by name, through the env variable

    @staticmethod
    def _path() -> Path:
        value = os.environ.get(ENV_FILE)
        if not value:
            raise RuntimeError(f"FileKeyring is for tests only and needs {ENV_FILE}")
        return Path(value)

    def _read(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def _write(self, data: dict[str, str]) -> None:
        path = self._path()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[f"{service}/{username}"] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("not stored")
        self._write(data)
