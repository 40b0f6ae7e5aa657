"""File renderings of reports and exports (CSV, XLSX)."""
