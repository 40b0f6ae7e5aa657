"""Inventory reads: the cached snapshot, item views with allergy alerts, expiring, journal."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from zerowaste.application.inventory.model import ItemRef, ItemView, Snapshot, inventory_cache_key
from zerowaste.application.inventory.support import InventorySupport
from zerowaste.domain.accounts.users import User
from zerowaste.domain.inventory.expiry import days_to_expire
from zerowaste.domain.inventory.items import InventoryItem

MAX_JOURNAL_PAGE = 200
SNAPSHOT_SUFFIX = ":snapshot"


class InventoryQueries(InventorySupport):
    def snapshot(self, owner_id: str) -> Snapshot:
        """The whole inventory: from the cache, else three queries (items, stacks, profile).

        Writers delete `inventory_cache_key` (a generation token) after they commit; the
        snapshot is stored under its own key tagged with the generation read *before* the
        database. A reader that loaded the old state while a write committed thus stores its
        copy under a generation that no longer exists, and nobody is served it.
        """
        key = inventory_cache_key(owner_id)
        today = self._clock.today()
        generation = self._cache.get(key)
        if not isinstance(generation, str):
            generation = uuid.uuid4().hex
            self._cache.set(key, generation, self._cache_ttl)
        cached = self._cache.get(key + SNAPSHOT_SUFFIX)
        if isinstance(cached, tuple) and len(cached) == 3 and cached[0] == generation:
            return Snapshot(cached[1], cached[2], today)
        with self._uow_factory.read() as uow:
            items = uow.inventory.list_items(owner_id)
            codes = self._allergy_codes(uow.users.get(owner_id))
        self._cache.set(key + SNAPSHOT_SUFFIX, (generation, items, codes), self._cache_ttl)
        return Snapshot(items, codes, today)

    def rendered(
        self,
        owner_id: str,
        view: str,
        render: Callable[[list[ItemView], Snapshot], bytes],
        *,
        enriched: bool = False,
    ) -> bytes:
        """A whole list view rendered once per user, view and day, then served from the cache.

        Building and encoding a few hundred stacks costs far more than reading them from the
        cache. The body is tagged with the generation read *before* the snapshot (and with the
        day, since days-to-expiry change at midnight), so after any write it is never served.
        """
        key = inventory_cache_key(owner_id)
        generation = self._cache.get(key)
        day = self._clock.today().isoformat()
        body_key = f"{key}:render:{view}"
        cached = self._cache.get(body_key)
        if (
            isinstance(generation, str)
            and isinstance(cached, tuple)
            and cached[:2] == (generation, day)
        ):
            return bytes(cached[2])
        views, snap = self.views(owner_id, enriched=enriched)
        body = render(views, snap)
        tag = generation if isinstance(generation, str) else self._cache.get(key)
        if isinstance(tag, str):
            self._cache.set(body_key, (tag, day, body), self._cache_ttl)
        return body

    def views(self, owner_id: str, *, enriched: bool = False) -> tuple[list[ItemView], Snapshot]:
        """Every item with its allergy alert; stored enrichment too when asked (one query)."""
        snap = self.snapshot(owner_id)
        enrichment: dict[int, dict[str, Any]] = {}
        if enriched:
            ids = [i.id for i in snap.items if i.id is not None]
            with self._uow_factory.read() as uow:
                enrichment = uow.inventory.enrichments(owner_id, ids)
        return [
            self._view(i, snap.allergy_codes, enrichment.get(i.id or 0, {})) for i in snap.items
        ], snap

    def item(self, owner_id: str, ref: ItemRef) -> tuple[ItemView, Snapshot]:
        """One item (the stack named by the reference is not filtered out: detail shows all)."""
        with self._uow_factory.read() as uow:
            item, _ = self._load(
                uow, owner_id, ref, lock=False, need_stack=ref.added_at is not None
            )
            enrichment = uow.inventory.enrichments(owner_id, [item.id or 0])
            codes = self._allergy_codes(uow.users.get(owner_id))
        # One item's view needs the profile's allergies, not the whole (cached) inventory.
        snap = Snapshot([item], codes, self._clock.today())
        return self._view(item, codes, enrichment.get(item.id or 0, {})), snap

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
        return ItemView(item, alert, bool(alert), enrichment)
