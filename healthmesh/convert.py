"""Conversion between generated `healthmesh.v1` messages and the plain types in `clinical`."""

from __future__ import annotations

import keyword
from typing import Iterable, Sequence

from healthmesh import clinical as c
from healthmesh.v1 import common_pb2 as pb


def _opt(msg, name: str):
    return getattr(msg, name) if msg.HasField(name) else None


# --- to plain types -----------------------------------------------------------------------------


def patient_from_pb(p: pb.Patient) -> c.Patient:
    weeks = _opt(p, "pregnancy_weeks")
    return c.Patient(
        age_years=_opt(p, "age_years"), sex=c.Sex(p.sex), pregnant=p.pregnant or weeks is not None,
        history=tuple(p.history), medications=tuple(p.medications), allergies=tuple(p.allergies),
        pregnancy_weeks=weeks,
    )


def vitals_from_pb(v: pb.Vitals) -> c.Vitals:
    return c.Vitals(
        heart_rate=_opt(v, "heart_rate"), respiratory_rate=_opt(v, "respiratory_rate"),
        systolic_bp=_opt(v, "systolic_bp"), diastolic_bp=_opt(v, "diastolic_bp"),
        temperature_c=_opt(v, "temperature_c"), spo2=_opt(v, "spo2"),
        supplemental_oxygen=v.supplemental_oxygen, consciousness=c.Consciousness(v.consciousness),
        spo2_scale2=v.spo2_scale2,
    )


def evidence_from_pb(items: Iterable[pb.Evidence]) -> list[c.EvidenceInput]:
    return [c.EvidenceInput(code=e.code, presence=c.Presence(e.presence)) for e in items]


def finding_from_pb(f: pb.Finding) -> c.Finding:
    return c.Finding(
        code=f.code, name=f.name, presence=c.Presence(f.presence), text=f.text,
        confidence=f.confidence, temporality=c.Temporality(f.temporality), onset=f.onset,
        duration_hours=_opt(f, "duration_hours"), severity=f.severity,
        severity_score=_opt(f, "severity_score"), body_site=f.body_site, laterality=f.laterality,
    )


def condition_from_pb(x: pb.Condition) -> c.ConditionScore:
    return c.ConditionScore(
        id=x.id, name=x.name, icd10=x.icd10, probability=x.probability,
        supporting=tuple(c.WeightedFinding(w.code, w.name, w.likelihood_ratio, w.present) for w in x.supporting_findings),
        conflicting=tuple(c.WeightedFinding(w.code, w.name, w.likelihood_ratio, w.present) for w in x.conflicting_findings),
        severity=x.severity or None, must_not_miss=x.must_not_miss,
    )


def urgency_from_pb(u: pb.UrgencyAssessment) -> c.UrgencyAssessment:
    return c.UrgencyAssessment(
        level=c.Urgency(u.level), reasons=tuple(u.reasons), recommended_action=u.recommended_action,
        news2=_opt(u, "news2"), qsofa=_opt(u, "qsofa"),
    )


# --- to messages --------------------------------------------------------------------------------


def patient_to_pb(p: c.Patient) -> pb.Patient:
    msg = pb.Patient(sex=int(p.sex), pregnant=p.pregnant, history=p.history,
                     medications=p.medications, allergies=p.allergies)
    if p.age_years is not None:
        msg.age_years = p.age_years
    if p.pregnancy_weeks is not None:
        msg.pregnancy_weeks = p.pregnancy_weeks
    return msg


def vitals_to_pb(v: c.Vitals) -> pb.Vitals:
    msg = pb.Vitals(supplemental_oxygen=v.supplemental_oxygen, consciousness=int(v.consciousness),
                    spo2_scale2=v.spo2_scale2)
    for name in ("heart_rate", "respiratory_rate", "systolic_bp", "diastolic_bp", "temperature_c", "spo2"):
        value = getattr(v, name)
        if value is not None:
            setattr(msg, name, value)
    return msg


def finding_to_pb(f: c.Finding) -> pb.Finding:
    msg = pb.Finding(
        code=f.code, name=f.name, presence=int(f.presence), text=f.text, confidence=f.confidence,
        temporality=int(f.temporality), onset=f.onset, severity=f.severity,
        body_site=f.body_site, laterality=f.laterality,
    )
    if f.duration_hours is not None:
        msg.duration_hours = f.duration_hours
    if f.severity_score is not None:
        msg.severity_score = f.severity_score
    return msg


