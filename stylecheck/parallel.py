"""Paragraph work in worker processes (`--jobs`).

Harper takes nine tenths of a cold run, and its findings in a paragraph depend only on that
paragraph (see `CheckContext.per_paragraph`). So a run goes in two passes. The first asks every
such pack, for every document, which paragraphs it would have to check (those not in the result
cache), as `ParagraphTask`s: plain data and a module-level function. When there is enough work,
the tasks go in batches, in document order, to worker processes, which build their engines once
each. The second pass is the ordinary serial run; when a pack reaches a paragraph a worker has
done, it takes the worker's answer instead of checking the paragraph itself. Everything else
(the packs that look across paragraphs, locating, filtering, sorting) stays in this process,
so the output is the same as with one job, in the same order.

Workers are spawned, not forked: a fork would copy this process's threads and open SQLite
connection into a child that must not touch them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from stylecheck.diagnostics import Violation
from stylecheck.document import Document, Paragraph
from stylecheck.resultcache import ParagraphMemo
from stylecheck.rules import ParagraphTask

# Less uncached paragraph text than this is checked here: starting a worker and building its
# engines (Harper loads its dictionary) costs about as much as checking this much text.
MIN_PARALLEL_CHARS = 60_000
# Batches are small enough to keep every worker busy to the end, large enough that sending
# them costs nothing to speak of.
BATCHES_PER_WORKER = 16
BATCH_CHARS = (10_000, 100_000)

# A task is known by its pack and itself (its function and all it reads), not by where it is:
# two files may share a path (standard input named like a file), and a task repeated in a
# run ("* * *", "Yes.") has the same answer wherever it is.
TaskKey = tuple[str, ParagraphTask]


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Recorded:
    """The paragraph tasks of the first pass, in the order the packs asked for them."""

    tasks: list[tuple[TaskKey, ParagraphTask]]

    @property
    def size(self) -> int:
        """Return the characters of text the tasks check."""
        return sum(task.size for _, task in self.tasks)


class Prefetched:
    """Answers of worker processes to recorded tasks, for the second pass."""

    def __init__(self) -> None:
        self._futures: dict[TaskKey, tuple[Future[list[list[Violation]]], int]] = {}

    def add(self, keys: Sequence[TaskKey], future: Future[list[list[Violation]]]) -> None:
        """Register a submitted batch: the answer for `keys[i]` is the batch's `i`th result."""
        for index, key in enumerate(keys):
            self._futures[key] = (future, index)

    def take(self, key: TaskKey) -> list[Violation] | None:
        """Return a worker's answer for a task, or None when there is none.

        A task that failed in the worker raises its error here, as it would have here.
        """
        found = self._futures.get(key)
        if found is None:
            return None
        future, index = found
        try:
            return future.result()[index]
        except BrokenProcessPool:  # a worker died (out of memory, killed): check it here
            return None


class ParagraphWork:
    """How one pack's paragraph tasks for one document get done.

    From the result cache when the paragraph is unchanged; else, in the first pass, recorded
    and left for later; else from a worker's answer when there is one, or checked here.
    """

    def __init__(
        self,
        pack: str,
        memo: ParagraphMemo | None,
        prefetched: Prefetched | None = None,
        recorded: Recorded | None = None,
    ) -> None:
        self.pack = pack
        self.memo = memo
        self.prefetched = prefetched
        self.recorded = recorded

    def violations(
        self, document: Document, paragraph: Paragraph, task: ParagraphTask
    ) -> list[Violation]:
        """Return the paragraph's violations relative to its start (nothing while recording)."""
        entry, found = (None, None)
        if self.memo is not None:
            entry, found = self.memo.lookup(document, paragraph)
            if found is not None:
                return found
        key = (self.pack, task)
        if self.recorded is not None:
            self.recorded.tasks.append((key, task))
            return []
        if self.prefetched is not None:
            found = self.prefetched.take(key)
        if found is None:
            found = task.run()
        if self.memo is not None and entry is not None:
            self.memo.remember(entry, found)
        return found


class WorkerPool:
    """Worker processes for paragraph tasks; each builds its engines on its first task."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._executor = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
        )

    def submit(self, recorded: Recorded) -> Prefetched:
        """Send the recorded tasks in batches, in order; return where their answers will be."""
        prefetched = Prefetched()
        low, high = BATCH_CHARS
        target = min(max(recorded.size // (self.jobs * BATCHES_PER_WORKER), low), high)
        keys: list[TaskKey] = []
        batch: list[ParagraphTask] = []
        size = 0
        sent: set[TaskKey] = set()
        for key, task in recorded.tasks:
            if key in sent:  # the same paragraph again: one answer serves both
                continue
            sent.add(key)
            keys.append(key)
            batch.append(task)
            size += task.size
            if size >= target:
                prefetched.add(keys, self._executor.submit(run_batch, batch))
                keys, batch, size = [], [], 0
        if batch:
            prefetched.add(keys, self._executor.submit(run_batch, batch))
        return prefetched

    def close(self) -> None:
        """Stop the workers; batches not yet started are dropped (the run is over)."""
        self._executor.shutdown(wait=True, cancel_futures=True)


def run_batch(tasks: Sequence[ParagraphTask]) -> list[list[Violation]]:
    """Run tasks in a worker, one answer per task."""
    return [task.run() for task in tasks]


def _start_worker() -> None:
    """Prepare a worker: Ctrl-C is the main process's business, and standard output is not
    the worker's to write (an engine's native debugging output would corrupt JSON there)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)
