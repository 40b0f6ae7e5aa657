"""Push delivery adapters (Firebase Cloud Messaging)."""
