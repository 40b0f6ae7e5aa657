"""Ports shared by every feature: what the application needs from the outside world.

Feature-specific ports (repositories, identity, image links) live beside their feature, in
`application/<feature>/ports.py`; adapters in `zerowaste.infrastructure` implement them and
tests use the fakes in `tests/fakes/`.
"""
