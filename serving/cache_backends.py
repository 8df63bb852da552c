"""A local-memory cache bounded by the bytes it holds, not only by its number of entries.

Django's ``LocMemCache`` counts entries: 10,000 rendered pages of about 80 kB each are 800 MB
in every worker. This one also adds up the size of what it stores (the pickled value) and,
past ``OPTIONS["MAX_BYTES"]``, drops the least recently used entries first. A value larger than
the whole budget is not stored at all. The page cache uses it (``CACHES["pages"]``).
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class _Usage:
    """Bytes held per key, shared by every instance of one named cache in this process."""

    def __init__(self):
        self.sizes: dict[str, int] = {}
        self.total = 0

    def add(self, key: str, size: int) -> None:
        self.discard(key)
        self.sizes[key] = size
        self.total += size

    def discard(self, key: str) -> None:
        self.total -= self.sizes.pop(key, 0)

    def clear(self) -> None:
        self.sizes.clear()
        self.total = 0


_usage: dict[str, _Usage] = {}


class ByteBoundedLocMemCache(LocMemCache):
    """``LocMemCache`` that evicts the least recently used entries past ``MAX_BYTES``."""

    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", DEFAULT_MAX_BYTES))
        self._usage = _usage.setdefault(name, _Usage())

    @property
    def bytes_used(self) -> int:
        return self._usage.total

    def __len__(self) -> int:
        return len(self._cache)

    # LocMemCache calls these three with its lock held; every write goes through them.
    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        size = len(value)
        if size > self.max_bytes:
            self._delete(key)  # an older, smaller value would be stale now
            return
        super()._set(key, value, timeout)
        self._usage.add(key, size)
        while self._usage.total > self.max_bytes and len(self._cache) > 1:
            oldest, _ = self._cache.popitem()  # most recent first: the last is the least used
            self._expire_info.pop(oldest, None)
            self._usage.discard(oldest)

    def _delete(self, key):
        self._usage.discard(key)
        return super()._delete(key)

    def _cull(self):
        super()._cull()
        for key in set(self._usage.sizes) - set(self._cache):
            self._usage.discard(key)

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if key in self._cache:
                self._usage.add(key, len(self._cache[key]))  # its new size
        return value

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._usage.clear()
