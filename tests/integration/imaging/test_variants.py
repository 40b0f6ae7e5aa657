"""Variants on the real Pillow processor and local store: the upload listener starts a job (a
queue that is down costs the variants, not the upload); generated pictures saved through
WithVariants get theirs at once; only real image types are rendered."""

from __future__ import annotations

import pytest
from PIL import features

from tests.fakes import FixedClock
from tests.fakes.jobs import JobsWorld
from tests.images import picture
from zerowaste.application.images import ImageService
from zerowaste.application.imaging.variants import JOB_TYPE, UploadVariants, WithVariants
from zerowaste.domain.imaging.variants import variant_specs
from zerowaste.infrastructure.images import LocalImageStore, PillowImageSanitizer
from zerowaste.infrastructure.imaging.pillow import PillowImageProcessor
from zerowaste.infrastructure.storage.signing import ItsDangerousUrlSigner

pytestmark = pytest.mark.integration
NAMES = [s.name for s in variant_specs(tuple(f for f in ("webp", "avif") if features.check(f)))]


def build(tmp_path, world: JobsWorld) -> tuple[ImageService, UploadVariants]:
    signer = ItsDangerousUrlSigner("s" * 40, FixedClock())
    store = LocalImageStore(tmp_path / "files", signer)
    images = ImageService(store, PillowImageSanitizer(), signer)
    variants = UploadVariants(images, PillowImageProcessor(), signer, world.jobs)
    world.handler(JOB_TYPE, variants.run_job)
    images.on_upload(variants.schedule)
    return images, variants


def test_an_upload_starts_a_variants_job_that_writes_every_variant(tmp_path):
    world = JobsWorld()
    images, variants = build(tmp_path, world)

    stored = images.upload("u1", picture("JPEG", (1200, 900)), "a.jpg", "food", "tomate")

    [job] = world.store.jobs.values()
    assert (job.type, job.owner_uid, job.payload) == (JOB_TYPE, "u1", {"key": stored.key})
    world.jobs.run(job.id, final_attempt=True)
    done = world.stored(job.id)
    assert done.status == "completed" and done.result == {"key": stored.key, "variants": NAMES}
    folder = stored.key.rsplit(".", 1)[0]
    assert images.store.list_keys(folder + "/") == sorted(f"{folder}/{n}" for n in NAMES)
    assert variants.names == NAMES


def test_a_variants_job_for_someone_elses_key_fails_and_writes_nothing(tmp_path):
    world = JobsWorld()
    images, _ = build(tmp_path, world)
    stored = images.upload("u1", picture("PNG"), "a.png", "food", "tomate")
    world.store.jobs.clear()

    job = world.jobs.start("u2", JOB_TYPE, {"key": stored.key})
    world.jobs.run(job.id, final_attempt=True)

    assert world.stored(job.id).status == "failed"
    assert images.store.list_keys(stored.key.rsplit(".", 1)[0] + "/") == []


def test_a_queue_that_is_down_costs_the_variants_not_the_upload(tmp_path):
    world = JobsWorld(queue_failure=ConnectionError("broker down"))
    images, _ = build(tmp_path, world)

    stored = images.upload("u1", picture("PNG"), "a.png", "food", "tomate")

    assert images.store.open(stored.key) is not None
    assert images.store.list_keys(stored.key.rsplit(".", 1)[0] + "/") == []


def test_pictures_saved_through_with_variants_get_theirs_at_once(tmp_path):
    images, variants = build(tmp_path, JobsWorld())
    store = WithVariants(images.store, variants)

    store.save("ingredients/tomate-abc123.png", picture("PNG", (600, 600)), "image/png")
    store.save("ingredients/notes-abc123.txt", b"not an image", "text/plain")

    keys = store.list_keys("ingredients/")
    assert keys == sorted(
        ["ingredients/notes-abc123.txt", "ingredients/tomate-abc123.png"]
        + [f"ingredients/tomate-abc123/{n}" for n in NAMES]
    )


def test_a_picture_the_decoder_refuses_is_stored_without_variants(tmp_path):
    images, variants = build(tmp_path, JobsWorld())
    store = WithVariants(images.store, variants)

    store.save("foods/broken-abc.png", b"\x89PNG\r\n\x1a\n broken", "image/png")

    assert store.list_keys("foods/") == ["foods/broken-abc.png"]
