"""`healthmesh replay`: re-run stored sessions and show what changed (urgency, top-3 conditions).

    healthmesh replay --since 2026-11-01T00:00:00Z [--until ISO] [--url URL | --in-process] [--json]

`--url` asks a running mesh's Replay RPC (an http:// URL goes through Envoy's REST route
`POST /v1/sessions:replay`, a host:port is called over gRPC), page after page. `--in-process`
reads the sessions from PostgreSQL (`--database-url`, HEALTHMESH_DATABASE_URL or the local mesh's
run file) and re-runs them through the engines in this process, no mesh needed.
Exit code: 0 when nothing changed, 1 when something did, 2 on an error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from google.protobuf import json_format

from healthmesh.runtime.config import env
from healthmesh.v1 import diagnosis_pb2

ROOT = Path(__file__).resolve().parent.parent


def _request(args: argparse.Namespace, token: str) -> diagnosis_pb2.ReplayRequest:
    return diagnosis_pb2.ReplayRequest(since=args.since, until=args.until or "", page_size=args.page_size,
                                       page_token=token, changed_only=args.changed_only)


def _remote_pages(args: argparse.Namespace):
    token = ""
    while True:
        request = _request(args, token)
        if args.url.startswith(("http://", "https://")):
            body = json.dumps(json_format.MessageToDict(request, preserving_proto_field_name=True)).encode()
            req = urllib.request.Request(args.url.rstrip("/") + "/v1/sessions:replay", data=body, method="POST",
                                         headers={"content-type": "application/json"})
            with urllib.request.urlopen(req, timeout=args.timeout) as resp:
                reply = json_format.Parse(resp.read(), diagnosis_pb2.ReplayResponse(), ignore_unknown_fields=True)
        else:
            import grpc

            from healthmesh.v1 import diagnosis_pb2_grpc

            with grpc.insecure_channel(args.url) as channel:
                reply = diagnosis_pb2_grpc.DiagnosisStub(channel).Replay(request, timeout=args.timeout)
        yield reply
        token = reply.next_page_token
        if not token:
            return


def _database_url(args: argparse.Namespace) -> str:
    if args.database_url:
        return args.database_url
    run_file = Path(args.state_dir) / "run" / "mesh.json"
    if run_file.exists():
        return json.loads(run_file.read_text())["database_url"]
    raise SystemExit("error: give --database-url (or HEALTHMESH_DATABASE_URL), or start the mesh")


async def _in_process_pages(args: argparse.Namespace):
    import asyncpg

    from gateway.replay import replay_page
    from gateway.validation import validate_request
    from healthmesh import convert
    from healthmesh.pipeline import InProcessPipeline

    pipeline = InProcessPipeline()

    async def run(request: diagnosis_pb2.DiagnoseRequest) -> dict:
        validate_request(request, pipeline.kb)
        answer = pipeline.diagnose(convert.patient_from_pb(request.patient), request.complaint,
                                   convert.evidence_from_pb(request.evidence), convert.vitals_from_pb(request.vitals),
                                   max_conditions=request.max_conditions or 10)
        return {"urgency": {"level": "URGENCY_" + answer.urgency.level.name},
                "conditions": [{"id": c.id} for c in answer.conditions], "degraded": []}

    conn = await asyncpg.connect(_database_url(args))
    pages = []
    try:
        token = ""
        while True:
            reply = await replay_page(conn, _request(args, token), run, concurrency=1,
                                      kb_version=pipeline.kb.version, model_version="in-process")
            pages.append(reply)
            token = reply.next_page_token
            if not token:
                break
    finally:
        await conn.close()
    return pages


def render_table(rows: list[dict]) -> str:
    lines = [f"{'session':<10} {'created_at':<26} {'urgency before -> after':<52} top-3 before -> after"]
    for r in rows:
        urgency = f"{r['urgency_before'].removeprefix('URGENCY_')} -> {r['urgency_after'].removeprefix('URGENCY_')}"
        mark = "*" if r["urgency_changed"] else " "
        top = f"{','.join(r['top_before'])} -> {','.join(r['top_after'])}" + (" *" if r["top_changed"] else "")
        if r["error"]:
            top = f"error: {r['error']}"
        lines.append(f"{r['session_id'][:8]:<10} {r['created_at'][:26]:<26} {mark}{urgency:<51} {top}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from gateway.replay import result_rows

    parser = argparse.ArgumentParser(prog="healthmesh replay", description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", required=True, help="ISO 8601 start of the window, e.g. 2026-11-01T00:00:00Z")
    parser.add_argument("--until", help="ISO 8601 end of the window (default: now)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--url", default=None,
                       help="a running mesh: http://host:port (REST) or host:port (gRPC); default the local one")
    where.add_argument("--in-process", action="store_true", help="replay here, reading PostgreSQL directly")
    parser.add_argument("--database-url", default=env("DATABASE_URL"), help="for --in-process")
    parser.add_argument("--state-dir", default=env("STATE_DIR", str(ROOT / ".healthmesh")))
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument("--changed-only", action="store_true", help="list only sessions that changed")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.url is None and not args.in_process:
        args.url = f"127.0.0.1:{env('PORT', '8080')}"
    try:
        pages = asyncio.run(_in_process_pages(args)) if args.in_process else list(_remote_pages(args))
    except Exception as exc:  # noqa: BLE001 - a CLI prints the reason and exits non-zero
        from healthmesh.client import describe_error

        detail = exc.read().decode(errors="replace") if isinstance(exc, urllib.error.HTTPError) else describe_error(exc)
        print(f"error: {detail}", file=sys.stderr)
        return 2
    rows = result_rows([r for page in pages for r in page.results])
    summary = {
        "replayed": sum(p.replayed for p in pages), "changed": sum(p.changed for p in pages),
        "urgency_changed": sum(r["urgency_changed"] for r in rows),
        "top_changed": sum(r["top_changed"] for r in rows), "errors": sum(bool(r["error"]) for r in rows),
        "kb_version": pages[-1].kb_version if pages else "", "model_version": pages[-1].model_version if pages else "",
    }
    if args.json:
        print(json.dumps({"summary": summary, "sessions": rows}, indent=2))
    else:
        print(render_table(rows))
        print(f"\nreplayed {summary['replayed']} sessions against knowledge base {summary['kb_version']}: "
              f"{summary['changed']} changed ({summary['urgency_changed']} urgency, {summary['top_changed']} top-3), "
              f"{summary['errors']} not replayable")
    return 1 if summary["changed"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
