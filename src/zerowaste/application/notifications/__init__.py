"""Notifications: subscriptions, preferences, the inbox, push delivery and triggers."""
