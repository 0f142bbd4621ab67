"""Process-level tuning of the server."""

import ctypes
import ctypes.util

_M_MMAP_THRESHOLD = -3


def return_large_buffers_to_the_system() -> None:
    """Every login hashes with argon2 in a 19 MiB buffer on a worker thread; glibc keeps such buffers in its
    per-thread arenas, which added 100–150 MB after ~80 logins (bench/roundtrip.py). Allocations of 1 MiB and
    more are mmapped instead, so they go back to the system when freed. No-op without glibc."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return
    libc = ctypes.CDLL(libc_name)
    if hasattr(libc, "mallopt"):
        libc.mallopt(_M_MMAP_THRESHOLD, 1 << 20)
