-- An answer's body (the response without its session and request ids) stored once, by its SHA-256,
-- however many sessions served it. A response_sent event then holds only its ids and
-- {"answer_digest": ...}; session_events_resolved puts the body back, giving the same jsonb an
-- event that holds its whole answer has (rows written before this migration, or recovered from an
-- outbox, still do, and read the same). Append-only, like the events that point at it.
CREATE TABLE IF NOT EXISTS answers (
    digest      text PRIMARY KEY,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One trigger function for every append-only table from here on (0002's predates it).
CREATE OR REPLACE FUNCTION append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS answers_no_change ON answers;
CREATE TRIGGER answers_no_change BEFORE UPDATE OR DELETE ON answers FOR EACH ROW EXECUTE FUNCTION append_only();

CREATE OR REPLACE VIEW session_events_resolved AS
SELECT e.session_id, e.seq, e.kind, e.created_at,
       CASE WHEN a.digest IS NULL THEN e.payload ELSE (e.payload - 'answer_digest') || a.payload END AS payload
FROM session_events e
LEFT JOIN answers a ON a.digest = e.payload ->> 'answer_digest';