def _lr_line(w: c.WeightedFinding) -> str:
    name = w.name if w.present else f"no {w.name[:1].lower()}{w.name[1:]}"
    return f"{name} (likelihood ratio {w.likelihood_ratio:.2g})"


def condition_to_pb(x: c.ConditionScore) -> pb.Condition:
    return pb.Condition(
        id=x.id, name=x.name, icd10=x.icd10, probability=x.probability,
        supporting=[_lr_line(w) for w in x.supporting],
        conflicting=[_lr_line(w) for w in x.conflicting],
        supporting_findings=[pb.WeightedFinding(code=w.code, name=w.name, likelihood_ratio=w.likelihood_ratio, present=w.present)
                             for w in x.supporting],
        conflicting_findings=[pb.WeightedFinding(code=w.code, name=w.name, likelihood_ratio=w.likelihood_ratio, present=w.present)
                              for w in x.conflicting],
        severity=x.severity or 0, must_not_miss=x.must_not_miss,
    )


def urgency_to_pb(u: c.UrgencyAssessment) -> pb.UrgencyAssessment:
    msg = pb.UrgencyAssessment(level=int(u.level), reasons=u.reasons,
                               recommended_action=u.recommended_action,
                               three_level=c.Urgency(u.level).three_level)
    if u.news2 is not None:
        msg.news2 = u.news2
    if u.qsofa is not None:
        msg.qsofa = u.qsofa
    return msg


def treatment_to_pb(t: c.Treatment) -> pb.Treatment:
    return pb.Treatment(condition_id=t.condition_id, name=t.name, kind=t.kind, warnings=t.warnings,
                        source=t.source, line=t.line, confidence=t.confidence)


def interaction_to_pb(i: c.Interaction) -> pb.Interaction:
    return pb.Interaction(drugs=list(i.drugs), severity=i.severity, advice=i.advice, source=i.source)


def findings_to_pb(items: Sequence[c.Finding]) -> list[pb.Finding]:
    return [finding_to_pb(f) for f in items]


# --- messages to JSON-ready dicts ---------------------------------------------------------------

_FALLBACK = object()
_PLANS: dict = {}


def message_dict(msg) -> dict:
    """The same dict as `json_format.MessageToDict(msg, preserving_proto_field_name=True)`, about
    five times faster: the gateway turns every request and answer into a session event, and
    json_format's per-field Python was a tenth of its CPU (bench/README.md).

    It walks `ListFields()` (the fields json_format prints by default) with one converter per
    field, planned once per message type. Message types it does not plan for (well-known types,
    maps, enum values with JSON names) go to json_format itself; tests/test_convert_message_dict.py
    checks the two agree on every healthmesh.v1 message.
    """
    return _to_dict(msg)


def message_dict_printed(msg) -> dict:
    """`message_dict` with every field without presence printed even at its default (empty lists,
    "", 0, false, an enum's zero name): the REST JSON mapping Envoy's transcoder prints
    (`always_print_primitive_fields`), i.e. `json_format.MessageToDict(msg,
    preserving_proto_field_name=True, always_print_fields_with_no_presence=True)`.

    Every answer goes through it, so each message type gets a function compiled once that reads
    its fields by name (`_printer`): half the time of walking `ListFields()` (bench/README.md,
    session 19)."""
    printer = _PRINTERS.get(msg.DESCRIPTOR)
    if printer is None:
        printer = _printer_for(msg.DESCRIPTOR)
    return printer(msg)


def _to_dict(msg) -> dict:
    descriptor = msg.DESCRIPTOR
    plan = _PLANS.get(descriptor)
    if plan is None:
        plan = _PLANS[descriptor] = _plan(descriptor)
    if plan is _FALLBACK:
        from google.protobuf import json_format

        return json_format.MessageToDict(msg, preserving_proto_field_name=True)
    fields = plan
    out = {}
    for field, value in msg.ListFields():
        name, convert, repeated = fields[field]
        if convert is None:
            out[name] = list(value) if repeated else value
        elif repeated:
            out[name] = [convert(v) for v in value]
        else:
            out[name] = convert(value)
    return out


