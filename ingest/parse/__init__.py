"""Parsing: normalised paragraphs -> unit tree and metadata (structure, numbering, dates,
metadata, text normalisation). Pure functions; imports nothing of links, consolidation,
search or web."""
