"""Image rules, URL signatures and ImageService with in-memory fakes (no Pillow, no HTTP)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fakes import FixedClock
from zerowaste.application.images import ImageService, UploadTooLarge
from zerowaste.domain import images as rules
from zerowaste.domain.shared.errors import InvalidInput, PermissionDenied
from zerowaste.infrastructure.images import LocalImageStore
from zerowaste.infrastructure.storage.signing import ItsDangerousUrlSigner

pytestmark = pytest.mark.unit

PNG_HEAD = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


class FakeSanitizer:
    def __init__(self, source_format: str = "png") -> None:
        self.source_format = source_format
        self.seen: list[bytes] = []

    def sanitize(self, data: bytes) -> rules.SanitizedImage:
        self.seen.append(data)
        return rules.SanitizedImage(b"clean:" + data, "png", self.source_format, 4, 3)


class MemoryStore:
    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}

    def save(self, key: str, data: bytes, content_type: str) -> None:
        self.files[key] = (data, content_type)

    def url(self, key: str, ttl: timedelta) -> str:
        return f"https://files.example/{key}?ttl={int(ttl.total_seconds())}"

    def open(self, key: str) -> bytes | None:
        return self.files[key][0] if key in self.files else None

    def key_from_url(self, url: str) -> str | None:
        prefix = "https://files.example/"
        return url[len(prefix) :].split("?")[0] if url.startswith(prefix) else None


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def service(
    store: MemoryStore, clock: FixedClock, sanitizer: FakeSanitizer | None = None
) -> ImageService:
    ids = iter(f"{n:032x}" for n in range(1, 100))
    return ImageService(
        store,
        sanitizer or FakeSanitizer(),
        ItsDangerousUrlSigner("s" * 40, clock),
        max_bytes=1000,
        new_id=lambda: next(ids),
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xd8\xff\xe0rest", "jpeg"),
        (PNG_HEAD, "png"),
        (b"GIF87a...", "gif"),
        (b"GIF89a...", "gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", None),
        (b"BM\x00\x00", None),
        (b"<svg/>", None),
        (b"", None),
    ],
)
def test_sniff_format_reads_magic_bytes(data, expected):
    assert rules.sniff_format(data) == expected


@pytest.mark.parametrize(
    ("declared", "upload_type", "expected"),
    [
        ("food", None, "food"),
        (" Ingredient ", None, "ingredient"),
        ("ingredients", None, "ingredient"),
        (None, "recognition", "default"),
        ("", "food", "food"),
        (None, None, "default"),
        ("default", "food", "default"),
    ],
)
def test_image_type_comes_from_image_type_category_or_upload_type(declared, upload_type, expected):
    assert rules.resolve_image_type(declared, upload_type) == expected


@pytest.mark.parametrize(
    ("declared", "upload_type"), [("selfie", None), (None, "avatar"), ("../food", None)]
)
def test_unknown_image_types_are_rejected(declared, upload_type):
    with pytest.raises(InvalidInput) as caught:
        rules.resolve_image_type(declared, upload_type)
    assert caught.value.code == "invalid_image_type"


@pytest.mark.parametrize(
    "key", ["../x/y.png", "uploads/../../etc", "/abs/x.png", "uploads\\u\\x.png", "single", "a//b"]
)
def test_invalid_keys(key):
    assert not rules.is_valid_key(key)


def test_owners_read_their_uploads_and_shared_images_only():
    assert rules.readable_by("u1", "uploads/u1/food/abc.png")
    assert rules.readable_by("u1", "ingredients/tomate.jpg")
    assert not rules.readable_by("u1", "uploads/u2/food/abc.png")
    assert not rules.readable_by("u1", "uploads/u1x/food/abc.png")
    assert not rules.readable_by("u1", "uploads/u1/../u2/food/abc.png")


def test_signatures_verify_until_they_expire(clock):
    signer = ItsDangerousUrlSigner("s" * 40, clock)
    expires, signature = signer.sign("uploads/u/food/a.png", timedelta(days=7))

    assert signer.verify("uploads/u/food/a.png", str(expires), signature) == expires
    for key, exp, sig in [
        ("uploads/u/food/b.png", str(expires), signature),
        ("uploads/u/food/a.png", str(expires + 1), signature),
        ("uploads/u/food/a.png", "-1", signature),
        ("uploads/u/food/a.png", None, signature),
        ("uploads/u/food/a.png", str(expires), None),
        ("uploads/u/food/a.png", str(expires), "ñ" + signature[1:]),  # non-ASCII: no 500
        ("uploads/u/food/a.png", str(expires), "\udcff"),
        ("uploads/u/food/a.png", "١٧٤٩٣٨٤٠٠٠", signature),  # Arabic-Indic digits
        ("uploads/u/food/a.png", "1" * 13, signature),
        ("uploads/u/food/a.png", str(expires), "\u00fb\u00ab" + signature[2:]),
        ("uploads/u/food/a.png", "\u0661\u0662", signature),
        ("uploads/u/food/a.png", "\u00b2", signature),
    ]:
        with pytest.raises(PermissionDenied) as caught:
            signer.verify(key, exp, sig)
        assert caught.value.code == "invalid_signature"
    other = ItsDangerousUrlSigner("t" * 40, clock)
    assert other.sign("uploads/u/food/a.png", timedelta(days=7))[1] != signature
    clock.advance(timedelta(days=7, seconds=1))
    with pytest.raises(PermissionDenied) as caught:
        signer.verify("uploads/u/food/a.png", str(expires), signature)
    assert caught.value.code == "signed_url_expired"


def test_signatures_and_tokens_handed_out_before_itsdangerous_stay_valid(clock):
    """The hand-written HMAC made these for this secret and key: same key derivation, same
    message, same encoding, so old URLs and stored Firebase download tokens keep working."""
    signer = ItsDangerousUrlSigner("s" * 40, clock)
    key = "uploads/u1/food/a.png"

    assert signer.sign(key, timedelta(days=7)) == (
        1749384000,
        "MQWBArNafl_D6SnxE8c7xV5gVcG54Ye-D2mafEzLbVI",
    )
    assert signer.token(key) == "g3gApsXDWWg8qI5vS4_orjq83MVLQp_ESpafyG6MhHs"


def test_upload_stores_the_clean_bytes_under_a_server_made_key(store, clock):
    sanitizer = FakeSanitizer()
    stored = service(store, clock, sanitizer).upload(
        "u1",
        PNG_HEAD,
        "C:\\Users\\ana\\..\\photo.jpg",
        "ingredient",
        " scan_1 ",
        upload_type="recognition",
    )

    assert stored.key == f"uploads/u1/ingredient/{1:032x}.png"
    assert store.files[stored.key] == (b"clean:" + PNG_HEAD, "image/png")
    assert (stored.item_name, stored.image_type, stored.upload_type) == (
        "scan_1",
        "ingredient",
        "recognition",
    )
    assert stored.original_filename == "photo.jpg"
    assert stored.url == f"https://files.example/{stored.key}?ttl=604800"
    assert (stored.folder, stored.filename) == ("uploads/u1/ingredient", f"{1:032x}.png")


@pytest.mark.parametrize(
    ("data", "error", "code"),
    [
        (b"", InvalidInput, "empty_file"),
        (PNG_HEAD + b"\x00" * 1000, UploadTooLarge, "file_too_large"),
        (b"hello, not an image", InvalidInput, "invalid_image"),
    ],
)
def test_bad_files_never_reach_the_decoder_or_the_store(store, clock, data, error, code):
    sanitizer = FakeSanitizer()
    with pytest.raises(error) as caught:
        service(store, clock, sanitizer).upload("u1", data, "x.png", "food", "x")

    assert caught.value.code == code
    assert sanitizer.seen == [] and store.files == {}


def test_bytes_that_decode_as_another_format_than_their_magic_are_rejected(store, clock):
    with pytest.raises(InvalidInput) as caught:
        service(store, clock, FakeSanitizer(source_format="gif")).upload(
            "u1", PNG_HEAD, "x.png", "food", "x"
        )

    assert caught.value.code == "invalid_image"
    assert store.files == {}


@pytest.mark.parametrize("name", [None, "", "   ", "x" * 201])
def test_item_name_is_required_and_bounded(store, clock, name):
    with pytest.raises(InvalidInput):
        service(store, clock).upload("u1", PNG_HEAD, "x.png", "food", name)
    assert store.files == {}


def test_only_the_callers_own_uploads_are_kept_as_storage_keys(store, clock):
    images = service(store, clock)
    mine = images.upload("u1", PNG_HEAD, "x.png", "food", "x")

    assert images.stored_reference("u1", mine.url) == mine.key
    assert images.stored_reference("u1", f" {mine.key} ") == mine.key
    for owner, path in [
        ("u2", mine.url),
        ("u2", mine.key),
        ("u1", "https://evil.example/x.png"),
        ("u1", ""),
    ]:
        assert images.stored_reference(owner, path) == path  # kept as sent, never resolved


def test_local_store_keeps_files_inside_its_root(tmp_path, clock):
    root = tmp_path / "files"
    store = LocalImageStore(root, ItsDangerousUrlSigner("s" * 40, clock))
    store.save("uploads/u1/food/a.png", b"png", "image/png")
    (tmp_path / "secret").write_text("x")

    assert store.open("uploads/u1/food/a.png") == b"png"
    assert store.open("uploads/../../secret") is None
    assert store.open("uploads/u1/food/missing.png") is None
    with pytest.raises(ValueError):
        store.save("../escape/x.png", b"x", "image/png")
    url = store.url("uploads/u1/food/a.png", timedelta(days=7))
    assert url.startswith("/api/files/uploads/u1/food/a.png?expires=")
    assert store.key_from_url(f"https://api.example{url}") == "uploads/u1/food/a.png"
    assert [p.name for p in root.rglob("*") if p.is_file()] == ["a.png"]


def test_local_store_lists_the_keys_under_a_prefix_and_no_partial_file(tmp_path, clock):
    root = tmp_path / "files"
    store = LocalImageStore(root, ItsDangerousUrlSigner("s" * 40, clock))
    for key in ("reference/food/b.png", "reference/ingredient/x/a.jpg", "uploads/u1/food/c.png"):
        store.save(key, b"png", "image/png")
    (root / "reference" / "food" / ".b.png.0123.part").write_bytes(b"half")

    assert store.list_keys("reference/") == ["reference/food/b.png", "reference/ingredient/x/a.jpg"]
    assert store.list_keys("reference/ingredient/") == ["reference/ingredient/x/a.jpg"]
    assert store.list_keys("missing/") == []
    assert store.list_keys("../") == []
