"""Stock that changes household (issue #14 §3): what a member brings when they join, or takes
when they leave. An item whose name the receiving household does not stock moves as it is; an
ingredient it already stocks gives its stacks to that item (one item per name), when their
units convert to its unit; anything else (units that do not convert, a food whose name and
second are taken) stays where it was and is reported, never silently mixed."""

from __future__ import annotations

from dataclasses import dataclass, field

from zerowaste.domain.inventory.items import InventoryItem
from zerowaste.domain.shared import units
from zerowaste.domain.shared.text import name_key


@dataclass
class TransferPlan:
    rehome: list[int] = field(default_factory=list)  # items that move as they are
    merge: list[tuple[int, int]] = field(default_factory=list)  # (item, receiving item)
    left_behind: list[str] = field(default_factory=list)  # names that cannot move

    @property
    def moved(self) -> int:
        return len(self.rehome) + len(self.merge)


def _identity(item: InventoryItem) -> tuple[str, str, str]:
    slot = ""
    if item.kind == "food" and item.stacks:
        slot = item.stacks[0].added_at.strftime("%Y%m%dT%H%M%S")
    return item.kind, name_key(item.name), slot


def plan_transfer(moving: list[InventoryItem], receiving: list[InventoryItem]) -> TransferPlan:
    """How `moving` joins the `receiving` household's stock."""
    taken = {_identity(item): item for item in receiving}
    plan = TransferPlan()
    for item in moving:
        assert item.id is not None
        target = taken.get(_identity(item))
        if target is None:
            plan.rehome.append(item.id)
            taken[_identity(item)] = item
        elif item.kind == "ingredient" and all(
            units.are_convertible(stack.unit, target.unit) for stack in item.stacks
        ):
            assert target.id is not None
            plan.merge.append((item.id, target.id))
        else:
            plan.left_behind.append(item.name)
    return plan
