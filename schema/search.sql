-- The embedded search index (search_app/engine/backends/sqlite.py), in the store file.
-- Analysis version in search_meta; a change of analysis is a rebuild (`lexvn index`).

CREATE TABLE IF NOT EXISTS search_rows (
    rowid      INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id     TEXT NOT NULL,
    unit_id    TEXT,
    unit_type  TEXT,
    unit_label TEXT,
    grp        TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    force      INTEGER NOT NULL,
    heading    TEXT NOT NULL,        -- folded: the Điều title, or the document title
    lead       TEXT NOT NULL,        -- folded start of the unit's own text
    defines    TEXT NOT NULL,        -- folded terms its khoản define, one a line
    ntok       INTEGER NOT NULL      -- length in tokens, all columns (BM25's length)
);
CREATE INDEX IF NOT EXISTS search_rows_doc ON search_rows(doc_id, unit_id);
CREATE TABLE IF NOT EXISTS search_docs (
    doc_id    TEXT PRIMARY KEY,
    number    TEXT,
    title     TEXT,
    doc_type  TEXT,
    issuer    TEXT,
    year      INTEGER,
    effective TEXT,
    linh_vuc  TEXT NOT NULL          -- JSON list
);
CREATE TABLE IF NOT EXISTS search_defines (
    term  TEXT NOT NULL,                 -- folded term a khoản defines ("X là …")
    rid   INTEGER NOT NULL               -- the article's search_rows rowid
);
CREATE INDEX IF NOT EXISTS search_defines_term ON search_defines(term);
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    heading, body, context, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_vocab USING fts5vocab(search_fts, 'row');

-- Compact postings for BM25 at scale (search_app/engine/backends/postings.py): a term's rows
-- and weighted frequencies, in segments merged eight at a time.
CREATE TABLE IF NOT EXISTS search_segments (
    seg   INTEGER PRIMARY KEY,
    level INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS search_postings (
    term TEXT NOT NULL,
    seg  INTEGER NOT NULL,
    ids  BLOB NOT NULL,              -- int32 rowids of search_rows
    wtf  BLOB NOT NULL,              -- float32 column-weighted frequency in each row
    PRIMARY KEY (seg, term)          -- a new segment appends; a term is one seek a segment
) WITHOUT ROWID;
