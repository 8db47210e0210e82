"""Child processes the run starts (pipeline workers, the report's writer) and their lifetime."""

from __future__ import annotations

import multiprocessing
import os
import threading


def exit_with_parent() -> None:
    """In a spawned child: end this process when its parent ends, however the parent ends.

    A parent killed with SIGKILL never tells its children; without this they
    would wait on their queues for ever, holding a model in memory each.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's end of the sentinel pipe closes
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
