-- whowhom event store, schema version 2 (whowhom.store.db.SCHEMA_VERSION).
-- Every statement is idempotent, so opening an existing store runs this file again safely.
-- The events columns are the events-format.md §2 record flattened; db.EVENT_COLUMNS
-- lists them in this order and a test keeps the two in step.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR PRIMARY KEY,
    path          VARCHAR,
    title         VARCHAR,
    published     VARCHAR,           -- ISO date as given, NULL when unknown
    url           VARCHAR,
    outlet        VARCHAR,
    text          VARCHAR,           -- cleaned text: every span of its events points into it
    content_hash  VARCHAR NOT NULL,  -- sha256 of text; with coder_version decides re-coding
    coder_version VARCHAR NOT NULL,
    coded_at      TIMESTAMP NOT NULL, -- UTC
    n_events      INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    event_id         VARCHAR PRIMARY KEY,
    doc_id           VARCHAR NOT NULL,
    event            VARCHAR NOT NULL,
    mode             VARCHAR,
    cameo            VARCHAR,
    goldstein        DOUBLE,
    quad_class       INTEGER,
    source_text      VARCHAR,
    source_name      VARCHAR,
    source_country   VARCHAR,
    source_sector    VARCHAR,
    source_code      VARCHAR,
    source_kb_id     VARCHAR,
    source_igo       VARCHAR,
    source_start     INTEGER,
    source_end       INTEGER,
    -- all target_* columns are NULL when the event has no target
    target_text      VARCHAR,
    target_name      VARCHAR,
    target_country   VARCHAR,
    target_sector    VARCHAR,
    target_code      VARCHAR,
    target_kb_id     VARCHAR,
    target_igo       VARCHAR,
    target_start     INTEGER,
    target_end       INTEGER,
    date             VARCHAR,
    date_precision   VARCHAR,
    -- date as a DATE for range filters: the day itself, else the first day of its month or
    -- year, else the publication date, else NULL
    event_date       DATE,
    trigger_text     VARCHAR,
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    sentence         VARCHAR,
    sentence_index   INTEGER,
    negated          BOOLEAN NOT NULL,
    hypothetical     BOOLEAN NOT NULL,
    reported_by      VARCHAR,
    -- all location_* columns are NULL when no location was found
    location_name    VARCHAR,
    location_country VARCHAR,
    location_lat     DOUBLE,
    location_lon     DOUBLE,
    confidence       DOUBLE,
    flags            VARCHAR[]
);

-- No primary key: line is NULL for whole-file failures. The store deletes the old row for
-- the same (path, line) before inserting a new one.
CREATE TABLE IF NOT EXISTS failures (
    path      VARCHAR NOT NULL,
    line      INTEGER,
    reason    VARCHAR NOT NULL,
    failed_at TIMESTAMP NOT NULL      -- UTC
);

CREATE INDEX IF NOT EXISTS events_doc_id ON events (doc_id);
CREATE INDEX IF NOT EXISTS events_event ON events (event);
CREATE INDEX IF NOT EXISTS events_source_country ON events (source_country);
CREATE INDEX IF NOT EXISTS events_target_country ON events (target_country);
CREATE INDEX IF NOT EXISTS events_event_date ON events (event_date);

-- Version 2: near-duplicate articles, fused events and stories (whowhom.fuse).
-- The original a near-copy repeats (NULL for an original); set by the fusion stage.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR;

-- MinHash signature of each document's text, so the near-duplicate index is rebuilt
-- without re-reading texts; seen orders documents by when fusion first met them.
CREATE TABLE IF NOT EXISTS doc_signatures (
    doc_id     VARCHAR PRIMARY KEY,
    seen       BIGINT NOT NULL,
    published  VARCHAR,
    hashvalues BLOB NOT NULL
);

-- One row per real event: the flat columns of its representative mention (event_id names
-- it; confidence is the combined confidence), then the fused fields. block, window_start
-- and window_end are the fusion's own bookkeeping (see whowhom.fuse.fusion).
CREATE TABLE IF NOT EXISTS fused_events (
    fused_id         VARCHAR PRIMARY KEY,
    block            VARCHAR NOT NULL,
    window_start     DATE,
    window_end       DATE,
    event_id         VARCHAR NOT NULL,
    doc_id           VARCHAR NOT NULL,
    event            VARCHAR NOT NULL,
    mode             VARCHAR,
    cameo            VARCHAR,
    goldstein        DOUBLE,
    quad_class       INTEGER,
    source_text      VARCHAR,
    source_name      VARCHAR,
    source_country   VARCHAR,
    source_sector    VARCHAR,
    source_code      VARCHAR,
    source_kb_id     VARCHAR,
    source_igo       VARCHAR,
    source_start     INTEGER,
    source_end       INTEGER,
    target_text      VARCHAR,
    target_name      VARCHAR,
    target_country   VARCHAR,
    target_sector    VARCHAR,
    target_code      VARCHAR,
    target_kb_id     VARCHAR,
    target_igo       VARCHAR,
    target_start     INTEGER,
    target_end       INTEGER,
    date             VARCHAR,
    date_precision   VARCHAR,
    event_date       DATE,
    trigger_text     VARCHAR,
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    sentence         VARCHAR,
    sentence_index   INTEGER,
    negated          BOOLEAN NOT NULL,
    hypothetical     BOOLEAN NOT NULL,
    reported_by      VARCHAR,
    location_name    VARCHAR,
    location_country VARCHAR,
    location_lat     DOUBLE,
    location_lon     DOUBLE,
    confidence       DOUBLE,
    flags            VARCHAR[],
    n_mentions       INTEGER NOT NULL,
    n_documents      INTEGER NOT NULL,
    n_outlets        INTEGER NOT NULL,
    first_report     VARCHAR,
    last_report      VARCHAR,
    doc_ids          VARCHAR[] NOT NULL
);

-- Which raw events each fused event groups; lo and hi are the dates the mention could
-- have happened on (NULL when undated), block its fusion block.
CREATE TABLE IF NOT EXISTS fused_mentions (
    fused_id VARCHAR NOT NULL,
    event_id VARCHAR PRIMARY KEY,
    doc_id   VARCHAR NOT NULL,
    block    VARCHAR NOT NULL,
    lo       DATE,
    hi       DATE
);

-- Documents grouped by shared fused events and near-copies.
CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR NOT NULL,
    doc_id   VARCHAR PRIMARY KEY
);

CREATE INDEX IF NOT EXISTS fused_mentions_fused_id ON fused_mentions (fused_id);
CREATE INDEX IF NOT EXISTS fused_mentions_doc_id ON fused_mentions (doc_id);
CREATE INDEX IF NOT EXISTS fused_events_block ON fused_events (block);
CREATE INDEX IF NOT EXISTS stories_story_id ON stories (story_id);
