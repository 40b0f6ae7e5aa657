"""Administration use cases: the admin flag (granted from the command line), the checked and
audited admin calls, deployment-wide stats, health and CSV/XLSX exports."""
