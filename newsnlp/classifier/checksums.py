"""SHA-256 of model files, written by ``save`` and verified by ``load`` for every backend."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ModelError


def sha256(path: Path) -> str:
    """The file's SHA-256, read in 1 MiB blocks (checkpoints run to hundreds of MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(folder: Path, digests: dict[str, str]) -> None:
    """Raise :class:`ModelError` naming the file unless every listed file is in *folder* with its digest.

    Names must be plain file names: a config cannot send the check outside the folder.
    """
    for name, digest in digests.items():
        if not isinstance(name, str) or Path(name).name != name:
            raise ModelError(f"{folder}: checksum entry {name!r} is not a file name in the model folder")
        file = folder / name
        if not file.is_file():
            raise ModelError(f"{file}: missing")
        if sha256(file) != digest:
            raise ModelError(f"{file}: checksum mismatch (truncated or modified); expected sha256 {digest}")
