"""The Flask app: app factory, blueprints (pages, API, drafts, pháp điển), templates, static."""
