"""YAML for hand-edited files: a key written twice in one mapping is an error, not a silent
overwrite (PyYAML keeps the last one, so a concept added twice loses its first block)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(ValueError):
    pass


class _StrictLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            mark = key_node.start_mark
            raise DuplicateKeyError(
                f"{mark.name}:{mark.line + 1}: key {key!r} is already set at line {seen[key]}"
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_strict(path: str | Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_StrictLoader)
