"""What a dashboard builds from a round's stored results, kept in each app process and checked on every read.

Two memos, neither of which can serve a number the database no longer holds:

``kept`` keeps a value per assessment (its result, its dashboard row, its criterion
levels, its centre score) with the stamp of its stored result (``AssessmentScore.version``
and ``refreshed_at``), which every write of scores replaces in the same transaction
(``services.scores``). The stamps are read fresh with the round's rows on every request
(from an index), so a value is reused only while its row is unchanged: after one score
change a reader reads and builds one assessment again, not the round's thousand, in
whichever process or server it runs.

``derived`` keeps what a request builds from a whole round (its list of rows, the
overview's spreads for a set of filters, an authority's official statistics) under the
round's scores token (``RoundScoresVersion``, replaced by the same writes; read first, in
its own statement) and the fresh reads it was built from (names, states, deadlines,
regions, compared with ``==``): a pure function's memo, never older than its inputs.

Nothing here is in the shared cache: a process that has kept nothing reads the round's
stored rows once (tens of milliseconds at 1,000 authorities, docs/benchmarks.md), and
checking a thousand stamps costs less than unpickling a thousand results would.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from threading import Lock
from typing import TypeVar

from assessments.models import RoundScoresVersion

T = TypeVar("T")
DERIVED_ENTRIES = 128  # user-chosen filters and readers are part of a key: keep the memo bounded
KEPT_SPACES = 128  # a space per round and kind of value (four): 20 national rounds, with room

Rounds = tuple[tuple[int, str], ...]  # the (round id, scores token) pairs an entry was made under

_local_lock = Lock()  # gunicorn threads share the module
_derived: OrderedDict[tuple, tuple[object, object, Rounds]] = OrderedDict()
_newest_token: dict[int, str] = {}  # round id -> the newest token this process has read
_kept: OrderedDict[tuple, dict] = OrderedDict()  # space -> {row key: (stamp, value)}

K = TypeVar("K")


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
        for key in [key for key, entry in _derived.items() if older(entry[-1])]:
            del _derived[key]


def ids_key(ids: Iterable[int]) -> str:
    """A short stable name for a set of assessment ids, for keys of values that depend on it."""
    return hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:16]


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


def recall(*, key: tuple) -> object | None:
    """What ``remember`` kept under ``key`` in this process, or None."""
    with _local_lock:
        found = _derived.get(key)
    return None if found is None else found[1]


def remember(*, key: tuple, value: object, rounds: Rounds) -> None:
    """Keep ``value`` under ``key`` (which must hold the versions it follows, as ``derived``'s)."""
    derived(key=key, inputs=None, compute=lambda: value, rounds=rounds)


def kept(*, space: tuple, stamps: dict[K, object], build: Callable[[list[K]], dict[K, T]]) -> dict[K, T]:
    """key -> value for every key of ``stamps``: kept from an earlier read where the key's stamp is equal, else built.

    ``stamps``: each row's stamp, read fresh by the caller, that changes whenever its value
    would (compared with ``==``); None for a row that must be built every time.
    ``build(keys)`` builds the values of the keys given (all of them, the first time).
    ``space`` names what the values are and everything they depend on besides their
    stamps (a round, its steps' weights). A key's newest value replaces its older ones,
    so memory follows the rounds' sizes, not how often they change.
    """
    with _local_lock:
        before = _kept.get(space, {})
        if space in _kept:
            _kept.move_to_end(space)
    found: dict[K, T] = {}
    missing: list[K] = []
    for key, stamp in stamps.items():
        entry = before.get(key)
        if stamp is not None and entry is not None and entry[0] == stamp:
            found[key] = entry[1]
        else:
            missing.append(key)
    if not missing:
        return found
    built = build(missing)
    found.update(built)
    # Readers with other filters read other rows of the same space: add to what is kept.
    now = dict(before)
    now.update((key, (stamps[key], value)) for key, value in built.items() if stamps[key] is not None)
    with _local_lock:
        _kept[space] = now
        _kept.move_to_end(space)
        while len(_kept) > KEPT_SPACES:
            _kept.popitem(last=False)
    return found


def local_clear() -> None:
    """Forget the in-process copies (tests that stand for another process)."""
    with _local_lock:
        _derived.clear()
        _newest_token.clear()
        _kept.clear()
