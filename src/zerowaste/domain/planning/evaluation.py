"""What a chosen set of slots takes from stock and what it is worth (pure): the one account of a
plan that both solvers report, so CBC's and the greedy fallback's plans read the same.

Stock is taken day by day, meal by meal: a recipe's need of a food comes from the lots of that
food still usable that day, most urgent first, up to what is left (earliest deadline first,
which for lots usable from the first day up to their expiry takes the most that can be taken).
Each unit taken earns its lot's urgency weight times the share of the food's stock it is: the
whole stock used is worth the food's (quantity-weighted) urgency once, however many recipes
share it, and a lot past its expiry on a slot's day gives that slot nothing. A recipe whose
amount of a food is unknown claims what is left of every lot of it still usable that day: the
food's urgency counts once in the window, never per recipe.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from zerowaste.domain.planning.plan import (
    KCAL_PER_GRAM,
    MACROS,
    DayTotals,
    FoodUse,
    Nutrition,
    Objective,
    Plan,
    PlannedSlot,
    PlanRequest,
    Unfilled,
)
from zerowaste.domain.planning.pool import Lot, Option, Pool

_PLACES = Decimal("0.001")


def rounded(value: float) -> Decimal:
    return Decimal(str(value)).quantize(_PLACES)


@dataclass
class Ledger:
    """What is left of each lot (as a share of it) while slots are filled in day order."""

    pool: Pool
    left: dict[int, float] = field(default_factory=dict)  # lot index -> share left (0..1)
    saved: float = 0.0
    taken: dict[str, float] = field(default_factory=dict)  # food key -> quantity taken
    drawn: dict[int, float] = field(default_factory=dict)  # lot index -> share taken by amount
    claimed: dict[int, float] = field(default_factory=dict)  # lot index -> share claimed

    def __post_init__(self) -> None:
        self.left = {i: 1.0 for i in range(len(self.pool.lots))}

    def gain(self, option: Option, day: int) -> float:
        """The reward `take` would add, without taking anything."""
        return sum(r for _key, _q, r in self._plan(option, day))

    def take(self, option: Option, day: int) -> tuple[FoodUse, ...]:
        uses = []
        for key, quantity, reward in self._plan(option, day, commit=True):
            lot = next(lot for lot in self.pool.lots if lot.key == key)
            self.saved += reward
            if quantity is not None:
                self.taken[key] = self.taken.get(key, 0.0) + quantity
            uses.append(
                FoodUse(
                    key, lot.name, rounded(quantity) if quantity is not None else None, lot.unit
                )
            )
        return tuple(uses)

    def objective(self) -> Objective:
        foods = []
        for key, quantity in sorted(self.taken.items()):
            lot = next(lot for lot in self.pool.lots if lot.key == key)
            foods.append(FoodUse(key, lot.name, rounded(quantity), lot.unit))
        return Objective(rounded(self.saved), tuple(foods))

    def _plan(
        self, option: Option, day: int, *, commit: bool = False
    ) -> list[tuple[str, float | None, float]]:
        """(food key, quantity taken or None when unknown, reward) for each food it uses."""
        found: list[tuple[str, float | None, float]] = []
        for key, need in sorted(option.needs.items()):
            usable = [
                (i, lot)
                for i, lot in enumerate(self.pool.lots)
                if lot.key == key and lot.days_left >= day and self.left[i] > 0
            ]
            if not usable:
                continue
            if need is None or not usable[0][1].measured:
                found.append((key, None, sum(t.weight * t.share * self.left[i] for i, t in usable)))
                if commit:
                    for i, _lot in usable:
                        self.claimed[i] = self.claimed.get(i, 0.0) + self.left[i]
                        self.left[i] = 0.0
                continue
            quantity, reward = self._draw(usable, need, commit)
            if quantity > 0:
                found.append((key, quantity, reward))
        return found

    def _draw(
        self, usable: list[tuple[int, Lot]], need: float, commit: bool
    ) -> tuple[float, float]:
        quantity = reward = 0.0
        for i, lot in usable:
            if need <= 0 or lot.quantity == 0:
                continue
            share = min(self.left[i], need / lot.quantity)
            need -= share * lot.quantity
            quantity += share * lot.quantity
            reward += lot.weight * lot.share * share
            if commit:
                self.left[i] -= share
                self.drawn[i] = self.drawn.get(i, 0.0) + share
        return quantity, reward


def day_totals(
    nutrition: list[Nutrition | None],
) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None, int]:
    """kcal, protein, fat, carbs (each summed over the slots that know it) and unknown slots."""
    known = [n for n in nutrition if n is not None]
    return (
        _sum([n.kcal for n in known]),
        _sum([n.protein for n in known]),
        _sum([n.fat for n in known]),
        _sum([n.carbs for n in known]),
        len(nutrition) - len(known),
    )


def _sum(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def assemble(
    pool: Pool,
    slots: list[tuple[int, str]],
    chosen: dict[int, int],
    request: PlanRequest,
    how: tuple[str, str, float],
    notes: tuple[str, ...] = (),
) -> Plan:
    """The plan of `chosen` (slot index -> option index): what each slot takes from stock, the
    days' totals and the objective's parts, as both solvers report them."""
    ledger = Ledger(pool)
    dates = request.dates
    planned: list[PlannedSlot] = []
    unfilled: list[Unfilled] = []
    for s, (d, meal) in enumerate(slots):  # in day order, so stock goes to the earliest first
        if s not in chosen:
            unfilled.append(Unfilled(dates[d], meal, "no_suitable_recipe"))
            continue
        option = pool.options[chosen[s]]
        recipe = option.candidate.recipe
        uses = ledger.take(option, d)
        planned.append(
            PlannedSlot(
                dates[d],
                meal,
                recipe.uid,
                recipe.title,
                request.servings,
                uses,
                option.candidate.nutrition,
            )
        )
    days = [_day(day, [p for p in planned if p.day == day], request) for day in dates]
    objective = replace(
        ledger.objective(),
        calorie_gap=sum((gap for _t, gap, _m in days), Decimal(0)),
        macro_deviation=sum((dev for _t, _g, dev in days), Decimal(0)),
    )
    solver, status, seconds = how
    return Plan(
        tuple(planned),
        tuple(unfilled),
        tuple(t for t, _g, _m in days),
        objective,
        solver,
        status,
        seconds,
        dict(pool.excluded),
        notes,
    )


def _day(
    day: date, slots: list[PlannedSlot], request: PlanRequest
) -> tuple[DayTotals, Decimal, Decimal]:
    kcal, protein, fat, carbs, unknown = day_totals([s.nutrition for s in slots])
    within, gap = None, Decimal(0)
    target = request.calories_per_day
    if target is not None:
        low, high = target * (1 - request.tolerance), target * (1 + request.tolerance)
        value = kcal or Decimal(0)
        gap = max(Decimal(0), low - value, value - high)
        within = gap == 0
    deviation = Decimal(0)
    split = request.macro_split
    if split is not None and None not in (protein, fat, carbs):
        grams = {"protein": protein, "fat": fat, "carbs": carbs}
        energy = {m: KCAL_PER_GRAM[m] * (grams[m] or Decimal(0)) for m in MACROS}
        total = sum(energy.values(), Decimal(0))
        deviation = sum((abs(energy[m] - total * split[m] / 100) for m in MACROS), Decimal(0))
    totals = DayTotals(day, kcal, protein, fat, carbs, unknown, within)
    return totals, rounded(float(gap)), rounded(float(deviation))
