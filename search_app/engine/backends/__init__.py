"""Search backends: embedded SQLite (FTS5 + postings) and Elasticsearch/OpenSearch."""
