"""The public routes, for any voter's phone: no login, read-only, no personal data.

``GET /public`` (the page, ward_server.public_page) and ``GET /api/v1/public/stations`` (the
same figures as JSON) are built from one snapshot of the figures, computed at most once every
CACHE_SECONDS however many phones ask (ward_server.shared_cache), and say so to browsers and
proxies with ``Cache-Control: public, max-age=5``. ``POST /api/v1/public/where`` answers one
voter's polling place: never cached anywhere, and limited per client address
(ward_server.ratelimit) so that IDs cannot be tried by the thousand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, cast

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ward_server.errors import ApiError
from ward_server.models import ErrorBody
from ward_server.public_models import PublicOverview, WhereAnswer, WhereRequest
from ward_server.public_page import render_public
from ward_server.ratelimit import TokenBuckets
from ward_server.service import WardService
from ward_server.shared_cache import SharedCache

CACHE_SECONDS = 5
WHERE_PER_MINUTE = 10
_CACHED = {"Cache-Control": f"public, max-age={CACHE_SECONDS}"}
# The page loads nothing from anywhere (the ward LAN may have no internet); its script only
# talks to this server.
_PAGE_HEADERS = {
    **_CACHED,
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
    " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}
# Where a voter votes is theirs: kept by no browser or proxy.
_PRIVATE = {"Cache-Control": "no-store"}


@dataclass
class _Snapshot:
    overview: PublicOverview
    json: bytes
    html: bytes | None = None  # rendered on the first request for the page


class PublicFront:
    """The cache and the rate limit of the public routes (one per app)."""

    def __init__(self) -> None:
        self.cache: SharedCache[_Snapshot] = SharedCache(CACHE_SECONDS)
        self.limiter = TokenBuckets(capacity=WHERE_PER_MINUTE, period_s=60.0)

    async def snapshot(self, service: WardService) -> _Snapshot:
        async def compute() -> _Snapshot:
            overview = await service.public_overview()
            return _Snapshot(overview, overview.model_dump_json().encode("utf-8"))

        return await self.cache.get("overview", compute)


async def _service(request: Request) -> WardService:
    return cast(WardService, request.app.state.service)


async def _front(request: Request) -> PublicFront:
    return cast(PublicFront, request.app.state.public_front)


Service = Annotated[WardService, Depends(_service)]
Front = Annotated[PublicFront, Depends(_front)]


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody} for code in codes}


def add_public_routes(app: FastAPI) -> None:
    app.state.public_front = PublicFront()
    app.get("/public", response_class=HTMLResponse, tags=["public"])(public_page)
    app.get("/api/v1/public/stations", response_model=PublicOverview, tags=["public"])(public_stations)
    app.post(
        "/api/v1/public/where",
        response_model=WhereAnswer,
        responses=_errors(404, 422, 429),
        tags=["public"],
    )(public_where)


async def public_stations(service: Service, front: Front) -> Response:
    """Every polling place with its live figures (cached for a few seconds)."""
    snapshot = await front.snapshot(service)
    return Response(snapshot.json, media_type="application/json", headers=_CACHED)


async def public_page(service: Service, front: Front) -> HTMLResponse:
    """The voters' page: the same figures as /api/v1/public/stations, in Vietnamese."""
    snapshot = await front.snapshot(service)
    if snapshot.html is None:
        snapshot.html = render_public(snapshot.overview).encode("utf-8")
    return HTMLResponse(snapshot.html, headers=_PAGE_HEADERS)


async def public_where(body: WhereRequest, request: Request, service: Service, front: Front) -> Response:
    """The polling place of the voter with this 12-digit ID number and birth year, or 404.

    At most 10 look-ups a minute per client address (429 with Retry-After beyond that).
    """
    wait = front.limiter.take(request.client.host if request.client else "unknown")
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        detail = f"too many look-ups from this address: at most {WHERE_PER_MINUTE} a minute; try again in {seconds} s"
        return JSONResponse(
            ErrorBody(detail=detail).model_dump(),
            status_code=429,
            headers={"Retry-After": str(seconds), **_PRIVATE},
        )
    answer = await service.where(body.id, body.birth_year)
    if answer is None:
        raise ApiError(404, "not found")
    return Response(answer.model_dump_json(), media_type="application/json", headers=_PRIVATE)
