"""Seed data: one deterministic plan of fake accounts, sellers and gigs for every service.

``make seed`` fills a running fleet through its real use-cases and events: auth signs the
accounts up (``seed_accounts``), users turns some of them into sellers once their verified
profiles arrived (``seed_sellers``), gigs creates the sellers' gigs once the sellers'
summaries arrived (``seed_gigs``). Each service's command asks this plan who the N-th
account, seller or gig is, so the three agree without passing files around, and running
``make seed`` again adds only what is missing.
"""

from common.seed.plan import PlannedAccount, PlannedGig, PlannedSeller, account, gig, seller

__all__ = ["PlannedAccount", "PlannedGig", "PlannedSeller", "account", "gig", "seller"]
