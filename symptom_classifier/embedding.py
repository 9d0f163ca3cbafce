"""Concept search by meaning: the ONNX sentence encoder plus a faiss index of concept phrases.

The lexical matcher reads the words the vocabulary knows; this reads the rest. Every concept's
name, synonyms and lay terms are embedded once (the index is cached beside the model, keyed by
the knowledge-base and model versions). At run time the parts of a sentence no lexical phrase
covered are embedded in one batch and matched to their nearest phrase; below a calibrated
similarity the words are reported as unrecognised rather than forced onto a concept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

from knowledge.kb import KnowledgeBase

from .encoder import ModelManifest
from .lexicon import concept_phrases
from .matcher import ConceptMatch
from .text import Token

log = logging.getLogger(__name__)

# Cosine similarity below which a word run is not taken as naming a concept. Calibrating on lay
# phrases alone (tests/data/lay_phrases_eval.jsonl, every phrase a symptom) chose 0.50, but in real
# complaints most leftover runs are context ("vision is fine", "kitchen knife", "drinking and
# playing"), and at 0.50 they became findings: the triage set served with embeddings fell from
# 99% to 83% three-level accuracy (self-care 50%). 0.65, with short runs needing 0.80, kept
# concept accuracy at 0.87 dev / 0.78 test (combined) and triage at 92% (eval/triage_cases.jsonl, served
# pipeline). Model all-MiniLM-L6-v2, int8. Re-checked after the vocabulary grew ~10x (session 2):
# short runs at 0.85 or 0.90 lifted self-care on the dev triage sets but let emergencies through
# (an unknown single word is sometimes the only red flag); see SHORT_RUN_MARGIN for the 0.82 kept.
DEFAULT_THRESHOLD = 0.65
MAX_RUN_TOKENS = 8
# A leftover run of one or two words ("stood", "kitchen knife") carries little context, and its
# nearest phrase is often a near-homonym: it must clear the threshold by this margin.
SHORT_RUN_TOKENS = 2
SHORT_RUN_MARGIN = 0.17
# 0.15 was chosen with vectors encoded in mixed batches. Encoded one phrase at a time (encoder.py),
# single words sit a little nearer their homonyms ("red" -> "seeing red" at 0.81, "drinking" ->
# alcohol at 0.805): 0.17 reads none of them and leaves the dev lay phrases as they were (0.965
# combined), while the dev triage sets gain (eval/triage_dev_extra.jsonl 81.1% -> 84.4%) and no
# dev emergency is under-triaged.

# A lexical match that covers only part of a run ("coughed" in "coughed up some blood") competes
# with the meaning of the whole run: the whole run's nearest concept replaces it when that concept
# is a different one and is at least this much more similar to the run than the lexical concept's
# best phrase is. Chosen on the dev split of tests/data/lay_phrases_eval.jsonl
# (`python -m symptom_classifier.evaluate`, threshold 0.65): combined top-1 0.86 without the
# contest, 0.87 with margins 0.10-0.20 (no phrase lost), 0.86 from 0.25; 0.15 is the middle.
WHOLE_RUN_MARGIN = 0.15
# A run read together with the trigger or modifier words beside it ("unable to wee", "I pee far
# too often") replaces the run's own reading when at least this much closer to its nearest phrase.
WIDER_MARGIN = 0.05
# Neighbours searched to find the lexical concept's own similarity to the whole run; when it is
# not among them, the k-th similarity bounds it from above.
WHOLE_RUN_NEIGHBOURS = 32


# How phrase vectors are made: "p1" = each phrase encoded on its own (OnnxEncoder.per_phrase), so a
# vector does not depend on its batch. Part of the cache keys and the index folder, so vectors made
# in mixed batches by earlier versions are not reused.
VECTOR_SCHEME = "p1"


class EmbeddingCache:
    """Phrase -> vector: an in-process LRU, backed by Redis when configured (keyed by model checksum).

    Redis errors never fail a request: the cache switches Redis off for a while and carries on.
    """

    def __init__(self, model_version: str, redis_url: str | None = None, size: int = 20_000,
                 ttl_seconds: int = 7 * 24 * 3600, retry_after_seconds: float = 5.0):
        self.prefix = f"healthmesh:emb:{model_version}:{VECTOR_SCHEME}:"
        self.size = size
        self.ttl_seconds = ttl_seconds
        self.retry_after = retry_after_seconds
        self._lru: OrderedDict[str, np.ndarray] = OrderedDict()
        self._redis = None
        self._redis_off_until = 0.0
        if redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=0.05, socket_connect_timeout=0.05)

    def _key(self, phrase: str) -> str:
        return self.prefix + hashlib.sha1(phrase.encode()).hexdigest()

    def _redis_usable(self) -> bool:
        return self._redis is not None and time.monotonic() >= self._redis_off_until

    def get_many(self, phrases: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        missing = []
        for p in phrases:
            v = self._lru.get(p)
            if v is not None:
                self._lru.move_to_end(p)
                found[p] = v
            else:
                missing.append(p)
        if missing and self._redis_usable():
            try:
                raw = self._redis.mget([self._key(p) for p in missing])
            except Exception:  # noqa: BLE001 - Redis down: bypass
                self._redis_off_until = time.monotonic() + self.retry_after
                raw = [None] * len(missing)
            for p, blob in zip(missing, raw):
                if blob:
                    vec = np.frombuffer(blob, dtype=np.float32)
                    found[p] = vec
                    self._remember(p, vec)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        for p, v in items.items():
            self._remember(p, v)
        if items and self._redis_usable():
            try:
                pipe = self._redis.pipeline(transaction=False)
                for p, v in items.items():
                    pipe.set(self._key(p), np.asarray(v, dtype=np.float32).tobytes(), ex=self.ttl_seconds)
                pipe.execute()
            except Exception:  # noqa: BLE001
                self._redis_off_until = time.monotonic() + self.retry_after

    def _remember(self, phrase: str, vec: np.ndarray) -> None:
        self._lru[phrase] = vec
        self._lru.move_to_end(phrase)
        while len(self._lru) > self.size:
            self._lru.popitem(last=False)


# The index is a graph (HNSW), not a flat scan: the vocabulary holds ~13k phrases, and a flat scan
# of 384-d vectors cost ~2.9 ms per search against 0.15 ms for the graph (one OpenMP thread, as
# healthmesh.runtime.server.limit_native_threads sets in every service), with the same nearest
# phrase for 330/330 test queries and 98.6% of the 48 nearest (bench of session 2).
HNSW_LINKS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 64
INDEX_KIND = "hnsw32"  # part of the cached index's folder name


class ConceptIndex:
    """A faiss inner-product index over normalised embeddings of every concept phrase."""

    def __init__(self, index: faiss.Index, concept_ids: list[str], phrases: list[str]):
        self.index = index
        self.concept_ids = concept_ids
        self.phrases = phrases
        self._says_no = np.array([says_no(p) for p in phrases], dtype=bool)
        if hasattr(index, "hnsw"):
            index.hnsw.efSearch = HNSW_EF_SEARCH

    def says_no_at(self, i: int) -> bool:
        """Whether phrase i says "no" (or a decrease)."""
        return bool(self._says_no[i])

    @classmethod
    def build(cls, kb: KnowledgeBase, encode, batch: int = 64) -> "ConceptIndex":
        seen = indexed_phrases(kb)
        phrases = list(seen)
        vectors = np.vstack([encode(phrases[i:i + batch]) for i in range(0, len(phrases), batch)])
        vectors = _normalise(vectors)
        index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_LINKS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.add(vectors)
        return cls(index, [seen[p] for p in phrases], phrases)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self.index, str(directory / "concepts.faiss"))
        (directory / "concepts.json").write_text(json.dumps({"concept_ids": self.concept_ids,
                                                             "phrases": self.phrases}))

    @classmethod
    def load(cls, directory: Path) -> "ConceptIndex":
        meta = json.loads((directory / "concepts.json").read_text())
        return cls(faiss.read_index(str(directory / "concepts.faiss")), meta["concept_ids"], meta["phrases"])

    def search(self, vectors: np.ndarray, k: int = 1,
               texts: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The k nearest phrases of each vector. With the vectors' `texts`, a phrase that says "no"
        ("not feeding", "can't breathe") is only a neighbour of a text that says "no" too: the
        encoder reads negation poorly, and "feeding well" must not land on "not feeding"."""
        if texts is None:
            return self.index.search(_normalise(vectors), k)
        wide = min(k + NEGATED_LOOKAHEAD, len(self.phrases))
        sims, ids = self.index.search(_normalise(vectors), wide)
        out_sims = np.full((len(ids), k), -1.0, dtype=np.float32)
        out_ids = np.zeros((len(ids), k), dtype=ids.dtype)
        for row, text in enumerate(texts):
            keep = ids[row] >= 0
            if not says_no(text):
                keep &= ~self._says_no[np.maximum(ids[row], 0)]
            chosen = np.flatnonzero(keep)[:k]
            out_sims[row, :len(chosen)] = sims[row, chosen]
            out_ids[row, :len(chosen)] = ids[row, chosen]
            if len(chosen) < k:  # pad with the last kept neighbour (or none at all)
                out_ids[row, len(chosen):] = out_ids[row, max(len(chosen) - 1, 0)]
                out_sims[row, len(chosen):] = out_sims[row, max(len(chosen) - 1, 0)] if len(chosen) else -1.0
        return out_sims, out_ids


