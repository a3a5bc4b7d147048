"""Raw request bodies: bounded reading, bounded gunzip, and schema errors as JSON pointers.

Limits are enforced while reading, never after: a 3 GiB upload or a gzip bomb costs the server
at most MAX_BODY_BYTES (+1) of memory before the 413.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

from pydantic import ValidationError

from ward_server.errors import ApiError, FieldProblem
from ward_server.models import EventBatch

MAX_BODY_BYTES = 2 * 1024 * 1024


async def read_limited(chunks: AsyncIterator[bytes], declared_length: str | None, limit: int = MAX_BODY_BYTES) -> bytes:
    if declared_length is not None and declared_length.strip().isdigit() and int(declared_length) > limit:
        raise ApiError(413, f"body larger than {limit} bytes")
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"body larger than {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def decode_body(raw: bytes, content_encoding: str | None, limit: int = MAX_BODY_BYTES) -> bytes:
    encoding = (content_encoding or "identity").strip().lower()
    if encoding == "identity":
        return raw
    if encoding != "gzip":
        raise ApiError(415, "Content-Encoding must be gzip or absent")
    return gunzip_limited(raw, limit)


def gunzip_limited(raw: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, limit + 1)
    except zlib.error:
        raise ApiError(400, "body is not valid gzip") from None
    if len(data) > limit or inflater.unconsumed_tail:
        raise ApiError(413, f"body larger than {limit} bytes once decompressed")
    if not inflater.eof or inflater.unused_data:
        raise ApiError(400, "body is not one complete gzip stream")
    return data


def parse_batch(body: bytes) -> EventBatch:
    try:
        return EventBatch.model_validate_json(body)
    except ValidationError as exc:
        raise schema_error(exc) from None


def schema_error(exc: ValidationError) -> ApiError:
    problems = [FieldProblem(pointer=json_pointer(e["loc"]), message=e["msg"]) for e in exc.errors()[:20]]
    return ApiError(422, "schema violation", problems)


def json_pointer(location: tuple[int | str, ...]) -> str:
    """RFC 6901: "/events/3/seq"; the whole body is ""."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in location)
