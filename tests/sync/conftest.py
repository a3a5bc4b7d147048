"""Fixtures of the sync tests: real ward server processes on loopback, a fault proxy, stations."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.faultproxy import FaultProxy
from tests.sync.support import RestartableWard, running_ward

# From 8: station 7 is the fixed number of the command-line tests on the shared ward
# (test_cli_sync), whose events a fixture-numbered station 7 would restore at enrolment.
_numbers = itertools.count(8)


@pytest.fixture(scope="session")
def shared_ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RestartableWard]:
    """One server for the tests that never stop it; each takes its own station number."""
    with running_ward(Path(tmp_path_factory.mktemp("shared-ward"))) as ward:
        yield ward


@pytest.fixture
def own_ward(tmp_path: Path) -> Iterator[RestartableWard]:
    """A server this test alone uses, so it may kill and restart it."""
    with running_ward(tmp_path / "ward") as ward:
        yield ward


@pytest.fixture
def station_no() -> int:
    return next(_numbers)


@pytest.fixture
def proxy(own_ward: RestartableWard) -> Iterator[FaultProxy]:
    with FaultProxy(own_ward.port) as fault_proxy:
        yield fault_proxy
