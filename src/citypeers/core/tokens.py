"""Secrets handed to people (API tokens, invitation links): made random, stored only as hashes."""

import hashlib
import secrets


def hash_token(raw: str) -> str:
    """SHA-256 of the secret. Tokens are 256-bit random, so a fast hash is enough (no salt)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token(prefix: str = "") -> str:
    """A fresh URL-safe secret, optionally marked with a readable prefix (e.g. `cp_`)."""
    return f"{prefix}{secrets.token_urlsafe(32)}"
