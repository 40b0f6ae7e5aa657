"""Transforms of one image: optimise, convert, resize (several sizes) and inspect.

The source is one of the caller's uploads (by key or signed URL; another user's, a shared
picture or a missing file is 404) or a posted file (checked like an upload: size cap, magic
bytes, full decode). Optimise and convert answer the bytes. Resize stores each size and answers
signed URLs: a client drops them into `srcset` or an image widget and caches them, which a zip
it would have to unpack could not offer; sizes of an upload are stored beside it (the same
request twice writes the same keys), sizes of a posted file under the caller's `resized/`
folder. Everything stored lives under the caller's folder and goes with the account.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from zerowaste.application.images import MAX_UPLOAD_BYTES, ImageService, UploadTooLarge
from zerowaste.application.imaging.ports import ImageProcessor
from zerowaste.domain import images as uploads
from zerowaste.domain.imaging import rules
from zerowaste.domain.imaging.variants import variant_folder
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.image_formats import extension_of

RESIZED_FOLDER = "resized"


@dataclass(frozen=True)
class ImageSource:
    """A caller's upload (`key`: a storage key or one of our URLs) or posted bytes."""

    key: str | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class StoredRendition:
    name: str
    max_side: int
    key: str
    url: str
    content_type: str
    size: int
    width: int
    height: int


@dataclass(frozen=True)
class ImageInfo:
    key: str
    size: int
    facts: rules.ImageFacts
    variants: list[tuple[str, str]]  # (name, signed URL) of the variants stored so far


class ImageTransforms:
    def __init__(
        self,
        images: ImageService,
        processor: ImageProcessor,
        *,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self._images = images
        self._processor = processor
        self._new_id = new_id

    def optimize(
        self, owner_id: str, source: ImageSource, fmt: str | None, quality: int | None, side: int
    ) -> rules.Rendition:
        """Upright, metadata stripped, fitted in `side`, re-encoded (the source's format unless
        `fmt` is given, GIF as PNG) with the encoders' size options."""
        data = self._read(owner_id, source)
        facts = self._processor.inspect(data)
        out = self._writable(rules.output_format(fmt, facts.format))
        spec = rules.RenditionSpec(
            f"optimized.{extension_of(out)}",
            rules.check_side(side),
            out,
            rules.quality_for(out, quality),
        )
        return self._processor.render(data, [spec])[0]

    def convert(
        self, owner_id: str, source: ImageSource, fmt: str, quality: int | None
    ) -> rules.Rendition:
        """The image in `fmt` (webp, avif, jpeg, png) at its own size (at most MAX_SIDE)."""
        out = self._writable(rules.output_format(fmt) if fmt else "")
        data = self._read(owner_id, source)
        spec = rules.RenditionSpec(
            f"converted.{extension_of(out)}",
            rules.MAX_SIDE,
            out,
            rules.quality_for(out, quality),
        )
        return self._processor.render(data, [spec])[0]

    def resize(
        self,
        owner_id: str,
        source: ImageSource,
        sizes: list[int],
        fmt: str | None,
        quality: int | None,
    ) -> list[StoredRendition]:
        """Each size (longest side, never enlarged) stored; their signed URLs, largest first."""
        data = self._read(owner_id, source)
        facts = self._processor.inspect(data)
        out = self._writable(rules.output_format(fmt, facts.format))
        specs = rules.resize_specs(sizes, out, quality)
        rendered = self._processor.render(data, specs)
        folder = self._folder(owner_id, source)
        stored = []
        for rendition in rendered:
            key = folder + rendition.spec.name
            self._images.store.save(key, rendition.data, rendition.spec.content_type)
            stored.append(
                StoredRendition(
                    rendition.spec.name,
                    rendition.spec.max_side,
                    key,
                    self._images.url_for(key),
                    rendition.spec.content_type,
                    len(rendition.data),
                    rendition.width,
                    rendition.height,
                )
            )
        return stored

    def info(self, owner_id: str, key: str) -> ImageInfo:
        """Dimensions, format, size and EXIF presence of one of the caller's uploads, and the
        variants stored beside it."""
        found = self._images.upload_key_of(owner_id, key)
        data, _ = self._images.read_key(found)
        facts = self._processor.inspect(data)
        folder = variant_folder(found)
        names = [k[len(folder) :] for k in self._images.store.list_keys(folder)]
        variants = [
            (name, self._images.url_for(folder + name)) for name in names if "/" not in name
        ]
        return ImageInfo(found, len(data), facts, variants)

    def formats(self) -> list[str]:
        """The output formats this deployment can write."""
        return [fmt for fmt in rules.OUTPUT_FORMATS if self._processor.supports(fmt)]

    def read_upload(self, owner_id: str, key: str) -> tuple[str, bytes]:
        """The key and bytes of one of the caller's uploads (NotFound otherwise)."""
        found = self._images.upload_key_of(owner_id, key)
        return found, self._images.read_key(found)[0]

    def _read(self, owner_id: str, source: ImageSource) -> bytes:
        if source.key is not None and source.data is not None:
            raise InvalidInput("Send either a file or a key, not both", code="ambiguous_source")
        if source.key is not None:
            return self.read_upload(owner_id, source.key)[1]
        if source.data is None:
            raise InvalidInput(
                "An image is required: a `file` part or a JSON `key`", code="image_required"
            )
        if not source.data:
            raise InvalidInput("The image file is empty", code="empty_file")
        if len(source.data) > MAX_UPLOAD_BYTES:
            raise UploadTooLarge(f"The image is larger than {MAX_UPLOAD_BYTES // 2**20} MB")
        if uploads.sniff_format(source.data) is None:
            raise InvalidInput(
                "The file is not a JPEG, PNG, GIF or WEBP image", code="invalid_image"
            )
        return source.data

    def check_writable(self, fmt: str) -> str:
        """`fmt`, when this deployment can write it (AVIF needs libavif): else 400."""
        return self._writable(fmt)

    def _writable(self, fmt: str) -> str:
        if not fmt:
            raise InvalidInput(
                "format is required",
                code="invalid_format",
                details={"allowed": list(rules.OUTPUT_FORMATS)},
            )
        if not self._processor.supports(fmt):
            raise InvalidInput(
                f"This server cannot write {fmt.upper()} images",
                code="format_unavailable",
                details={"allowed": self.formats()},
            )
        return fmt

    def _folder(self, owner_id: str, source: ImageSource) -> str:
        if source.key is not None:
            return variant_folder(self._images.upload_key_of(owner_id, source.key))
        return f"{uploads.user_prefix(owner_id)}{RESIZED_FOLDER}/{self._new_id()}/"
