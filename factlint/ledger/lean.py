"""The C unpickler and BLAKE2 without importing pickle.py and hashlib, which every cached run would pay for.

On CPython, ``pickle.load``/``loads`` are ``_pickle``'s and ``hashlib.blake2b`` is ``_blake2``'s:
importing those built-in modules directly skips pickle.py's own set-up and hashlib's loading of
OpenSSL: 2.6% of the instructions of a whole cached check of a 5 KB draft (callgrind). Other
interpreters fall back to the public modules.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without CPython's built-in module
    from hashlib import blake2b

try:
    from _pickle import load, loads
except ImportError:  # pragma: no cover
    from pickle import load, loads

__all__ = ["blake2b", "load", "loads"]
