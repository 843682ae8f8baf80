-- LexVN store: one SQLite file. Version in PRAGMA user_version; see ingest/store.py.
CREATE TABLE IF NOT EXISTS documents (
    id                TEXT PRIMARY KEY,      -- URL key: "22-2023-QH15", "hien-phap-2013"
    number            TEXT,                  -- số ký hiệu as printed: "22/2023/QH15"
    number_key        TEXT,                  -- folded for lookup: "22/2023/QH15", "214/2025/ND-CP"
    identity          TEXT,                  -- số ký hiệu + issuer + date: the same document
    doc_type          TEXT,                  -- loại văn bản
    issuer            TEXT,                  -- cơ quan ban hành
    place             TEXT,
    issued            TEXT,                  -- ISO date
    effective         TEXT,                  -- ISO date
    title             TEXT,
    signer            TEXT,
    signer_title      TEXT,
    metadata_json     TEXT NOT NULL,         -- the whole Metadata, with căn cứ and relations
    preamble_json     TEXT NOT NULL DEFAULT '[]',
    closing_json      TEXT NOT NULL DEFAULT '[]',
    source_path       TEXT NOT NULL,
    source_hash       TEXT NOT NULL,
    source_format     TEXT NOT NULL,
    text_chars        INTEGER NOT NULL,
    ingested_at       TEXT NOT NULL,
    title_key         TEXT                   -- the title folded for lookup (ingest.store.name_key)
);

-- A số ký hiệu is not unique (every province numbers its decisions; numbers without a
-- year repeat): a document is its number, its issuer and its date together.
CREATE UNIQUE INDEX IF NOT EXISTS documents_identity ON documents(identity);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number_key);
CREATE INDEX IF NOT EXISTS documents_title ON documents(title_key);
CREATE INDEX IF NOT EXISTS documents_type ON documents(doc_type);

