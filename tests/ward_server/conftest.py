"""Fixtures: one real ward server process for the session, a fresh station number per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ward_server.support import WardProcess, ward_server

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WardProcess]:
    with ward_server(Path(tmp_path_factory.mktemp("ward"))) as server:
        yield server


@pytest.fixture
def station_no() -> int:
    """A station number no other test uses, so tests sharing the server don't see each other's counts."""
    return next(_numbers)
