"""Errors the search side reports to people, whatever the backend."""


class BackendUnavailable(Exception):
    """The search cluster cannot be reached or answered with a server error: shown as a
    clear message on the command line and as a 503 with a message by the app."""
