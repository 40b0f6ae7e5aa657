"""Inventory reads: item views with allergy alerts and enrichment, expiring items, the journal,
and the version token that tags every cached rendering of a caller's inventory."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from zerowaste.application.accounts.ports import DataVersionReader
from zerowaste.application.inventory.intake import Intake
from zerowaste.application.inventory.model import ItemRef, ItemView, Snapshot
from zerowaste.application.inventory.ports import ImageLinks, InventoryUnitOfWork
from zerowaste.application.inventory.refs import ItemNotFound, load_item
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.accounts.users import User
from zerowaste.domain.inventory.expiry import days_to_expire
from zerowaste.domain.inventory.items import InventoryItem
from zerowaste.domain.shared.errors import NotFound

MAX_JOURNAL_PAGE = 200


class InventoryQueries:
    """Reads of the caller's household inventory; the caller is a user (whose allergies the
    alerts use), the rows belong to their household."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[InventoryUnitOfWork],
        clock: Clock,
        catalog: ReferenceCatalog,
        versions: DataVersionReader,
        images: ImageLinks | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._catalog = catalog
        self._versions = versions
        self._intake = Intake(catalog, images)

    def version(self, user_id: str) -> str:
        """A token naming what the caller's inventory views show today, from the database in
        one query: the household's data version (every inventory write moves it on), the
        user's own version (a profile change moves the allergy alerts) and the date (days to
        expiry change at midnight). Read it BEFORE the data a cache stores under it: a reader
        that loaded the old state while a write committed stores it under a token that is
        already old. Kept in the database, so no cache outage or restart can serve stale data."""
        found = self._versions.version_of(user_id)
        if found is None:
            raise NotFound("Household not found", code="household_not_found")
        return f"{found.token()}.{self._clock.today().isoformat()}"

    def snapshot(self, user_id: str) -> Snapshot:
        """The whole household inventory and the caller's allergy codes: three queries (the
        caller, items, their stacks), whatever the number of items."""
        return self._read(user_id, enriched=False)[0]

    def views(self, user_id: str, *, enriched: bool = False) -> tuple[list[ItemView], Snapshot]:
        """Every item with its allergy alert; stored enrichment too when asked (one query more,
        in the same read)."""
        snap, enrichment = self._read(user_id, enriched=enriched)
        codes = snap.allergy_codes
        views = [self._view(i, codes, enrichment.get(i.id or 0, {})) for i in snap.items]
        return views, snap

    def _read(self, user_id: str, *, enriched: bool) -> tuple[Snapshot, dict[int, dict[str, Any]]]:
        enrichment: dict[int, dict[str, Any]] = {}
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_id)
            items = uow.inventory.list_items(user.household_id) if user else []
            if enriched and user and items:
                ids = [i.id for i in items if i.id is not None]
                enrichment = uow.inventory.enrichments(user.household_id, ids)
            codes = self._allergy_codes(user)
        return Snapshot(items, codes, self._clock.today()), enrichment

    def item(self, user_id: str, ref: ItemRef) -> tuple[ItemView, date]:
        """One item with every stack (the named one is not filtered out: detail shows all)."""
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_id)
            if user is None:
                raise ItemNotFound("Item not found")
            need_stack = ref.added_at is not None
            item, _ = load_item(uow.inventory, user.household_id, ref, need_stack=need_stack)
            enrichment = uow.inventory.enrichments(item.owner_id, [item.id or 0])
            codes = self._allergy_codes(user)
        return self._view(item, codes, enrichment.get(item.id or 0, {})), self._clock.today()

    def expiring(self, user_id: str, within_days: int) -> tuple[list[ItemView], Snapshot]:
        """Items whose nearest non-expired stack expires within [today, today + days]."""
        views, snap = self.views(user_id)
        result = []
        for view in views:
            fresh = [s for s in view.item.stacks if days_to_expire(s.expires_on, snap.today) >= 0]
            nearest = min((s.expires_on for s in fresh), default=None)
            if nearest is not None and days_to_expire(nearest, snap.today) <= within_days:
                result.append(view)
        result.sort(key=lambda v: min(s.expires_on for s in v.item.stacks))
        return result, snap

    def journal(
        self,
        user_id: str,
        *,
        reasons: list[str] | None = None,
        since: datetime | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """The household's journal, newest first (every member's changes, each with who)."""
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_id)
            if user is None:
                return []
            return uow.inventory.journal(
                user.household_id,
                reasons=reasons,
                since=since,
                limit=min(limit, MAX_JOURNAL_PAGE),
                offset=offset,
            )

    def _allergy_codes(self, user: User | None) -> set[str]:
        """EU-14 codes of the user's allergies (profile free text mapped via the catalog)."""
        terms = user.profile.allergy_terms() if user else []
        return set(self._catalog.allergen_codes_for_terms(terms)) if terms else set()

    def _view(self, item: InventoryItem, codes: set[str], enrichment: dict[str, Any]) -> ItemView:
        alert = sorted(set(item.allergens) & codes)
        url = self._intake.display_url(item)
        return ItemView(item, url, alert, bool(alert), enrichment)