def _field_converters(descriptor, message_converter):
    """{field: (name, converter or None, repeated)} for a message type, or _FALLBACK for what
    json_format must print itself (well-known types, maps, enum values with JSON names, closed
    enums, on which json_format raises for unknown values)."""
    from google.protobuf.descriptor import FieldDescriptor as F

    if descriptor.full_name.startswith("google.protobuf."):
        return _FALLBACK
    fields = {}
    for field in descriptor.fields:
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            return _FALLBACK
        cpp = field.cpp_type
        if cpp == F.CPPTYPE_MESSAGE:
            convert = message_converter(field.message_type)
        elif cpp == F.CPPTYPE_ENUM:
            enum = field.enum_type
            if enum.full_name.startswith("google.protobuf.") or any(v.has_options for v in enum.values):
                return _FALLBACK
            if enum.is_closed:
                return _FALLBACK
            names = {v.number: v.name for v in enum.values}
            convert = lambda v, names=names: names.get(v, v)  # noqa: E731
        elif cpp == F.CPPTYPE_STRING:
            convert = _b64 if field.type == F.TYPE_BYTES else None
        elif cpp == F.CPPTYPE_BOOL:
            convert = bool
        elif cpp in (F.CPPTYPE_INT64, F.CPPTYPE_UINT64):
            convert = str
        elif cpp == F.CPPTYPE_FLOAT:
            convert = _float32
        elif cpp == F.CPPTYPE_DOUBLE:
            convert = _double
        else:
            convert = None
        fields[field] = (field.name, convert, field.is_repeated)
    return fields


def _plan(descriptor):
    return _field_converters(descriptor, lambda _: message_dict)


_PRINTERS: dict = {}


def _printer(descriptor):
    """message_dict_printed for one message type, as a function compiled from its fields (in field
    number order, as json_format prints them): a field with presence only if set, every other
    field always, each converted as `_field_converters` says."""
    fields = _field_converters(descriptor, _printer_for)
    if fields is _FALLBACK:
        from google.protobuf import json_format

        def printer(msg):
            return json_format.MessageToDict(msg, preserving_proto_field_name=True,
                                             always_print_fields_with_no_presence=True)
    else:
        scope: dict = {}
        lines = ["def printer(m):", "    out = {}"]
        for i, field in enumerate(sorted(fields, key=lambda f: f.number)):
            name, convert, repeated = fields[field]
            scope[f"c{i}"] = convert
            value = f"c{i}(v)" if convert is not None else "v"
            attr = f"getattr(m, {name!r})" if keyword.iskeyword(name) else f"m.{name}"
            if repeated:
                read = f"list({attr})" if convert is None else f"[{value} for v in {attr}]"
                lines.append(f"    out[{name!r}] = {read}")
            elif field.has_presence:
                lines.append(f"    if m.HasField({name!r}):")
                lines.append(f"        v = {attr}")
                lines.append(f"        out[{name!r}] = {value}")
            else:
                lines.append(f"    v = {attr}")
                lines.append(f"    out[{name!r}] = {value}")
        lines.append("    return out")
        exec("\n".join(lines), scope)  # noqa: S102 - the source is built above from descriptors
        printer = scope["printer"]
    _PRINTERS[descriptor] = printer
    return printer


def _printer_for(descriptor):
    """A message type's printer: compiled now, or, for a type nested in itself while it is being
    compiled, looked up when called."""
    if descriptor in _PRINTERS:
        return _PRINTERS[descriptor]
    if descriptor in _COMPILING:
        return message_dict_printed
    _COMPILING.add(descriptor)
    try:
        return _printer(descriptor)
    finally:
        _COMPILING.discard(descriptor)


_COMPILING: set = set()


def _b64(value: bytes) -> str:
    import base64

    return base64.b64encode(value).decode("utf-8")


def _special(value: float):
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return None


def _double(value: float):
    if value - value == 0.0:  # finite
        return value
    return _special(value)


def _float32(value: float):
    from google.protobuf.internal import type_checkers

    if value - value == 0.0:
        return type_checkers.ToShortestFloat(value)
    return _special(value)
