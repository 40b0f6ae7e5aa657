"""Ports of the reports feature: the PDF renderer, and the sources it reads (the use cases
other features already offer; reports keep no bookkeeping of their own)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from zerowaste.application.analytics.ports import ReportRenderer as ChartsAndTables
from zerowaste.application.analytics.service import Analytics
from zerowaste.application.images import ImageService
from zerowaste.application.inventory.queries import InventoryQueries
from zerowaste.application.meal_plans.planner import MealPlanner
from zerowaste.application.notifications.notifier import Notifier
from zerowaste.application.ports.storage import UrlSigner
from zerowaste.application.recipes.book import RecipeBook
from zerowaste.application.savings.service import RecipeSavings
from zerowaste.application.shopping.service import ShoppingLists
from zerowaste.domain.reports.document import Document


class ReportRenderer(Protocol):
    def pdf(self, document: Document) -> bytes:
        """The document as a PDF: fonts embedded, pages numbered, sources in the footer."""
        ...


@dataclass(frozen=True)
class Sources:
    """What reports read, through each feature's own use cases (scoped to the caller)."""

    planner: MealPlanner
    shopping: ShoppingLists
    recipes: RecipeBook
    analytics: Analytics
    inventory: InventoryQueries
    savings: RecipeSavings
    images: ImageService  # recipe pictures, and where built reports are stored


@dataclass(frozen=True)
class Outputs:
    """How reports are drawn, signed and announced."""

    pdf: ReportRenderer
    files: ChartsAndTables  # the analytics charts and the CSV/XLSX table writer
    signer: UrlSigner
    notifier: Notifier
