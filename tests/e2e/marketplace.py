"""People of the marketplace for the e2e tests: members, verified members, sellers and their gigs.

Every step goes through the gateway, as a client would. Steps that wait on an event
(the users service learning a verification, gigs learning a seller, chat learning a user
or a gig) poll with a deadline: they never sleep blindly.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from PIL import Image

from tests.e2e.mailbox import Mailbox, token_of
from tests.e2e.test_signup_by_email import VERIFY_PAGE, eventually
from tests.running_fleet import Fleet

SELLERS = "/api/v1/sellers"
GIGS = "/api/v1/gigs"
MESSAGES = "/api/v1/messages"
PASSWORD = "correct horse battery 9"
Attachment = tuple[str, bytes, str]  # file name, content, the content type the client claims


@dataclass
class Member:
    """A signed-up account and its own browser (cookie jar)."""

    browser: httpx.Client
    username: str
    email: str
    user_id: int
    access: str


@dataclass
class Seller:
    """A member with a seller profile that the gigs service knows, and one active gig of theirs."""

    member: Member
    gig: dict[str, Any]

    @property
    def browser(self) -> httpx.Client:
        return self.member.browser

    @property
    def username(self) -> str:
        return self.member.username


def unique_word(length: int = 12) -> str:
    """A made-up word of letters only, found in no dictionary and no other run's gigs."""
    return "".join(chr(ord("a") + int(digit, 16) % 26) for digit in uuid.uuid4().hex[:length])


def sign_up(fleet: Fleet, prefix: str = "e2e", *, via: str | None = None) -> Member:
    """A new account, signed up by its own browser through the gateway (or the one at ``via``), which it keeps using."""
    name = prefix + uuid.uuid4().hex[:10]
    browser = fleet.client(via)
    account = {"username": name, "email": f"{name}@example.com", "password": PASSWORD, "country": "Peru"}
    response = browser.post("/api/v1/auth/signup", json=account)
    assert response.status_code == 201, response.text
    body = response.json()
    return Member(browser, name, account["email"], int(body["user"]["id"]), body["access"])


def verify_email(fleet: Fleet, mailbox: Mailbox, member: Member) -> None:
    """Follow the link of the verification email, as the member would."""
    mail = mailbox.wait_for(member.email, containing=f"{VERIFY_PAGE}?token=")
    with fleet.client() as client:
        verified = client.post("/api/v1/auth/verify-email", json={"token": token_of(mail.link_to(VERIFY_PAGE))})
    assert verified.status_code == 200, verified.text


SELLER_PROFILE = {
    "full_name": "Dora Designer",
    "one_liner": "Logos that people remember",
    "description": "Ten years of brand identities for small shops.",
    "skills": ["logo design", "branding"],
    "languages": [{"language": "English", "level": "fluent"}],
    "response_time_hours": 4,
}


def become_seller(member: Member) -> httpx.Response:
    """``POST /sellers`` once the users service has learnt the verification (it answers 403 until then)."""
    response, _ = eventually(
        lambda: member.browser.post(SELLERS, json=SELLER_PROFILE),
        lambda r: (r.status_code, r.json().get("code"))
        not in {(403, "email_not_verified"), (404, "buyer_profile_pending")},
    )
    return response


def png(width: int = 64, height: int = 48, colour: str = "teal") -> bytes:
    """A real PNG image."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def gig_fields(**changes: Any) -> dict[str, Any]:
    """The fields of a gig, as a seller fills the form (lists are repeated keys in multipart)."""
    return {
        "title": "I will design a minimalist logo for your brand",
        "description": "Three concepts, unlimited revisions, vector files.",
        "category": "Graphics & Design",
        "tags": ["logo", "branding"],
        "price": "120.00",
        "expected_delivery_days": "3",
        "basic_title": "One logo",
        "basic_description": "One concept, two revisions.",
        **changes,
    }


def post_gig(member: Member, fields: dict[str, Any], cover: bytes | None = None) -> httpx.Response:
    """``POST /gigs`` as multipart, with ``cover`` as the cover image when given."""
    files = {"cover_image": ("cover.png", cover, "image/png")} if cover is not None else None
    if files is None:
        return member.browser.post(GIGS, json=fields)
    return member.browser.post(GIGS, data=fields, files=files)


def create_gig_when_seller(member: Member, fields: dict[str, Any], cover: bytes | None = None) -> httpx.Response:
    """Post the gig until the gigs service knows the seller (403 ``seller_profile_required`` until then)."""
    response, _ = eventually(
        lambda: post_gig(member, fields, cover),
        lambda r: (r.status_code, r.json().get("code")) != (403, "seller_profile_required"),
    )
    return response


def make_seller(fleet: Fleet, mailbox: Mailbox, prefix: str = "seller", **gig_changes: Any) -> Seller:
    """A verified member who became a seller and published one gig (JSON, no cover)."""
    member = sign_up(fleet, prefix)
    verify_email(fleet, mailbox, member)
    assert become_seller(member).status_code == 201
    created = create_gig_when_seller(member, gig_fields(**gig_changes))
    assert created.status_code == 201, created.text
    return Seller(member, created.json())


def send_message(sender: Member, to: str, attachment: Attachment | None = None, **fields: Any) -> httpx.Response:
    """``POST /messages`` (JSON, multipart with an attachment) once chat knows the recipient and the gig.

    Chat learns both from events; until then it answers 400 ``unknown_user`` / ``unknown_gig``
    and writes nothing, so asking again is safe.
    """

    def post() -> httpx.Response:
        if attachment is None:
            return sender.browser.post(MESSAGES, json={"to": to, **fields})
        return sender.browser.post(MESSAGES, data={"to": to, **fields}, files={"attachment": attachment})

    response, _ = eventually(
        post, lambda r: (r.status_code, r.json().get("code")) not in {(400, "unknown_user"), (400, "unknown_gig")}
    )
    return response


def introduce(sender: Member, recipient: Member, body: str = "Hello!") -> dict[str, Any]:
    """A first message that makes the two members contacts; its JSON."""
    sent = send_message(sender, recipient.username, body=body)
    assert sent.status_code == 201, sent.text
    return dict(sent.json())
