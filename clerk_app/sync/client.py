"""The HTTP client of the ward server: one requests.Session, explicit timeouts, signed bodies.

Every call has a (connect, read) timeout: a ward server that accepts the connection and then
says nothing must not hang the sync worker. Errors come out typed: Unreachable (try later,
nothing lost) or Rejected (the server said no). Tokens, secrets and bodies are never logged;
log lines carry paths, status codes and counts.

The session ignores the environment (``trust_env = False``): no proxy variables, and above all
no ``.netrc`` whose credentials requests would put in the Authorization header instead of ours.
TLS is verified against the ward's own CA bundle when one is configured, else the system's.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import requests

from clerk_app import __version__
from clerk_app.storage.eventlog import Event
from clerk_app.sync import protocol
from clerk_app.sync.credentials import DeviceCredentials
from clerk_app.sync.errors import NotEnrolled, Rejected, Unreachable

log = logging.getLogger("clerk_app.sync.client")

Timeout = tuple[float, float]
DEFAULT_TIMEOUT: Timeout = (3.05, 10.0)  # connect just above a TCP retransmit (3 s), read for a 500-event batch
GZIP_ABOVE_BYTES = 16 * 1024  # a check-in is ~350 bytes: batches of dozens go compressed
# The server said no, and saying it again will not change its mind.
REJECTED_STATUSES = frozenset({400, 401, 403, 404, 409, 413, 415, 422})

T = TypeVar("T")


def sign(secret: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of the body bytes exactly as sent (compressed, if they are)."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class WardClient:
    def __init__(
        self,
        base_url: str,
        *,
        credentials: DeviceCredentials | None = None,
        ca_bundle: Path | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._credentials = credentials
        self._timeout = timeout
        self._session = requests.Session()
        self._session.trust_env = False
        self._session.verify = str(ca_bundle) if ca_bundle else True
        self._session.headers["User-Agent"] = f"clerk-app/{__version__}"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> WardClient:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    # --- the calls ---------------------------------------------------------------------------

    def health(self) -> protocol.Health:
        return self._call("GET", "/healthz", protocol.parse_health)

    def enroll(self, station: int, code: str, device_id: str) -> protocol.Enrolment:
        body = {"station": station, "code": code, "device_id": device_id}
        return self._call("POST", "/api/v1/enroll", protocol.parse_enrolment, json=body)

    def post_events(self, device_id: str, station: int, events: Sequence[Event]) -> protocol.Ack:
        body = protocol.batch_body(device_id, station, events)
        headers = {"Content-Type": "application/json"}
        if len(body) > GZIP_ABOVE_BYTES:
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        credentials = self._require_credentials()
        headers["Authorization"] = f"Bearer {credentials.token}"
        headers["X-Signature"] = sign(credentials.secret, body)  # over the bytes as sent
        return self._call("POST", "/api/v1/events", protocol.parse_ack, data=body, headers=headers)

    def station_events(
        self, station: int, after: int, limit: int = 500, exclude_device: str | None = None
    ) -> protocol.EventsPage:
        credentials = self._require_credentials()
        params: dict[str, str | int] = {"after": after, "limit": limit}
        if exclude_device is not None:
            params["exclude_device"] = exclude_device  # this device's own events: it has them
        return self._call(
            "GET",
            f"/api/v1/stations/{station}/events",
            protocol.parse_events_page,
            params=params,
            headers={"Authorization": f"Bearer {credentials.token}"},
        )

    def stations_overview(self) -> protocol.WardOverview:
        """Every station of the ward with its figures (the ward's average, this station's place).

        The ward serves it to anyone on its network; the device's token goes along all the same,
        so a ward that comes to require it keeps answering."""
        headers = {"Authorization": f"Bearer {self._credentials.token}"} if self._credentials else {}
        return self._call("GET", "/api/v1/stations", protocol.parse_overview, headers=headers)

    # --- plumbing ----------------------------------------------------------------------------

    def _require_credentials(self) -> DeviceCredentials:
        if self._credentials is None:
            raise NotEnrolled("this device has no ward credentials: enrol it first")
        return self._credentials

    def _call(self, method: str, path: str, parse: Callable[[Any], T], **kwargs: Any) -> T:
        url = self.base_url + path
        try:
            with self._session.request(method, url, timeout=self._timeout, **kwargs) as answer:
                status, content = answer.status_code, answer.content
        except requests.exceptions.SSLError as exc:
            raise Unreachable(f"the ward server's TLS certificate is not trusted: {_reason(exc)}") from exc
        except requests.exceptions.Timeout as exc:
            raise Unreachable(f"the ward server did not answer in time ({_reason(exc)})") from exc
        except requests.exceptions.RequestException as exc:
            raise Unreachable(f"the ward server can't be reached: {_reason(exc)}") from exc
        log.debug("%s %s -> %d (%d bytes)", method, path, status, len(content))
        if status >= 400:
            raise _error_for(status, content)
        try:
            data = json.loads(content)
        except ValueError:
            raise protocol.NotWardServer(f"{path} answered something that is not JSON") from None
        return parse(data)


def _error_for(status: int, content: bytes) -> Exception:
    if status in REJECTED_STATUSES:
        return Rejected(status, _server_message(content))
    # 5xx, 408, 429 and anything unexpected: the server (or something before it) is not well.
    return Unreachable(f"the ward server answered {status}")


def _server_message(content: bytes) -> str:
    """The server's own words: its detail and the JSON pointers of any bad fields. Never our body."""
    try:
        data = json.loads(content)
    except ValueError:
        return "no explanation given"
    if not isinstance(data, dict):
        return "no explanation given"
    detail = str(data.get("detail", "no explanation given"))[:200]
    errors = data.get("errors")
    if isinstance(errors, list) and errors:
        pointers = ", ".join(
            f"{e.get('pointer', '')}: {e.get('message', '')}" for e in errors[:3] if isinstance(e, dict)
        )
        detail = f"{detail} ({pointers})"
    return detail


def _reason(exc: BaseException) -> str:
    """The root cause in a few words ("ConnectionRefusedError: Connection refused"); no headers, no body."""
    cause = exc
    while (inner := cause.__cause__ or cause.__context__) is not None and inner is not cause:
        cause = inner
    if isinstance(cause, OSError) and cause.strerror:
        return f"{type(cause).__name__}: {cause.strerror}"
    return type(cause).__name__
