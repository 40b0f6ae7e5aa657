"""Adding what a stored recognition found to the inventory (rows 38/39, L2's shape:
`{recognition_id, selected_ingredients|selected_foods}`).

Only the caller's recognitions are read. Selected names that the recognition did not find are
refused (nothing is added) rather than invented. Adding an item that came from a barcode is the
user confirming what that code is: the barcode table learns it.
"""

from __future__ import annotations

from typing import Literal

from zerowaste.application.ai.codec import findings_from_dict
from zerowaste.application.inventory.model import ItemView, NewStock
from zerowaste.application.inventory.service import InventoryService
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recognition.ports import RecognitionUnitOfWork
from zerowaste.application.recognition.service import RecognitionNotFound
from zerowaste.domain.recognition.items import RecognizedFood, RecognizedIngredient
from zerowaste.domain.recognition.results import fold_name
from zerowaste.domain.shared.errors import InvalidInput

Section = Literal["ingredients", "foods"]


class RecognitionIntake:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecognitionUnitOfWork],
        clock: Clock,
        inventory: InventoryService,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._inventory = inventory

    def add(
        self, user_uid: str, recognition_id: str, section: Section, selected: list[str]
    ) -> tuple[list[ItemView], int]:
        """Add the selected items (all of the section when none are named); the views and
        how many lines were added."""
        with self._uow_factory.read() as uow:
            recognition = uow.recognitions.get(user_uid, recognition_id)
        if recognition is None:
            raise RecognitionNotFound(
                "Recognition not found", details={"recognition_id": recognition_id}
            )
        findings = findings_from_dict(recognition.findings)
        found: list[RecognizedIngredient | RecognizedFood] = list(
            findings.ingredients if section == "ingredients" else findings.foods
        )
        chosen = _select(found, selected)
        lines = [_line(item) for item in chosen]
        views = self._inventory.add(user_uid, lines) if lines else []
        self._confirm_barcodes(user_uid, chosen)
        return views, len(lines)

    def _confirm_barcodes(
        self, user_uid: str, items: list[RecognizedIngredient | RecognizedFood]
    ) -> None:
        codes = [
            (i.barcode, i.name) for i in items if isinstance(i, RecognizedIngredient) and i.barcode
        ]
        if not codes:
            return
        now = self._clock.now()
        with self._uow_factory() as uow:
            for code, name in codes:
                uow.barcodes.confirm(code, user_uid, name, now)
            uow.commit()


def _select(
    found: list[RecognizedIngredient | RecognizedFood], selected: list[str]
) -> list[RecognizedIngredient | RecognizedFood]:
    if not selected:
        return found
    by_name = {fold_name(i.name): i for i in found}
    missing = [name for name in selected if fold_name(name) not in by_name]
    if missing:
        raise InvalidInput(
            "These names are not in the recognition",
            code="not_recognized",
            details={"names": missing[:20]},
        )
    return [by_name[fold_name(name)] for name in dict.fromkeys(selected)]


def _line(item: RecognizedIngredient | RecognizedFood) -> NewStock:
    if isinstance(item, RecognizedFood):
        return NewStock(
            name=item.name,
            quantity=item.serving_quantity,
            unit="porciones",
            kind="food",
            storage=item.storage,
            tips=item.tips,
            expiration_time=item.expiration_time,
            time_unit=item.time_unit,
            category=item.category,
            description=item.description,
            calories=item.calories,
            main_ingredients=list(item.main_ingredients),
        )
    return NewStock(
        name=item.name,
        quantity=item.quantity,
        unit=item.unit,
        storage=item.storage,
        tips=item.tips,
        expiration_time=item.expiration_time,
        time_unit=item.time_unit,
        description=item.description,
    )
