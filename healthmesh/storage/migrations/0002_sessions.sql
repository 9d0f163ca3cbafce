-- Sessions as append-only events. Rows are only ever inserted; nothing updates or deletes them.
CREATE TABLE IF NOT EXISTS sessions (
    session_id  uuid PRIMARY KEY,
    request_id  text UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    kb_version  text NOT NULL
);

CREATE TABLE IF NOT EXISTS session_events (
    session_id  uuid NOT NULL REFERENCES sessions(session_id),
    seq         int NOT NULL,
    kind        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    payload     jsonb NOT NULL,
    PRIMARY KEY (session_id, seq)
);

CREATE INDEX IF NOT EXISTS sessions_created_at ON sessions (created_at);

CREATE OR REPLACE FUNCTION session_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'session_events is append-only';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS session_events_no_change ON session_events;
CREATE TRIGGER session_events_no_change BEFORE UPDATE OR DELETE ON session_events
    FOR EACH ROW EXECUTE FUNCTION session_events_append_only();
