"""The admin schemas the spec defines (interface.http.definitions:
the names routes $ref, nested schemas first)."""

from __future__ import annotations

from zerowaste.interface.http.admin import reference_schemas as reference
from zerowaste.interface.http.admin import schemas as admin
from zerowaste.interface.http.schemas import Definitions

DEFINITIONS: Definitions = [
    ("AdminUser", admin.AdminUserSchema),
    ("AdminUsers", admin.AdminUsersSchema),
    ("AdminUserTotals", admin.UserTotalsSchema),
    ("AdminActiveUsers", admin.ActiveUsersSchema),
    ("AdminCohort", admin.CohortSchema),
    ("AdminRecipeTotals", admin.RecipeTotalsSchema),
    ("AdminModelUsage", admin.ModelUsageSchema),
    ("AdminWasteAvoided", admin.WasteAvoidedSchema),
    ("AdminStats", admin.AdminStatsSchema),
    ("AdminHealth", admin.AdminHealthSchema),
    ("AdminAction", admin.AdminActionSchema),
    ("AdminAuditPage", admin.AdminAuditPageSchema),
    ("ReferenceImage", reference.ReferenceImageSchema),
    ("ReferencePage", reference.ReferencePageSchema),
    ("ReferenceUpdate", reference.ReferenceUpdateSchema),
    ("ReferenceDeleted", reference.ReferenceDeletedSchema),
    ("ReferenceSync", reference.ReferenceSyncSchema),
]
