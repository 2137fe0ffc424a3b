"""Conversations, messages and offers, and the chat service's copies of users and gigs.

Chat never asks another service: it learns users from ``auth.user.registered`` and gigs
from ``gigs.gig.*`` events, and keeps what it needs of them here.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from common.events.replicas import GigReplica

MIN_OFFER_PRICE = Decimal("5.00")
MAX_BODY_LENGTH = 5000


class ChatUser(models.Model):
    """An account as chat knows it: who can be addressed by username."""

    # The auth service's id, so that ``sender_id`` everywhere is the user's id.
    user_id = models.PositiveBigIntegerField(primary_key=True)
    username = models.CharField(max_length=150)
    known_since = models.DateTimeField(default=timezone.now)
    # The owner deleted the account: named "Deleted user" (as many as there are), never addressed again.
    deleted = models.BooleanField(default=False)

    class Meta:
        ordering = ["user_id"]
        constraints = [
            models.UniqueConstraint(
                Lower("username"), condition=models.Q(deleted=False), name="chat_user_username_ci_unique"
            )
        ]

    def __str__(self) -> str:
        return self.username


class Gig(GigReplica):
    """The chat service's replica of a gig, as of ``changed_at`` (offers are made on gigs)."""

    @property
    def open_for_offers(self) -> bool:
        return self.available


class Conversation(models.Model):
    """The one conversation between two users, whatever gigs they talk about.

    The pair is stored ordered (``user_low`` < ``user_high``) so that it is unique.
    """

    user_low = models.ForeignKey(ChatUser, on_delete=models.PROTECT, related_name="+")
    user_high = models.ForeignKey(ChatUser, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Denormalised on every message so that listing conversations is one query, not N.
    last_message = models.ForeignKey("Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user_low", "user_high"], name="chat_conversation_pair_unique"),
            models.CheckConstraint(condition=Q(user_low__lt=F("user_high")), name="chat_conversation_pair_ordered"),
        ]
        indexes = [
            models.Index(fields=["user_low", "-last_activity_at"], name="chat_conv_low_activity"),
            models.Index(fields=["user_high", "-last_activity_at"], name="chat_conv_high_activity"),
        ]

    def __str__(self) -> str:
        return f"{self.user_low_id} ↔ {self.user_high_id}"

    def has_party(self, user_id: int) -> bool:
        return user_id in (self.user_low_id, self.user_high_id)

    def other_party(self, user_id: int) -> ChatUser:
        return self.user_high if user_id == self.user_low_id else self.user_low


class Message(models.Model):
    """One message; its id orders a conversation (see ``services.send_message``)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(ChatUser, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(ChatUser, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(blank=True, max_length=MAX_BODY_LENGTH)
    gig_id = models.PositiveBigIntegerField(null=True, blank=True)
    # The file lives in ``default_storage`` under a random name; the user's name is only shown.
    attachment_path = models.CharField(max_length=255, blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)
    attachment_size = models.PositiveBigIntegerField(null=True, blank=True)
    attachment_content_type = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["conversation", "id"], name="chat_message_conv_id"),
            models.Index(
                fields=["conversation", "recipient"], condition=Q(read_at__isnull=True), name="chat_message_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} from {self.sender_id}"

    @property
    def has_attachment(self) -> bool:
        return bool(self.attachment_path)


class Offer(models.Model):
    """A seller's custom offer inside a message, to the buyer on the other side."""

    class Status(models.TextChoices):
        PENDING = "pending"
        ACCEPTED = "accepted"
        CANCELLED = "cancelled"

    message = models.OneToOneField(Message, on_delete=models.CASCADE, primary_key=True, related_name="offer")
    gig_id = models.PositiveBigIntegerField()
    # As the gig was titled when offered: the offer's terms do not follow later edits.
    gig_title = models.CharField(max_length=120)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.TextField(max_length=2000)
    delivery_days = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    cancelled_by_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=MIN_OFFER_PRICE), name="chat_offer_price_min"),
            models.CheckConstraint(
                condition=Q(delivery_days__gte=1, delivery_days__lte=365), name="chat_offer_delivery_days_range"
            ),
        ]

    def __str__(self) -> str:
        return f"offer #{self.pk} {self.status}"

    @property
    def seller_id(self) -> int:
        return int(self.message.sender_id)

    @property
    def buyer_id(self) -> int:
        return int(self.message.recipient_id)
