"""The one DRF authentication class of every service: gateway signature, then JWT."""

from __future__ import annotations

from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from common.auth import revocation, signing
from common.auth.tokens import InvalidToken, bearer_token, validate_access_token
from common.auth.user import ClaimsUser
from common.logging.context import user_id_var
from common.redis import get_redis


class NotFromGateway(exceptions.AuthenticationFailed):
    """The request does not carry a valid, fresh, unused gateway signature."""

    default_code = "gateway_signature_invalid"


def check_gateway_signature(request: Request) -> None:
    """Raise unless the request was signed by the gateway just now and not seen before."""
    django_request = request._request
    signed = signing.SignedRequest(
        method=django_request.method or "GET",
        path=signing.canonical_path(django_request.path, django_request.META.get("QUERY_STRING", "")),
        body=django_request.body,
        request_id=django_request.headers.get("X-Request-ID", ""),
    )
    ttl = settings.GATEWAY_SIGNATURE_TTL_SECONDS
    try:
        nonce = signing.verify(
            django_request.headers.get(signing.SIGNATURE_HEADER), signed, settings.GATEWAY_SIGNING_KEY, ttl=ttl
        )
    except signing.SignatureError as exc:
        raise NotFromGateway(exc.detail, code=exc.code) from None
    if not signing.claim_once(get_redis(), nonce, ttl):
        raise NotFromGateway("This request was already received.", code="gateway_signature_replayed")


class GatewayJWTAuthentication(BaseAuthentication):
    """Refuses anything that did not come through the gateway; then reads the Bearer JWT.

    Without a token the request is anonymous (public endpoints still need the
    signature). With a token, it must be a valid, unrevoked access token.
    """

    def authenticate(self, request: Request) -> tuple[ClaimsUser, dict[str, object]] | None:
        check_gateway_signature(request)
        raw = bearer_token(request._request.headers.get("Authorization"))
        if raw is None:
            return None
        try:
            claims = validate_access_token(raw)
        except InvalidToken as exc:
            raise exceptions.AuthenticationFailed(exc.detail, code=exc.code) from None
        # The token, its session or the user's token epoch (password change ...): one MGET.
        if revocation.is_refused(get_redis(), claims):
            raise exceptions.AuthenticationFailed("Token has been revoked.", code="token_revoked")
        user = ClaimsUser.from_claims(claims)
        user_id_var.set(str(user.id))
        return user, claims

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="bazaar"'


class GatewaySignatureOnly(BaseAuthentication):
    """For public endpoints: the gateway signature is required, any access token is ignored.

    A browser may still carry an expired access cookie when it signs in or refreshes;
    that must not make those calls fail.
    """

    def authenticate(self, request: Request) -> None:
        check_gateway_signature(request)

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="bazaar"'
