from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.accounts.models import ApiToken, User
from citypeers.core.tokens import hash_token, new_token

TOKEN_PREFIX = "cp_"
PREFIX_LENGTH = 10  # "cp_" and seven characters: enough to tell tokens apart in a list
MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token and return it with its secret.

    The secret is returned once and never stored: only its SHA-256 hash and a short prefix are.
    """
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            f"You already have {MAX_ACTIVE_TOKENS} active tokens; revoke one you no longer use."
        )
    raw = new_token(TOKEN_PREFIX)
    token = ApiToken(
        user=user,
        name=(name or "").strip() or "API token",
        prefix=raw[:PREFIX_LENGTH],
        token_hash=hash_token(raw),
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def revoke_api_token(*, token: ApiToken) -> ApiToken:
    """Stop a token working at once. The row stays so the list can show what was revoked."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token
