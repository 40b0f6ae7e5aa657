"""Batch optimisation of the caller's uploads as a job: 202 with the job, then poll it.

Every key is checked before the job is stored (another user's key or a missing file is 404
and nothing is started). The worker writes `optimized.<ext>` beside each upload (the same job
run twice writes the same keys) and records per key the bytes before and after; an upload
deleted meanwhile or one the decoder refuses is reported on its line, not fatal to the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zerowaste.application.images import ImageService
from zerowaste.application.imaging.ports import ImageProcessor
from zerowaste.application.imaging.transforms import ImageTransforms
from zerowaste.application.jobs.ports import Progress
from zerowaste.application.jobs.service import JobService
from zerowaste.domain.imaging import rules
from zerowaste.domain.imaging.variants import variant_folder
from zerowaste.domain.jobs import Job
from zerowaste.domain.shared.errors import DomainError, InvalidInput, NotFound
from zerowaste.domain.shared.image_formats import extension_of

JOB_TYPE = "imaging.batch_optimize"


@dataclass(frozen=True)
class BatchLine:
    key: str
    optimized_key: str | None
    url: str | None
    bytes_before: int | None
    bytes_after: int | None
    width: int | None
    height: int | None
    error: str | None


@dataclass(frozen=True)
class BatchJob:
    job: Job
    items: list[BatchLine]


class BatchOptimize:
    def __init__(
        self,
        images: ImageService,
        transforms: ImageTransforms,
        processor: ImageProcessor,
        jobs: JobService,
    ) -> None:
        self._images = images
        self._transforms = transforms
        self._processor = processor
        self._jobs = jobs

    def start(
        self, owner_id: str, keys: list[str], fmt: str | None, quality: int | None, side: int
    ) -> BatchJob:
        """Check the keys and options, store the job, hand it to a worker."""
        if not keys:
            raise InvalidInput("At least one key is required", code="keys_required")
        if len(keys) > rules.MAX_BATCH:
            raise InvalidInput(f"At most {rules.MAX_BATCH} images at once", code="too_many_keys")
        found = list(dict.fromkeys(self._images.upload_key_of(owner_id, k) for k in keys))
        for key in found:
            self._images.read_key(key)  # a file gone is 404 now, not a failed job later
        if fmt is not None:
            self._transforms.check_writable(rules.output_format(fmt))
            rules.quality_for(rules.output_format(fmt), quality)
        elif quality is not None:
            rules.quality_for("jpeg", quality)
        payload = {"keys": found, "format": fmt, "quality": quality, "max_side": side}
        rules.check_side(side)
        return self.status(owner_id, self._jobs.start(owner_id, JOB_TYPE, payload).id)

    def status(self, owner_id: str, job_id: str) -> BatchJob:
        """The caller's batch job with fresh URLs (another user's, or another kind, is 404)."""
        job = self._jobs.get(owner_id, job_id)
        if job.type != JOB_TYPE:
            raise NotFound("Job not found", code="job_not_found")
        lines = [self._line(item) for item in (job.result or {}).get("items", [])]
        return BatchJob(job, lines)

    def run_job(self, job: Job, progress: Progress) -> dict[str, Any]:
        payload = job.payload
        keys = [str(k) for k in payload.get("keys", [])]
        items = []
        for done, key in enumerate(keys):
            items.append(self._optimize_one(job.owner_uid, key, payload))
            progress.report(int(100 * (done + 1) / max(1, len(keys))), f"{done + 1}/{len(keys)}")
        return {"items": items}

    def _optimize_one(self, owner_id: str, key: str, payload: dict[str, Any]) -> dict[str, Any]:
        line: dict[str, Any] = {"key": key}
        try:
            found, data = self._transforms.read_upload(owner_id, key)
            facts = self._processor.inspect(data)
            out = rules.output_format(payload.get("format"), facts.format)
            spec = rules.RenditionSpec(
                f"optimized.{extension_of(out)}",
                int(payload.get("max_side") or rules.DEFAULT_MAX_SIDE),
                out,
                rules.quality_for(out, payload.get("quality")),
            )
            rendition = self._processor.render(data, [spec])[0]
        except DomainError as exc:
            return {**line, "error": exc.message}
        target = variant_folder(found) + spec.name
        self._images.store.save(target, rendition.data, spec.content_type)
        return {
            **line,
            "optimized_key": target,
            "bytes_before": len(data),
            "bytes_after": len(rendition.data),
            "width": rendition.width,
            "height": rendition.height,
        }

    def _line(self, item: dict[str, Any]) -> BatchLine:
        target = item.get("optimized_key")
        return BatchLine(
            key=item["key"],
            optimized_key=target,
            url=self._images.url_for(target) if target else None,
            bytes_before=item.get("bytes_before"),
            bytes_after=item.get("bytes_after"),
            width=item.get("width"),
            height=item.get("height"),
            error=item.get("error"),
        )
