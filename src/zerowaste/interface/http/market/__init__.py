"""Issue #13's read routes: market prices, seasonal produce, trending recipes by season,
cooking techniques and substitutes."""
