"""Inventory reads: item views with allergy alerts and enrichment, expiring items, the journal,
and the version token that tags every cached rendering of an owner's inventory."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from zerowaste.application.inventory.intake import Intake
from zerowaste.application.inventory.model import ItemRef, ItemView, Snapshot, inventory_cache_key
from zerowaste.application.inventory.ports import ImageLinks, InventoryUnitOfWork
from zerowaste.application.inventory.refs import load_item
from zerowaste.application.ports.cache import Cache
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.accounts.users import User
from zerowaste.domain.inventory.expiry import days_to_expire
from zerowaste.domain.inventory.items import InventoryItem

MAX_JOURNAL_PAGE = 200


class InventoryQueries:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[InventoryUnitOfWork],
        clock: Clock,
        catalog: ReferenceCatalog,
        cache: Cache,
        cache_ttl: int = 300,
        images: ImageLinks | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._catalog = catalog
        self._cache = cache
        self._cache_ttl = cache_ttl
        self._intake = Intake(catalog, images)

    def version(self, owner_id: str) -> str:
        """A token naming the owner's inventory as it is today: a new one after every write
        (writers delete the generation after they commit) and every day (days to expiry
        change at midnight). Read it BEFORE reading the data you cache under it: a reader that
        loaded the old state while a write committed then stores its copy under a version that
        no longer exists, and nobody is served it."""
        key = inventory_cache_key(owner_id)
        generation = self._cache.get(key)
        if not isinstance(generation, str):
            generation = uuid.uuid4().hex
            self._cache.set(key, generation, self._cache_ttl)
        return f"{generation}:{self._clock.today().isoformat()}"

    def snapshot(self, owner_id: str) -> Snapshot:
        """The whole inventory and the owner's allergy codes: three queries (items, their
        stacks, the profile), whatever the number of items."""
        with self._uow_factory.read() as uow:
            items = uow.inventory.list_items(owner_id)
            codes = self._allergy_codes(uow.users.get(owner_id))
        return Snapshot(items, codes, self._clock.today())

    def views(self, owner_id: str, *, enriched: bool = False) -> tuple[list[ItemView], Snapshot]:
        """Every item with its allergy alert; stored enrichment too when asked (one query)."""
        snap = self.snapshot(owner_id)
        enrichment: dict[int, dict[str, Any]] = {}
        if enriched:
            ids = [i.id for i in snap.items if i.id is not None]
            with self._uow_factory.read() as uow:
                enrichment = uow.inventory.enrichments(owner_id, ids)
        codes = snap.allergy_codes
        views = [self._view(i, codes, enrichment.get(i.id or 0, {})) for i in snap.items]
        return views, snap

    def item(self, owner_id: str, ref: ItemRef) -> tuple[ItemView, date]:
        """One item with every stack (the named one is not filtered out: detail shows all)."""
        with self._uow_factory.read() as uow:
            need_stack = ref.added_at is not None
            item, _ = load_item(uow.inventory, owner_id, ref, lock=False, need_stack=need_stack)
            enrichment = uow.inventory.enrichments(owner_id, [item.id or 0])
            codes = self._allergy_codes(uow.users.get(owner_id))
        return self._view(item, codes, enrichment.get(item.id or 0, {})), self._clock.today()

    def expiring(self, owner_id: str, within_days: int) -> tuple[list[ItemView], Snapshot]:
        """Items whose nearest non-expired stack expires within [today, today + days]."""
        views, snap = self.views(owner_id)
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
        owner_id: str,
        *,
        reasons: list[str] | None = None,
        since: datetime | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        with self._uow_factory.read() as uow:
            return uow.inventory.journal(
                owner_id,
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
