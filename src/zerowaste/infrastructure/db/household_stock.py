"""Moving rows between households (StockTransfer): the stock a join brings or a leave takes,
and the history a joiner's household of one hands over before it is deleted.

The application plans the move with the domain (inventory.transfer.plan_transfer); this adapter
only re-homes rows. Both households are locked by the caller (HouseholdRepository.lock) before
any of this runs, so no writer of either household sees half a move.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from zerowaste.infrastructure.db.inventory.tables import ItemRow, JournalRow, StackRow
from zerowaste.infrastructure.db.plan_history import PlanGenerationRow
from zerowaste.infrastructure.db.recipe_history import CookRow, GenerationRow
from zerowaste.infrastructure.db.recipes import RecipeRow
from zerowaste.infrastructure.db.savings import SavingsRow
from zerowaste.infrastructure.db.shopping import ShoppingListRow

# What a household owns with no key of its own beside its id: these rows change household as
# they are. Meal plans are keyed by (household, date, meal) and stay (the joined plan counts).
SHARED_HISTORY = (RecipeRow, CookRow, GenerationRow, PlanGenerationRow, SavingsRow, ShoppingListRow)


class SqlAlchemyStockTransfer:
    def __init__(self, session: Session) -> None:
        self._s = session

    def rehome(self, item_ids: list[int], source: str, target: str) -> None:
        """Move items of `source` as they are (stacks and journal rows with them)."""
        if not item_ids:
            return
        for table, column in ((ItemRow, ItemRow.id), (StackRow, StackRow.item_id)):
            self._s.execute(
                update(table)
                .where(column.in_(item_ids), table.household_id == source)
                .values(household_id=target)
                .execution_options(synchronize_session=False)
            )
        self._move_journal(item_ids, source, target)

    def merge(self, item_id: int, into_item_id: int, source: str, target: str) -> list[int]:
        """Give the item's stacks (and journal) to `target`'s item of the same name; the item
        goes. A stack whose second the receiving item already holds moves a second on (stacks
        are keyed by item and second). The stacks' ids."""
        taken = set(
            self._s.scalars(select(StackRow.added_at).where(StackRow.item_id == into_item_id))
        )
        stacks = self._s.execute(
            select(StackRow.id, StackRow.added_at).where(
                StackRow.item_id == item_id, StackRow.household_id == source
            )
        ).all()
        for stack_id, added_at in stacks:
            while added_at in taken:
                added_at += timedelta(seconds=1)
            taken.add(added_at)
            self._s.execute(
                update(StackRow)
                .where(StackRow.id == stack_id)
                .values(item_id=into_item_id, household_id=target, added_at=added_at)
                .execution_options(synchronize_session=False)
            )
        self._s.execute(
            update(JournalRow)
            .where(JournalRow.item_id == item_id, JournalRow.household_id == source)
            .values(item_id=into_item_id, household_id=target)
            .execution_options(synchronize_session=False)
        )
        self._s.execute(
            delete(ItemRow)
            .where(ItemRow.id == item_id, ItemRow.household_id == source)
            .execution_options(synchronize_session=False)
        )
        return [stack_id for stack_id, _ in stacks]

    def split_off(self, stack_ids: list[int], source: str, target: str) -> int:
        """Give `source`'s stacks among `stack_ids` to `target`, each group as a copy of the
        item it is in (the undo of a merge); how many items that made."""
        found = self._s.execute(
            select(StackRow.id, StackRow.item_id).where(
                StackRow.id.in_(stack_ids), StackRow.household_id == source
            )
        ).all()
        groups: dict[int, list[int]] = {}
        for stack_id, item_id in found:
            groups.setdefault(item_id, []).append(stack_id)
        for item_id, stacks in groups.items():
            copy = self._copy_item(item_id, target)
            self._s.execute(
                update(StackRow)
                .where(StackRow.id.in_(stacks))
                .values(item_id=copy, household_id=target)
                .execution_options(synchronize_session=False)
            )
        return len(groups)

    def _copy_item(self, item_id: int, target: str) -> int:
        original = self._s.execute(select(ItemRow.__table__).where(ItemRow.id == item_id)).one()
        values = {k: v for k, v in original._mapping.items() if k != "id"}
        row = ItemRow(**{**values, "household_id": target})
        self._s.add(row)
        self._s.flush()
        return row.id

    def move_history(self, source: str, target: str) -> None:
        """Move the journal of stock that is gone (eaten, wasted, removed) to `target`: the
        history of a household of one whose last member joins another, with their stock."""
        self._s.execute(
            update(JournalRow)
            .where(JournalRow.household_id == source, JournalRow.item_id.is_(None))
            .values(household_id=target)
            .execution_options(synchronize_session=False)
        )

    def move_shared(self, source: str, target: str) -> None:
        """Hand `source`'s saved recipes, cook and generation history, generated plans,
        savings and shopping lists to `target`."""
        for table in SHARED_HISTORY:
            self._s.execute(
                update(table)
                .where(table.household_id == source)
                .values(household_id=target)
                .execution_options(synchronize_session=False)
            )

    def _move_journal(self, item_ids: list[int], source: str, target: str) -> None:
        self._s.execute(
            update(JournalRow)
            .where(JournalRow.item_id.in_(item_ids), JournalRow.household_id == source)
            .values(household_id=target)
            .execution_options(synchronize_session=False)
        )
