"""Server interceptors: domain errors to status codes, and per-RPC metrics.

Engines raise `healthmesh.errors` exceptions; this is the one place they become gRPC status codes
(Envoy's transcoder then turns INVALID_ARGUMENT into HTTP 400). Anything unexpected is logged
with its traceback and answered as INTERNAL without leaking details.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Callable

import grpc

from healthmesh.errors import InvalidArgument, NotFound, NotReady
from healthmesh.runtime.metrics import RPC_LATENCY, RPC_REQUESTS

log = logging.getLogger(__name__)


def status_for(exc: BaseException) -> tuple[grpc.StatusCode, str]:
    if isinstance(exc, InvalidArgument):
        return grpc.StatusCode.INVALID_ARGUMENT, str(exc)
    if isinstance(exc, NotFound):
        return grpc.StatusCode.NOT_FOUND, str(exc)
    if isinstance(exc, NotReady):
        return grpc.StatusCode.UNAVAILABLE, str(exc) or "service is loading"
    return grpc.StatusCode.INTERNAL, "internal error"


class ErrorAndMetricsInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, service: str):
        self.service = service

    async def intercept_service(self, continuation: Callable, details: grpc.HandlerCallDetails) -> Any:
        handler = await continuation(details)
        if handler is None:
            return None
        method = details.method.rsplit("/", 1)[-1]
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap_unary(handler.unary_unary, method),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                self._wrap_stream(handler.unary_stream, method),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler

    def _record(self, method: str, code: grpc.StatusCode, start: float) -> None:
        RPC_REQUESTS.labels(self.service, method, code.name).inc()
        RPC_LATENCY.labels(self.service, method).observe(time.perf_counter() - start)

    async def _fail(self, context: grpc.aio.ServicerContext, method: str, exc: BaseException, start: float):
        code, message = status_for(exc)
        if code == grpc.StatusCode.INTERNAL:
            log.exception("unhandled error", extra={"method": method})
        self._record(method, code, start)
        await context.abort(code, message)

    def _wrap_unary(self, behavior: Callable, method: str) -> Callable:
        async def wrapper(request, context: grpc.aio.ServicerContext):
            start = time.perf_counter()
            try:
                response = await behavior(request, context)
            except (grpc.aio.AbortError, grpc.RpcError):
                self._record(method, context.code() or grpc.StatusCode.UNKNOWN, start)
                raise
            except Exception as exc:  # noqa: BLE001 - mapped to a status code
                await self._fail(context, method, exc, start)
            else:
                self._record(method, grpc.StatusCode.OK, start)
                return response

        return wrapper

    def _wrap_stream(self, behavior: Callable, method: str) -> Callable:
        async def wrapper(request, context: grpc.aio.ServicerContext):
            start = time.perf_counter()
            try:
                async for item in behavior(request, context):
                    yield item
            except (grpc.aio.AbortError, grpc.RpcError):
                self._record(method, context.code() or grpc.StatusCode.UNKNOWN, start)
                raise
            except Exception as exc:  # noqa: BLE001 - mapped to a status code
                await self._fail(context, method, exc, start)
            else:
                self._record(method, grpc.StatusCode.OK, start)

        return wrapper
