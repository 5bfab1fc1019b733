"""Test settings: the real settings module with fast, isolated services."""

import os
import tempfile

os.environ.setdefault("CITYPEERS_DEBUG", "1")
os.environ.setdefault("CITYPEERS_DATA_DIR", tempfile.mkdtemp(prefix="citypeers-test-"))

from citypeers.settings import *  # noqa: F403 - test settings are the real ones, overridden

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405 - from the star import
SECURE_SSL_REDIRECT = False
# Wagtail's trick: a non-US zone flushes out naive datetimes.
TIME_ZONE = "Asia/Tokyo"
# No API rate limits in the suite and the in-process benchmarks (thousands of requests from one
# address); tests/api/test_rate_limits.py sets its own.
CITYPEERS_API_RATE_LIMITS = {"anonymous": "", "authenticated": ""}
