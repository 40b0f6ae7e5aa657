"""Personal recommendations: interaction weights, near-duplicates, the score blend, reasons."""
