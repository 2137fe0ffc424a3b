import pytest

from gateway_project.proxy.routes import ROUTES, Access, match


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/api/v1/auth/signup", "auth"),
        ("/api/v1/auth/me", "auth"),
        ("/api/v1/auth/me/", "auth"),
        ("/api/v1/buyers/me", "users"),
        ("/api/v1/buyers/alice", "users"),
        ("/api/v1/buyers/me/avatar", "users"),
        ("/api/v1/buyers/alice/avatar", "users"),
        ("/api/v1/media/users/avatars/0123.png", "users"),
        ("/api/v1/media/gigs/covers/0123.png", "gigs"),
        ("/api/v1/sellers", "users"),
        ("/api/v1/sellers/me", "users"),
        ("/api/v1/sellers/me/earnings", "users"),
        ("/api/v1/sellers/random", "users"),
        ("/api/v1/sellers/bob", "users"),
        ("/api/v1/sellers/bob/gigs", "gigs"),
        ("/api/v1/sellers/bob/reviews", "reviews"),
        ("/api/v1/gigs", "gigs"),
        ("/api/v1/gigs/top", "gigs"),
        ("/api/v1/gigs/12", "gigs"),
        ("/api/v1/gigs/12/similar", "gigs"),
        ("/api/v1/gigs/12/reviews", "reviews"),
        ("/api/v1/categories", "gigs"),
        ("/api/v1/messages", "chat"),
        ("/api/v1/messages/5/offer/accept", "chat"),
        ("/api/v1/conversations/5/messages", "chat"),
        ("/api/v1/orders/payment-config", "orders"),
        ("/api/v1/orders/3/extension/approve", "orders"),
        ("/api/v1/orders/3/deliver", "orders"),
        ("/api/v1/payouts/balance", "orders"),
        ("/api/v1/payouts/withdrawals", "orders"),
        ("/api/v1/reviews", "reviews"),
        ("/api/v1/notifications/read-all", "notifications"),
        ("/api/v1/notifications/4/read", "notifications"),
        ("/api/v1/notifications/preferences", "notifications"),
    ],
)
def test_every_public_path_goes_to_its_service(path, service):
    assert match(path).service == service


def test_unknown_paths_have_no_route():
    assert match("/api/v1/nothing-here") is None
    assert match("/api/v1/") is None


def test_access_rules_follow_the_api_contract():
    assert match("/api/v1/gigs").access_for("GET") is Access.OPTIONAL
    assert match("/api/v1/gigs").access_for("POST") is Access.REQUIRED
    assert match("/api/v1/gigs/12").access_for("PATCH") is Access.REQUIRED
    assert match("/api/v1/auth/signin").access_for("POST") is Access.NONE
    assert match("/api/v1/auth/me").access_for("GET") is Access.REQUIRED
    assert match("/api/v1/sellers/bob").access_for("GET") is Access.OPTIONAL
    assert match("/api/v1/sellers").access_for("POST") is Access.REQUIRED
    assert match("/api/v1/buyers/alice").access_for("GET") is Access.REQUIRED
    assert match("/api/v1/buyers/alice/avatar").access_for("GET") is Access.OPTIONAL
    assert match("/api/v1/buyers/me/avatar").access_for("PUT") is Access.REQUIRED
    assert match("/api/v1/media/users/avatars/0123.png").access_for("GET") is Access.OPTIONAL


def test_only_upload_routes_take_multipart():
    uploads = {route.pattern for route in ROUTES if route.uploads}
    assert uploads == {
        "/api/v1/gigs",
        "/api/v1/gigs/{id}",
        "/api/v1/messages",
        "/api/v1/orders/{id}/deliver",
        "/api/v1/buyers/me/avatar",
    }