NEGATION_WORDS = frozenset({"no", "not", "never", "without", "unable", "cannot", "can't", "cant",
                            "won't", "wont", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt",
                            "isn't", "isnt", "aren't", "hasn't", "haven't", "wasn't", "couldn't",
                            "refusing", "refuses", "refused", "nothing", "none",
                            # words of decrease or stopping say "no" as much: "baby moving well" must
                            # not land on "baby moving less", nor "breathing fine" on "stopped breathing"
                            "less", "fewer", "hardly", "barely", "stopped", "slowed"})
# Neighbours looked at beyond k so that phrases skipped for saying "no" still leave k.
NEGATED_LOOKAHEAD = 16
# Query texts whose neighbours are remembered (as many as the phrase-vector cache keeps).
NEIGHBOURS_KEPT = 20_000


def says_no(text: str) -> bool:
    return any(w in NEGATION_WORDS for w in text.lower().replace("\u2019", "'").split())


def _normalise(v: np.ndarray) -> np.ndarray:
    v = np.ascontiguousarray(v, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.maximum(norms, 1e-12)


def indexed_phrases(kb: KnowledgeBase) -> dict[str, str]:
    """Phrase -> concept id for every phrase the index holds (the first concept naming it)."""
    seen: dict[str, str] = {}
    for phrase in concept_phrases(kb):
        text = phrase.text.strip().lower()
        if text and text not in seen:
            seen[text] = phrase.concept_id
    return seen


def phrases_digest(kb: KnowledgeBase) -> str:
    """A digest of the indexed phrases: the classifier's own word lists (lexicon.py) add phrases
    the knowledge base's version does not cover, and an index must not outlive them."""
    body = "\n".join(f"{text}\t{concept}" for text, concept in indexed_phrases(kb).items())
    return hashlib.sha1(body.encode()).hexdigest()[:10]


def load_or_build_index(kb: KnowledgeBase, manifest: ModelManifest, encode) -> ConceptIndex:
    """The index cached under the model folder for this (kb, model, phrases); built on first use."""
    per_phrase = getattr(getattr(encode, "__self__", None), "per_phrase", False)
    scheme = f"-{VECTOR_SCHEME}" if per_phrase else ""
    directory = (manifest.directory / "index"
                 / f"{kb.version}-{manifest.version}{scheme}-{INDEX_KIND}-{phrases_digest(kb)}")
    if (directory / "concepts.faiss").exists():
        return ConceptIndex.load(directory)
    started = time.perf_counter()
    index = ConceptIndex.build(kb, encode)
    tmp = directory.with_name(directory.name + ".tmp")
    index.save(tmp)
    if not directory.exists():
        tmp.rename(directory)
    log.info("concept index built", extra={"phrases": len(index.phrases),
                                            "seconds": round(time.perf_counter() - started, 2)})
    return index


class EmbeddingMatcher:
    """Matches runs of words the lexical matcher left uncovered, by nearest concept phrase."""

    def __init__(self, index: ConceptIndex, encode, cache: EmbeddingCache | None = None,
                 threshold: float = DEFAULT_THRESHOLD):
        self.index = index
        self._encode = encode
        self.cache = cache
        self.threshold = threshold
        self._neighbours: OrderedDict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def embed(self, phrases: list[str]) -> np.ndarray:
        cached = self.cache.get_many(phrases) if self.cache else {}
        todo = [p for p in dict.fromkeys(phrases) if p not in cached]
        if todo:
            fresh = self._encode(todo)
            new = dict(zip(todo, fresh))
            if self.cache:
                self.cache.put_many(new)
            cached.update(new)
        return np.vstack([cached[p] for p in phrases])

    def _search(self, queries: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k nearest phrases of each query, remembered per (query, k): the same words always
        have the same neighbours, and everyday phrases recur, so most searches are skipped."""
        rows = [self._neighbours.get((q, k)) for q in queries]
        unsearched = list(dict.fromkeys(q for q, row in zip(queries, rows) if row is None))
        fresh: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if unsearched:
            sims, ids = self.index.search(self.embed(unsearched), k, unsearched)
            fresh = {q: (s.copy(), i.copy()) for q, s, i in zip(unsearched, sims, ids)}
        for q, row in zip(queries, rows):
            if row is not None:
                self._neighbours.move_to_end((q, k))
        for q, row in fresh.items():
            self._neighbours[(q, k)] = row
        while len(self._neighbours) > NEIGHBOURS_KEPT:
            self._neighbours.popitem(last=False)
        rows = [row if row is not None else fresh[q] for q, row in zip(queries, rows)]
        return np.vstack([r[0] for r in rows]), np.vstack([r[1] for r in rows])

    def nearest(self, phrases: list[str]) -> list[tuple[str, float, str]]:
        """(concept id, similarity, matched phrase) for each phrase."""
        if not phrases:
            return []
        sims, ids = self._search(phrases, 1)
        return [(self.index.concept_ids[i[0]], float(s[0]), self.index.phrases[i[0]]) for s, i in zip(sims, ids)]

    def match_runs(self, sent: Sequence[Token], runs: list[tuple[int, int]]) -> list[ConceptMatch]:
        return self.match_many([(sent, runs)])[0]

    def read_many(self, requests: Sequence[tuple[Sequence[Token], list[tuple[int, int]]]],
                  contests: Sequence[tuple[int, int, int, frozenset[str]]] = (),
                  wider: Sequence[tuple[int, int, int, int, int, bool]] = ()
                  ) -> tuple[list[list[ConceptMatch]], list[ConceptMatch | None], list[ConceptMatch | None]]:
        """`match_many`, plus the whole-run contests and the wider readings, all embedded in one batch.

        A contest (sentence index, start, end, lexical concept ids) names a run that a lexical match
        covers only in part. Its answer is the embedding match for the whole run when the run's
        nearest concept is not a lexical one, clears the threshold, and beats the lexical concepts'
        similarity to the run by WHOLE_RUN_MARGIN; otherwise None (the lexical reading stands).

        A wider reading (sentence index, run start, run end, wider start, wider end, whether it takes
        in a negation or hedging trigger) is a run with
        the trigger and modifier words beside it ("unable to" + "wee", "pee far" + "too often").
        Its answer is the match for the wider span when that clears the threshold and is closer
        than the run alone by WIDER_MARGIN: the words then belong to the finding's meaning.
        """
        jobs = [(i, a, b) for i, (sent, runs) in enumerate(requests) for a, b in runs if b - a <= MAX_RUN_TOKENS]
        texts = [" ".join(t.text for t in requests[i][0][a:b]) for i, a, b in jobs]
        whole = [" ".join(t.text for t in requests[i][0][a:b]) for i, a, b, _ in contests]
        widened = [" ".join(t.text for t in requests[i][0][a:b]) for i, _, _, a, b, _ in wider]
        plain = [" ".join(t.text for t in requests[i][0][a:b]) for i, a, b, *_ in wider]
        out: list[list[ConceptMatch]] = [[] for _ in requests]
        answers: list[ConceptMatch | None] = [None] * len(contests)
        wide_answers: list[ConceptMatch | None] = [None] * len(wider)
        if not texts and not whole and not widened:
            return out, answers, wide_answers
        k = min(WHOLE_RUN_NEIGHBOURS if whole else 1, len(self.index.concept_ids))
        queries = texts + whole + widened + plain
        sims, ids = self._search(queries, k)
        n_plain = len(texts) + len(whole)
        for j, (_, s, e, a, b, negates) in enumerate(wider):
            sim, run_sim = float(sims[n_plain + j][0]), float(sims[n_plain + len(wider) + j][0])
            run_unread = run_sim < self.threshold + (SHORT_RUN_MARGIN if e - s <= SHORT_RUN_TOKENS else 0.0)
            # words that would otherwise negate or hedge the run ("no blood") join it only when the
            # run alone says nothing and they clearly change its meaning ("unable to wee"); other
            # words join when they make an unread run readable or clearly add to a read one
            if negates and not run_unread:
                continue
            # the trigger's meaning must survive in the phrase matched: "baby moving normally" is not
            # "baby moving less", but "unable to wee" is "can't pee"
            if negates and not self.index.says_no_at(int(ids[n_plain + j][0])):
                continue
            gain = WIDER_MARGIN if negates or not run_unread else 0.0
            if sim >= self.threshold and sim - run_sim >= gain:
                wide_answers[j] = ConceptMatch(a, b, self.index.concept_ids[ids[n_plain + j][0]],
                                               round(sim, 3), "embedding")
        for (i, a, b), s, n in zip(jobs, sims, ids):
            sim = float(s[0])
            if sim >= self.threshold + (SHORT_RUN_MARGIN if b - a <= SHORT_RUN_TOKENS else 0.0):
                out[i].append(ConceptMatch(a, b, self.index.concept_ids[n[0]], round(sim, 3), "embedding"))
        for j, ((i, a, b, lexical), s, n) in enumerate(zip(contests, sims[len(texts):], ids[len(texts):])):
            best_id, best = self.index.concept_ids[n[0]], float(s[0])
            if best_id in lexical or best < self.threshold:
                continue
            lexical_sim = next((float(x) for x, y in zip(s, n) if self.index.concept_ids[y] in lexical),
                               float(s[-1]))
            if best - lexical_sim >= WHOLE_RUN_MARGIN:
                answers[j] = ConceptMatch(a, b, best_id, round(best, 3), "embedding")
        return out, answers, wide_answers

    def match_many(self, requests: Sequence[tuple[Sequence[Token], list[tuple[int, int]]]]) -> list[list[ConceptMatch]]:
        """Matches for the runs of several sentences, embedded together in one batch."""
        jobs = [(i, a, b) for i, (sent, runs) in enumerate(requests) for a, b in runs if b - a <= MAX_RUN_TOKENS]
        texts = [" ".join(t.text for t in requests[i][0][a:b]) for i, a, b in jobs]
        out: list[list[ConceptMatch]] = [[] for _ in requests]
        for (i, a, b), (concept_id, sim, _) in zip(jobs, self.nearest(texts)):
            if sim >= self.threshold + (SHORT_RUN_MARGIN if b - a <= SHORT_RUN_TOKENS else 0.0):
                out[i].append(ConceptMatch(a, b, concept_id, round(sim, 3), "embedding"))
        return out
