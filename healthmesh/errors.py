"""Domain errors. Engines raise these; the server interceptor maps them to gRPC status codes."""

from __future__ import annotations


class HealthmeshError(Exception):
    """Base class for errors the runtime knows how to map to a status code."""


class InvalidArgument(HealthmeshError):
    """Bad input. `field` is the request field path, e.g. `evidence[2].code` or `vitals.spo2`."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class NotFound(HealthmeshError):
    def __init__(self, what: str, key: str):
        self.what = what
        self.key = key
        super().__init__(f"{what} {key!r} not found")


class NotReady(HealthmeshError):
    """The service has not finished loading its data or model."""
