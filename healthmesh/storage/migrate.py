"""Schema migrations and the knowledge-base load, run at start (idempotent, under a lock).

Migrations are the numbered SQL files beside this module, applied once each in order and
recorded in `schema_migrations`. The knowledge base artifact is then copied into the kb_* tables
unless that version is already there; earlier versions stay for replay and audit.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import asyncpg

from knowledge.kb import KnowledgeBase

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
LOCK_KEY = 0x6865616C7468  # advisory lock id ("health")


async def apply_migrations(conn: asyncpg.Connection) -> list[str]:
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
    )
    done = {r["name"] for r in await conn.fetch("SELECT name FROM schema_migrations")}
    applied = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if path.name in done:
            continue
        async with conn.transaction():
            await conn.execute(path.read_text())
            await conn.execute("INSERT INTO schema_migrations (name) VALUES ($1)", path.name)
        applied.append(path.name)
    return applied


async def load_kb_tables(conn: asyncpg.Connection, kb: KnowledgeBase) -> bool:
    """Copy `kb` into the kb_* tables; False if this version was already loaded."""
    if await conn.fetchval("SELECT 1 FROM kb_versions WHERE version = $1", kb.version):
        return False
    v = kb.version
    sources = {k: vars(s) for k, s in kb.sources.items()}
    async with conn.transaction():
        await conn.execute("INSERT INTO kb_versions (version, built_at, sources) VALUES ($1, $2, $3)",
                           v, kb.built_at, json.dumps(sources))
        await conn.copy_records_to_table("kb_conditions", records=[
            (v, c.id, c.name, c.icd10, list(c.aliases), c.severity, c.must_not_miss, c.prevalence,
             json.dumps(c.age_odds), json.dumps(c.sex_odds), list(c.sources), c.licence)
            for c in kb.conditions.values()
        ], columns=["kb_version", "id", "name", "icd10", "aliases", "severity", "must_not_miss",
                    "prevalence", "age_odds", "sex_odds", "sources", "licence"])
        await conn.copy_records_to_table("kb_symptoms", records=[
            (v, s.id, s.name, list(s.synonyms), list(s.lay_terms), list(s.aliases), s.source, s.licence)
            for s in kb.symptoms.values()
        ], columns=["kb_version", "id", "name", "synonyms", "lay_terms", "aliases", "source", "licence"])
        await conn.copy_records_to_table("kb_evidences", records=[
            (v, e.code, e.name, e.kind, e.antecedent, list(e.symptom_ids), e.source, e.licence)
            for e in kb.evidences.values()
        ], columns=["kb_version", "code", "name", "kind", "antecedent", "symptom_ids", "source", "licence"])
        unique_links = {(l.condition_id, l.finding, l.source): l for l in kb.links}
        await conn.copy_records_to_table("kb_links", records=[
            (v, l.condition_id, l.finding, l.p, l.source, l.licence) for l in unique_links.values()
        ], columns=["kb_version", "condition_id", "finding", "p", "source", "licence"])
    return True


async def migrate(database_url: str, kb: KnowledgeBase | None = None) -> None:
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)
        try:
            applied = await apply_migrations(conn)
            loaded = await load_kb_tables(conn, kb) if kb is not None else False
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", LOCK_KEY)
    finally:
        await conn.close()
    log.info("database ready", extra={"migrations_applied": applied, "kb_loaded": loaded,
                                      "kb_version": kb.version if kb else None})
