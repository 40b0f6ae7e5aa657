"""Notification tables and repositories."""
