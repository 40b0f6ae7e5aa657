"""Notifications: preferences, quiet hours and the daily expiry reminder (pure rules)."""
