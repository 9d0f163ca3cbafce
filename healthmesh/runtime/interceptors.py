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
    def __init__(self, service: str, cache_handlers: bool = True):
        """`cache_handlers`: wrap each method's handler once, not on every call. Only when no later
        interceptor makes its handler per call (the tracing one reads each call's metadata)."""
        self.service = service
        self.cache_handlers = cache_handlers
        self._handlers: dict[str, Any] = {}
        self._metrics: dict[tuple[str, grpc.StatusCode], tuple[Any, Any]] = {}  # label children, made once

    async def intercept_service(self, continuation: Callable, details: grpc.HandlerCallDetails) -> Any:
        wrapped = self._handlers.get(details.method)
        if wrapped is not None:
            return wrapped
        handler = await continuation(details)
        if handler is None:
            return None
        method = details.method.rsplit("/", 1)[-1]
        if handler.unary_unary:
            wrapped = grpc.unary_unary_rpc_method_handler(
                self._wrap_unary(handler.unary_unary, method),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        elif handler.unary_stream:
            wrapped = grpc.unary_stream_rpc_method_handler(
                self._wrap_stream(handler.unary_stream, method),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        else:
            return handler
        if self.cache_handlers:
            self._handlers[details.method] = wrapped
        return wrapped

    def _record(self, method: str, code: grpc.StatusCode, start: float) -> None:
        children = self._metrics.get((method, code))
        if children is None:
            children = self._metrics[method, code] = (RPC_REQUESTS.labels(self.service, method, code.name),
                                                      RPC_LATENCY.labels(self.service, method))
        children[0].inc()
        children[1].observe(time.perf_counter() - start)

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
