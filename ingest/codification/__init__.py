"""Pháp điển: documents placed in the catalogue of chủ đề and đề mục, codified articles."""
