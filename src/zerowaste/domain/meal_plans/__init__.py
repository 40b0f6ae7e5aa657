"""Meal plans: one store of slots (household, date, meal type) -> a recipe; days, weeks, months
and templates are views of it or snapshots taken from it."""
