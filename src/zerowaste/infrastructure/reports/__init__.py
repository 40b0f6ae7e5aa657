"""Report writers: charts (matplotlib) and tables (CSV, XLSX)."""
