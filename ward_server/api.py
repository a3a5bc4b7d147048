"""The HTTP API of docs/sync-protocol.md and the dashboard page, as one FastAPI app.

Endpoints are async and hand every SQLite job to the thread that owns the connection
(ward_server.service), so no connection ever crosses threads.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from clerk_app.clock import now as vn_now
from clerk_app.clock import to_iso
from ward_server import __version__, dashboard, events_route, wire
from ward_server.errors import ApiError
from ward_server.models import (
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    ErrorItem,
    EventBatch,
    EventsAck,
    EventsPage,
    Health,
    StationsOverview,
    StationTurnout,
)
from ward_server.public_api import add_public_routes
from ward_server.service import Clock, WardService

log = logging.getLogger("ward_server.api")
_bearer = HTTPBearer(auto_error=False, description="the device token from POST /api/v1/enroll")
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
StationPath = Annotated[int, PathParam(ge=1, le=100_000)]

# A page that loads nothing from anywhere: the ward LAN may have no internet.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
    " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'",
    "Cache-Control": "no-store",
}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody} for code in codes}


async def _service(request: Request) -> WardService:
    # async: FastAPI would run a plain def dependency in a worker thread, a hop per request.
    return cast(WardService, request.app.state.service)


Service = Annotated[WardService, Depends(_service)]


def create_app(data_dir: Path, clock: Clock = vn_now) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = WardService(data_dir, clock)
        service.start()
        app.state.service = service
        try:
            yield
        finally:
            service.close()

    # No /docs or /redoc: they pull scripts from a CDN. /openapi.json is the document.
    app = FastAPI(title="ward-server", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(sqlite3.OperationalError, _storage_error)
    _add_routes(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _add_routes(app: FastAPI) -> None:
    app.get("/healthz", response_model=Health)(healthz)
    app.post("/api/v1/enroll", response_model=EnrollResponse, responses=_errors(403, 404, 409, 422, 503))(enroll)
    app.router.routes.append(events_route.route(app))  # documented by _EVENTS_DOCUMENTED
    app.get("/api/v1/stations", response_model=StationsOverview)(stations)
    app.get("/api/v1/stations/{n}/turnout", response_model=StationTurnout, responses=_errors(404, 422))(turnout)
    app.get("/api/v1/stations/{n}/events", response_model=EventsPage, responses=_errors(401, 403, 422))(station_events)
    app.get("/", response_class=HTMLResponse)(page)
    add_public_routes(app)  # GET /public, GET /api/v1/public/stations, POST /api/v1/public/where


async def healthz(service: Service) -> Health:
    return Health(ok=True, server_time=to_iso(service.clock()))


async def enroll(body: EnrollRequest, service: Service) -> EnrollResponse:
    done = await service.enroll(body.station, body.code, body.device_id)
    return EnrollResponse(
        station=done.station,
        device_id=done.device_id,
        token=done.token,
        secret=done.secret,
        server_time=to_iso(service.clock()),
    )


async def post_events(
    bearer: Bearer,
    x_signature: Annotated[str | None, Header(description="hex HMAC-SHA256 of the body as sent")] = None,
    content_encoding: Annotated[str | None, Header()] = None,
) -> EventsAck:
    # POST /api/v1/events as /openapi.json documents it (no docstring: it would show there). Never
    # called: the router dispatches the path to ward_server.events_route.PostEvents, a bare ASGI app.
    raise NotImplementedError


_EVENTS_DOCUMENTED = APIRoute(
    events_route.PATH,
    post_events,
    methods=["POST"],
    response_model=EventsAck,
    responses=_errors(400, 401, 403, 413, 415, 422, 503),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventBatch"}}},
        }
    },
)


async def stations(service: Service) -> StationsOverview:
    return await service.overview()


async def turnout(n: StationPath, service: Service) -> StationTurnout:
    found = await service.turnout(n)
    if found is None:
        raise ApiError(404, "unknown station")
    return found


async def station_events(
    n: StationPath,
    service: Service,
    bearer: Bearer,
    *,
    after: Annotated[int, Query(ge=0, le=2**62, description="the `next` of the previous page")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    exclude_device: Annotated[
        str | None,
        Query(
            pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
            description="leave out this device's events (a device passes its own id: it has them)",
        ),
    ] = None,
) -> EventsPage:
    device = await service.authenticate(bearer.credentials if bearer else None)
    if device.station != n:
        raise ApiError(403, "a device reads its own station's events only")
    return await service.events_page(device, n, after, limit, exclude_device)


async def page(service: Service) -> HTMLResponse:
    return HTMLResponse(dashboard.render(await service.overview()), headers=_PAGE_HEADERS)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    error = cast(ApiError, exc)
    items = [ErrorItem(pointer=p.pointer, message=p.message) for p in error.errors]
    body = ErrorBody(detail=error.detail, errors=items)
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
    return JSONResponse(body.model_dump(), status_code=error.status, headers=headers)


# sqlite3.OperationalError texts that mean the machine (disk full, read-only, locked), not a bug.
_ENVIRONMENT_MESSAGES = ("disk is full", "readonly", "read-only", "locked", "disk i/o", "unable to open")


async def _storage_error(request: Request, exc: Exception) -> JSONResponse:
    """The disk, not the request: 503 so that stations back off and retry (nothing was stored)."""
    text = str(exc).lower()
    if any(m in text for m in _ENVIRONMENT_MESSAGES):
        log.error("storage unavailable: %s", exc)
        body = ErrorBody(detail="ward storage unavailable, retry later")
        return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "30"})
    log.exception("database error on %s %s", request.method, request.url.path)
    return JSONResponse(ErrorBody(detail="internal error").model_dump(), status_code=500)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    items = []
    for problem in cast(RequestValidationError, exc).errors()[:20]:
        location = tuple(problem.get("loc", ()))
        if location[:1] == ("body",):
            location = location[1:]
        items.append(ErrorItem(pointer=wire.json_pointer(location), message=str(problem.get("msg", ""))))
    body = ErrorBody(detail="schema violation", errors=items)
    return JSONResponse(body.model_dump(), status_code=422)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, plus the EventBatch schema: /events reads its raw body itself
    (signature before parsing), so FastAPI cannot see the model on its own."""
    if app.openapi_schema is None:
        # The events route in its place, as FastAPI documents it (see post_events).
        routes = [_EVENTS_DOCUMENTED if getattr(r, "name", None) == "post_events" else r for r in app.routes]
        document = get_openapi(title=app.title, version=app.version, routes=routes)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        batch = EventBatch.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(batch.pop("$defs", {}))
        schemas["EventBatch"] = batch
        app.openapi_schema = document
    return app.openapi_schema
