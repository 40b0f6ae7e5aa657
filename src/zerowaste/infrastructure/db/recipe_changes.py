"""What tells this process's search index that recipes changed: a count that moves whenever this
process writes recipes or their vectors (`RECIPE_WRITES`), and a row in ref_dataset_versions
whose checksum moves whenever recipes change household (`mark_recipes_moved`)."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

from sqlalchemy import event, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from zerowaste.infrastructure.db.reference import RefDatasetVersionRow


class RecipeWrites:
    """A number that moves whenever this process changes recipes or their search vectors: as it
    writes them and again when the transaction commits. The search index of this process asks
    the database for its versions at once when it moved (`SearchStore.writes_here`), and
    otherwise at most every `indexing.CHECK_EVERY` (changes made by other processes, and rows
    deleted by a cascade)."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    @property
    def count(self) -> int:
        return self._count

    def touch(self, *_: object) -> None:
        with self._lock:
            self._count += 1

    def in_session(self, session: Session) -> None:
        """A write in `session`: moves now and once more when the session next commits.

        One listener per session, kept for its life (a `once=True` listener is not removed after
        it runs, and SQLAlchemy skips registering the same function again, so a session's second
        transaction used to commit without moving the count); a flag says a write is pending."""
        self.touch()
        session.info[_PENDING] = True
        if not session.info.get(_LISTENING):
            session.info[_LISTENING] = True
            event.listen(session, "after_commit", self._committed)

    def _committed(self, session: Session) -> None:
        if session.info.pop(_PENDING, False):
            self.touch()


# In Session.info: a recipe write awaits the commit; the session's listener is registered.
_PENDING = "zerowaste.recipe_writes_pending"
_LISTENING = "zerowaste.recipe_writes_listening"


RECIPE_WRITES = RecipeWrites()
# Its row in ref_dataset_versions takes a new checksum whenever recipes change household (a join
# or its undo): the search index's part of the households' own recipes reloads although no
# recipe was added or deleted (the store's version reads it).
OWNERS_DATASET = "recipe_owners"


def mark_recipes_moved(session: Session) -> None:
    """Recipes changed household in this session's transaction (`OWNERS_DATASET`)."""
    mark = {"checksum": uuid.uuid4().hex, "imported_at": datetime.now(UTC)}
    changed = session.execute(
        update(RefDatasetVersionRow)
        .where(RefDatasetVersionRow.dataset == OWNERS_DATASET)
        .values(**mark)
    )
    if not changed.rowcount:  # type: ignore[attr-defined]
        try:
            with session.begin_nested():
                session.add(RefDatasetVersionRow(dataset=OWNERS_DATASET, rows=0, **mark))
        except IntegrityError:  # another transaction's first move: it marked them already
            pass
    RECIPE_WRITES.in_session(session)
