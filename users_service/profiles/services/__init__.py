"""Write use-cases of the profiles app: ``buyers``, ``sellers`` (what a seller writes) and
``seller_stats`` (what events from other services count)."""
