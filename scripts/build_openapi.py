"""Write docs/openapi.yaml: the REST API (Envoy's JSON transcoding of the gRPC services) in OpenAPI 3.0.

Read from build/healthmesh.pb (the descriptor set `scripts/build_protos.py` writes) through protobuf
descriptors: every method with a google.api.http annotation is a path; messages become schemas the
way proto3 JSON prints them with the transcoder's options (proto field names, enums by name,
int64 as strings). Comments in the protos become descriptions. `--check` exits 1 when the
committed file differs from what the protos say (tests/test_openapi_sync.py runs it).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml
from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import Descriptor, FieldDescriptor

ROOT = Path(__file__).resolve().parent.parent
DESCRIPTOR_SET = ROOT / "build" / "healthmesh.pb"
OUTPUT = ROOT / "docs" / "openapi.yaml"
PACKAGE = "healthmesh.v1"
SERVICES = ("Diagnosis", "SymptomClassifier", "EmergencyDetector", "ConditionMatcher", "TreatmentRetriever")

SCALARS = {
    FieldDescriptor.TYPE_DOUBLE: {"type": "number", "format": "double"},
    FieldDescriptor.TYPE_FLOAT: {"type": "number", "format": "float"},
    FieldDescriptor.TYPE_INT32: {"type": "integer", "format": "int32"},
    FieldDescriptor.TYPE_SINT32: {"type": "integer", "format": "int32"},
    FieldDescriptor.TYPE_SFIXED32: {"type": "integer", "format": "int32"},
    FieldDescriptor.TYPE_UINT32: {"type": "integer", "format": "int32", "minimum": 0},
    FieldDescriptor.TYPE_FIXED32: {"type": "integer", "format": "int32", "minimum": 0},
    # proto3 JSON prints 64-bit integers as strings
    FieldDescriptor.TYPE_INT64: {"type": "string", "format": "int64", "pattern": "^-?[0-9]+$"},
    FieldDescriptor.TYPE_SINT64: {"type": "string", "format": "int64", "pattern": "^-?[0-9]+$"},
    FieldDescriptor.TYPE_SFIXED64: {"type": "string", "format": "int64", "pattern": "^-?[0-9]+$"},
    FieldDescriptor.TYPE_UINT64: {"type": "string", "format": "uint64", "pattern": "^[0-9]+$"},
    FieldDescriptor.TYPE_FIXED64: {"type": "string", "format": "uint64", "pattern": "^[0-9]+$"},
    FieldDescriptor.TYPE_BOOL: {"type": "boolean"},
    FieldDescriptor.TYPE_STRING: {"type": "string"},
    FieldDescriptor.TYPE_BYTES: {"type": "string", "format": "byte"},
}

STATUS_SCHEMA = {
    "type": "object",
    "description": "A gRPC status as JSON. `message` names the offending field, e.g. "
                   "`evidence[1].code: unknown finding code 'ddxplus:NOPE'`.",
    "properties": {"code": {"type": "integer", "format": "int32", "description": "gRPC status code"},
                   "message": {"type": "string"},
                   "details": {"type": "array", "items": {"type": "object"}}},
}


def load_pool(path: Path) -> tuple[descriptor_pool.DescriptorPool, descriptor_pb2.FileDescriptorSet]:
    fds = descriptor_pb2.FileDescriptorSet.FromString(path.read_bytes())
    pool = descriptor_pool.DescriptorPool()
    for f in fds.file:
        pool.Add(f)
    return pool, fds


def comments(fds: descriptor_pb2.FileDescriptorSet) -> dict[str, str]:
    """Leading comments by fully-qualified element name (messages, fields, enums, services, methods)."""
    found: dict[str, str] = {}
    for f in fds.file:
        if not f.package.startswith(PACKAGE):
            continue
        by_path = {tuple(loc.path): loc.leading_comments.strip() for loc in f.source_code_info.location
                   if loc.leading_comments.strip()}

        def walk_message(msg, prefix: str, path: tuple) -> None:
            name = f"{prefix}.{msg.name}"
            if path in by_path:
                found[name] = by_path[path]
            for i, field in enumerate(msg.field):
                if path + (2, i) in by_path:
                    found[f"{name}.{field.name}"] = by_path[path + (2, i)]
            for i, nested in enumerate(msg.nested_type):
                walk_message(nested, name, path + (3, i))

        for i, msg in enumerate(f.message_type):
            walk_message(msg, f.package, (4, i))
        for i, enum in enumerate(f.enum_type):
            if (5, i) in by_path:
                found[f"{f.package}.{enum.name}"] = by_path[(5, i)]
        for i, svc in enumerate(f.service):
            if (6, i) in by_path:
                found[f"{f.package}.{svc.name}"] = by_path[(6, i)]
            for j, method in enumerate(svc.method):
                if (6, i, 2, j) in by_path:
                    found[f"{f.package}.{svc.name}.{method.name}"] = by_path[(6, i, 2, j)]
    return found


def _clean(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()


class SchemaBuilder:
    def __init__(self, docs: dict[str, str]):
        self.docs = docs
        self.schemas: dict[str, dict] = {}

    def ref(self, full_name: str) -> dict:
        return {"$ref": f"#/components/schemas/{full_name.removeprefix(PACKAGE + '.')}"}

    def field_schema(self, field: FieldDescriptor) -> dict:
        if field.type == FieldDescriptor.TYPE_MESSAGE:
            self.message(field.message_type)
            schema = self.ref(field.message_type.full_name)
        elif field.type == FieldDescriptor.TYPE_ENUM:
            self.enum(field.enum_type)
            schema = self.ref(field.enum_type.full_name)
        else:
            schema = dict(SCALARS[field.type])
        if field.is_repeated:
            schema = {"type": "array", "items": schema}
        return schema

    def message(self, msg: Descriptor, skip: frozenset[str] = frozenset()) -> dict:
        name = msg.full_name.removeprefix(PACKAGE + ".")
        if name in self.schemas and not skip:
            return self.ref(msg.full_name)
        schema: dict = {"type": "object", "properties": {}}
        if not skip:
            self.schemas[name] = schema  # before the fields: messages may refer to themselves
        if msg.full_name in self.docs:
            schema["description"] = _clean(self.docs[msg.full_name])
        for field in msg.fields:
            if field.name in skip:
                continue
            prop = self.field_schema(field)
            doc = self.docs.get(f"{msg.full_name}.{field.name}")
            if doc:
                prop = {"allOf": [prop], "description": _clean(doc)} if "$ref" in prop else {**prop, "description": _clean(doc)}
            schema["properties"][field.name] = prop
        return schema if skip else self.ref(msg.full_name)

    def enum(self, enum) -> None:
        name = enum.full_name.removeprefix(PACKAGE + ".")
        if name in self.schemas:
            return
        self.schemas[name] = {"type": "string", "enum": [v.name for v in enum.values]}
        if enum.full_name in self.docs:
            self.schemas[name]["description"] = _clean(self.docs[enum.full_name])


def error_responses() -> dict:
    json_or_text = {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}},
                    "text/plain": {"schema": {"type": "string"}}}
    return {
        "400": {"description": "Bad input: the message names the field (JSON from the service, or from Envoy "
                               "for a list where one value belongs; plain text when the JSON itself does not "
                               "fit the schema)", "content": json_or_text},
        "404": {"description": "Not found", "content": json_or_text},
        "413": {"description": "Request body too large", "content": {"text/plain": {"schema": {"type": "string"}}}},
        "429": {"description": "Rate limited", "content": json_or_text},
        "503": {"description": "The service is loading or unreachable; retry", "content": json_or_text},
        "504": {"description": "The request's deadline passed", "content": json_or_text},
    }


def build(descriptor_set: Path = DESCRIPTOR_SET) -> dict:
    pool, fds = load_pool(descriptor_set)
    docs = comments(fds)
    schemas = SchemaBuilder(docs)
    paths: dict[str, dict] = {}
    for service_name in SERVICES:
        service = pool.FindServiceByName(f"{PACKAGE}.{service_name}")
        for method in service.methods:
            options = descriptor_pb2.MethodOptions.FromString(method.GetOptions().SerializeToString())
            if not options.HasExtension(annotations_pb2.http):
                continue
            rule: http_pb2.HttpRule = options.Extensions[annotations_pb2.http]
            verb = rule.WhichOneof("pattern")
            if verb == "custom":
                continue
            template = getattr(rule, verb)
            path_params = re.findall(r"\{([^}=]+)", template)
            # A method answering REST as prebuilt JSON (XJson returning google.api.HttpBody) is
            # X over REST: X's response schema, operation id and description.
            output_type, named = method.output_type, method
            if output_type.full_name == "google.api.HttpBody" and method.name.endswith("Json"):
                named = service.methods_by_name[method.name[:-len("Json")]]
                output_type = named.output_type
            operation: dict = {
                "operationId": f"{service_name}_{named.name}",
                "tags": [service_name],
                "summary": f"{PACKAGE}.{service_name}/{named.name}",
            }
            doc = docs.get(f"{PACKAGE}.{service_name}.{named.name}")
            if doc:
                operation["description"] = _clean(doc)
            if path_params:
                operation["parameters"] = [
                    {"name": p, "in": "path", "required": True,
                     "schema": schemas.field_schema(method.input_type.fields_by_name[p])} for p in path_params]
            if rule.body == "*":
                body = schemas.message(method.input_type, frozenset(path_params)) if path_params \
                    else schemas.message(method.input_type)
                operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
            elif rule.body:
                raise SystemExit(f"{method.full_name}: body field mappings are not supported here")
            out = schemas.message(output_type)
            if method.server_streaming:
                ok = {"description": "Newline-delimited JSON: one message per line, urgency first",
                      "content": {"application/x-ndjson": {"schema": out}}}
            else:
                ok = {"description": "OK", "content": {"application/json": {"schema": out}}}
            operation["responses"] = {"200": ok, **error_responses()}
            paths.setdefault(re.sub(r"\{([^}=]+)=[^}]*\}", r"{\1}", template), {})[verb] = operation
    schemas.schemas["Status"] = STATUS_SCHEMA
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "healthmesh REST API",
            "version": "v1",
            "description": ("Clinical decision support. Decision support only: not a doctor. "
                            "Generated from protos/healthmesh/v1 by scripts/build_openapi.py; do not edit. "
                            "Envoy transcodes these JSON calls to the gRPC services on the same port."),
            "license": {"name": "Apache-2.0"},
        },
        "servers": [{"url": "http://127.0.0.1:8080", "description": "`healthmesh up`"}],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": dict(sorted(schemas.schemas.items()))},
    }


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # plain YAML, no &anchors: easier to read and diff
        return True


def render(spec: dict) -> str:
    header = "# Generated by scripts/build_openapi.py from protos/healthmesh/v1; do not edit by hand.\n"
    return header + yaml.dump(spec, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--descriptor-set", type=Path, default=DESCRIPTOR_SET)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if --out is not up to date")
    args = parser.parse_args(argv)
    if not args.descriptor_set.exists():
        print(f"missing {args.descriptor_set}: run `make protos` first", file=sys.stderr)
        return 2
    text = render(build(args.descriptor_set))
    if args.check:
        current = args.out.read_text() if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run `python scripts/build_openapi.py`", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: "
          f"{len(text.splitlines())} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
