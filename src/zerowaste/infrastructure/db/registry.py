"""Attach every feature's repository to the unit of work (one line per feature)."""

from zerowaste.infrastructure.db.inventory import SqlAlchemyInventoryRepository
from zerowaste.infrastructure.db.uow import register_repository
from zerowaste.infrastructure.db.users import SqlAlchemySessionRepository, SqlAlchemyUserRepository

register_repository("users", SqlAlchemyUserRepository)
register_repository("sessions", SqlAlchemySessionRepository)
register_repository("inventory", SqlAlchemyInventoryRepository)
