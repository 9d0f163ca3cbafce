"""The sentence encoder at run time: onnxruntime + tokenizers, nothing else.

One session, inputs padded to the longest phrase of the batch (dynamic padding), thread counts
chosen for the machine. The graph already pools (and normalises), so `encode` returns one vector
per phrase.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_DIR = ROOT / "build" / "model"


def default_threads() -> int:
    """Intra-op threads: the cores this process may use, at most 4 (small models gain little more)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


class OnnxEncoder:
    def __init__(self, model_path: Path, tokenizer_path: Path, max_length: int = 128, threads: int | None = None):
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or default_threads()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.no_padding()
        self.dimension = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, phrases: list[str]) -> np.ndarray:
        if not phrases:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(phrases)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            n = len(e.ids)
            ids[row, :n] = e.ids
            mask[row, :n] = e.attention_mask
            types[row, :n] = e.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        feeds = {k: v for k, v in feeds.items() if k in self.input_names}
        return self.session.run(None, feeds)[0].astype(np.float32, copy=False)


@dataclass(frozen=True)
class ModelManifest:
    directory: Path
    data: dict

    @property
    def version(self) -> str:
        return self.data["version"]

    def encoder(self, variant: str = "int8", threads: int | None = None) -> OnnxEncoder:
        return OnnxEncoder(self.directory / self.data["models"][variant], self.directory / self.data["tokenizer"],
                           max_length=self.data.get("max_length", 128), threads=threads)


def load_manifest(model_dir: str | os.PathLike[str] | None = None) -> ModelManifest:
    directory = Path(model_dir or os.environ.get("HEALTHMESH_MODEL_DIR") or DEFAULT_MODEL_DIR)
    path = directory / "manifest.json"
    if not path.exists():
        raise FileNotFoundError(f"no exported model at {directory}; run `healthmesh model export` (or `make model`)")
    return ModelManifest(directory, json.loads(path.read_text()))
