"""Compression bombs for the HTTP helper's tests and bench/decompression_bomb.py, built a MiB at a time.

A GiB of zeros compresses about 1000:1 with deflate, so a bomb is small on the wire and huge once decoded;
compressing it twice (`Content-Encoding: gzip, gzip`) shrinks the wire size to a few KiB.
"""

from __future__ import annotations

import zlib

#: Zeros fed to the compressor per call: the bomb is never held decoded.
_BLOCK = bytes(1 << 20)
#: zlib's wbits for each container: gzip (RFC 1952), zlib (RFC 1950, what HTTP calls "deflate"), raw deflate.
WBITS = {"gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS, "raw-deflate": -zlib.MAX_WBITS}


def bomb(decoded_bytes: int, container: str = "gzip", *, level: int = 9) -> bytes:
    """`decoded_bytes` zeros compressed in `container` (a key of WBITS)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, WBITS[container])
    parts = []
    whole, rest = divmod(decoded_bytes, len(_BLOCK))
    for _ in range(whole):
        parts.append(compressor.compress(_BLOCK))
    parts.append(compressor.compress(_BLOCK[:rest]))
    parts.append(compressor.flush())
    return b"".join(parts)


def gzip_twice(decoded_bytes: int) -> bytes:
    """A gzip bomb gzipped again: served with `Content-Encoding: gzip, gzip`."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, WBITS["gzip"])
    return compressor.compress(bomb(decoded_bytes)) + compressor.flush()
