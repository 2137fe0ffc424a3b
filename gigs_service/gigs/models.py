"""Gigs, and the gigs service's copy of each seller's public summary.

A gig's seller summary and rating come from events (``users.seller.*``,
``reviews.review.created``), so showing a gig never calls another service.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F
from django.utils import timezone

# The marketplace's categories: a fixed list, so a search filter and the /categories
# counts always agree on spelling.
CATEGORIES: tuple[str, ...] = (
    "Graphics & Design",
    "Digital Marketing",
    "Writing & Translation",
    "Video & Animation",
    "Music & Audio",
    "Programming & Tech",
    "Photography",
    "Data",
    "Business",
    "Lifestyle",
)
MIN_PRICE = Decimal("5.00")
# A gig's packages, cheapest first: basic alone, or all three (as on Fiverr).
TIERS: tuple[str, ...] = ("basic", "standard", "premium")
MAX_REVISIONS = 99


def average_of(total: int, count: int) -> Decimal:
    """``total / count`` to two decimals; 0 before the first rating."""
    if not count:
        return Decimal("0.00")
    return (Decimal(total) / count).quantize(Decimal("0.01"))


class Seller(models.Model):
    """The public summary of a seller, replicated from ``users.seller.created/updated``."""

    user_id = models.PositiveBigIntegerField(primary_key=True)
    username = models.CharField(max_length=150)
    full_name = models.CharField(max_length=200)
    one_liner = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=64, blank=True)
    # Ratings the seller received from buyers (``reviews.review.created`` with side=buyer).
    ratings_count = models.PositiveIntegerField(default=0)
    rating_total = models.PositiveIntegerField(default=0)
    # When users changed the profile: an older event never overwrites a newer one.
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.username

    @property
    def rating_average(self) -> Decimal:
        return average_of(self.rating_total, self.ratings_count)


class Gig(models.Model):
    """A service a seller offers in one to three packages (``GigPackage``).

    ``price``, ``expected_delivery_days``, ``basic_title`` and ``basic_description`` are the
    basic package's, kept here for the clients that know no packages and so that search
    filters and sorts on the "from" price (the basic package is the cheapest) with the
    gig's own indexes.
    """

    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="gigs")
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=5000)
    category = models.CharField(max_length=80, choices=[(name, name) for name in CATEGORIES])
    sub_categories = ArrayField(models.CharField(max_length=50), default=list, blank=True, size=10)
    tags = ArrayField(models.CharField(max_length=30), default=list, blank=True, size=10)
    price = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(MIN_PRICE)])
    expected_delivery_days = models.PositiveSmallIntegerField()
    basic_title = models.CharField(max_length=80, blank=True)
    basic_description = models.CharField(max_length=500, blank=True)
    cover_image = models.ImageField(upload_to="gigs/covers/", blank=True)
    active = models.BooleanField(default=True)
    # Buyers' ratings of orders of this gig (``reviews.review.created``, side=buyer).
    ratings_count = models.PositiveIntegerField(default=0)
    rating_total = models.PositiveIntegerField(default=0)
    rating_breakdown = models.JSONField(default=dict, blank=True)
    # rating_total / ratings_count, kept as a column so "top rated" and sort=rating use an index.
    rating_average = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal("0"))
    # Orders placed and neither completed nor cancelled (``orders.order.*``): a gig with
    # open orders cannot be deleted.
    open_orders = models.PositiveIntegerField(default=0)
    # Maintained by the search package (PostgreSQL backend) whenever the gig is written.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["seller", "active"], name="gigs_seller_active"),
            models.Index(fields=["category", "active"], name="gigs_category_active"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=MIN_PRICE), name="gigs_price_at_least_minimum"),
            models.CheckConstraint(
                condition=models.Q(expected_delivery_days__gte=1, expected_delivery_days__lte=365),
                name="gigs_delivery_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.pk})"


class GigPackage(models.Model):
    """One of a gig's packages: what the buyer gets for its price, in how many days, with how many revisions."""

    class Tier(models.TextChoices):
        BASIC = "basic"
        STANDARD = "standard"
        PREMIUM = "premium"

    gig = models.ForeignKey(Gig, on_delete=models.CASCADE, related_name="packages")
    tier = models.CharField(max_length=8, choices=Tier.choices)
    title = models.CharField(max_length=80, blank=True)
    description = models.CharField(max_length=500, blank=True)
    price = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(MIN_PRICE)])
    delivery_days = models.PositiveSmallIntegerField()
    # None: unlimited revisions.
    revisions = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["gig", "price"]
        constraints = [
            models.UniqueConstraint(fields=["gig", "tier"], name="gigs_package_once_per_tier"),
            models.CheckConstraint(
                condition=models.Q(price__gte=MIN_PRICE), name="gigs_package_price_at_least_minimum"
            ),
            models.CheckConstraint(
                condition=models.Q(delivery_days__gte=1, delivery_days__lte=365),
                name="gigs_package_delivery_days_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(revisions__lte=MAX_REVISIONS), name="gigs_package_revisions_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tier} of gig {self.gig_id}"


def packages_of(gig: Gig) -> list[GigPackage]:
    """The gig's packages, basic first (prefetched ones are used as they are).

    A gig written without its packages (loaded in bulk, as the search benchmark does) shows
    its basic package from its own columns.
    """
    packages = sorted(gig.packages.all(), key=lambda package: TIERS.index(package.tier))
    return packages or [
        GigPackage(
            gig=gig,
            tier=GigPackage.Tier.BASIC,
            title=gig.basic_title,
            description=gig.basic_description,
            price=gig.price,
            delivery_days=gig.expected_delivery_days,
        )
    ]


class SavedGig(models.Model):
    """A gig a signed-in user saved to their favourites, once per user and gig.

    Kept here, beside the gig, so that a deleted gig takes its saves with it (the cascade)
    and a paused one drops out of the list at once, with no copy of gigs to keep in step.
    """

    user_id = models.PositiveBigIntegerField()
    gig = models.ForeignKey(Gig, on_delete=models.CASCADE, related_name="saves")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-saved_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user_id", "gig"], name="gigs_saved_once_per_user")]
        indexes = [models.Index(F("user_id"), F("saved_at").desc(), F("id").desc(), name="gigs_saved_by_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} saved {self.gig_id}"


class GigOrder(models.Model):
    """Whether an order of a gig is still open, so ``Gig.open_orders`` survives events out of order.

    Orders events are not ordered: a cancellation retried after a failure can arrive
    before its placement. The row remembers a closed order, so the late placement does
    not count it as open for ever. Not a foreign key: a closed order outlives its gig.
    """

    order_id = models.UUIDField(primary_key=True)
    gig_id = models.PositiveBigIntegerField(db_index=True)
    open = models.BooleanField()

    def __str__(self) -> str:
        return f"order {self.order_id} of gig {self.gig_id} ({'open' if self.open else 'closed'})"


class SearchBacklog(models.Model):
    """A gig whose latest change Elasticsearch has not been told about yet.

    Written in the transaction that changes the gig (only when Elasticsearch is
    configured), deleted once a sync indexed the gig as it was at or after ``queued_at``.
    Whatever happens to the after-commit task (broker down, cluster down, worker killed),
    the row stays until a sync succeeds: the beat's sweep retries it every minute.
    """

    gig_id = models.BigIntegerField(primary_key=True)
    queued_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"gig {self.gig_id} since {self.queued_at:%Y-%m-%d %H:%M:%S}"
