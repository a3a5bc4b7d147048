"""The public routes' machinery on its own: the shared cache and the per-address token buckets."""

from __future__ import annotations

import asyncio

import pytest

from ward_server.ratelimit import TokenBuckets, client_key
from ward_server.shared_cache import SharedCache


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_crowd_arriving_together_costs_one_computation() -> None:
    clock = FakeClock()
    cache: SharedCache[int] = SharedCache(5.0, clock)
    calls = 0

    async def compute() -> int:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.01)  # the crowd arrives while it runs
        return calls

    async def crowd() -> list[int]:
        return await asyncio.gather(*(cache.get("overview", compute) for _ in range(200)))

    assert asyncio.run(crowd()) == [1] * 200
    assert calls == 1


def test_answers_are_kept_for_the_ttl_after_they_were_computed_then_recomputed() -> None:
    clock = FakeClock()
    cache: SharedCache[int] = SharedCache(5.0, clock)
    calls = 0

    async def compute() -> int:
        nonlocal calls
        calls += 1
        return calls

    async def run() -> list[int]:
        seen = [await cache.get("k", compute)]
        clock.now += 4.9
        seen.append(await cache.get("k", compute))
        clock.now += 0.2
        seen.append(await cache.get("k", compute))
        seen.append(await cache.get("other", compute))  # each key its own
        return seen

    assert asyncio.run(run()) == [1, 1, 2, 3]


def test_a_failure_is_not_kept_and_every_waiter_hears_of_it() -> None:
    cache: SharedCache[int] = SharedCache(5.0, FakeClock())
    attempts = 0

    async def flaky() -> int:
        nonlocal attempts
        attempts += 1
        await asyncio.sleep(0)
        if attempts == 1:
            raise OSError("disk")
        return 7

    async def run() -> tuple[list[int | BaseException], int]:
        first = await asyncio.gather(*(cache.get("k", flaky) for _ in range(3)), return_exceptions=True)
        return first, await cache.get("k", flaky)

    first, second = asyncio.run(run())
    assert all(isinstance(e, OSError) for e in first)
    assert (second, attempts) == (7, 2)


def test_a_client_hanging_up_does_not_cancel_the_others_answer() -> None:
    cache: SharedCache[str] = SharedCache(5.0, FakeClock())

    async def slow() -> str:
        await asyncio.sleep(0.05)
        return "figures"

    async def run() -> str:
        impatient = asyncio.ensure_future(cache.get("k", slow))
        patient = asyncio.ensure_future(cache.get("k", slow))
        await asyncio.sleep(0.01)
        impatient.cancel()
        return await patient

    assert asyncio.run(run()) == "figures"


def test_ten_a_minute_per_address_then_one_every_six_seconds() -> None:
    clock = FakeClock()
    buckets = TokenBuckets(capacity=10, period_s=60.0, clock=clock)
    assert [buckets.take("203.0.113.5") for _ in range(10)] == [0.0] * 10
    assert buckets.take("203.0.113.5") == pytest.approx(6.0)
    assert buckets.take("203.0.113.6") == 0.0  # another address has its own bucket
    clock.now += 3.0
    assert buckets.take("203.0.113.5") == pytest.approx(3.0)  # a refused request spends nothing
    clock.now += 3.0
    assert buckets.take("203.0.113.5") == 0.0
    assert buckets.take("203.0.113.5") > 0
    clock.now += 3600
    assert [buckets.take("203.0.113.5") for _ in range(11)].count(0.0) == 10  # full again, never more


def test_memory_is_bounded_forgetting_the_least_recently_seen() -> None:
    clock = FakeClock()
    buckets = TokenBuckets(capacity=2, period_s=60.0, max_clients=100, clock=clock)
    for _ in range(2):
        buckets.take("198.51.100.1")
    for n in range(500):
        buckets.take(f"10.0.{n // 256}.{n % 256}")
    assert len(buckets) == 100
    assert buckets.take("198.51.100.1") == 0.0  # forgotten: a fresh bucket


def test_ipv6_clients_are_counted_per_64_and_mapped_ipv4_as_ipv4() -> None:
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:192.0.2.7") == "192.0.2.7"
    assert client_key("192.0.2.7") == "192.0.2.7"
    assert client_key("testclient") == "testclient"
    clock = FakeClock()
    buckets = TokenBuckets(capacity=1, period_s=60.0, clock=clock)
    assert buckets.take("2001:db8:1:2::1") == 0.0
    assert buckets.take("2001:db8:1:2::2") > 0  # same /64
