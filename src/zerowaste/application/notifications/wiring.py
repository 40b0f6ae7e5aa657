"""The notification use cases as one set, built from a unit of work, a clock and a sender."""

from __future__ import annotations

from dataclasses import dataclass

from zerowaste.application.notifications.notifier import Notifier
from zerowaste.application.notifications.ports import NotificationsUnitOfWork, PushSender
from zerowaste.application.notifications.recipe_triggers import RecipeSuggestions, TrendingDigest
from zerowaste.application.notifications.service import NotificationCenter
from zerowaste.application.notifications.triggers import ExpiryReminders, ImagesReady, PlanReminders
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.suggestions import ExpirySuggestions
from zerowaste.application.recipes.trending import TrendingRecipes


@dataclass(frozen=True)
class Notifications:
    center: NotificationCenter  # the routes: subscriptions, preferences, the inbox
    notifier: Notifier  # every feature's notifications (inbox + push); deliver_due (beat)
    expiry_reminders: ExpiryReminders  # the beat's reminder at each user's morning
    plan_reminders: PlanReminders  # the beat's reminder of tomorrow's meals, evenings
    images_ready: ImagesReady  # the picture jobs' hook
    trending: TrendingDigest  # the beat's weekly trending recipes, Sunday mornings
    recipe_suggestions: RecipeSuggestions  # the beat's recipes for what expires, evenings

    @classmethod
    def build(
        cls,
        uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork],
        clock: Clock,
        sender: PushSender | None,  # None: inbox only (the embedded default)
        trending: TrendingRecipes,
        suggestions: ExpirySuggestions,  # the local recipe engine
    ) -> Notifications:
        notifier = Notifier(uow_factory, clock, sender)
        return cls(
            NotificationCenter(uow_factory, clock),
            notifier,
            ExpiryReminders(uow_factory, notifier),
            PlanReminders(uow_factory, notifier),
            ImagesReady(uow_factory, notifier),
            TrendingDigest(uow_factory, notifier, trending),
            RecipeSuggestions(uow_factory, notifier, suggestions),
        )
