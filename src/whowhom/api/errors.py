"""One error shape for every failure: ``{"error": {"status", "code", "message", "details"}}``.

Validation errors (422), HTTP errors raised by handlers (400, 404, 413, 503), errors of
the store the user can act on (400) and anything unexpected (500, without internals)
all answer with it, so the dashboard and scripts handle errors in one place.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from whowhom.api.queries import QueryError
from whowhom.errors import WhowhomError

log = logging.getLogger("whowhom.api")

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 422: "invalid_parameter", 500: "internal_error",
          503: "unavailable"}


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]] = []


class ErrorResponse(BaseModel):
    """What every error answers with."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse} for status in (400, 404, 413, 422, 503)
}


def error_response(status: int, message: str,
                   details: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"status": status, "code": _CODES.get(status, "error"),
                      "message": message, "details": details or []}}
    return JSONResponse(jsonable_encoder(body), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for e in exc.errors():
        where = ".".join(str(part) for part in e.get("loc", ()))
        details.append({"where": where, "message": e.get("msg", "invalid")})
    return details


async def _on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    details = _validation_details(exc)
    summary = "; ".join(f"{d['where']}: {d['message']}" for d in details[:5])
    return error_response(422, f"invalid request: {summary}", details)


async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))


async def _on_user_error(request: Request, exc: Exception) -> JSONResponse:
    return error_response(400, str(exc))


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(QueryError, _on_user_error)
    app.add_exception_handler(WhowhomError, _on_user_error)
    app.add_exception_handler(Exception, _on_unexpected)
