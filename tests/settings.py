"""Test settings: coffeechat's own settings, with a throwaway data folder and fast hashing."""

import os
import tempfile

os.environ["COFFEECHAT_DATA_DIR"] = tempfile.mkdtemp(prefix="coffeechat-test-")
os.environ.setdefault("COFFEECHAT_MODE", "local")

from coffeechat.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tasks are stored and not run: a test runs a queued task itself, as the worker would.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
