"""Environmental savings of food eaten instead of wasted: per recipe (`calculation`) and over a
user's dated records (`summary`).

A package of its own rather than part of recipes: cooking a recipe, the savings routes and
(later) consuming inventory items all record savings, and the rules only need food names,
quantities, footprints and prices, never a recipe.
"""
