"""Build the classifier as the service runs it: lexical matching plus the ONNX/faiss fallback.

The service, the in-process pipeline (evaluation, benchmarks, replay) and the gateway's fallback
all build it here, so an evaluation in process measures what the mesh serves.
"""

from __future__ import annotations

from collections.abc import Callable

from knowledge.kb import KnowledgeBase
from symptom_classifier.embedding import ConceptIndex, EmbeddingCache, EmbeddingMatcher, load_or_build_index
from symptom_classifier.encoder import OnnxEncoder, load_manifest
from symptom_classifier.engine import SymptomClassifier


def build_classifier(kb: KnowledgeBase, *, model_dir: str | None = None, variant: str = "int8",
                     redis_url: str | None = None, lexical_only: bool = False,
                     instrument: Callable[[OnnxEncoder, ConceptIndex], None] | None = None) -> SymptomClassifier:
    """`instrument` may wrap the encoder's and index's methods (the service times its stages)."""
    if lexical_only:
        return SymptomClassifier(kb)
    manifest = load_manifest(model_dir)
    encoder = manifest.encoder(variant)
    index = load_or_build_index(kb, manifest, encoder.encode)
    if instrument is not None:
        instrument(encoder, index)
    cache = EmbeddingCache(manifest.version, redis_url)
    return SymptomClassifier(kb, fallback=EmbeddingMatcher(index, encoder.encode, cache))
