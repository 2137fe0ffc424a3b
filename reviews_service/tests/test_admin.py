"""The admin lists, searches and filters reviews and completed orders, and hides abusive comments."""

import pytest

from common.events.outbox.models import OutboxMessage
from reviews_service.reviews.models import Review
from reviews_service.tests.factories import CompletedOrderFactory, ReviewFactory

pytestmark = pytest.mark.django_db

REVIEWS = "/admin/reviews/review/"


def act(admin_client, action: str, *reviews: Review):
    return admin_client.post(
        REVIEWS, {"action": action, "_selected_action": [review.pk for review in reviews]}, follow=True
    )


@pytest.mark.parametrize(("model", "query"), [("review", "findme"), ("completedorder", "findme")])
def test_each_list_page_finds_by_username(admin_client, model, query):
    ReviewFactory(order=CompletedOrderFactory(buyer_username="findme"), reviewer_username="findme")

    response = admin_client.get(f"/admin/reviews/{model}/?q={query}")

    assert response.status_code == 200
    assert b"findme" in response.content


def test_reviews_are_searched_by_comment(admin_client):
    ReviewFactory(comment="You are an idiot", gig_title="Wanted gig")
    ReviewFactory(comment="Lovely", gig_title="Other gig")

    response = admin_client.get(REVIEWS, {"q": "idiot"})

    assert b"Wanted gig" in response.content
    assert b"Other gig" not in response.content


def test_reviews_are_filtered_by_rating(admin_client):
    ReviewFactory(rating=1, gig_title="One star gig")
    ReviewFactory(rating=5, gig_title="Five star gig")

    response = admin_client.get(REVIEWS, {"rating": 1})

    assert response.status_code == 200
    assert b"One star gig" in response.content
    assert b"Five star gig" not in response.content


def test_staff_hide_and_show_comments_again(admin_client):
    abusive, fine = ReviewFactory(), ReviewFactory()

    hidden = act(admin_client, "hide_comments", abusive)

    assert b"1 comment(s) hidden." in hidden.content
    assert list(Review.objects.filter(comment_hidden=True)) == [abusive]
    shown = act(admin_client, "show_comments", abusive, fine)
    assert b"1 comment(s) shown again." in shown.content
    assert not Review.objects.filter(comment_hidden=True).exists()
    assert OutboxMessage.objects.count() == 0


def test_hiding_keeps_the_comment_for_the_record(admin_client):
    abusive = ReviewFactory(comment="Abusive words")

    act(admin_client, "hide_comments", abusive)

    abusive.refresh_from_db()
    assert (abusive.comment, abusive.comment_hidden) == ("Abusive words", True)


def test_reviews_and_orders_cannot_be_added_edited_or_deleted(admin_client):
    review = ReviewFactory()

    assert admin_client.get("/admin/reviews/review/add/").status_code == 403
    assert admin_client.get("/admin/reviews/completedorder/add/").status_code == 403
    assert admin_client.get(f"/admin/reviews/review/{review.pk}/delete/").status_code == 403
    page = admin_client.get(f"/admin/reviews/review/{review.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert act(admin_client, "delete_selected", review).status_code == 200
    assert Review.objects.filter(pk=review.pk).exists()
