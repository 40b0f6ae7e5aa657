"""Moving rows between households (StockTransfer): the stock a join brings or a leave takes,
the history and shared rows a joiner's household of one hands over before it is deleted, and
what an undo of that join gives back.

The application plans the move with the domain (inventory.transfer.plan_transfer); this adapter
only re-homes rows, every one through `_rehome`. Both households are locked by the caller
(HouseholdRepository.lock) before any of this runs, so no writer of either household sees half
a move. What a join hands over is written down under the join as it moves (`JoinSharedRow`,
one INSERT ... SELECT per kind), so an undo returns those rows and none added since.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    cast,
    delete,
    insert,
    literal,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from zerowaste.infrastructure.db.household_joins import JoinSharedRow
from zerowaste.infrastructure.db.inventory.tables import ItemRow, JournalRow, StackRow
from zerowaste.infrastructure.db.plan_history import PlanGenerationRow
from zerowaste.infrastructure.db.recipe_changes import mark_recipes_moved
from zerowaste.infrastructure.db.recipe_history import CookRow, GenerationRow
from zerowaste.infrastructure.db.recipes import RecipeRow
from zerowaste.infrastructure.db.savings import SavingsRow
from zerowaste.infrastructure.db.shopping import ShoppingListRow

# What a household owns with no key of its own beside its id: these rows change household as
# they are (a shopping list's items follow their list). Meal plans are keyed by (household,
# date, meal) and stay (the joined plan counts); a join deletes the joiner's with their
# household of one. Each kind is written down by its key (savings: recipe and user).
SHARED: dict[str, Any] = {
    "recipe": RecipeRow,
    "cook": CookRow,
    "generation": GenerationRow,
    "plan": PlanGenerationRow,
    "savings": SavingsRow,
    "list": ShoppingListRow,
}
HISTORY = "journal"  # the journal of stock that is gone (no item), handed over with the stock


class SqlAlchemyStockTransfer:
    def __init__(self, session: Session) -> None:
        self._s = session

    def rehome(self, item_ids: list[int], source: str, target: str) -> None:
        """Move items of `source` as they are (stacks and journal rows with them)."""
        if not item_ids:
            return
        self._rehome(ItemRow, source, target, ItemRow.id.in_(item_ids))
        self._rehome(StackRow, source, target, StackRow.item_id.in_(item_ids))
        self._rehome(JournalRow, source, target, JournalRow.item_id.in_(item_ids))

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
            self._rehome(
                StackRow,
                source,
                target,
                StackRow.id == stack_id,
                item_id=into_item_id,
                added_at=added_at,
            )
        self._rehome(
            JournalRow, source, target, JournalRow.item_id == item_id, item_id=into_item_id
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
            self._rehome(StackRow, source, target, StackRow.id.in_(stacks), item_id=copy)
        return len(groups)

    def _copy_item(self, item_id: int, target: str) -> int:
        original = self._s.execute(select(ItemRow.__table__).where(ItemRow.id == item_id)).one()
        values = {k: v for k, v in original._mapping.items() if k != "id"}
        row = ItemRow(**{**values, "household_id": target})
        self._s.add(row)
        self._s.flush()
        return row.id

    def move_history(self, source: str, target: str, join_id: int) -> None:
        """Move the journal of stock that is gone (eaten, wasted, removed) to `target`: the
        history of a household of one whose last member joins another, with their stock;
        written down under the join."""
        gone = JournalRow.item_id.is_(None)
        self._write_down(join_id, HISTORY, JournalRow, source, gone)
        self._rehome(JournalRow, source, target, gone)

    def move_shared(self, source: str, target: str, join_id: int) -> None:
        """Hand `source`'s saved recipes, cook and generation history, generated plans,
        savings and shopping lists to `target`, written down under the join."""
        for kind, table in SHARED.items():
            self._write_down(join_id, kind, table, source)
            self._rehome(table, source, target)

    def return_shared(self, join_id: int, source: str, target: str) -> None:
        """Give `target` back what the join handed `source` (`move_shared`, `move_history`)
        and `source` still holds; rows added there since stay."""
        for kind, table in [*SHARED.items(), (HISTORY, JournalRow)]:
            self._rehome(table, source, target, self._written_down(join_id, kind, table))

    def _rehome(
        self, table: Any, source: str, target: str, *where: ColumnElement[bool], **values: Any
    ) -> None:
        """Give `source`'s rows of `table` (those matching `where`) to `target`, with
        `values` changed too: the one statement every move above is made of."""
        moved = self._s.execute(
            update(table)
            .where(table.household_id == source, *where)
            .values(household_id=target, **values)
            .execution_options(synchronize_session=False)
        )
        if table is RecipeRow and moved.rowcount:  # type: ignore[attr-defined]
            mark_recipes_moved(self._s)  # the search index's own part reloads everywhere

    def _write_down(
        self, join_id: int, kind: str, table: Any, source: str, *where: ColumnElement[bool]
    ) -> None:
        """Record under the join the keys of `source`'s rows of `table` about to move."""
        ref, user = _keys(table)
        rows = select(
            literal(join_id),
            literal(kind),
            cast(ref, String),
            user if user is not None else literal(""),
        ).where(table.household_id == source, *where)
        columns = ["join_id", "kind", "ref", "user_uid"]
        self._s.execute(insert(JoinSharedRow).from_select(columns, rows))

    def _written_down(self, join_id: int, kind: str, table: Any) -> ColumnElement[bool]:
        """Rows of `table` the join wrote down under `kind`."""
        ref, user = _keys(table)
        logged = JoinSharedRow.join_id == join_id, JoinSharedRow.kind == kind
        if user is not None:
            pairs = select(JoinSharedRow.ref, JoinSharedRow.user_uid).where(*logged)
            return tuple_(ref, user).in_(pairs)
        logged_ref: Any = JoinSharedRow.ref
        if isinstance(ref.type, Integer):  # ids of integer tables come back as numbers
            logged_ref = cast(logged_ref, Integer)
        found: ColumnElement[bool] = ref.in_(select(logged_ref).where(*logged))
        return found


def _keys(table: Any) -> tuple[Any, Any]:
    """A shared table's key: (its id or recipe uid, its user for savings, else None)."""
    if table is SavingsRow:
        return SavingsRow.recipe_uid, SavingsRow.user_uid
    if table is RecipeRow:
        return RecipeRow.uid, None
    return table.id, None
