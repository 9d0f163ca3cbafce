"""Bad and odd input through Envoy's REST port, case by case.

Rejections are 4xx naming the field; odd but acceptable input (other scripts, emoji, NUL in
free text, injection strings) is answered with an urgency level and stored as a session.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.mesh

OK = "ok"
BIG = "chest pain " * 20_000  # 220 KB


def raw(text: str) -> bytes:
    return text.encode()


def post(mesh, body, timeout: float = 10.0) -> tuple[int, str]:
    """Like mesh.post, but keeps the reply as text: Envoy echoes invalid UTF-8 back."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(mesh.url + "/v1/diagnose", data=data, method="POST",
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode(errors="replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(errors="replace")


REJECTED = [
    # malformed and truncated JSON, not an object, not UTF-8
    ("malformed", raw('{"complaint": "cough",'), ""),
    ("truncated", raw('{"patient": {"age_years": 5'), ""),
    ("array body", raw("[1, 2]"), ""),
    ("string body", raw('"cough"'), ""),
    ("not utf-8", b'{"complaint": "\xff\xfe cough"}', ""),
    ("empty body", b"", "complaint"),
    ("empty object", raw("{}"), "complaint"),
    # wrong types
    ("complaint number", {"complaint": 123}, "complaint"),
    ("age string", {"complaint": "cough", "patient": {"age_years": "abc"}}, "patient.age_years"),
    ("age huge", raw('{"complaint": "cough", "patient": {"age_years": 1e400}}'), "age_years"),
    ("evidence string", {"evidence": "ddxplus:E_91"}, "evidence"),
    # a list where a single value belongs: Envoy's JSON guard names the field (the transcoder would not)
    ("vitals list", {"complaint": "cough", "vitals": [1, 2]}, "vitals: expected an object, got a list"),
    ("complaint list", {"complaint": ["cough"]}, "complaint: expected a string, got a list"),
    ("age list", {"complaint": "cough", "patient": {"age_years": [3]}}, "patient.age_years: expected a number"),
    ("code list", {"evidence": [{"code": "ddxplus:E_91"}, {"code": ["x"]}]}, "evidence[1].code: expected a string"),
    ("first code list", {"evidence": [{"code": [1]}]}, "evidence[0].code: expected a string"),
    ("max_conditions text", {"complaint": "cough", "max_conditions": "ten"}, "max_conditions"),
    ("max_conditions fraction", {"complaint": "cough", "max_conditions": 1.5}, "max_conditions"),
    ("history object", {"complaint": "cough", "patient": {"history": {"a": 1}}}, "history"),
    # invalid enums
    ("sex name", {"complaint": "cough", "patient": {"sex": "SEX_BOGUS"}}, "patient.sex"),
    ("sex number", {"complaint": "cough", "patient": {"sex": 99}}, "patient.sex"),
    ("presence", {"evidence": [{"code": "ddxplus:E_91", "presence": "MAYBE"}]}, "evidence[0].presence"),
    ("consciousness", {"complaint": "cough", "vitals": {"consciousness": "ASLEEP"}}, "vitals.consciousness"),
    # out of range
    ("age negative", {"complaint": "cough", "patient": {"age_years": -1}}, "patient.age_years"),
    ("age 131", {"complaint": "cough", "patient": {"age_years": 131}}, "patient.age_years"),
    ("heart rate 900", {"complaint": "cough", "vitals": {"heart_rate": 900}}, "vitals.heart_rate"),
    ("spo2 101", {"complaint": "cough", "vitals": {"spo2": 101}}, "vitals.spo2"),
    ("spo2 NaN", {"complaint": "cough", "vitals": {"spo2": "NaN"}}, "vitals.spo2"),
    ("temperature in F", {"complaint": "cough", "vitals": {"temperature_c": 98.6}}, "vitals.temperature_c"),
    ("respiratory negative", {"complaint": "cough", "vitals": {"respiratory_rate": -5}}, "vitals.respiratory_rate"),
    ("systolic 1000", {"complaint": "cough", "vitals": {"systolic_bp": 1000}}, "vitals.systolic_bp"),
    ("temperature infinite", {"complaint": "cough", "vitals": {"temperature_c": "Infinity"}}, "vitals.temperature_c"),
    ("max_conditions 99", {"complaint": "cough", "max_conditions": 99}, "max_conditions"),
    ("max_conditions negative", {"complaint": "cough", "max_conditions": -1}, "max_conditions"),
    ("pregnant male", {"complaint": "cough", "patient": {"sex": "SEX_MALE", "pregnant": True}}, "patient.pregnant"),
    ("pregnancy weeks 50", {"complaint": "bleeding", "patient": {"pregnancy_weeks": 50}}, "patient.pregnancy_weeks"),
    ("pregnancy weeks negative", {"complaint": "bleeding", "patient": {"pregnancy_weeks": -2}}, "patient.pregnancy_weeks"),
    ("pregnancy weeks male", {"complaint": "cough", "patient": {"sex": "SEX_MALE", "pregnancy_weeks": 20}},
     "patient.pregnancy_weeks"),
    # empty, whitespace and huge text
    ("empty complaint", {"complaint": ""}, "complaint"),
    ("whitespace complaint", {"complaint": " \t\n\u00a0 "}, "complaint"),
    ("200 KB complaint", {"complaint": BIG}, "complaint"),
    ("NUL in history", {"complaint": "cough", "patient": {"history": ["asthma\u0000"]}}, "patient.history[0]"),
    ("51 history items", {"complaint": "cough", "patient": {"history": ["asthma"] * 51}}, "patient.history"),
    ("long medication", {"complaint": "cough", "patient": {"medications": ["x" * 201]}}, "patient.medications[0]"),
    ("unknown code", {"evidence": [{"code": "ddxplus:E_91"}, {"code": "ddxplus:NOPE"}]}, "evidence[1].code"),
    ("code injection", {"evidence": [{"code": "symptom:'; DROP TABLE sessions; --"}]}, "evidence[0].code"),
    ("long request id", {"complaint": "cough", "request_id": "r" * 129}, "request_id"),
    ("NUL in request id", {"complaint": "cough", "request_id": "nul\u0000request"}, "request_id"),
]

ACCEPTED = [
    ("NUL in complaint", {"complaint": "cough\u0000 and fever"}),
    ("emoji", {"complaint": "😷 bad cough 🤒 and fever"}),
    ("chinese", {"complaint": "胸痛和出汗"}),
    ("russian", {"complaint": "боль в груди и одышка"}),
    ("arabic", {"complaint": "ألم في الصدر"}),
    ("accents", {"complaint": "fièvre, toux et mal de gorge"}),
    ("bidi and zero width", {"complaint": "\u202ecough\u200b\ufeff fever"}),
    ("sql injection", {"complaint": "'; DROP TABLE sessions; -- chest pain"}),
    ("html", {"complaint": "<script>alert('x')</script> headache"}),
    ("template", {"complaint": "{{7*7}} ${jndi:ldap://x/a} %s%n headache"}),
    ("injection request id", {"complaint": "cough", "request_id": "'); DELETE FROM sessions; --"}),
    ("unknown field ignored", {"complaint": "cough", "no_such_field": 1}),
    ("sex as number", {"complaint": "cough", "patient": {"sex": 1}}),
    ("bool as string", {"complaint": "cough", "patient": {"pregnant": "yes"}}),  # Envoy's parser is lenient
    ("10,000 characters", {"complaint": ("headache " * 1200)[:10_000]}),
    # lists where repeated fields belong, and under unknown fields, are accepted as before
    ("lists where they belong", {"complaint": "cough", "patient": {"history": ["asthma"], "medications": []},
                                 "evidence": [{"code": "ddxplus:E_91", "presence": "PRESENCE_PRESENT"}]}),
    ("nested list in a repeated field", {"complaint": "cough", "patient": {"history": [["asthma"]]}}),
    ("list under an unknown field", {"complaint": "cough", "no_such_field": [1, {"vitals": [2]}]}),
]


@pytest.mark.parametrize("name, body, field", REJECTED, ids=[c[0] for c in REJECTED])
def test_rejected_with_4xx_naming_the_field(mesh, name, body, field):
    status, text = post(mesh, body)
    assert 400 <= status < 500, (status, text[:300])
    assert text.strip(), "a rejection says why"
    if field:
        assert field in text, text[:300]


@pytest.mark.parametrize("name, body", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_odd_but_valid_input_is_answered_and_stored(mesh, name, body):
    status, reply = mesh.post("/v1/diagnose", body)
    assert status == 200, (status, str(reply)[:300])
    assert reply["urgency"]["level"].startswith("URGENCY_") and reply["urgency"]["level"] != "URGENCY_UNSPECIFIED"
    status, session = mesh.get(f"/v1/sessions/{reply['session_id']}")
    assert status == 200, session
    assert session["response"]["urgency"]["level"] == reply["urgency"]["level"]
    if body.get("request_id"):
        status, again = mesh.post("/v1/diagnose", body)
        assert status == 200 and again["session_id"] == reply["session_id"]


def test_list_rejections_look_like_every_other_invalid_argument(mesh):
    status, guard = mesh.post("/v1/diagnose", {"complaint": "cough", "vitals": [1, 2]})
    service_status, service = mesh.post("/v1/diagnose", {"complaint": "cough", "patient": {"age_years": 131}})
    assert status == service_status == 400, (guard, service)
    assert set(guard) == set(service) and guard["code"] == service["code"] == 3
    assert guard["message"] == "vitals: expected an object, got a list"
    # every RPC the transcoder serves, not only Diagnose
    status, reply = mesh.post("/v1/symptoms:classify", {"text": ["cough"]})
    assert (status, reply["message"]) == (400, "text: expected a string, got a list")
    status, reply = mesh.post("/v1/urgency:assess", {"findings": [{"code": "symptom:cough", "presence": [1]}]})
    assert (status, reply["message"]) == (400, "findings[0].presence: expected an enum name or number, got a list")


@pytest.mark.parametrize("path, field", [
    ("/v1/sessions/not-a-uuid", "session_id"),
    ("/v1/sessions/'%20OR%201=1--", "session_id"),
])
def test_bad_session_ids_are_400(mesh, path, field):
    status, reply = mesh.get(path)
    assert status == 400, reply
    assert field in str(reply)


def test_body_over_the_size_limit_is_4xx(mesh):
    status, text = post(mesh, {"complaint": "x" * (5 * 1024 * 1024)}, timeout=30)
    assert 400 <= status < 500, (status, text[:200])


def test_nul_in_complaint_reaches_postgresql(mesh):
    """PostgreSQL's jsonb refuses \\u0000; the session is stored anyway (NUL as U+FFFD)."""
    import asyncio
    import uuid

    import asyncpg

    status, reply = mesh.post("/v1/diagnose", {"complaint": "nul \u0000 cough (stored)"})
    assert status == 200

    async def stored() -> bool:
        conn = await asyncpg.connect(mesh.state()["database_url"])
        try:
            for _ in range(100):
                if await conn.fetchval("SELECT count(*) FROM session_events WHERE session_id = $1",
                                       uuid.UUID(reply["session_id"])):
                    return True
                await asyncio.sleep(0.1)
            return False
        finally:
            await conn.close()

    assert asyncio.run(stored())
