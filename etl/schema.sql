-- The warehouse. Public contract (read by the dashboard and outside checks):
-- documents, document_instruments, task_coverage, ingest_errors, tasks, task_agencies,
-- deadlines. Every other table may grow; these names and columns stay.

-- Reference data, loaded from data/reference/*.csv on every build.
CREATE TABLE provinces (
    gso_code VARCHAR PRIMARY KEY,          -- pre-2025 GSO code; reused after 2025, never join on it across eras
    name_vi VARCHAR NOT NULL,
    name_with_type VARCHAR NOT NULL,
    ascii_key VARCHAR NOT NULL UNIQUE,
    iso_code VARCHAR NOT NULL,
    unit_type VARCHAR NOT NULL,
    region_vi VARCHAR NOT NULL,
    region_en VARCHAR NOT NULL,
    merged_into_name_vi VARCHAR NOT NULL,
    merged_into_key VARCHAR NOT NULL,
    merged_into_gso_code_2025 VARCHAR NOT NULL
);

CREATE TABLE districts (
    district_code VARCHAR PRIMARY KEY,
    name_vi VARCHAR NOT NULL,
    ascii_key VARCHAR NOT NULL,
    unit_type VARCHAR NOT NULL,
    name_with_type VARCHAR NOT NULL,
    province_gso_code VARCHAR NOT NULL
);

CREATE TABLE instruments (
    instrument_key VARCHAR PRIMARY KEY,    -- unique: number, plus date or province where numbers repeat
    instrument_id VARCHAR NOT NULL,        -- canonical number as officially written, e.g. 29-NQ/TW
    kind VARCHAR NOT NULL,                 -- Nghị quyết, Chỉ thị, Quyết định, Kết luận, Luật, ...
    issuing_body VARCHAR NOT NULL,
    level VARCHAR NOT NULL,                -- central | provincial
    province_code VARCHAR,                 -- for provincial texts
    issue_date DATE NOT NULL,
    title_vi VARCHAR NOT NULL,
    title_en VARCHAR,
    implements VARCHAR,                    -- instrument_key this text itself carries out
    aliases VARCHAR                        -- ';'-separated names used without the number
);

CREATE TABLE task_categories (
    category_code VARCHAR PRIMARY KEY,
    label_vi VARCHAR NOT NULL,
    label_en VARCHAR NOT NULL,
    gci_pillar VARCHAR NOT NULL,
    pillar_vi VARCHAR NOT NULL,
    pillar_en VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL,
    cue_phrases VARCHAR NOT NULL
);

-- Extracted data.
CREATE TABLE documents (
    doc_id VARCHAR PRIMARY KEY,            -- first 16 hex digits of the content's sha256
    source_file VARCHAR NOT NULL UNIQUE,
    content_hash VARCHAR NOT NULL,
    encoding VARCHAR,
    title VARCHAR,
    doc_number VARCHAR,
    doc_type VARCHAR NOT NULL CHECK (doc_type IN ('plan','report','directive','news','other')),
    issuer VARCHAR,
    level VARCHAR NOT NULL CHECK (level IN ('province','district','commune','department','party','military','other')),
    province_code VARCHAR,
    province_name VARCHAR,
    district VARCHAR,
    issue_date DATE,
    event_date DATE,
    published_date DATE,
    text VARCHAR NOT NULL,
    text_folded VARCHAR NOT NULL,          -- accents removed, đ→d, lower case: for search
    extractor_version VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    source_url VARCHAR,                    -- the address the page was saved from (sources.csv or the page's canonical address)
    text_words VARCHAR[] NOT NULL,         -- the distinct words of text_folded, sorted: whole-word search
    -- doc_number, title, issuer folded, words between single spaces, a space at each end:
    -- where a search matched, for its ranking
    number_folded VARCHAR NOT NULL,
    title_folded VARCHAR NOT NULL,
    issuer_folded VARCHAR NOT NULL
);

-- Every extracted field with the sentence it came from and the rule that found it.
CREATE TABLE extractions (
    doc_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value VARCHAR,
    evidence VARCHAR,
    rule VARCHAR NOT NULL,
    inferred BOOLEAN NOT NULL DEFAULT FALSE,
    corrected BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (doc_id, field)
);

CREATE TABLE document_instruments (
    doc_id VARCHAR NOT NULL,
    instrument_id VARCHAR NOT NULL,        -- canonical number
    relation VARCHAR NOT NULL CHECK (relation IN ('implements','implements_local','cites')),
    evidence VARCHAR,
    instrument_key VARCHAR,                -- catalogue key, NULL when not catalogued
    catalogued BOOLEAN NOT NULL,
    via VARCHAR,                           -- for implements reached through a chain: the local text in between
    cited_date DATE,                       -- the date the document itself gives for the instrument
    rule VARCHAR,
    inferred BOOLEAN NOT NULL DEFAULT false,  -- chosen by subject from a "Căn cứ" list, not stated by the text
    PRIMARY KEY (doc_id, instrument_id, relation)
);

CREATE TABLE task_coverage (
    doc_id VARCHAR NOT NULL,
    category_code VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    mode VARCHAR NOT NULL CHECK (mode IN ('planned','reported')),
    cue VARCHAR
);

CREATE TABLE tasks (
    doc_id VARCHAR NOT NULL,
    task_id VARCHAR PRIMARY KEY,           -- doc_id + '-' + ordinal
    text VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    section VARCHAR
);

CREATE TABLE task_agencies (
    doc_id VARCHAR NOT NULL,   -- the task's document, kept here so counts per province need no join through tasks
    task_id VARCHAR NOT NULL,
    agency VARCHAR NOT NULL,
    role VARCHAR NOT NULL CHECK (role IN ('lead','support'))
);

CREATE TABLE deadlines (
    doc_id VARCHAR NOT NULL,
    task_id VARCHAR,
    description VARCHAR NOT NULL,
    due_date DATE,
    recurrence VARCHAR
);

CREATE TABLE quality_warnings (
    doc_id VARCHAR,
    source_file VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    message VARCHAR NOT NULL,              -- English
    message_vi VARCHAR,                    -- the same in Vietnamese
    evidence VARCHAR
);

CREATE TABLE ingest_errors (
    source_file VARCHAR NOT NULL,
    error VARCHAR NOT NULL,
    duplicate_of VARCHAR
);

-- What the last build saw of each raw file: lets a re-run skip unchanged files without
-- reading them (size and mtime unchanged → same hash).
CREATE TABLE file_state (
    source_file VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    mtime_ns BIGINT NOT NULL,
    status VARCHAR NOT NULL CHECK (status IN ('loaded','failed')),
    source_url VARCHAR                     -- the manifest's address when extracted: a new one re-extracts the file
);

CREATE TABLE etl_runs (
    run_id INTEGER NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    raw_dir VARCHAR NOT NULL,
    files_seen INTEGER NOT NULL,
    loaded INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    reference_hash VARCHAR NOT NULL
);

-- What each run did to each file (the overview's "what changed").
CREATE TABLE etl_changes (
    run_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    change VARCHAR NOT NULL CHECK (change IN ('added','changed','removed','failed','duplicate'))
);

CREATE TABLE codebook (
    table_name VARCHAR NOT NULL,
    column_name VARCHAR NOT NULL,
    description_vi VARCHAR NOT NULL,
    description_en VARCHAR NOT NULL
);
