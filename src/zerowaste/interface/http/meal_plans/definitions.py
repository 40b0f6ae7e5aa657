"""The meal plans schemas the spec defines (interface.http.definitions:
the names routes $ref, nested schemas first)."""

from __future__ import annotations

from zerowaste.interface.http.meal_plans import day_schemas as days
from zerowaste.interface.http.meal_plans import meal_requests as day_requests
from zerowaste.interface.http.meal_plans import planner_requests as planner_requests
from zerowaste.interface.http.meal_plans import planner_schemas as planner
from zerowaste.interface.http.schemas import Definitions

DEFINITIONS: Definitions = [
    ("DayPlanRequest", day_requests.DayPlanRequestSchema),
    ("SlotInfo", days.SlotInfoSchema),
    ("DayPlan", days.DayPlanSchema),
    ("DayPlanSaved", days.DayPlanSavedSchema),
    ("DayPlanFound", days.DayPlanFoundSchema),
    ("DayPlanPage", days.DayPlanPageSchema),
    ("PlanDates", days.PlanDatesSchema),
    ("PlanDeleted", days.PlanDeletedSchema),
    ("SlotRequest", planner_requests.SlotRequestSchema),
    ("WeeklyPlan", planner_requests.WeeklyPlanSchema),
    ("PlanChanges", planner_requests.PlanChangesSchema),
    ("TemplateRequest", planner_requests.TemplateRequestSchema),
    ("ApplyTemplate", planner_requests.ApplyTemplateSchema),
    ("SlotChanges", planner_requests.SlotChangesSchema),
    ("RecipeSummary", planner.RecipeSummarySchema),
    ("PlannedSlot", planner.PlannedSlotSchema),
    ("PlanDay", planner.PlanDaySchema),
    ("PlanInfo", planner.PlanInfoSchema),
    ("WeekPlan", planner.WeekPlanSchema),
    ("MonthPlan", planner.MonthPlanSchema),
    ("TemplateSlot", planner.TemplateSlotSchema),
    ("Template", planner.TemplateSchema),
    ("Templates", planner.TemplatesSchema),
    ("SlotChanged", planner.SlotChangedSchema),
]
