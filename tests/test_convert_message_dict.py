"""healthmesh.convert.message_dict must give exactly what json_format.MessageToDict gives (the
gateway stores its output as session events, which are read back with json_format)."""

from __future__ import annotations

import importlib
import json
import pkgutil

import pytest
from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor as F

import healthmesh.v1
from healthmesh.convert import message_dict, message_dict_printed


def all_message_classes():
    out = []
    for mod in pkgutil.iter_modules(healthmesh.v1.__path__):
        if mod.name.endswith("_pb2"):
            module = importlib.import_module(f"healthmesh.v1.{mod.name}")
            for name, desc in module.DESCRIPTOR.message_types_by_name.items():
                out.append(getattr(module, name))
    return out


SCALARS = {
    F.CPPTYPE_INT32: [7, -3], F.CPPTYPE_INT64: [2**40, -5], F.CPPTYPE_UINT32: [9, 1], F.CPPTYPE_UINT64: [2**41, 3],
    F.CPPTYPE_DOUBLE: [0.1, 38.65, float("inf"), float("nan")], F.CPPTYPE_FLOAT: [0.1, 2.675, float("-inf")],
    F.CPPTYPE_BOOL: [True], F.CPPTYPE_STRING: ["chest pain", "ünïcode ✓"],
}


def fill(msg, variant: int, depth: int = 0) -> None:
    for field in msg.DESCRIPTOR.fields:
        if field.containing_oneof is not None and variant % 2:
            continue
        if field.cpp_type == F.CPPTYPE_MESSAGE:
            if depth > 3 or field.message_type.full_name.startswith("google.protobuf."):
                continue
            if field.is_repeated:
                for _ in range(2):
                    fill(getattr(msg, field.name).add(), variant + 1, depth + 1)
            else:
                fill(getattr(msg, field.name), variant, depth + 1)
            continue
        if field.cpp_type == F.CPPTYPE_ENUM:
            values = [v.number for v in field.enum_type.values]
            choices = [values[variant % len(values)], values[-1]]
        elif field.type == F.TYPE_BYTES:
            choices = [b"\x00\xffbytes"]
        else:
            choices = SCALARS[field.cpp_type]
        if field.is_repeated:
            getattr(msg, field.name).extend(choices)
        else:
            setattr(msg, field.name, choices[variant % len(choices)])


@pytest.mark.parametrize("cls", all_message_classes(), ids=lambda c: c.DESCRIPTOR.full_name)
@pytest.mark.parametrize("variant", [0, 1, 2, 3])
def test_message_dict_is_json_formats_dict(cls, variant):
    msg = cls()
    assert message_dict(msg) == json_format.MessageToDict(msg, preserving_proto_field_name=True)
    fill(msg, variant)
    expected = json_format.MessageToDict(msg, preserving_proto_field_name=True)
    got = message_dict(msg)
    # NaN != NaN, so compare the JSON text (as the session store writes it)
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)
    assert json.dumps(got) == json.dumps(expected)  # same key order too


def fill_half(msg, parity: int, depth: int = 0) -> None:
    """Every other field set (recursively), so defaults are printed beside set values."""
    fill(msg, parity)
    for field in msg.DESCRIPTOR.fields:
        if field.number % 2 == parity:
            msg.ClearField(field.name)
        elif field.cpp_type == F.CPPTYPE_MESSAGE and not field.is_repeated and depth < 3 \
                and not field.message_type.full_name.startswith("google.protobuf.") and msg.HasField(field.name):
            sub = getattr(msg, field.name)
            sub.Clear()
            fill_half(sub, 1 - parity, depth + 1)


@pytest.mark.parametrize("cls", all_message_classes(), ids=lambda c: c.DESCRIPTOR.full_name)
@pytest.mark.parametrize("variant", [0, 1, 2, 3])
def test_message_dict_printed_is_the_transcoders_mapping(cls, variant):
    """REST's POST /v1/diagnose JSON is built with message_dict_printed: it must be what Envoy's
    transcoder would print (always_print_primitive_fields), i.e. json_format's
    always_print_fields_with_no_presence."""
    msg = cls()
    if variant == 1:
        fill(msg, variant)
    elif variant >= 2:
        fill_half(msg, variant % 2)
    expected = json_format.MessageToDict(msg, preserving_proto_field_name=True,
                                         always_print_fields_with_no_presence=True)
    got = message_dict_printed(msg)
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)
