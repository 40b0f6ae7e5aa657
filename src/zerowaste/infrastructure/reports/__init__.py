"""Report writers: charts (matplotlib) and tables (CSV, XLSX) for analytics and admin exports."""
