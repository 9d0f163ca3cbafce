-- Knowledge-base tables: one row per record of the artifact, every row with its source and licence.
CREATE TABLE IF NOT EXISTS kb_versions (
    version     text PRIMARY KEY,
    built_at    text NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    sources     jsonb NOT NULL
);

CREATE TABLE IF NOT EXISTS kb_conditions (
    kb_version    text NOT NULL REFERENCES kb_versions(version) ON DELETE CASCADE,
    id            text NOT NULL,
    name          text NOT NULL,
    icd10         text NOT NULL,
    aliases       text[] NOT NULL,
    severity      int,
    must_not_miss boolean NOT NULL,
    prevalence    double precision NOT NULL,
    age_odds      jsonb NOT NULL,
    sex_odds      jsonb NOT NULL,
    sources       text[] NOT NULL,
    licence       text NOT NULL,
    PRIMARY KEY (kb_version, id)
);

CREATE TABLE IF NOT EXISTS kb_symptoms (
    kb_version  text NOT NULL REFERENCES kb_versions(version) ON DELETE CASCADE,
    id          text NOT NULL,
    name        text NOT NULL,
    synonyms    text[] NOT NULL,
    lay_terms   text[] NOT NULL,
    aliases     text[] NOT NULL,
    source      text NOT NULL,
    licence     text NOT NULL,
    PRIMARY KEY (kb_version, id)
);

CREATE TABLE IF NOT EXISTS kb_evidences (
    kb_version  text NOT NULL REFERENCES kb_versions(version) ON DELETE CASCADE,
    code        text NOT NULL,
    name        text NOT NULL,
    kind        text NOT NULL,
    antecedent  boolean NOT NULL,
    symptom_ids text[] NOT NULL,
    source      text NOT NULL,
    licence     text NOT NULL,
    PRIMARY KEY (kb_version, code)
);

CREATE TABLE IF NOT EXISTS kb_links (
    kb_version    text NOT NULL REFERENCES kb_versions(version) ON DELETE CASCADE,
    condition_id  text NOT NULL,
    finding       text NOT NULL,
    p             double precision NOT NULL CHECK (p > 0 AND p <= 1),
    source        text NOT NULL,
    licence       text NOT NULL,
    PRIMARY KEY (kb_version, condition_id, finding, source)
);
