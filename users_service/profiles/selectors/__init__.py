"""Read use-cases of the profiles app: ``buyers``, ``sellers`` and ``random_sellers``."""
