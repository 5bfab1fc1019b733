from django.core.exceptions import ValidationError


def error_text(error: ValidationError) -> str:
    """One readable sentence from a service's ValidationError."""
    return " ".join(str(message) for message in error.messages)
