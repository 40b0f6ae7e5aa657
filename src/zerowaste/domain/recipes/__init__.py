"""Recipes: ingredient lines read into quantity, unit and food (lines), their amounts
(amounts, measures, notes), and conversions between count, mass and volume per food from USDA
SR28 household measures (portions, conversion)."""