CREATE TABLE IF NOT EXISTS units (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id         TEXT NOT NULL,                -- "chuong_2__dieu_5__khoan_2__diem_a"
    seq        INTEGER NOT NULL,             -- document order
    parent_id  TEXT,
    depth      INTEGER NOT NULL,
    type       TEXT NOT NULL,                -- phan chuong muc tieu_muc dieu khoan diem tieu_diem phu_luc
    number     TEXT NOT NULL,
    label      TEXT NOT NULL,                -- "khoản 2"
    citation   TEXT NOT NULL,                -- "khoản 2 Điều 5"
    heading    TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL DEFAULT '',     -- own paragraphs, one a line
    tail       TEXT NOT NULL DEFAULT '',     -- paragraphs after the children
    line       INTEGER,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX IF NOT EXISTS units_order ON units(doc_id, seq);

-- What a copy adds that is not the law's words: a web site's notes, a VBHN's footnotes.
CREATE TABLE IF NOT EXISTS annotations (
    doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    unit_id   TEXT,                          -- NULL: the document as a whole
    kind      TEXT NOT NULL,                 -- site_note | footnote
    text      TEXT NOT NULL,
    line      INTEGER,
    folded    TEXT NOT NULL DEFAULT ''      -- the text for search: lower case, no marks, đ→d
);
CREATE INDEX IF NOT EXISTS annotations_doc ON annotations(doc_id, unit_id);
-- The notes are searched as notes (search_app/engine/notes.py), never as the law's words.
CREATE VIRTUAL TABLE IF NOT EXISTS annotations_fts USING fts5(
    folded, content='annotations', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER IF NOT EXISTS annotations_ai AFTER INSERT ON annotations BEGIN
    INSERT INTO annotations_fts(rowid, folded) VALUES (new.rowid, new.folded);
END;
CREATE TRIGGER IF NOT EXISTS annotations_ad AFTER DELETE ON annotations BEGIN
    INSERT INTO annotations_fts(annotations_fts, rowid, folded) VALUES ('delete', old.rowid, old.folded);
END;

CREATE TABLE IF NOT EXISTS issues (
    doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    severity  TEXT NOT NULL,
    code      TEXT NOT NULL,
    message   TEXT NOT NULL,
    line      INTEGER,
    unit_id   TEXT
);
CREATE INDEX IF NOT EXISTS issues_doc ON issues(doc_id);

-- Citations found in each document's text, resolved against the store (ingest/enrich.py).
CREATE TABLE IF NOT EXISTS citations (
    doc_id          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    unit_id         TEXT,
    paragraph       INTEGER NOT NULL,
    start           INTEGER NOT NULL,
    text            TEXT NOT NULL,
    target_doc      TEXT,                -- number or name as written; NULL: the citing document
    target_doc_id   TEXT,
    target_unit_id  TEXT,
    status          TEXT NOT NULL,       -- resolved | document not in the database | …
    reason          TEXT NOT NULL DEFAULT '',
    target_key      TEXT                 -- target_doc as looked up (ingest.store.written_key)
);
CREATE INDEX IF NOT EXISTS citations_doc ON citations(doc_id, unit_id);
CREATE INDEX IF NOT EXISTS citations_target ON citations(target_doc_id, target_unit_id);
CREATE INDEX IF NOT EXISTS citations_key ON citations(target_key);

-- Relations between documents and units (lược đồ), both directions by index.
CREATE TABLE IF NOT EXISTS relations (
    src_doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    src_unit_id  TEXT,
    kind         TEXT NOT NULL,          -- can_cu | quy_dinh_chi_tiet | sua_doi_bo_sung | bai_bo | thay_the | het_hieu_luc | dinh_chi
    dst_doc_id   TEXT,                   -- NULL when the target is not stored
    dst_unit_id  TEXT,
    dst_written  TEXT NOT NULL,          -- the target as written
    effective    TEXT,                   -- ISO date the relation takes effect
    partial      INTEGER NOT NULL DEFAULT 0,  -- only some units of the target are affected
    text         TEXT NOT NULL DEFAULT '',
    dst_key      TEXT                    -- dst_written as looked up (ingest.store.written_key)
);
CREATE INDEX IF NOT EXISTS relations_src ON relations(src_doc_id);
CREATE INDEX IF NOT EXISTS relations_dst ON relations(dst_doc_id, dst_unit_id);
CREATE INDEX IF NOT EXISTS relations_key ON relations(dst_key);

-- Dates from which units take effect when they differ from their document's.
CREATE TABLE IF NOT EXISTS unit_effective (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    unit_id    TEXT NOT NULL,
    effective  TEXT NOT NULL,
    text       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS unit_effective_doc ON unit_effective(doc_id);

-- Amendment operations found in amending documents, on the stored documents they amend
-- (ingest/consolidation/instructions.py); consolidation applies them at read time (ingest/consolidation/versions.py).
CREATE TABLE IF NOT EXISTS amendments (
    src_doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    src_unit_id  TEXT NOT NULL,
    base_doc_id  TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    op_json      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS amendments_base ON amendments(base_doc_id);
CREATE INDEX IF NOT EXISTS amendments_src ON amendments(src_doc_id);

-- Codification (pháp điển): an editor's assignment of a document to a đề mục, overriding
-- the rules (ingest/codification/codify.py).
CREATE TABLE IF NOT EXISTS codification_overrides (
    doc_id   TEXT PRIMARY KEY,
    de_muc   TEXT NOT NULL,               -- "20.2", or "" to leave the document out
    note     TEXT NOT NULL DEFAULT '',
    set_at   TEXT NOT NULL
);

-- Effective dates set by another document than the one they govern ("Hiến pháp có hiệu lực
-- từ ngày 01/01/2014" is in Nghị quyết 64/2013/QH13; Bộ luật Hình sự 2015 was postponed by
-- Nghị quyết 144/2016/QH13): an editor records the date and its source; validity uses it
-- instead of the date the text states (ingest/links/validity.py).
CREATE TABLE IF NOT EXISTS effective_overrides (
    doc_id     TEXT PRIMARY KEY,
    effective  TEXT NOT NULL,            -- ISO date
    source     TEXT NOT NULL,            -- the document that sets it: "Nghị quyết 64/2013/QH13"
    set_at     TEXT NOT NULL
);

-- The official Bộ pháp điển điện tử as imported from its published dump
-- (ingest/codification/official_import.py): its đề mục, their chương/mục headings and
-- codified articles with their source notes read into fields. Kept apart from the stored
-- documents: an article names its source document by số ký hiệu, stored or not.
CREATE TABLE IF NOT EXISTS phapdien_de_muc (
    so        TEXT PRIMARY KEY,              -- "1.3"
    ten       TEXT NOT NULL,
    page      TEXT NOT NULL,                 -- the page's file name in the dump
    articles  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS phapdien_headings (
    mapc      TEXT NOT NULL,
    de_muc    TEXT NOT NULL REFERENCES phapdien_de_muc(so) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    label     TEXT NOT NULL,                 -- "Chương I", "Mục 2"
    title     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS phapdien_headings_de_muc ON phapdien_headings(de_muc, seq);
CREATE TABLE IF NOT EXISTS phapdien_articles (
    mapc            TEXT NOT NULL,           -- the page's key of the article
    de_muc          TEXT NOT NULL REFERENCES phapdien_de_muc(so) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,        -- order on the page
    code            TEXT NOT NULL,           -- "1.3.PL.1" (printed "Điều 1.3.PL.1.")
    title           TEXT NOT NULL,
    heading_mapc    TEXT,                    -- the chương or mục above it
    text            TEXT NOT NULL,           -- its paragraphs, one a line
    note            TEXT NOT NULL,           -- the source note as printed
    source_unit     TEXT,                    -- "Điều 1"
    source_type     TEXT,
    source_number   TEXT,
    source_key      TEXT,                    -- number_key of source_number
    source_title    TEXT,
    source_issued   TEXT,
    source_issuer   TEXT,
    source_effective TEXT,
    amended_json    TEXT NOT NULL DEFAULT '[]',  -- the amending provisions the note names
    whole_article   INTEGER NOT NULL DEFAULT 0,  -- inserted or repealed as a whole
    vbpl_item       INTEGER,
    related_json    TEXT NOT NULL DEFAULT '[]'   -- "nội dung liên quan"
);
CREATE INDEX IF NOT EXISTS phapdien_articles_de_muc ON phapdien_articles(de_muc, seq);
CREATE INDEX IF NOT EXISTS phapdien_articles_source ON phapdien_articles(source_key);
CREATE INDEX IF NOT EXISTS phapdien_articles_mapc ON phapdien_articles(mapc);
