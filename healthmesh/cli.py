"""The `healthmesh` command: up, serve, diagnose, eval, replay, kb, model, migrate."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from healthmesh.runtime.config import env

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("gateway", "symptom_classifier", "emergency_detector", "condition_matcher", "treatment_retriever")


def cmd_up(args: argparse.Namespace) -> int:
    from healthmesh.local.supervisor import MeshOptions, Ports, run_until_signal

    ports = Ports.from_base(args.port, args.base_port) if args.base_port else Ports(envoy=args.port)
    options = MeshOptions(
        ports=ports, state_dir=args.state_dir, database_url=args.database_url, redis_url=args.redis_url,
        kb_path=args.kb, deadline_ms=args.deadline_ms, extra_env=parse_process_env(args.process_env),
    )
    # The standard loop, not uvloop: the supervisor runs PostgreSQL as another user (user=),
    # which uvloop's subprocess support lacks; it is not on any request path.
    return asyncio.run(run_until_signal(options))


def parse_process_env(items: list[str]) -> dict[str, dict[str, str]]:
    """`--process-env gateway=HEALTHMESH_X=1` items -> {"gateway": {"HEALTHMESH_X": "1"}}."""
    result: dict[str, dict[str, str]] = {}
    for item in items:
        name, sep, assignment = item.partition("=")
        key, sep2, value = assignment.partition("=")
        if not (sep and sep2 and name and key):
            raise SystemExit(f"--process-env wants PROCESS=KEY=VALUE, got {item!r}")
        result.setdefault(name, {})[key] = value
    return result


def cmd_serve(args: argparse.Namespace) -> int:
    import importlib

    module = importlib.import_module(f"{args.service}.server")
    module.main(args.rest)
    return 0


def cmd_diagnose(args: argparse.Namespace) -> int:
    from healthmesh.client import diagnose, render_answer

    try:
        answer = diagnose(args.target, args.complaint, age=args.age, sex=args.sex, pregnant=args.pregnant,
                          medications=args.medication, allergies=args.allergy, history=args.history,
                          evidence=args.evidence, timeout=args.timeout)
    except Exception as exc:  # noqa: BLE001 - a CLI prints the reason and exits non-zero
        from healthmesh.client import describe_error

        print(f"error: {describe_error(exc)}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(answer, indent=2))
    else:
        print(render_answer(answer))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from healthmesh.evaluation.main import main as evaluate

    return evaluate(args.rest)


def cmd_replay(args: argparse.Namespace) -> int:
    from healthmesh.replay_cli import main as replay

    return replay(args.rest)


def cmd_kb(args: argparse.Namespace) -> int:
    if args.kb_command == "build":
        from knowledge import build

        return build.main(args.rest)
    parser_kb.print_help()
    return 2


def cmd_model(args: argparse.Namespace) -> int:
    if args.model_command == "export":
        from healthmesh.model import export

        return export.main(args.rest)
    if args.model_command == "index":
        return build_concept_index()
    return 2


def build_concept_index() -> int:
    """Embed every concept phrase of the current knowledge base once, so that the classifier does
    not spend its first start doing it (the index is cached under build/model/index/)."""
    import time

    from knowledge.kb import load_kb
    from symptom_classifier.embedding import load_or_build_index
    from symptom_classifier.encoder import load_manifest

    started = time.perf_counter()
    kb = load_kb()
    manifest = load_manifest()
    print(f"concept index: {kb.version} x {manifest.version} (a few seconds when the vocabulary changed)",
          file=sys.stderr)
    index = load_or_build_index(kb, manifest, manifest.encoder("int8").encode)
    print(f"concept index: {len(index.phrases)} phrases ready in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from healthmesh.storage.migrate import migrate
    from knowledge.kb import load_kb

    if not args.database_url:
        print("error: set --database-url or HEALTHMESH_DATABASE_URL", file=sys.stderr)
        return 2
    asyncio.run(migrate(args.database_url, load_kb(args.kb)))
    print("migrations applied; knowledge base loaded", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    global parser_kb
    parser = argparse.ArgumentParser(prog="healthmesh", description=(
        "Clinical decision support served as a gRPC mesh. Decision support only: not a doctor."))
    sub = parser.add_subparsers(dest="command", required=True)

    up = sub.add_parser("up", help="start the whole mesh locally (Ctrl-C stops it)")
    up.add_argument("--port", type=int, default=int(env("PORT", "8080")), help="REST and gRPC port (HEALTHMESH_PORT)")
    up.add_argument("--base-port", type=int, default=int(env("BASE_PORT", "0")),
                    help="put every internal port at base..base+22 (for running several meshes)")
    up.add_argument("--state-dir", type=Path, default=Path(env("STATE_DIR", str(ROOT / ".healthmesh"))),
                    help="data, logs and run files (HEALTHMESH_STATE_DIR)")
    up.add_argument("--database-url", default=env("DATABASE_URL"),
                    help="use this PostgreSQL instead of the embedded one (HEALTHMESH_DATABASE_URL)")
    up.add_argument("--redis-url", default=env("REDIS_URL"),
                    help="use this Redis instead of the embedded one (HEALTHMESH_REDIS_URL)")
    up.add_argument("--kb", default=env("KB"), help="knowledge-base artifact (default build/kb/current)")
    up.add_argument("--deadline-ms", type=int, default=int(env("DEADLINE_MS", "1000")))
    up.add_argument("--process-env", action="append", default=[], metavar="PROCESS=KEY=VALUE",
                    help="an environment variable for one process only, e.g. "
                         "condition_matcher=HEALTHMESH_TEST_DELAY_MS=800 (repeatable)")
    up.set_defaults(func=cmd_up)

    serve = sub.add_parser("serve", help="run one service (flags after the name go to it)")
    serve.add_argument("service", choices=SERVICES)
    serve.add_argument("rest", nargs=argparse.REMAINDER)
    serve.set_defaults(func=cmd_serve)

    dx = sub.add_parser("diagnose", help="ask a running mesh and print a readable answer")
    dx.add_argument("complaint", help="the complaint in plain words")
    dx.add_argument("--age", type=float)
    dx.add_argument("--sex", choices=("male", "female"))
    dx.add_argument("--pregnant", action="store_true")
    dx.add_argument("--medication", action="append", default=[], help="repeat for each medication")
    dx.add_argument("--allergy", action="append", default=[])
    dx.add_argument("--history", action="append", default=[])
    dx.add_argument("--evidence", action="append", default=[], help="a coded finding, e.g. ddxplus:E_91")
    dx.add_argument("--target", default=f"127.0.0.1:{env('PORT', '8080')}", help="gRPC address (Envoy)")
    dx.add_argument("--timeout", type=float, default=5.0)
    dx.add_argument("--json", action="store_true", help="print the answer as JSON")
    dx.set_defaults(func=cmd_diagnose)

    ev = sub.add_parser("eval", add_help=False,
                        help="evaluate: `healthmesh eval ddxplus|vignettes FILE... [--url URL | --in-process]`")
    ev.add_argument("rest", nargs=argparse.REMAINDER)
    ev.set_defaults(func=cmd_eval)

    rp = sub.add_parser("replay", add_help=False, help=(
        "re-run stored sessions, show what changed: `healthmesh replay --since ISO [--until ISO] "
        "[--url URL | --in-process] [--json]`"))
    rp.add_argument("rest", nargs=argparse.REMAINDER)
    rp.set_defaults(func=cmd_replay)

    parser_kb = sub.add_parser("kb", help="knowledge base: `healthmesh kb build [--out DIR]`")
    parser_kb.add_argument("kb_command", choices=("build",))
    parser_kb.add_argument("rest", nargs=argparse.REMAINDER)
    parser_kb.set_defaults(func=cmd_kb)

    model = sub.add_parser("model", help=("sentence encoder: `healthmesh model export [--from DIR] [--out DIR]`; "
                                          "`healthmesh model index` embeds the KB's concept phrases"))
    model.add_argument("model_command", choices=("export", "index"))
    model.add_argument("rest", nargs=argparse.REMAINDER)
    model.set_defaults(func=cmd_model)

    mig = sub.add_parser("migrate", help="apply database migrations and load the knowledge base")
    mig.add_argument("--database-url", default=env("DATABASE_URL"))
    mig.add_argument("--kb", default=env("KB"))
    mig.set_defaults(func=cmd_migrate)
    return parser


parser_kb: argparse.ArgumentParser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        if getattr(args, "func", None) not in (cmd_eval, cmd_replay):
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
        args.rest = unknown + list(args.rest)  # `healthmesh eval --help` and the like
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
