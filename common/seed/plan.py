"""Who the N-th seeded account, seller and gig are: a pure function of N (Faker seeded by N)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from common.seed.vocabulary import CATEGORY_SERVICES, COUNTRIES, LANGUAGES, SKILLS

# Accounts ``0 .. sellers-1`` become sellers; the others stay buyers.
PASSWORD = "seeded-Passw0rd!"
EMAIL_DOMAIN = "seed.bazaar.test"


@dataclass(frozen=True)
class PlannedAccount:
    """An account to sign up (with a verified email)."""

    username: str
    email: str
    country: str


@dataclass(frozen=True)
class PlannedSeller:
    """The seller profile of account ``index``."""

    username: str
    full_name: str
    one_liner: str
    description: str
    skills: list[str]
    languages: list[dict[str, str]]
    response_time_hours: int


@dataclass(frozen=True)
class PlannedGig:
    """Gig ``index``: owned by seller ``index % sellers``."""

    seller_username: str
    title: str
    description: str
    category: str
    sub_categories: list[str]
    tags: list[str]
    price: Decimal
    expected_delivery_days: int
    basic_title: str
    basic_description: str


@lru_cache(maxsize=1)
def _faker() -> Any:
    from faker import Faker  # a dev dependency: only seeding needs it

    return Faker("en_US")


def _seeded(kind: int, index: int) -> Any:
    faker = _faker()
    faker.seed_instance(kind * 10_000_000 + index)
    return faker


def account(index: int) -> PlannedAccount:
    """The ``index``-th account: a realistic, unique username (the index keeps it unique)."""
    faker = _seeded(1, index)
    # A fixed-width index suffix keeps every name unique whatever Faker returns (max 30 chars).
    username = f"{faker.user_name()[:18]}_{index:06d}".lower()
    return PlannedAccount(
        username=username, email=f"{username}@{EMAIL_DOMAIN}", country=faker.random_element(COUNTRIES)
    )


def seller(index: int) -> PlannedSeller:
    """The seller profile of account ``index``."""
    faker = _seeded(2, index)
    category = _category_of(index)
    skills = faker.random_elements(SKILLS[category], length=3, unique=True)
    return PlannedSeller(
        username=account(index).username,
        full_name=faker.name(),
        one_liner=f"{faker.random_element(('Experienced', 'Certified', 'Creative', 'Reliable'))} {skills[0]} specialist",
        description=faker.paragraph(nb_sentences=4),
        skills=list(skills),
        languages=[{"language": faker.random_element(LANGUAGES), "level": "fluent"}],
        response_time_hours=faker.random_element((1, 2, 4, 8, 12, 24)),
    )


def gig(index: int, *, sellers: int) -> PlannedGig:
    """Gig ``index`` of a plan with ``sellers`` sellers."""
    faker = _seeded(3, index)
    owner = index % sellers
    category = _category_of(owner) if faker.boolean(70) else faker.random_element(tuple(CATEGORY_SERVICES))
    service, sub_category, tags = faker.random_element(CATEGORY_SERVICES[category])
    adjective = faker.random_element(("professional", "modern", "custom", "unique", "high quality", "fast"))
    return PlannedGig(
        seller_username=account(owner).username,
        title=f"I will {service.format(adjective=adjective)}"[:120],
        description=" ".join([faker.paragraph(nb_sentences=3), faker.paragraph(nb_sentences=3)])[:5000],
        category=category,
        sub_categories=[sub_category],
        tags=list(tags),
        price=Decimal(faker.random_element((5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 250, 500))),
        expected_delivery_days=faker.random_element((1, 2, 3, 5, 7, 10, 14, 21, 30)),
        basic_title="Basic package",
        basic_description=faker.sentence(nb_words=10)[:500],
    )


def _category_of(seller_index: int) -> str:
    """Each seller's main category: sellers spread evenly across the categories."""
    categories = tuple(CATEGORY_SERVICES)
    return categories[seller_index % len(categories)]
