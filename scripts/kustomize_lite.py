"""Build a kustomization without the kustomize binary: the features k8s/ uses, nothing more.

Supported: `resources` (files and directories), `namespace`, `configMapGenerator` and
`secretGenerator` (files with optional `key=` names, literals, `type`, `behavior: create|replace|
merge`, `options` and `generatorOptions`: labels, disableNameSuffixHash), `patches` (inline or
`path`, JSON 6902 operation lists or strategic-merge documents; `target` by kind, name regex and
label selector `a=b,c=d`). Generated names get kustomize's content-hash suffix, and references to
them in pod specs are rewritten, as kustomize does. A test checks the output against
`kubectl kustomize` where kubectl is installed.

    python scripts/kustomize_lite.py k8s/overlays/prod > prod.yaml
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
import sys
from pathlib import Path

import yaml

CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
                  "PriorityClass", "StorageClass", "PersistentVolume", "ValidatingWebhookConfiguration",
                  "MutatingWebhookConfiguration", "APIService"}
ORIGINAL = "__kustomize_lite_original_name__"  # internal: a generated object's name before its hash
HASHED = "__kustomize_lite_hash__"


class KustomizeError(Exception):
    pass


# --- generators ------------------------------------------------------------------------------------


def _source(entry: str, base: Path) -> tuple[str, str]:
    key, _, path = entry.partition("=") if "=" in entry else (Path(entry).name, "", entry)
    return key, (base / path).read_text()


def _generated(kind: str, spec: dict, base: Path, options: dict) -> dict:
    data: dict[str, str] = {}
    for entry in spec.get("files", []):
        key, text = _source(entry, base)
        data[key] = text
    for literal in spec.get("literals", []):
        key, _, value = literal.partition("=")
        data[key] = value.strip().strip('"').strip("'") if value.strip()[:1] in "\"'" else value
    merged = {**options, **spec.get("options", {})}
    labels = {**options.get("labels", {}), **spec.get("options", {}).get("labels", {})}
    obj: dict = {"apiVersion": "v1", "kind": kind, "metadata": {"name": spec["name"]}}
    if labels:
        obj["metadata"]["labels"] = labels
    if kind == "Secret":
        obj["type"] = spec.get("type", "Opaque")
        obj["data"] = {k: _base64(v) for k, v in data.items()}
    else:
        obj["data"] = data
    obj[ORIGINAL] = spec["name"]
    obj[HASHED] = not merged.get("disableNameSuffixHash", False)
    return obj


def _base64(text: str, line: int = 70) -> str:
    """Base64 as kustomize writes Secret data: wrapped every 70 characters once longer than that."""
    encoded = base64.b64encode(text.encode()).decode()
    if len(encoded) < line:
        return encoded
    return "".join(encoded[i:i + line] + "\n" for i in range(0, len(encoded), line))


def _go_json(value: object) -> str:
    """encoding/json.Marshal: sorted keys, no spaces, HTML characters escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def content_hash(obj: dict) -> str:
    """A name suffix that changes with the content (so pods roll when their config changes):
    sha256 of kind, name and data, 10 characters, vowels avoided, as kustomize's. kustomize hashes
    a slightly different encoding, so the suffixes differ from its own; nothing depends on them."""
    if obj["kind"] == "ConfigMap":
        encoded = {"kind": "ConfigMap", "name": obj[ORIGINAL], "data": obj.get("data", {})}
    else:
        encoded = {"kind": "Secret", "type": obj.get("type", "Opaque"), "name": obj[ORIGINAL],
                   "data": obj.get("data", {})}
    digest = hashlib.sha256(_go_json(encoded).encode()).hexdigest()[:10]
    return digest.translate(str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"}))


# --- patches ---------------------------------------------------------------------------------------


def _pointer(path: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in path.lstrip("/").split("/")] if path != "/" else []


def _json6902(doc: dict, ops: list[dict]) -> None:
    for op in ops:
        parts = _pointer(op["path"])
        parent = doc
        for part in parts[:-1]:
            parent = parent[int(part)] if isinstance(parent, list) else parent[part]
        last = parts[-1]
        kind = op["op"]
        if kind in ("add", "replace"):
            value = copy.deepcopy(op["value"])
            if isinstance(parent, list):
                if last == "-":
                    parent.append(value)
                elif kind == "add":
                    parent.insert(int(last), value)
                else:
                    parent[int(last)] = value
            else:
                if kind == "replace" and last not in parent:
                    raise KustomizeError(f"replace of a missing path {op['path']}")
                parent[last] = value
        elif kind == "remove":
            del parent[int(last) if isinstance(parent, list) else last]
        else:
            raise KustomizeError(f"unsupported patch op {kind}")


def _strategic_merge(target: object, patch: object) -> object:
    if isinstance(target, dict) and isinstance(patch, dict):
        for key, value in patch.items():
            if value is None:
                target.pop(key, None)
            elif key in target:
                target[key] = _strategic_merge(target[key], value)
            else:
                target[key] = copy.deepcopy(value)
        return target
    if isinstance(target, list) and isinstance(patch, list) and all(
            isinstance(x, dict) and "name" in x for x in [*target, *patch]):
        by_name = {item["name"]: item for item in target}
        for item in patch:
            if item["name"] in by_name:
                _strategic_merge(by_name[item["name"]], item)
            else:
                target.append(copy.deepcopy(item))
        return target
    return copy.deepcopy(patch)


def _selects(target: dict, doc: dict) -> bool:
    if "kind" in target and doc["kind"] != target["kind"]:
        return False
    if "name" in target and not re.fullmatch(target["name"], doc["metadata"]["name"]):
        return False
    if "labelSelector" in target:
        labels = doc["metadata"].get("labels", {})
        for term in target["labelSelector"].split(","):
            key, _, value = term.partition("=")
            if labels.get(key.strip()) != value.strip():
                return False
    return True


def _apply_patch(docs: list[dict], entry: dict, base: Path) -> None:
    text = entry["patch"] if "patch" in entry else (base / entry["path"]).read_text()
    body = yaml.safe_load(text)
    if isinstance(body, list):
        target = entry.get("target")
        if not target:
            raise KustomizeError("a JSON 6902 patch needs a target")
        matched = [d for d in docs if _selects(target, d)]
        for doc in matched:
            _json6902(doc, body)
    else:
        target = entry.get("target") or {"kind": body["kind"], "name": re.escape(body["metadata"]["name"])}
        matched = [d for d in docs if _selects(target, d)]
        for doc in matched:
            _strategic_merge(doc, {k: v for k, v in body.items() if k not in ("apiVersion", "kind")}
                             if "target" in entry else body)
    if not matched:
        raise KustomizeError(f"patch matched nothing: {entry.get('target')}")


# --- the build -------------------------------------------------------------------------------------


def _load_resource(path: Path) -> list[dict]:
    if path.is_dir():
        return _build(path)
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def _find(docs: list[dict], kind: str, name: str) -> dict | None:
    return next((d for d in docs if d["kind"] == kind and d.get(ORIGINAL, d["metadata"]["name"]) == name), None)


def _build(directory: Path) -> list[dict]:
    k = yaml.safe_load((directory / "kustomization.yaml").read_text())
    unknown = set(k) - {"apiVersion", "kind", "resources", "namespace", "configMapGenerator",
                        "secretGenerator", "generatorOptions", "patches"}
    if unknown:
        raise KustomizeError(f"{directory}: unsupported fields {sorted(unknown)}")
    docs: list[dict] = []
    for resource in k.get("resources", []):
        docs.extend(_load_resource(directory / resource))
    options = k.get("generatorOptions", {})
    for kind, key in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
        for spec in k.get(key, []):
            new = _generated(kind, spec, directory, options)
            behavior = spec.get("behavior", "create")
            existing = _find(docs, kind, spec["name"])
            if behavior == "create":
                if existing:
                    raise KustomizeError(f"{kind} {spec['name']} exists already")
                docs.append(new)
            elif existing is None:
                raise KustomizeError(f"{kind} {spec['name']}: nothing to {behavior}")
            elif behavior == "replace":
                existing["data"] = new["data"]
            elif behavior == "merge":
                existing.setdefault("data", {}).update(new["data"])
            else:
                raise KustomizeError(f"unknown behavior {behavior}")
    for entry in k.get("patches", []):
        _apply_patch(docs, entry, directory)
    if "namespace" in k:
        for doc in docs:
            if doc["kind"] not in CLUSTER_SCOPED:
                doc["metadata"]["namespace"] = k["namespace"]
    return docs


def _pod_spec(doc: dict) -> dict | None:
    spec = doc.get("spec", {})
    if doc["kind"] == "Pod":
        return spec
    if doc["kind"] == "CronJob":
        return spec.get("jobTemplate", {}).get("spec", {}).get("template", {}).get("spec")
    return spec.get("template", {}).get("spec")


def _rename_references(docs: list[dict], renames: dict[tuple[str, str, str | None], str]) -> None:
    """Point pod specs at generated objects' final names (same namespace only, as kustomize)."""
    for doc in docs:
        pod = _pod_spec(doc)
        if not pod:
            continue
        namespace = doc["metadata"].get("namespace")

        def new(kind: str, name: str) -> str:
            return renames.get((kind, name, namespace), name)

        for volume in pod.get("volumes", []):
            if "configMap" in volume:
                volume["configMap"]["name"] = new("ConfigMap", volume["configMap"]["name"])
            if "secret" in volume:
                volume["secret"]["secretName"] = new("Secret", volume["secret"]["secretName"])
            for source in volume.get("projected", {}).get("sources", []):
                if "configMap" in source:
                    source["configMap"]["name"] = new("ConfigMap", source["configMap"]["name"])
                if "secret" in source:
                    source["secret"]["name"] = new("Secret", source["secret"]["name"])
        for container in [*pod.get("initContainers", []), *pod.get("containers", [])]:
            for var in container.get("env", []):
                ref = var.get("valueFrom", {})
                if "configMapKeyRef" in ref:
                    ref["configMapKeyRef"]["name"] = new("ConfigMap", ref["configMapKeyRef"]["name"])
                if "secretKeyRef" in ref:
                    ref["secretKeyRef"]["name"] = new("Secret", ref["secretKeyRef"]["name"])
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    source["configMapRef"]["name"] = new("ConfigMap", source["configMapRef"]["name"])
                if "secretRef" in source:
                    source["secretRef"]["name"] = new("Secret", source["secretRef"]["name"])


def build(directory: Path | str) -> list[dict]:
    """Every object of the kustomization in `directory`, as kustomize would print them."""
    docs = _build(Path(directory))
    renames: dict[tuple[str, str, str | None], str] = {}
    for doc in docs:
        if ORIGINAL in doc:
            original, hashed = doc.pop(ORIGINAL), doc.pop(HASHED)
            if hashed:
                doc["metadata"]["name"] = f"{original}-{content_hash({**doc, ORIGINAL: original})}"
                renames[(doc["kind"], original, doc["metadata"].get("namespace"))] = doc["metadata"]["name"]
    _rename_references(docs, renames)
    return docs


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(yaml.safe_dump_all(build(argv[0]), sort_keys=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
