"""The recipient directory, in-app notifications and the emails waiting to be sent."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

# Non-essential mail (news, tips) is on until the user turns it off.
NON_ESSENTIAL_EMAIL_BY_DEFAULT = True
# So is the email about chat messages left unread while away.
MESSAGE_EMAIL_BY_DEFAULT = True


class Recipient(models.Model):
    """What the notifications service knows of a user, learnt from auth events.

    A row may exist before the user's registration event arrived (a preference saved
    first): then only ``user_id`` and the preference are set until the event fills the rest.
    """

    user_id = models.BigIntegerField(unique=True)
    username = models.CharField(max_length=150, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    email_verified = models.BooleanField(default=False)
    wants_non_essential_email = models.BooleanField(default=NON_ESSENTIAL_EMAIL_BY_DEFAULT)
    wants_message_email = models.BooleanField(default=MESSAGE_EMAIL_BY_DEFAULT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id"]

    def __str__(self) -> str:
        return f"{self.username or '?'} ({self.user_id})"


class Notification(models.Model):
    """One in-app notification of one user; unread while ``read_at`` is empty."""

    user_id = models.BigIntegerField()
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    body = models.CharField(max_length=2000)
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    source_event_id = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user_id", "-created_at"], name="notification_inbox"),
            models.Index(fields=["user_id"], name="notification_unread", condition=models.Q(read_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class OutgoingEmail(models.Model):
    """An email written with the change that caused it, sent after commit by a task.

    Stays ``pending`` until an SMTP server accepted it; the sweep re-queues pending rows,
    so neither a lost task nor a long SMTP outage loses it.
    """

    class Category(models.TextChoices):
        ESSENTIAL = "essential", "essential"
        NON_ESSENTIAL = "non_essential", "non-essential"
        # Unread chat messages: off by the recipient's own preference (``wants_message_email``).
        MESSAGES = "messages", "unread messages"

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        SENT = "sent", "sent"
        FAILED = "failed", "failed permanently"

    kind = models.CharField(max_length=50)
    to_address = models.EmailField(max_length=254)
    to_name = models.CharField(max_length=150)
    subject = models.CharField(max_length=200)
    text_body = models.TextField()
    html_body = models.TextField()
    category = models.CharField(max_length=20, choices=Category.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Restarted by "send again": how long the sweep keeps retrying is counted from here.
    pending_since = models.DateTimeField(default=timezone.now)
    # When a send task was last queued for it: the sweep re-queues only rows quiet for a while.
    queued_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    source_event_id = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["queued_at"], name="outgoing_email_pending", condition=models.Q(status="pending"))
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_address} ({self.status})"


class MessageDigest(models.Model):
    """The chat messages of one conversation waiting to be emailed to their offline recipient.

    Each message to an offline recipient joins the conversation's waiting digest (or starts
    one) and pushes ``due_at`` a quiet delay ahead; once due, one email is written, or none
    when the messages were read meanwhile. A message after that starts a new digest.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "waiting"
        SENT = "sent", "email written"
        READ = "read", "read before it was due"
        NO_EMAIL = "no_email", "no email: turned off, or no address known"

    recipient_id = models.BigIntegerField()
    conversation_id = models.BigIntegerField()
    sender_username = models.CharField(max_length=150)
    messages = models.PositiveIntegerField(default=0)
    last_message_id = models.BigIntegerField()
    # The latest message, cut short: the email shows no more of the conversation.
    preview = models.CharField(max_length=200)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    email = models.ForeignKey(OutgoingEmail, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient_id", "conversation_id"],
                condition=models.Q(status="waiting"),
                name="one_waiting_digest_per_conversation",
            )
        ]
        indexes = [models.Index(fields=["due_at"], name="digest_due", condition=models.Q(status="waiting"))]

    def __str__(self) -> str:
        return f"{self.messages} message(s) in {self.conversation_id} for {self.recipient_id} ({self.status})"


class ConversationReadMark(models.Model):
    """The last chat message a user read in a conversation, as chat announced it.

    Kept apart from the digests because events are not ordered: a read may arrive before
    the message it covers, and the digest of that message must still see it was read.
    """

    user_id = models.BigIntegerField()
    conversation_id = models.BigIntegerField()
    last_read_message_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user_id", "conversation_id"], name="one_read_mark_per_conversation")
        ]
