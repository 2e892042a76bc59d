"""Argument checks shared by the public functions."""

from __future__ import annotations

import math
from numbers import Integral

from .errors import InputTypeError, InputValueError


def ensure_text(value: object, name: str = "text") -> str:
    """Return *value* if it is a ``str``; raise a clear :class:`InputTypeError` otherwise.

    ``bytes`` are refused rather than guessed at: Chinese files come in UTF-8,
    GB18030 and Big5, and a wrong guess silently corrupts every character.
    ``newsnlp.read_text`` decodes files with an explicit fallback order.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise InputTypeError(
            f"{name} must be str, got {type(value).__name__}; decode it first "
            f"(e.g. data.decode('utf-8') or data.decode('gb18030')), or read files with newsnlp.read_text(path)"
        )
    raise InputTypeError(f"{name} must be str, got {type(value).__name__}")


def ensure_positive_int(value: object, name: str, *, allow_none: bool = False) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InputTypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < 1:
        raise InputValueError(f"{name} must be >= 1, got {value}")
    return int(value)


def ensure_weight(value: object, name: str) -> float:
    """A finite number >= 0 (a training weight), as a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputTypeError(f"{name} must be a number, got {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise InputValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def ensure_choice(value: object, name: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise InputValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value  # type: ignore[return-value]
