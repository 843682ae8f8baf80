"""Readers, parsers and enrichment that turn legal documents into the LexVN model."""
