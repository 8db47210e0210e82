"""A second process for the streaming pass: the report's document blocks, GraphML, GEXF and JSON.

`stream.stream_graph_and_report` is CPU-bound and the parent process uses one
core. With a `Worker`, a child process (started with "spawn") renders what
needs no state of the scan: each document's block of the report, sent as the
scan reads the document, and the GraphML, GEXF and JSON parts, sent a batch of nodes
or edges at a time by `writers.GraphParts` (its `element_parts`). The parent keeps
the scan, the CSV files and the rest of the page. Documents spliced from an earlier
run come as copies of byte ranges (blocks and parts alike), and at `finish` the
child sends back how many bytes each document took in each of its part files.

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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractor.children import exit_with_parent
from extractor.errors import ExtractorError
from extractor.graph.parts import ElementParts, PartFile
from extractor.report.blocks import rows_block

# Messages in flight to the child; each holds one batch of nodes or edges or
# `DOCUMENTS_PER_MESSAGE` documents.
QUEUE_SIZE = 16
DOCUMENTS_PER_MESSAGE = 32
# How often a waiting parent checks that the child is still alive.
POLL_SECONDS = 1.0
# The (section, format) of the report's document blocks, as `graph.splice` keys parts.
BLOCKS_KEY = ("documents", "html")


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
        # Bytes of each document per (section, format) of the parts the child wrote, after `finish`.
        self.lengths: dict[tuple[str, str], list[int]] = {}

    def add_document(self, rows: Any) -> None:
        """Have the document's block rendered (`blocks.rows_block`).

        rows (DocumentRows): The document and its rows (`graph.scan.DocumentRows`).
        """
        self.documents.append((rows.index, rows.document, rows.entities, rows.mentions, rows.quotes, rows.claims))
        if len(self.documents) >= DOCUMENTS_PER_MESSAGE:
            self._send_documents()

    def copy_blocks(self, run: tuple[str, int, list[int]]) -> None:
        """Have documents' blocks copied from an earlier report, after those sent so far.

        run (tuple[str, int, list[int]]): (file, start, each block's length).
        """
        self._send_documents()
        self._put(("copy_blocks", run))

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
        error, self.lengths = self._get()
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
        # Messages the child will never read must not hold this process at exit.
        self.inbox.cancel_join_thread()

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

    def _get(self) -> tuple[str | None, dict]:
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

    def write(self, section: str, batch: list[tuple], ends: Iterable[int] = ()) -> None:
        """Send a batch of nodes or edges of a section to the child.

        section (str): One of `formats.SECTIONS`.
        batch (list[tuple]): As `formats.render_nodes` or `formats.render_edges` take it.
        ends (Iterable[int]): Indices into `batch` where a document's elements end.
        """
        self.worker._put(("batch", section, batch, list(ends)))

    def copy(self, section: str, runs: dict[str, tuple[str, int, list[int]]]) -> None:
        """Have the child copy documents' bytes from earlier final files (`parts.ElementParts.copy`).

        section (str): A section of `formats.DOCUMENT_SECTIONS`.
        runs (dict): Format → (file, start, each document's length).
        """
        self.worker._put(("copy", section, runs))

    def close(self) -> None:
        """Wait until the child has written every part (`Worker.finish`)."""
        self.worker.finish()

    def lengths(self) -> dict[tuple[str, str], list[int]]:
        """RETURNS (dict): (section, format) → bytes of each document, once closed."""
        return {key: lengths for key, lengths in self.worker.lengths.items() if key[1] != "html"}


def serve(inbox: Any, outbox: Any, blocks_path: str) -> None:
    """The child's loop: handle messages until "finish", then send back (None or the traceback,
    the bytes of each document per (section, format) of its parts).

    inbox (Queue): Messages from the parent.
    outbox (Queue): Where the one reply goes.
    blocks_path (str): The part file for the document blocks.
    """
    exit_with_parent()
    error, parts = None, None
    blocks = PartFile(Path(blocks_path))
    try:
        while (message := inbox.get())[0] != "finish":
            if error is None:
                try:
                    parts = handle(message, blocks, parts)
                except Exception:
                    error = traceback.format_exc()
    finally:
        blocks.close()
    lengths = {} if parts is None else parts.lengths()
    if parts is not None:
        parts.close()
    outbox.put((error, {**lengths, BLOCKS_KEY: blocks.lengths}))


def handle(message: tuple, blocks: PartFile, parts: ElementParts | None) -> ElementParts | None:
    """Handle one message: documents to render, blocks to copy, the parts' folder, or a batch of
    nodes or edges, or documents' bytes to copy into them.

    message (tuple): ("documents", rows), ("copy_blocks", run), ("folder", path),
        ("batch", section, batch, ends) or ("copy", section, runs).
    blocks (PartFile): The document blocks' part file.
    parts (ElementParts | None): The element parts, once the folder came.
    RETURNS (ElementParts | None): The element parts from now on.
    """
    if message[0] == "documents":
        rendered = [rows_block(*rows) for rows in message[1]]
        blocks.write(rendered, range(1, len(rendered) + 1))
    elif message[0] == "copy_blocks":
        path, start, lengths = message[1]
        blocks.copy(path, start, lengths)
    elif message[0] == "folder":
        parts = ElementParts(Path(message[1]))
    else:
        assert parts is not None, "the folder comes before the batches"
        if message[0] == "copy":
            parts.copy(message[1], message[2])
        else:
            parts.write(message[1], message[2], message[3])
    return parts
