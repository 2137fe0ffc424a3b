"""The seed plan: the same N gives the same data, names are unique and valid, gigs look real."""

import re
from decimal import Decimal

from common.seed import account, gig, seller
from common.seed.vocabulary import CATEGORY_SERVICES


def test_the_nth_account_is_always_the_same():
    assert account(7) == account(7)
    assert seller(7) == seller(7)
    assert gig(7, sellers=3) == gig(7, sellers=3)


def test_usernames_are_unique_and_valid_for_signup():
    names = [account(index).username for index in range(3000)]

    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9_.-]{3,30}", name) for name in names)


def test_a_sellers_username_is_its_accounts():
    assert seller(4).username == account(4).username


def test_gigs_are_spread_over_the_sellers_round_robin():
    assert [gig(index, sellers=3).seller_username for index in range(4)] == [
        account(0).username,
        account(1).username,
        account(2).username,
        account(0).username,
    ]


def test_a_gig_reads_like_a_marketplace_offer():
    planned = gig(11, sellers=5)

    assert planned.title.startswith("I will ")
    assert planned.category in CATEGORY_SERVICES
    assert planned.price >= Decimal("5")
    assert 1 <= planned.expected_delivery_days <= 30
    assert planned.tags
