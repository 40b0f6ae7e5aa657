"""Pictures of recognised items (and, later, recipes): generated in a background job, one per
normalised name and kind, stored once and reused by every user.

`request` claims the names nobody has pictured yet and starts one job for them; a name another
job is already drawing is left to that job. Readers ask `statuses` and get `ready` with a URL,
`generating`, or `failed` (a failed picture is tried again by the next request that needs it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from zerowaste.application.ai.gateway import AiGateway
from zerowaste.application.ports.ai import AiContext, ImageSubject
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.storage import ImageStore
from zerowaste.application.ports.uow import UnitOfWork, UnitOfWorkFactory, retrying
from zerowaste.domain import pictures as rules

log = logging.getLogger(__name__)
JOB_TYPE = "images.generate"
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


STALE_AFTER = timedelta(minutes=15)  # a picture job that has not finished by then died


@dataclass(frozen=True)
class PictureState:
    status: str  # generating | ready | failed
    key: str | None = None
    updated_at: datetime | None = None


class PictureRepository(Protocol):
    def states(self, kind: str, keys: Sequence[str]) -> dict[str, PictureState]: ...

    def claim(self, kind: str, key: str, now: datetime, stale_before: datetime) -> bool:
        """Mark a name `generating` unless it is ready or being drawn by a live job (one that
        started after `stale_before`); True when claimed."""
        ...

    def finish(self, kind: str, key: str, state: PictureState, now: datetime) -> None: ...


class PicturesUnitOfWork(UnitOfWork, Protocol):
    @property
    def pictures(self) -> PictureRepository: ...


class JobStarter(Protocol):
    def start(self, owner_uid: str, job_type: str, payload: dict[str, Any]) -> Any: ...


class Progress(Protocol):
    def report(self, percent: int, step: str) -> None: ...


@dataclass(frozen=True)
class Picture:
    name: str
    status: str  # ready | generating | failed | none
    url: str | None = None


@dataclass(frozen=True)
class PictureJobView:
    """A picture job and, fresh at read time, where each of its pictures stands."""

    job: Any
    pictures: list[Picture]


class PictureService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[PicturesUnitOfWork],
        clock: Clock,
        gateway: AiGateway,
        store: ImageStore,
        jobs: JobStarter,
        url_for: Callable[[str], str],
        on_ready: Callable[[str, list[dict[str, Any]]], None] | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._gateway = gateway
        self._store = store
        self._jobs = jobs
        self._url_for = url_for
        self._on_ready = on_ready  # told when a job finishes (notifications: "images ready")

    def statuses(self, kind: str, names: Sequence[str]) -> dict[str, Picture]:
        keys = {name: rules.name_key(name) for name in names}
        with self._uow_factory.read() as uow:
            states = uow.pictures.states(kind, sorted(set(keys.values())))
        stale_before = self._clock.now() - STALE_AFTER
        result = {}
        for name, key in keys.items():
            state = states.get(key)
            if state is None:
                result[name] = Picture(name, "none")
            elif state.status == "ready" and state.key:
                result[name] = Picture(name, "ready", self._url_for(state.key))
            elif state.status == "generating" and (state.updated_at or stale_before) < stale_before:
                result[name] = Picture(name, "failed")  # its job died; the next request redraws
            else:
                result[name] = Picture(name, state.status)
        return result

    def job_view(self, job: Any) -> PictureJobView:
        """The pictures a job was asked for, with fresh URLs (never stored in the job)."""
        subjects = (job.payload or {}).get("subjects") or []
        by_kind: dict[str, list[str]] = {}
        for subject in subjects:
            by_kind.setdefault(subject["kind"], []).append(subject["name"])
        pictures: list[Picture] = []
        for kind, names in by_kind.items():
            pictures.extend(self.statuses(kind, names).values())
        return PictureJobView(job, pictures)

    def request(
        self, owner_uid: str, subjects: Sequence[ImageSubject], context: AiContext
    ) -> str | None:
        """Start drawing what is missing; the job's id, or None when nothing needed drawing."""
        claimed = self._claim(_unique(subjects))
        if not claimed:
            return None
        payload = {
            "subjects": [_subject_to_dict(s) for s in claimed],
            "language": context.language,
            "measurement": context.measurement,
        }
        job = self._jobs.start(owner_uid, JOB_TYPE, payload)
        return str(job.id)

    @retrying
    def _claim(self, subjects: list[ImageSubject]) -> list[ImageSubject]:
        """Claim what nobody is drawing, in one transaction, in (kind, key) order: claimers of
        overlapping names (two users' generations rank the same catalog recipes in different
        orders) lock rows in the same order and queue instead of deadlocking; a transaction
        that still loses a lock is run again (`retrying`: nothing happens outside it). The
        subjects claimed, in the order given (the job draws the first ranked first)."""
        now = self._clock.now()
        taken: set[tuple[str, str]] = set()
        with self._uow_factory() as uow:
            for kind, key in sorted({(s.kind, rules.name_key(s.name)) for s in subjects}):
                if uow.pictures.claim(kind, key, now, now - STALE_AFTER):
                    taken.add((kind, key))
            uow.commit()
        return [s for s in subjects if (s.kind, rules.name_key(s.name)) in taken]

    def run_job(
        self, owner_uid: str, payload: dict[str, Any], progress: Progress
    ) -> dict[str, Any]:
        """The job: draw each claimed picture, store it, mark it ready (or failed)."""
        context = AiContext(payload.get("language", "es"), payload.get("measurement", "metric"))
        subjects = [_subject_from_dict(s) for s in payload.get("subjects", [])]
        done: list[dict[str, Any]] = []
        for index, subject in enumerate(subjects, start=1):
            key = rules.name_key(subject.name)
            try:
                drawn = self._gateway.render(owner_uid, subject, context)
                extension = EXTENSIONS.get(drawn.value.content_type, "png")
                file_key = rules.storage_key(subject.kind, key, extension)
                self._store.save(file_key, drawn.value.data, drawn.value.content_type)
                state = PictureState("ready", file_key)
            except Exception:  # one picture must not sink the others; logged with its cause
                log.exception("picture of %r failed", subject.name)
                state = PictureState("failed")
            with self._uow_factory() as uow:
                uow.pictures.finish(subject.kind, key, state, self._clock.now())
                uow.commit()
            done.append({"name": subject.name, "status": state.status, "image_path": state.key})
            progress.report(int(100 * index / max(1, len(subjects))), f"drew {subject.name}")
        if self._on_ready is not None:
            try:
                self._on_ready(owner_uid, done)
            except Exception:  # the pictures are drawn; a failed notice must not fail the job
                log.exception("images-ready notice for %s failed", owner_uid)
        return {"images": done}


def _unique(subjects: Sequence[ImageSubject]) -> list[ImageSubject]:
    seen: set[tuple[str, str]] = set()
    result = []
    for subject in subjects:
        marker = (subject.kind, rules.name_key(subject.name))
        if marker not in seen and marker[1]:
            seen.add(marker)
            result.append(subject)
    return result


def _subject_to_dict(subject: ImageSubject) -> dict[str, Any]:
    return {
        "name": subject.name,
        "kind": subject.kind,
        "category": subject.category,
        "description": subject.description,
        "facts": list(subject.facts),
    }


def _subject_from_dict(data: dict[str, Any]) -> ImageSubject:
    return ImageSubject(
        name=data["name"],
        kind=data["kind"],
        category=data.get("category", ""),
        description=data.get("description", ""),
        facts=tuple(data.get("facts") or ()),
    )
