"""Issue #13's read use cases: market prices, seasonal produce, trending recipes by season,
cooking techniques and substitutes."""
