"""A second process for the streaming pass: the report's document blocks, GraphML, GEXF and JSON.

`stream.stream_graph_and_report` is CPU-bound and the parent process uses one
core. With a `Worker`, a child process (started with "spawn") renders what
needs no state of the scan: each document's block of the report, sent as the
scan reads the document, and the GraphML, GEXF and JSON parts, sent a batch of nodes
or edges at a time by `writers.GraphParts` (its `element_parts`). The parent keeps
the scan, the CSV and JSON files and the rest of the page.

The child imports only this module, `report.blocks` and `graph.formats` (standard
library underneath), so it starts while the parent reads its first tables. The
queue to it holds at most `QUEUE_SIZE` messages, so memory stays bounded when
the child falls behind. A child that fails keeps reading its queue (the
parent never blocks on it) and sends its traceback back at `finish`.
"""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from pathlib import Path
from typing import IO, Any

from extractor.children import exit_with_parent
from extractor.errors import ExtractorError
from extractor.graph.formats import ElementParts
from extractor.report.blocks import rows_block

# Messages in flight to the child; each holds one batch of nodes or edges or
# `DOCUMENTS_PER_MESSAGE` documents.
QUEUE_SIZE = 16
DOCUMENTS_PER_MESSAGE = 32
# How often a waiting parent checks that the child is still alive.
POLL_SECONDS = 1.0


class WorkerError(ExtractorError):
    """The worker process failed: the message holds its traceback or exit code."""


class Worker:
    """A child process writing the document blocks and the GraphML, GEXF and JSON parts.

    blocks_path (Path): The part file for the document blocks, written in document order.
    """

    def __init__(self, blocks_path: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self.inbox: Any = context.Queue(QUEUE_SIZE)
        self.outbox: Any = context.Queue()
        self.process = context.Process(target=serve, args=(self.inbox, self.outbox, str(blocks_path)), daemon=True)
        self.process.start()
        self.documents: list[tuple] = []
        self.done = False

    def add_document(self, rows: Any) -> None:
        """Have the document's block rendered (`blocks.rows_block`).

        rows (DocumentRows): The document and its rows (`graph.scan.DocumentRows`).
        """
        self.documents.append((rows.index, rows.document, rows.entities, rows.mentions, rows.quotes, rows.claims))
        if len(self.documents) >= DOCUMENTS_PER_MESSAGE:
            self._send_documents()

    def element_parts(self, folder: Path) -> RemoteParts:
        """A `PartSink` for `writers.GraphParts` that has the child write the parts.

        folder (Path): The work folder of the part files.
        RETURNS (RemoteParts): Sends the batches to the child.
        """
        self._send_documents()
        self._put(("folder", str(folder)))
        return RemoteParts(self)

    def finish(self) -> None:
        """Wait until the child has written and closed every file (once; later calls return at once).

        RAISES WorkerError: When the child failed.
        """
        if self.done:
            return
        self._send_documents()
        self._put(("finish",))
        error = self._get()
        self.done = True
        self.process.join()
        if error is not None:
            raise WorkerError("E307", reason=error)

    def close(self) -> None:
        """Stop the child if it still runs (after a failure; `finish` ends it otherwise)."""
        self.done = True
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()

    def _send_documents(self) -> None:
        if self.documents:
            self._put(("documents", self.documents))
            self.documents = []

    def _put(self, message: tuple) -> None:
        while True:
            try:
                self.inbox.put(message, timeout=POLL_SECONDS)
                return
            except queue.Full:
                self._check_alive()

    def _get(self) -> str | None:
        while True:
            try:
                return self.outbox.get(timeout=POLL_SECONDS)
            except queue.Empty:
                self._check_alive()

    def _check_alive(self) -> None:
        if not self.process.is_alive():
            raise WorkerError("E307", reason=f"it exited with code {self.process.exitcode}")


class RemoteParts:
    """The `writers.PartSink` of a `Worker`: batches go to the child, which writes the parts.

    worker (Worker): The worker.
    """

    def __init__(self, worker: Worker) -> None:
        self.worker = worker

    def write(self, section: str, batch: list[tuple]) -> None:
        """Send a batch of nodes or edges of a section to the child.

        section (str): One of `formats.SECTIONS`.
        batch (list[tuple]): As `formats.render_nodes` or `formats.render_edges` take it.
        """
        self.worker._put(("batch", section, batch))

    def close(self) -> None:
        """Wait until the child has written every part (`Worker.finish`)."""
        self.worker.finish()


def serve(inbox: Any, outbox: Any, blocks_path: str) -> None:
    """The child's loop: handle messages until "finish", then send back None or the traceback.

    inbox (Queue): Messages from the parent.
    outbox (Queue): Where the one reply goes.
    blocks_path (str): The part file for the document blocks.
    """
    exit_with_parent()
    error, parts = None, None
    with open(blocks_path, "w", encoding="utf-8", newline="") as blocks:
        while (message := inbox.get())[0] != "finish":
            if error is None:
                try:
                    parts = handle(message, blocks, parts)
                except Exception:
                    error = traceback.format_exc()
    if parts is not None:
        parts.close()
    outbox.put(error)


def handle(message: tuple, blocks: IO[str], parts: ElementParts | None) -> ElementParts | None:
    """Handle one message: documents to render, the parts' folder, or a batch of nodes or edges.

    message (tuple): ("documents", rows), ("folder", path) or ("batch", section, batch).
    blocks (IO[str]): The document blocks' part file.
    parts (ElementParts | None): The element parts, once the folder came.
    RETURNS (ElementParts | None): The element parts from now on.
    """
    if message[0] == "documents":
        blocks.write("".join(rows_block(*rows) for rows in message[1]))
    elif message[0] == "folder":
        parts = ElementParts(Path(message[1]))
    else:
        assert parts is not None, "the folder comes before the batches"
        parts.write(message[1], message[2])
    return parts
