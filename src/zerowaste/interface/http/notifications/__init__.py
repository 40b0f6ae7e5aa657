"""Notifications: device subscriptions, preferences and the inbox."""
