"""The exceptions kgraph raises: one root, one subclass per kind of failure."""

__all__ = [
    "KGraphError",
    "InputError",
    "DocumentError",
    "GoldError",
    "UnknownActorError",
    "AmbiguousActorError",
    "QueryError",
    "StoreError",
    "StoreLockedError",
]


class KGraphError(Exception):
    """Root of every error kgraph raises on purpose.

    The CLI prints such an error as one line on stderr and exits with code 2;
    any other exception is a bug and keeps its traceback.
    """


class InputError(KGraphError):
    """Raised when a path given by the user does not exist or holds nothing to read."""


class DocumentError(InputError):
    """Raised when a document cannot be read as text (binary, empty, undecodable)."""


class GoldError(InputError):
    """Raised when a gold folder or a predictions file is malformed."""


class UnknownActorError(KGraphError, LookupError):
    """Raised when a name matches no actor; the message lists close matches."""


class AmbiguousActorError(UnknownActorError):
    """Raised when a name matches several actors; the message lists them."""


class QueryError(KGraphError):
    """Raised when a SPARQL query is malformed or not allowed (an update on a read path)."""


class StoreError(KGraphError):
    """Raised when the store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Raised when another process holds the embedded store for writing."""
