"""LexVN search: the engine (engine/) and the web app (web/), which serves it."""
