"""A large file is checked in a second process while this one compares and writes.

Checking a row (parsing its cells, phones, figures, size class) is Python only and costs
about as much as writing it; the machines that run Etalase have two cores or more. So for a
large file a forked child reads and checks the rows and sends them over a pipe in chunks,
while this process compares each chunk with the registry and writes it (or stores it for
the preview): the two halves overlap instead of adding up.

The child gets everything it needs by the fork (the prepared file, its column map and the
validator with its caches) and never touches the database: its inherited connections are
put out of reach, so a query there fails loudly instead of sharing this process's socket or
SQLite handle. Any error in the child (a file refused part-way, a bug) is raised here, and the
child is stopped when this side stops reading (an error in the writer, a refused file).

A fork is only safe from a process with one thread (another thread's locks would stay taken
in the child): a multi-threaded process (the development server) and small files, where a
fork costs more than it saves, check in-process. Both ways give the same rows
(tests/intake/test_parallel.py).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import threading
from collections.abc import Iterator

from django.conf import settings
from django.db import connections

from etalase.intake.results import RowResult
from etalase.intake.validation import RowValidator, checked, chunks

# Below this many rows (the reader's estimate) a fork costs more than it saves.
MIN_ROWS = 5000
# Chunks waiting in the pipe: the child stays at most this far ahead (memory stays bounded).
AHEAD = 2


class CheckingFailed(RuntimeError):
    """The checking process died or sent an error that could not be sent as it was."""


def worth_a_process(row_estimate: int | None, kind: str = "csv") -> bool:
    """Whether to check in a second process: a large CSV file, on a machine with a second
    core, from a process with one thread (a fork copies only the thread that forks).

    A workbook is checked in-process: its shared-string table ends up held by both processes
    (at 200,000 rows the pair's PSS was 326 MB against the 300 MB budget, 251 MB alone)."""
    minimum = getattr(settings, "INTAKE_PARALLEL_MIN_ROWS", MIN_ROWS)
    return (
        minimum is not None
        and kind == "csv"
        and (row_estimate or 0) >= minimum
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def checked_chunks(validator: RowValidator, handed: list, *, in_process: bool
                   ) -> Iterator[list[RowResult]]:
    """Chunks of checked rows (not yet compared with the registry), in file order.

    `handed` is a list holding the rows' iterator, handed over: with a child, this process
    lets go of it once the child has its copy, so that what the reader holds (a workbook's
    shared-string table: ~60 MB at 200,000 rows) is not kept twice."""
    rows = handed.pop()
    if in_process:
        yield from chunks(checked(validator, rows))
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    # Bounded: the child blocks once AHEAD chunks wait unread.
    room = context.Semaphore(AHEAD)
    handed.append(rows)
    del rows
    child = context.Process(
        target=_check_in_child, args=(validator, handed, sending, room), daemon=True
    )
    # The objects of this process stay out of the child's garbage collections: a collection
    # writes to every object it visits, which would copy every shared page into the child.
    gc.freeze()
    try:
        child.start()
    finally:
        gc.unfreeze()
        handed.clear()  # the child has its own copy; here the reader and its data go
    sending.close()
    try:
        while True:
            try:
                kind, payload = receiving.recv()
            except EOFError:
                raise CheckingFailed(
                    f"the checking process stopped without a word (exit code {child.exitcode})"
                ) from None
            room.release()
            if kind == "chunk":
                yield payload
            elif kind == "error":
                raise payload
            else:
                return
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join()


def _check_in_child(validator: RowValidator, handed: list, sending, room) -> None:
    _leave_the_database()
    rows = handed.pop()
    parent = os.getppid()
    try:
        for chunk in chunks(checked(validator, rows)):
            # Wait for room, but not for a parent that is gone (killed: nobody would read).
            while not room.acquire(timeout=1):
                if os.getppid() != parent:
                    return
            sending.send(("chunk", chunk))
        sending.send(("done", None))
    except Exception as exc:  # raised again in the parent, as it was where it can be
        try:
            # The parent must be able to read it back (our own bytes, just written).
            pickle.loads(pickle.dumps(exc))  # noqa: S301
        except Exception:
            exc = CheckingFailed(f"{type(exc).__name__}: {exc}")
        sending.send(("error", exc))
    finally:
        sending.close()


def _leave_the_database() -> None:
    """Forget the parent's connections without closing them (they are the parent's): a
    query here would raise instead of using them."""
    for connection in connections.all(initialized_only=True):
        connection.connection = None
        connection.ensure_connection = _no_database


def _no_database(*args, **kwargs):
    raise CheckingFailed("the checking process may not use the database")
