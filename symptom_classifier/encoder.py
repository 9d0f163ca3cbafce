"""The sentence encoder at run time: onnxruntime + tokenizers, nothing else.

One session, thread counts chosen for the machine. The graph already pools (and normalises), so
`encode` returns one vector per phrase.

The int8 model is dynamically quantized: each MatMul quantizes its input with one scale computed
over the whole input tensor, so a phrase's vector depends on the other phrases of its batch and on
the padding they bring (cosine to the phrase encoded alone as low as 0.974, similarity to its
nearest concept phrase off by up to 0.05 on the dev lay phrases). `per_phrase` (the default for
the int8 model) runs each phrase as its own batch of one, without padding: a phrase then reads the
same whatever else is in the request or the cache. The fp32 model is batch-independent and runs
batched (padded to the longest phrase of the batch).
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
    """Intra-op threads: $HEALTHMESH_ENCODER_THREADS, else 1.

    The encoder runs one short phrase at a time (per_phrase), and a server's cores are better spent
    on concurrent requests than on splitting a 10-token matrix: on the 2-core machine three
    phrases took 2.3-2.6 ms with one thread and 5.2-6.3 ms with two."""
    value = os.environ.get("HEALTHMESH_ENCODER_THREADS", "").strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            raise ValueError(f"HEALTHMESH_ENCODER_THREADS must be a whole number, got {value!r}") from None
    return 1


class OnnxEncoder:
    def __init__(self, model_path: Path, tokenizer_path: Path, max_length: int = 128, threads: int | None = None,
                 per_phrase: bool = False):
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
        self.per_phrase = per_phrase

    def encode(self, phrases: list[str]) -> np.ndarray:
        if not phrases:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # one at a time: encode_batch's thread pool costs more than it saves on a few phrases
        encodings = [self.tokenizer.encode(p) for p in phrases]
        if self.per_phrase and len(encodings) > 1:
            return np.vstack([self._run([e]) for e in encodings])
        return self._run(encodings)

    def encode_batched(self, phrases: list[str]) -> np.ndarray:
        """All phrases in one padded batch, whatever `per_phrase` says (for comparison)."""
        if not phrases:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._run(self.tokenizer.encode_batch(phrases))

    def _run(self, encodings) -> np.ndarray:
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

    def encoder(self, variant: str = "int8", threads: int | None = None,
                per_phrase: bool | None = None) -> OnnxEncoder:
        """`per_phrase` defaults to True for the dynamically quantized int8 model (see the module doc)."""
        return OnnxEncoder(self.directory / self.data["models"][variant], self.directory / self.data["tokenizer"],
                           max_length=self.data.get("max_length", 128), threads=threads,
                           per_phrase=variant == "int8" if per_phrase is None else per_phrase)


def load_manifest(model_dir: str | os.PathLike[str] | None = None) -> ModelManifest:
    directory = Path(model_dir or os.environ.get("HEALTHMESH_MODEL_DIR") or DEFAULT_MODEL_DIR)
    path = directory / "manifest.json"
    if not path.exists():
        raise FileNotFoundError(f"no exported model at {directory}; run `healthmesh model export` (or `make model`)")
    return ModelManifest(directory, json.loads(path.read_text()))
