"""Issue #13's read rules: retail price comparisons and trends, seasons, techniques and
substitutes (pure, stdlib only)."""
