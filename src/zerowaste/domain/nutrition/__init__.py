"""Nutrition from USDA SR28: per-100 g values, grams of a line, totals, SR28 name matching."""
