"""A progress bar on standard error while chapters are measured, only when someone is watching.

It appears only when standard error is a terminal, not in CI (`CI` set, as every CI service
does) and not on a dumb terminal; and only once the run has taken more than `DELAY` seconds,
so a short run prints nothing at all. It disappears when the run ends.
"""

from __future__ import annotations

import os
import threading
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

DELAY = 0.5  # seconds before the bar appears


def wants_progress(stream: TextIO) -> bool:
    """Tell whether a progress bar on `stream` would be seen by a person."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ChapterProgress:
    """Count chapters done on a bar that shows itself after `delay` seconds."""

    def __init__(self, total: int, stream: TextIO, delay: float = DELAY) -> None:
        self._enabled = total > 0 and wants_progress(stream)
        self._total = total
        self._stream = stream
        self._delay = delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._shown = False
        self._finished = False

    def __enter__(self) -> ChapterProgress:
        if self._enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            console = Console(file=self._stream, stderr=True)
            self._bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self._task = self._bar.add_task("Reading chapters", total=self._total)
            self._timer = threading.Timer(self._delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _show(self) -> None:
        with self._lock:
            if self._bar is not None and not self._finished:
                self._bar.start()
                self._shown = True

    def advance(self) -> None:
        """Count one more chapter done."""
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._finished = True
            if self._bar is not None and self._shown:
                self._bar.stop()
