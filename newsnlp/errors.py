"""The exceptions newsnlp raises on purpose.

Every error raised for a caller's mistake is a :class:`NewsNLPError`, and also
a built-in type (``TypeError`` / ``ValueError``) so ordinary ``except`` clauses
keep working.
"""

from __future__ import annotations


class NewsNLPError(Exception):
    """Base class of all newsnlp errors."""


class InputTypeError(NewsNLPError, TypeError):
    """An argument has the wrong type (e.g. ``None`` or ``bytes`` where text is expected)."""


class InputValueError(NewsNLPError, ValueError):
    """An argument has the right type but a value newsnlp cannot use."""


class ModelError(NewsNLPError):
    """A model folder is missing, truncated, tampered with or of the wrong version."""


class BackendUnavailableError(NewsNLPError, ImportError):
    """An optional backend was asked for but its package is not installed."""
