"""Round roll-ups cached in the shared cache, keyed on the round's scores version.

What is cached is only what follows from a round's answers and moderations: each
assessment's results, each step's criterion levels, criterion means. Every write of those
gives the round a new ``RoundScoresVersion`` token in the same transaction
(``services.scores``), and readers read the token first, in its own statement, before
they read anything they might cache: so an entry under a token is never older than the
token, and a reader that sees a new token never finds an entry of an older one. Names,
states, deadlines and regions are read fresh on every request and never cached.

Two levels: the shared cache (Django's database cache, or Redis with CACHE_URL), which
every app process and server reads, and a small in-process copy of the last few entries,
which saves unpickling a thousand results on every request. Both are keyed on the token
read from the database on each request, so neither can serve a number the database no
longer holds.

Built on those, ``derived`` keeps in-process what a request builds from versioned data
and its fresh reads (a round's rows with their names, states and regions; the overview's
spreads for a set of filters; an authority's official statistics with its member
councils): it is reused only while the versions are the same and the fresh reads are
equal to the ones it was built from, so it is a pure function's memo and can never be
older than its inputs.
"""
from __future__ import annotations

import hashlib
import pickle
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from threading import Lock
from typing import TypeVar

from django.core.cache import cache

from assessments.models import RoundScoresVersion

T = TypeVar("T")
# Bump when the shape of a cached value changes, so a deploy never reads the old shape.
FORMAT = 1
SHARED_TIMEOUT = 60 * 60 * 24  # an entry nobody reads for a day is not worth keeping
LOCAL_ENTRIES = 32
DERIVED_ENTRIES = 128  # user-chosen filters and readers are part of a key: keep the memo bounded

Rounds = tuple[tuple[int, str], ...]  # the (round id, scores token) pairs an entry was made under

_local: OrderedDict[str, tuple[object, Rounds]] = OrderedDict()
_local_lock = Lock()  # gunicorn threads share the module
_derived: OrderedDict[tuple, tuple[object, object, Rounds]] = OrderedDict()
_newest_token: dict[int, str] = {}  # round id -> the newest token this process has read


def scores_version(*, round_id: int) -> str | None:
    """The round's current scores token (one query); None when nothing was ever stored for it.

    A new token makes every in-process entry of the round's older tokens unreachable (readers
    read the token first), so they are dropped at once: a busy round would otherwise fill the
    memo with dead copies, and every garbage collection would walk them.
    """
    token = RoundScoresVersion.objects.filter(round_id=round_id).values_list("token", flat=True).first()
    if token is None:
        return None
    token = token.hex
    if _newest_token.get(round_id) != token:
        _forget_older(round_id=round_id, token=token)
    return token


def _forget_older(*, round_id: int, token: str) -> None:
    def older(rounds: Rounds) -> bool:
        return any(r == round_id and t != token for r, t in rounds)

    with _local_lock:
        _newest_token[round_id] = token
        for store in (_local, _derived):
            for key in [key for key, entry in store.items() if older(entry[-1])]:
                del store[key]


def ids_key(ids: Iterable[int]) -> str:
    """A short stable name for a set of assessment ids, for keys of values that depend on it."""
    return hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:16]


def cached(*, round_id: int, token: str | None, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before under the same round, token and ``name``.

    Without a token (a round no score was ever stored for) nothing is cached.
    """
    if token is None:
        return compute()
    key = f"rollup:{FORMAT}:{round_id}:{token}:{name}"
    with _local_lock:
        if key in _local:
            _local.move_to_end(key)
            return _local[key][0]
    stored = cache.get(key)
    if stored is not None:
        value = pickle.loads(zlib.decompress(stored))
    else:
        value = compute()
        # Level 1: a third of the default's time on a cold read, for a slightly larger entry.
        cache.set(key, zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1), SHARED_TIMEOUT)
    with _local_lock:
        _local[key] = (value, ((round_id, token),))
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return value


def derived(*, key: tuple, inputs: object, compute: Callable[[], T], rounds: Rounds = ()) -> T:
    """``compute()``, or what it returned in this process for the same ``key`` and equal ``inputs``.

    ``key`` must hold the version of everything ``compute`` reads that ``inputs`` does not: a
    round's scores token, a statistics dataset's ``dataset_version``. ``inputs`` holds the
    rest, read fresh by the caller (compared with ``==``, so no hash collision can mix two
    up). ``rounds``: the (round id, token) pairs in the key, so that a newer token drops the
    entry at once.
    """
    with _local_lock:
        found = _derived.get(key)
        if found is not None and found[0] == inputs:
            _derived.move_to_end(key)
            return found[1]
    value = compute()
    with _local_lock:
        _derived[key] = (inputs, value, rounds)
        _derived.move_to_end(key)
        while len(_derived) > DERIVED_ENTRIES:
            _derived.popitem(last=False)
    return value


def local_clear() -> None:
    """Forget the in-process copies (tests that stand for another process)."""
    with _local_lock:
        _local.clear()
        _derived.clear()
        _newest_token.clear()
