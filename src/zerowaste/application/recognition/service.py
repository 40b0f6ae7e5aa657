"""Recognition use cases: photos → ingredients and foods the client can add to its inventory.

Only the caller's own uploads can be recognised. The AI gateway picks the provider (Gemini or
the local OCR/barcode engine) and says when it fell back. Barcodes are resolved through the
barcode table that users' confirmations grow, never guessed; the caller's past corrections
rename what the provider found. Each item gets its dates, allergy alert and a picture drawn
in the background (one per name, shared). Every recognition is stored: history, feedback,
the async status and the inventory's "add from recognition" read it back.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from zerowaste.application.ai.codec import findings_from_dict, findings_to_dict
from zerowaste.application.ai.gateway import AiGateway
from zerowaste.application.images import ImageService
from zerowaste.application.pictures import JobStarter, PictureService, Progress
from zerowaste.application.ports.ai import AiContext, ImageInput, ImageSubject
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recognition.model import ItemView, RecognitionView
from zerowaste.application.recognition.ports import RecognitionUnitOfWork
from zerowaste.domain.accounts.users import User
from zerowaste.domain.recognition import results as rules
from zerowaste.domain.recognition.items import (
    Findings,
    Kind,
    RecognizedFood,
    RecognizedIngredient,
)
from zerowaste.domain.recognition.master import from_master
from zerowaste.domain.recognition.results import Recognition
from zerowaste.domain.shared.errors import InvalidInput, NotFound

JOB_TYPE = "recognition.run"


class RecognitionNotFound(NotFound):
    code = "recognition_not_found"


class RecognitionService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecognitionUnitOfWork],
        clock: Clock,
        gateway: AiGateway,
        images: ImageService,
        catalog: ReferenceCatalog,
        pictures: PictureService,
        jobs: JobStarter,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._gateway = gateway
        self._images = images
        self._catalog = catalog
        self._pictures = pictures
        self._jobs = jobs
        self._new_id = new_id

    def recognize(
        self, user_uid: str, images_paths: list[str], kind: Kind, *, complete: bool = False
    ) -> RecognitionView:
        """Recognise now (the client waits): store the result and start drawing pictures."""
        started = time.monotonic()
        keys = self._owned_keys(user_uid, images_paths)
        view = self._recognize(user_uid, keys, kind, complete=complete)
        return replace(view, processing_ms=int((time.monotonic() - started) * 1000))

    def start(self, user_uid: str, images_paths: list[str], kind: Kind) -> Any:
        """Recognise in a background job; the job (its id is the client's `task_id`)."""
        keys = self._owned_keys(user_uid, images_paths)
        payload = {"image_keys": keys, "kind": kind, "recognition_id": self._new_id()}
        return self._jobs.start(user_uid, JOB_TYPE, payload)

    def run_job(self, user_uid: str, payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
        rid = payload["recognition_id"]
        try:  # a redelivered job whose recognition was stored already: its stored answer
            view = self.get(user_uid, rid)
        except RecognitionNotFound:
            progress.report(10, "reading the photos")
            view = self._recognize(user_uid, list(payload["image_keys"]), payload["kind"], rid=rid)
        progress.report(90, "recognised")
        return {
            "recognition_id": view.recognition.id,
            "ingredients": [_summary(v) for v in view.ingredients],
            "foods": [_summary(v) for v in view.foods],
            "images_job_id": view.images_job_id,
            "provider": view.recognition.provider,
            "degraded": view.recognition.degraded,
        }

    def get(self, user_uid: str, recognition_id: str) -> RecognitionView:
        with self._uow_factory.read() as uow:
            recognition = uow.recognitions.get(user_uid, recognition_id)
            user = uow.users.get(user_uid)
        if recognition is None or user is None:
            raise RecognitionNotFound("Recognition not found")
        return self._view(recognition, user, {})

    def history(self, user_uid: str, limit: int, offset: int) -> tuple[list[RecognitionView], int]:
        limit = max(1, min(limit, rules.MAX_HISTORY_PAGE))
        with self._uow_factory.read() as uow:
            found = uow.recognitions.history(user_uid, limit, max(0, offset))
            total = uow.recognitions.count(user_uid)
            user = uow.users.get(user_uid)
        if user is None:
            return [], 0
        return [self._view(r, user, {}) for r in found], total

    def feedback(self, user_uid: str, recognition_id: str, feedback: dict[str, Any]) -> int:
        """Store the feedback; corrections rename future matches and confirm barcodes.
        Returns how many corrections were applied."""
        now = self._clock.now()
        with self._uow_factory() as uow:
            recognition = uow.recognitions.get(user_uid, recognition_id)
            if recognition is None:
                raise RecognitionNotFound("Recognition not found")
            applied = 0
            for correction in feedback.get("corrections") or []:
                wrong, right = correction.get("name", ""), correction.get("correct_name", "")
                if right.strip():
                    if wrong.strip():
                        uow.corrections.correct(user_uid, wrong, right.strip(), now)
                    code = correction.get("barcode") or _barcode_of(recognition, wrong)
                    if code:
                        uow.barcodes.confirm(code, user_uid, right.strip(), now)
                    applied += 1
            uow.recognitions.add_feedback(user_uid, recognition_id, feedback, now)
            uow.commit()
        return applied

    def _owned_keys(self, user_uid: str, images_paths: list[str]) -> list[str]:
        rules.check_image_count(len(images_paths))
        return [self._images.upload_key_of(user_uid, path) for path in images_paths]

    def _recognize(
        self,
        user_uid: str,
        keys: list[str],
        kind: Kind,
        *,
        complete: bool = False,
        rid: str | None = None,
    ) -> RecognitionView:
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_uid)
            corrections = uow.corrections.for_user(user_uid)
        if user is None:
            raise NotFound("Profile not found", code="profile_not_found")
        context = _context(user)
        images = [ImageInput(*self._images.read_key(key)) for key in keys]
        answer = self._gateway.recognize(user_uid, images, kind, context)
        findings, barcodes = self._resolve_barcodes(user_uid, answer.value, context)
        findings = _apply_corrections(findings, corrections)
        recognition = Recognition(
            id=rid or self._new_id(),
            user_uid=user_uid,
            kind=kind,
            provider=answer.provider,
            degraded=answer.degraded,
            findings=findings_to_dict(findings),
            barcodes=barcodes,
            notes=[*answer.notes, *findings.notes],
            image_keys=keys,
            created_at=self._clock.now(),
        )
        subjects = [_subject(i) for i in findings.ingredients]
        subjects += [_subject(f) for f in findings.foods]
        recognition.images_job_id = (
            self._pictures.request(user_uid, subjects, context) if subjects else None
        )
        with self._uow_factory() as uow:
            uow.recognitions.add(recognition)
            uow.commit()
        enrichment = self._enrich(user_uid, findings, context) if complete else {}
        return self._view(recognition, user, enrichment)

    def _resolve_barcodes(
        self, user_uid: str, findings: Findings, context: AiContext
    ) -> tuple[Findings, list[dict[str, Any]]]:
        if not findings.barcodes:
            return findings, []
        resolved: list[dict[str, Any]] = []
        found: list[RecognizedIngredient] = []
        with self._uow_factory.read() as uow:
            names = {b.text: uow.barcodes.lookup(b.text, user_uid) for b in findings.barcodes}
        for code in findings.barcodes:
            name = names[code.text]
            resolved.append(
                {"code": code.text, "format": code.format, "matched": name is not None}
                | ({"name": name} if name else {})
            )
            if name:
                item = from_master(
                    name,
                    self._catalog.match(name),
                    self._catalog.shelf_life(name),
                    self._catalog.default_unit_and_storage(name),
                    language=context.language,
                    source="barcode",
                    confidence=1.0,
                    barcode=code.text,
                )
                # The name users confirmed, the master's storage and shelf life.
                found.append(replace(item, name=name, box=code.box))
        return replace(findings, ingredients=(*findings.ingredients, *found)), resolved

    def _enrich(
        self, user_uid: str, findings: Findings, context: AiContext
    ) -> dict[str, dict[str, Any]]:
        result = {}
        for item in findings.ingredients:
            advice = self._gateway.advise(
                user_uid,
                item.name,
                kind="ingredient",
                description=item.description,
                context=context,
            )
            result[item.name] = advice.value
        return result

    def _view(
        self, recognition: Recognition, user: User, enrichment: dict[str, dict[str, Any]]
    ) -> RecognitionView:
        findings = findings_from_dict(recognition.findings)
        codes = self._allergy_codes(user)
        language = user.profile.language
        names = [i.name for i in findings.ingredients]
        foods = [f.name for f in findings.foods]
        pictures = {
            **self._pictures.statuses("ingredient", names),
            **self._pictures.statuses("food", foods),
        }
        added = recognition.created_at
        views = []
        everything: list[RecognizedIngredient | RecognizedFood] = [
            *findings.ingredients,
            *findings.foods,
        ]
        for item in everything:
            allergens = self._catalog.allergens_for(item.name)
            alert = rules.allergy_alert(allergens, codes)
            views.append(
                ItemView(
                    item=item,
                    added_at=added,
                    expiration_date=rules.expiry_date(
                        added.date(), item.expiration_time, item.time_unit
                    ),
                    allergens=allergens,
                    allergy_alert=bool(alert),
                    alert_message=rules.alert_message(item.name, alert, language) if alert else "",
                    picture=pictures[item.name],
                    enrichment=enrichment.get(item.name, {}),
                )
            )
        ingredients = views[: len(findings.ingredients)]
        return RecognitionView(
            recognition, ingredients, views[len(findings.ingredients) :], recognition.images_job_id
        )

    def _allergy_codes(self, user: User) -> set[str]:
        terms = user.profile.allergy_terms()
        return set(self._catalog.allergen_codes_for_terms(terms)) if terms else set()


def _context(user: User) -> AiContext:
    return AiContext(user.profile.language or "es", user.profile.measurement_unit or "metric")


def _subject(item: RecognizedIngredient | RecognizedFood) -> ImageSubject:
    if isinstance(item, RecognizedFood):
        food_facts = (item.category, f"{item.calories} kcal", item.storage)
        return ImageSubject(item.name, "food", item.category, item.description, food_facts)
    facts = (item.storage, f"{item.expiration_time} {item.time_unit}")
    return ImageSubject(item.name, "ingredient", "", item.description, facts)


def _apply_corrections(findings: Findings, corrections: dict[str, str]) -> Findings:
    if not corrections:
        return findings

    def fix(name: str) -> str:
        return corrections.get(rules.fold_name(name), name)

    return replace(
        findings,
        ingredients=tuple(replace(i, name=fix(i.name)) for i in findings.ingredients),
        foods=tuple(replace(f, name=fix(f.name)) for f in findings.foods),
    )


def _barcode_of(recognition: Recognition, name: str) -> str | None:
    for item in recognition.findings.get("ingredients", []):
        if item.get("barcode") and rules.fold_name(item["name"]) == rules.fold_name(name):
            return str(item["barcode"])
    return None


def _summary(view: ItemView) -> dict[str, Any]:
    return {"name": view.item.name, "image_path": view.picture.url, "status": view.picture.status}


def unknown_kind(kind: str) -> InvalidInput:
    return InvalidInput("Unknown recognition kind", code="invalid_kind", details={"kind": kind})
