"""``POST /api/v1/events`` as a bare ASGI app: the one endpoint every station calls in a loop.

FastAPI's endpoint machinery (a Request object, dependency resolution for the bearer token, the
service and two headers, a Response object) cost about a millisecond per batch, as much as a bare
SQLite insert of the batch. This route reads the four headers it needs from the ASGI scope,
reads the body itself and answers with orjson. What a station sees is unchanged:

- it runs inside the app's middleware and router, so every error is still raised as ApiError or
  sqlite3.OperationalError and worded by the app's handlers (ward_server.api), status codes,
  bodies and headers included;
- the checks run in the same order as before: the token (exactly as FastAPI's HTTPBearer reads
  the Authorization header), the size while reading (413), the signature, then decompressing
  and parsing in the writer thread;
- /openapi.json still documents it as before, from a FastAPI route that is never dispatched to
  (ward_server.api.post_events).
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import FastAPI
from starlette.requests import ClientDisconnect
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from clerk_app.clock import to_iso
from ward_server import credentials, wire
from ward_server.errors import ApiError
from ward_server.ingest import Outcome
from ward_server.service import WardService

PATH = "/api/v1/events"
_JSON_HEADERS = [(b"content-type", b"application/json")]


def bearer_credentials(authorization: str | None) -> str | None:
    """The token of an Authorization header as fastapi.security.HTTPBearer reads it (None where
    HTTPBearer(auto_error=False) gives None): the scheme is what precedes the first space."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if not (scheme and token) or scheme.lower() != "bearer":
        return None
    return token


class PostEvents:
    """The ASGI app of the route; the service is the app's (set by its lifespan)."""

    def __init__(self, app: FastAPI) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        service: WardService = self._app.state.service
        authorization = signature = encoding = length = None
        for name, value in scope["headers"]:  # the first of each, as Starlette's Headers.get
            if name == b"authorization":
                authorization = authorization if authorization is not None else value.decode("latin-1")
            elif name == b"x-signature":
                signature = signature if signature is not None else value.decode("latin-1")
            elif name == b"content-encoding":
                encoding = encoding if encoding is not None else value.decode("latin-1")
            elif name == b"content-length":
                length = length if length is not None else value.decode("latin-1")
        # Order matters: who is it (token), how big (413 while reading), is it theirs (signature),
        # and only then decompress and parse.
        device = await service.authenticate(bearer_credentials(authorization))
        raw = await wire.read_limited(_chunks(receive), length)
        if not credentials.signature_matches(device.secret, raw, signature):
            raise ApiError(401, "bad or missing signature")
        outcome = await service.ingest(device, raw, encoding)
        body = orjson.dumps(_ack(device.device_id, outcome, to_iso(service.clock())))
        await send({"type": "http.response.start", "status": 200, "headers": _JSON_HEADERS + _length(body)})
        await send({"type": "http.response.body", "body": body})


def _length(body: bytes) -> list[tuple[bytes, bytes]]:
    return [(b"content-length", str(len(body)).encode("ascii"))]


async def _chunks(receive: Receive) -> Any:
    """The request body as it arrives (Starlette's Request.stream, without the Request)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect
        chunk: bytes = message.get("body", b"")
        if chunk:
            yield chunk
        if not message.get("more_body", False):
            return


def _ack(device_id: str, outcome: Outcome, server_time: str) -> dict[str, Any]:
    """The EventsAck of docs/sync-protocol.md, field for field (tests check it against the model)."""
    return {
        "device_id": device_id,
        "acked_seq": outcome.acked_seq,
        "server_time": server_time,
        "stored": outcome.stored,
        "duplicates": outcome.duplicates,
        "incidents": len(outcome.refused),
        "refused": [r.model_dump() for r in outcome.refused],
        "conflicts": [c.model_dump() for c in outcome.conflicts],
    }


def route(app: FastAPI) -> Route:
    """The route the router dispatches to (not documented itself: see ward_server.api)."""
    return Route(PATH, PostEvents(app), methods=["POST"], name="post_events", include_in_schema=False)
