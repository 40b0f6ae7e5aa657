"""Requests and replies of the image service (`/api/images/*`)."""

from __future__ import annotations

from marshmallow import Schema, fields
from marshmallow.validate import Length, Range

from zerowaste.domain.imaging import rules
from zerowaste.domain.jobs import JobStatus
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

FORMAT_HELP = "webp | avif | jpeg (jpg) | png; default: the source's format (GIF gives PNG)"


def _key(required: bool = False) -> fields.String:
    description = "one of the caller's uploads: its storage key or signed URL"
    if required:
        return fields.String(
            required=True, validate=Length(1, 2000), metadata={"description": description}
        )
    return fields.String(
        load_default=None, validate=Length(1, 2000), metadata={"description": description}
    )


def _quality() -> fields.Integer:
    return fields.Integer(
        load_default=None,
        validate=Range(rules.MIN_QUALITY, rules.MAX_QUALITY),
        metadata={"description": "1-100; default per format (WebP 80, AVIF 60, JPEG 82)"},
    )


class OptimizeSchema(RequestSchema):
    """JSON `{key}` or multipart (`file` + these fields as form values)."""

    key = _key()
    format = fields.String(
        load_default=None, validate=Length(max=16), metadata={"description": FORMAT_HELP}
    )
    quality = _quality()
    max_side = fields.Integer(
        load_default=rules.DEFAULT_MAX_SIDE,
        validate=Range(rules.MIN_SIDE, rules.MAX_SIDE),
        metadata={"description": "longest side of the output (never enlarged)"},
    )


class ConvertSchema(RequestSchema):
    key = _key()
    format = fields.String(
        required=True, validate=Length(1, 16), metadata={"description": "webp | avif | jpeg | png"}
    )
    quality = _quality()


class ResizeSchema(RequestSchema):
    key = _key()
    sizes = fields.List(
        fields.Integer(validate=Range(rules.MIN_SIDE, rules.MAX_SIDE)),
        required=True,
        validate=Length(1, rules.MAX_SIZES),
        metadata={"description": "longest sides in px; multipart: comma-separated"},
    )
    format = fields.String(
        load_default=None, validate=Length(max=16), metadata={"description": FORMAT_HELP}
    )
    quality = _quality()


class BatchOptimizeSchema(RequestSchema):
    keys = fields.List(
        fields.String(validate=Length(1, 2000)),
        required=True,
        validate=Length(1, rules.MAX_BATCH),
        metadata={"description": "the caller's uploads (keys or signed URLs)"},
    )
    format = fields.String(
        load_default=None, validate=Length(max=16), metadata={"description": FORMAT_HELP}
    )
    quality = _quality()
    max_side = fields.Integer(
        load_default=rules.DEFAULT_MAX_SIDE, validate=Range(rules.MIN_SIDE, rules.MAX_SIDE)
    )


class InfoQuerySchema(RequestSchema):
    key = _key(required=True)


class ResizedSizeSchema(Schema):
    name = f.String(required=True)
    max_side = f.Integer(required=True)
    width = f.Integer(required=True)
    height = f.Integer(required=True)
    content_type = f.String(required=True)
    size = f.Integer(required=True, metadata={"description": "bytes"})
    key = f.String(required=True)
    url = f.AbsoluteUrl(required=True, metadata={"description": "signed, 7 days"})


class ResizedImagesSchema(Schema):
    """Every size stored, largest first, each with its own signed URL (for srcset)."""

    sizes = f.List(f.Nested(ResizedSizeSchema), required=True, source=lambda sizes: sizes)


class VariantSchema(Schema):
    name = f.String(required=True, source=lambda v: v[0])
    url = f.AbsoluteUrl(required=True, source=lambda v: v[1])


class ImageInfoSchema(Schema):
    key = f.String(required=True)
    format = f.String(required=True, source="facts.format")
    width = f.Integer(required=True, source="facts.width")
    height = f.Integer(required=True, source="facts.height")
    size = f.Integer(required=True, metadata={"description": "bytes stored"})
    mode = f.String(required=True, source="facts.mode")
    frames = f.Integer(required=True, source="facts.frames")
    animated = f.Boolean(required=True, source="facts.animated")
    has_exif = f.Boolean(required=True, source="facts.has_exif")
    has_alpha = f.Boolean(required=True, source="facts.has_alpha")
    variants = f.List(
        f.Nested(VariantSchema), required=True, metadata={"description": "stored so far"}
    )


class BatchLineSchema(Schema):
    key = f.String(required=True)
    optimized_key = f.String(required=True, allow_none=True)
    url = f.AbsoluteUrl(required=True, allow_none=True, metadata={"description": "signed, 7 days"})
    bytes_before = f.Integer(required=True, allow_none=True)
    bytes_after = f.Integer(required=True, allow_none=True)
    width = f.Integer(required=True, allow_none=True)
    height = f.Integer(required=True, allow_none=True)
    error = f.String(required=True, allow_none=True)


class ImageBatchJobSchema(Schema):
    """A batch-optimize job: poll `status_url`; `items` once completed."""

    job_id = f.String(required=True, source="job.id")
    status = f.String(
        required=True, source="job.status", metadata={"enum": [s.value for s in JobStatus]}
    )
    progress = f.Integer(required=True, source="job.progress")
    step = f.String(required=True, source="job.step")
    status_url = f.String(required=True, source=lambda b: f"/api/images/jobs/{b.job.id}")
    error = f.String(required=True, allow_none=True, source="job.error")
    items = f.List(f.Nested(BatchLineSchema), required=True)


class ImageFormatsSchema(Schema):
    formats = f.List(f.String(), required=True, source=lambda formats: formats)


DEFINITIONS: list[tuple[str, type[Schema]]] = [
    ("ImageOptimize", OptimizeSchema),
    ("ImageConvert", ConvertSchema),
    ("ImageResize", ResizeSchema),
    ("ImageBatchOptimize", BatchOptimizeSchema),
    ("ResizedSize", ResizedSizeSchema),
    ("ResizedImages", ResizedImagesSchema),
    ("ImageVariant", VariantSchema),
    ("ImageInfo", ImageInfoSchema),
    ("ImageBatchLine", BatchLineSchema),
    ("ImageBatchJob", ImageBatchJobSchema),
    ("ImageFormats", ImageFormatsSchema),
]
