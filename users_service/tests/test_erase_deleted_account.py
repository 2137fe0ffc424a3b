"""``auth.user.deleted`` erases the buyer and seller profiles; later events about the account change nothing."""

import uuid
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.api import images
from common.events.catalog.auth import EmailVerified, UserDeleted
from common.events.catalog.gigs import GigDeleted
from users_service.profiles.avatars import AVATAR
from users_service.profiles.models import BuyerProfile, DeletedAccount, SellerProfile
from users_service.tests.factories import BuyerProfileFactory
from users_service.tests.test_avatar import image_bytes as png

pytestmark = pytest.mark.django_db

DELETED_AT = datetime(2030, 3, 14, 15, 9, tzinfo=UTC)


def deletion_of_alice() -> UserDeleted:
    return UserDeleted(user_id=1001, username="alice", email="alice@example.com", deleted_at=DELETED_AT)


def deletion_of_bob() -> UserDeleted:
    return UserDeleted(user_id=1002, username="bob", email="bob@example.com", deleted_at=DELETED_AT)


def test_the_profiles_are_erased_and_the_account_remembered_as_deleted(events, alice_profile):
    other = BuyerProfileFactory(user_id=1003, username="charlie")

    assert events.deliver(deletion_of_alice()) == [True]

    assert list(BuyerProfile.objects.values_list("user_id", flat=True)) == [other.user_id]
    assert list(DeletedAccount.objects.values_list("user_id", "deleted_at")) == [(1001, DELETED_AT)]


def test_the_profile_picture_goes_with_it_once_committed(
    events, alice_profile, media_root, django_capture_on_commit_callbacks
):
    picture = images.store(images.check(SimpleUploadedFile("me.png", png()), AVATAR), AVATAR)
    BuyerProfile.objects.filter(user_id=1001).update(avatar=picture)

    with django_capture_on_commit_callbacks(execute=True):
        events.deliver(deletion_of_alice())

    assert [path for path in media_root.rglob("*") if path.is_file()] == []


def test_a_sellers_profile_goes_with_it(events, bob_seller):
    events.deliver(deletion_of_bob())

    assert (BuyerProfile.objects.count(), SellerProfile.objects.count()) == (0, 0)


def test_an_event_about_the_account_arriving_later_changes_nothing_and_is_not_retried(events, bob_seller):
    events.deliver(deletion_of_bob())

    late = [
        GigDeleted(gig_id=5, seller_id=1002, deleted_at=DELETED_AT),
        EmailVerified(user_id=1002, username="bob", email="bob@example.com"),
    ]

    assert [events.deliver(event) for event in late] == [[True], [True]]
    assert (BuyerProfile.objects.count(), SellerProfile.objects.count()) == (0, 0)


def test_the_deletion_delivered_twice_is_applied_once(events, alice_profile):
    event_id = uuid.uuid4()

    assert events.deliver(deletion_of_alice(), event_id=event_id) == [True]
    assert events.deliver(deletion_of_alice(), event_id=event_id) == [False]
