"""`make bench-images`: issue #13's target, "thumbnails of a 12 MP photo (3 sizes + WebP) under
300 ms in a worker, memory bounded".

A synthetic 12 MP photo (4000 x 3000: gradients, shapes and sensor-like noise, so the encoders
see texture, JPEG quality 90 with an EXIF orientation) is made in code. Each scenario runs in a
fresh process (so its peak RSS is its own), through the PillowImageProcessor the workers use:
one decode, then the renditions. RUNS timed runs after one warm-up; median and worst wall
time, CPU time, and the process's peak RSS beside its RSS after imports.

Scenarios:
  thumbs-webp      3 thumbnails (256, 512, 1024 px) in WebP        <- the issue's target
  thumbs-jpeg+webp 3 thumbnails in JPEG and in WebP (6 encodes)
  variants-12mp    every stored variant of the 12 MP photo (full 2048 + 3 thumbs, WebP + AVIF)
  variants-upload  the variants job of a stored upload (the 2048 px re-encode the upload keeps)
  variants-upload-webp  the same without the AVIF variants
Environment: BENCH_IMAGE_RUNS [7]. Output: printed, and var/bench/images/summary.json.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import resource
import statistics
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, features

from zerowaste.domain.imaging.rules import RenditionSpec
from zerowaste.domain.imaging.variants import THUMB_SIZES, VARIANT_FORMATS, variant_specs
from zerowaste.infrastructure.images import PillowImageSanitizer
from zerowaste.infrastructure.imaging.pillow import PillowImageProcessor

RUNS = int(os.environ.get("BENCH_IMAGE_RUNS", "7"))
OUT = Path("var/bench/images")
SIZE = (4000, 3000)


def photo() -> bytes:
    """A 12 MP JPEG with a photo's texture (not a flat colour the encoders would skip)."""
    width, height = SIZE
    base = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    draw = ImageDraw.Draw(base)
    for i in range(60):
        x, y = (i * 7919) % width, (i * 104729) % height
        colour = ((i * 37) % 256, (i * 91) % 256, (i * 53) % 256)
        draw.ellipse((x, y, x + 300 + i * 5, y + 200 + i * 3), fill=colour)
    base = base.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise(SIZE, 24).convert("RGB")
    textured = Image.blend(base, noise, 0.18)
    exif = Image.Exif()
    exif[0x0112] = 1  # orientation present, as on a phone photo
    buffer = io.BytesIO()
    textured.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def _specs(name: str) -> list[RenditionSpec]:
    sizes = sorted(THUMB_SIZES, reverse=True)
    webp = [RenditionSpec(f"thumb_{s}.webp", s, "webp", 80) for s in sizes]
    if name == "thumbs-webp":
        return webp
    if name == "thumbs-jpeg+webp":
        return webp + [RenditionSpec(f"thumb_{s}.jpg", s, "jpeg", 82) for s in sizes]
    if name.endswith("-webp"):
        return variant_specs(("webp",))
    formats = tuple(f for f in VARIANT_FORMATS if features.check(f))
    return variant_specs(formats)


def _rss_mb() -> float:
    """This process's peak RSS (VmHWM: per address space, so not the parent's peak, which
    getrusage's ru_maxrss carries across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: KiB anyway


def _scenario(name: str, source: bytes, queue: Any) -> None:
    processor = PillowImageProcessor()
    specs = _specs(name)
    after_imports = _rss_mb()
    processor.render(source, specs)  # warm-up (codecs loaded, caches filled)
    walls, cpus = [], []
    for _ in range(RUNS):
        cpu, wall = time.process_time(), time.perf_counter()
        outputs = processor.render(source, specs)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    queue.put(
        {
            "scenario": name,
            "renditions": [o.spec.name for o in outputs],
            "bytes_out": sum(len(o.data) for o in outputs),
            "median_ms": round(statistics.median(walls), 1),
            "worst_ms": round(max(walls), 1),
            "cpu_median_ms": round(statistics.median(cpus), 1),
            "rss_after_imports_mb": round(after_imports, 1),
            "peak_rss_mb": round(_rss_mb(), 1),
        }
    )


def main() -> None:
    source = photo()
    print(f"source: {SIZE[0]}x{SIZE[1]} JPEG, {len(source) / 1e6:.1f} MB; runs: {RUNS}")
    print(
        f"load average: {os.getloadavg()}, cores: {os.cpu_count()}, AVIF: {features.check('avif')}"
    )
    stored = PillowImageSanitizer().sanitize(source).data  # what the variants job reads
    print(f"stored upload: 2048x1536 JPEG, {len(stored) / 1e6:.2f} MB")
    context = multiprocessing.get_context("spawn")
    results = []
    scenarios = ("thumbs-webp", "thumbs-jpeg+webp", "variants-12mp", "variants-upload")
    for name in (*scenarios, "variants-upload-webp"):
        queue = context.Queue()
        given = stored if name.startswith("variants-upload") else source
        process = context.Process(target=_scenario, args=(name, given, queue))
        process.start()
        result = queue.get()
        process.join()
        results.append(result)
        print(
            f"{name:18} median {result['median_ms']:7.1f} ms  worst {result['worst_ms']:7.1f} ms"
            f"  cpu {result['cpu_median_ms']:7.1f} ms  peak RSS {result['peak_rss_mb']:6.1f} MB"
            f" (after imports {result['rss_after_imports_mb']:.1f})  out {result['bytes_out']} B"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    summary = {"runs": RUNS, "load": os.getloadavg(), "results": results}
    (OUT / "summary.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
