"""Attach every feature's repository to the unit of work (one line per feature)."""

from zerowaste.infrastructure.db.accounts import (
    SqlAlchemySessionRepository,
    SqlAlchemyUserRepository,
)
from zerowaste.infrastructure.db.inventory.repository import SqlAlchemyInventoryRepository
from zerowaste.infrastructure.db.uow import register_repository

register_repository("users", SqlAlchemyUserRepository)
register_repository("sessions", SqlAlchemySessionRepository)
register_repository("inventory", SqlAlchemyInventoryRepository)
