"""LexVN: the command line (cli.py) and the core it shares with the web app: the read views
of a stored document (views.py) and ingesting files into the store (ingest_files.py)."""
