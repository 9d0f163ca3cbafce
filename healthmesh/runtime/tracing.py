"""OpenTelemetry traces across the fan-out, and nothing at all unless asked for.

Tracing is on in a process when `HEALTHMESH_OTLP_ENDPOINT` is set (e.g. `http://otel-collector:4317`)
and the optional `opentelemetry-sdk` + `opentelemetry-exporter-otlp-proto-grpc` packages are
installed (`pip install 'healthmesh[otel]'`); tests may install any provider with `use_provider`.
Otherwise every helper here is a no-op and opentelemetry is never imported.

- Servers get a SERVER span per healthmesh RPC, continuing the caller's trace from the gRPC
  metadata (W3C `traceparent`).
- Channels (healthmesh.runtime.tls.aio_channel) get a CLIENT span per call and inject the current
  context into the call's metadata, so the gateway's spans parent the agents' spans.
- `span(name, **attributes)` opens an internal span (the gateway's diagnose, each agent call).

Span names and attributes carry services, methods, agents, codes and counts: never patient data.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Callable, Iterator

import grpc

from healthmesh.runtime.config import env

log = logging.getLogger(__name__)

TRACED_PREFIX = "/healthmesh."  # health checks and reflection are not worth a span
_provider: Any = None  # the TracerProvider in use; None: tracing is off


def enabled() -> bool:
    return _provider is not None


def use_provider(provider: Any) -> None:
    """Trace with this provider (an SDK TracerProvider); None turns tracing off again."""
    global _provider
    _provider = provider


def configure(service: str, endpoint: str | None = None) -> bool:
    """Export spans over OTLP/gRPC when an endpoint is configured and the SDK is installed."""
    endpoint = endpoint or env("OTLP_ENDPOINT")
    if not endpoint:
        return False
    try:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        log.warning("HEALTHMESH_OTLP_ENDPOINT is set but opentelemetry is not installed; tracing off")
        return False
    provider = TracerProvider(resource=Resource.create({"service.name": f"healthmesh-{service}",
                                                        "service.namespace": "healthmesh"}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    use_provider(provider)
    log.info("tracing on", extra={"otlp_endpoint": endpoint})
    return True


def shutdown() -> None:
    """Flush and stop the exporter (on graceful shutdown)."""
    if _provider is not None and hasattr(_provider, "shutdown"):
        _provider.shutdown()


def _tracer():
    if _provider is None:
        return None
    return _provider.get_tracer("healthmesh")


class _NoSpan:
    def set_attribute(self, key: str, value: Any) -> None:
        pass

    def set_status(self, *args: Any, **kwargs: Any) -> None:
        pass


@contextlib.contextmanager
def span(name: str, **attributes: Any) -> Iterator[Any]:
    """An internal span under the current one (a no-op object when tracing is off)."""
    tracer = _tracer()
    if tracer is None:
        yield _NoSpan()
        return
    with tracer.start_as_current_span(name, attributes=attributes) as current:
        yield current


def _rpc_attributes(method: str) -> dict[str, str]:
    service, _, name = method.lstrip("/").partition("/")
    return {"rpc.system": "grpc", "rpc.service": service, "rpc.method": name}


def _set_status(current: Any, code: grpc.StatusCode) -> None:
    from opentelemetry.trace import Status, StatusCode

    current.set_attribute("rpc.grpc.status_code", code.value[0])
    if code != grpc.StatusCode.OK:
        current.set_status(Status(StatusCode.ERROR, code.name))


# --- servers --------------------------------------------------------------------------------------


class ServerTracingInterceptor(grpc.aio.ServerInterceptor):
    """A SERVER span per healthmesh RPC, continuing the trace the caller put in the metadata."""

    async def intercept_service(self, continuation: Callable, details: grpc.HandlerCallDetails) -> Any:
        handler = await continuation(details)
        if handler is None or _tracer() is None or not details.method.startswith(TRACED_PREFIX):
            return handler
        carrier = {k: v for k, v in (details.invocation_metadata or ()) if isinstance(v, str)}
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                self._unary(handler.unary_unary, details.method, carrier),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                self._stream(handler.unary_stream, details.method, carrier),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)
        return handler

    @staticmethod
    @contextlib.contextmanager
    def _server_span(method: str, carrier: dict[str, str], context: grpc.aio.ServicerContext):
        from opentelemetry import propagate
        from opentelemetry.trace import SpanKind

        parent = propagate.extract(carrier)
        with _tracer().start_as_current_span(method.lstrip("/"), context=parent, kind=SpanKind.SERVER,
                                             attributes=_rpc_attributes(method),
                                             record_exception=False) as current:
            try:
                yield
            except BaseException:
                _set_status(current, context.code() or grpc.StatusCode.UNKNOWN)
                raise
            _set_status(current, context.code() or grpc.StatusCode.OK)

    def _unary(self, behavior: Callable, method: str, carrier: dict[str, str]) -> Callable:
        async def wrapper(request, context):
            with self._server_span(method, carrier, context):
                return await behavior(request, context)

        return wrapper

    def _stream(self, behavior: Callable, method: str, carrier: dict[str, str]) -> Callable:
        async def wrapper(request, context):
            with self._server_span(method, carrier, context):
                async for item in behavior(request, context):
                    yield item

        return wrapper


def server_interceptors() -> list[grpc.aio.ServerInterceptor]:
    return [ServerTracingInterceptor()] if enabled() else []


# --- channels -------------------------------------------------------------------------------------


class ClientTracingInterceptor(grpc.aio.UnaryUnaryClientInterceptor):
    """A CLIENT span per call, with the current context injected into the call's metadata."""

    async def intercept_unary_unary(self, continuation: Callable, details: grpc.aio.ClientCallDetails, request):
        tracer = _tracer()
        method = details.method.decode() if isinstance(details.method, bytes) else details.method
        if tracer is None or not method.startswith(TRACED_PREFIX):
            return await continuation(details, request)
        from opentelemetry import propagate
        from opentelemetry.trace import SpanKind

        with tracer.start_as_current_span(method.lstrip("/"), kind=SpanKind.CLIENT,
                                          attributes=_rpc_attributes(method),
                                          record_exception=False) as current:
            carrier: dict[str, str] = {}
            propagate.inject(carrier)
            metadata = grpc.aio.Metadata(*(details.metadata or ()), *carrier.items())
            details = grpc.aio.ClientCallDetails(details.method, details.timeout, metadata,
                                                 details.credentials, details.wait_for_ready)
            call = await continuation(details, request)
            try:
                response = await call
            except grpc.aio.AioRpcError as err:
                _set_status(current, err.code())
                raise
            _set_status(current, grpc.StatusCode.OK)
            return response


def client_interceptors() -> list[grpc.aio.ClientInterceptor]:
    return [ClientTracingInterceptor()] if enabled() else []
