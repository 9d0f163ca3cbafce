"""Generate the Python stubs (with .pyi) and Envoy's descriptor set from protos/.

The generated files are build output (git-ignored): never edit them by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

import grpc_tools
from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "protos"
DESCRIPTOR_SET = ROOT / "build" / "healthmesh.pb"


def main() -> int:
    sources = sorted(str(p.relative_to(PROTO_DIR)) for p in (PROTO_DIR / "healthmesh" / "v1").glob("*.proto"))
    well_known = Path(grpc_tools.__file__).parent / "_proto"
    DESCRIPTOR_SET.parent.mkdir(parents=True, exist_ok=True)
    args = [
        "protoc",
        f"-I{PROTO_DIR}",
        f"-I{well_known}",
        f"--python_out={ROOT}",
        f"--pyi_out={ROOT}",
        f"--grpc_python_out={ROOT}",
        f"--descriptor_set_out={DESCRIPTOR_SET}",
        "--include_imports",
        "--include_source_info",
        *sources,
    ]
    code = protoc.main(args)
    if code != 0:
        print(f"protoc failed with exit code {code}", file=sys.stderr)
        return code
    print(f"generated stubs for {len(sources)} files into healthmesh/v1/ and {DESCRIPTOR_SET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
