"""Argon2 with small parameters, for the test suite and for seeded fake accounts only.

Argon2 stores its parameters in each hash, so the regular hasher verifies these hashes
and upgrades them to the full parameters at the account's next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class LightArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 64
    parallelism = 1
