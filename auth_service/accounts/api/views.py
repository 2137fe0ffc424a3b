"""The auth API: one view per operation — validate, call one service, serialize."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from auth_service.accounts import selectors, services
from auth_service.accounts.api import serializers as s
from common.api.request import client_ip
from common.api.serializers import ERROR, StrictSerializer, validated
from common.auth.authentication import GatewaySignatureOnly
from common.auth.permissions import AllowAny
from common.auth.user import signed_in_user, token_claims

TAGS = ["auth"]


class PublicView(APIView):
    authentication_classes = [GatewaySignatureOnly]
    permission_classes = [AllowAny]


def device_id(request: Request, data: dict[str, Any]) -> str | None:
    """The body's ``device_id``, else the ``X-Device-ID`` header the gateway sets from its device cookie."""
    return data.get("device_id") or request.headers.get("X-Device-ID", "").strip()[:128] or None


def session_response(session: services.Session, status_code: int = status.HTTP_200_OK) -> Response:
    body = {"user": session.user, **vars(session.tokens)}
    return Response(s.SessionOutput(body).data, status=status_code)


class SignupView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        request=s.SignupInput,
        responses={201: s.SessionOutput, 400: ERROR},
        summary="Create an account",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.SignupInput, request)
        session = services.sign_up(
            username=data["username"],
            email=data["email"],
            password=data["password"],
            country=data["country"],
            device_id=device_id(request, data),
        )
        return session_response(session, status.HTTP_201_CREATED)


class SigninView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        request=s.SigninInput,
        responses={200: s.SessionOutput, 202: s.OtpRequiredOutput, 400: ERROR, 401: ERROR, 429: ERROR},
        summary="Sign in with username or email; 202 when a new device must confirm a code",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.SigninInput, request)
        outcome = services.sign_in(
            identifier=data["identifier"],
            password=data["password"],
            device_id=device_id(request, data),
            client_ip=client_ip(request),
        )
        if outcome.tokens is None:
            body = {
                "code": "otp_required",
                "detail": "We sent a 6-digit code to your email to confirm this new device.",
            }
            return Response(s.OtpRequiredOutput(body).data, status=status.HTTP_202_ACCEPTED)
        return session_response(services.Session(user=outcome.user, tokens=outcome.tokens))


class VerifyOtpView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        request=s.VerifyOtpInput,
        responses={200: s.SessionOutput, 400: ERROR, 429: ERROR},
        summary="Confirm a new device with the emailed code",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.VerifyOtpInput, request)
        session = services.verify_signin_code(
            identifier=data["identifier"],
            code=data["code"],
            device_id=device_id(request, data),
            client_ip=client_ip(request),
        )
        return session_response(session)


class RefreshView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        request=s.RefreshInput,
        responses={200: s.SessionOutput, 400: ERROR, 401: ERROR},
        summary="Rotate the refresh token",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.RefreshInput, request)
        return session_response(services.refresh_session(refresh=data["refresh"]))


class SignoutView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.SignoutInput,
        responses={200: s.DetailOutput, 401: ERROR},
        summary="Sign out: revoke the access token, blacklist the refresh token",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.SignoutInput, request)
        services.sign_out(user_id=signed_in_user(request).id, access=token_claims(request), refresh=data.get("refresh"))
        return Response({"detail": "Signed out."})


class MeView(APIView):
    @extend_schema(tags=TAGS, responses={200: s.UserOutput, 401: ERROR}, summary="The signed-in account")
    def get(self, request: Request) -> Response:
        return Response(s.UserOutput(selectors.get_active_user(signed_in_user(request).id)).data)


class VerifyEmailView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        request=s.VerifyEmailInput,
        responses={200: s.UserOutput, 400: ERROR},
        summary="Verify the email address with the emailed token",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.VerifyEmailInput, request)
        return Response(s.UserOutput(services.verify_email(token=data["token"])).data)


class ResendVerificationView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.DetailOutput, 401: ERROR, 409: ERROR},
        summary="Send a new verification email",
    )
    def post(self, request: Request) -> Response:
        validated(StrictSerializer, request)
        services.resend_verification(user_id=signed_in_user(request).id)
        return Response({"detail": "We sent a new verification email."})


class ForgotPasswordView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        request=s.ForgotPasswordInput,
        responses={200: s.DetailOutput, 400: ERROR, 429: ERROR},
        summary="Email a password reset link (always 200)",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.ForgotPasswordInput, request)
        services.request_password_reset(email=data["email"], client_ip=client_ip(request))
        return Response({"detail": "If an account uses this email, we sent it a link to reset the password."})


class ResetPasswordView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        request=s.ResetPasswordInput,
        responses={200: s.DetailOutput, 400: ERROR},
        summary="Set a new password with the emailed token",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.ResetPasswordInput, request)
        services.reset_password(token=data["token"], password=data["password"])
        return Response({"detail": "Your password was reset. Sign in with the new one."})


class ChangePasswordView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.ChangePasswordInput,
        responses={200: s.DetailOutput, 400: ERROR, 401: ERROR, 429: ERROR},
        summary="Change the password",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.ChangePasswordInput, request)
        services.change_password(
            user_id=signed_in_user(request).id,
            current_password=data["current_password"],
            new_password=data["new_password"],
            keep_refresh=data.get("refresh"),
            keep_sid=str(token_claims(request).get("sid") or ""),
            client_ip=client_ip(request),
        )
        return Response({"detail": "Your password was changed; other sessions were signed out."})


class ChangeEmailView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.ChangeEmailInput,
        responses={200: s.DetailOutput, 400: ERROR, 401: ERROR, 429: ERROR},
        summary="Change the email address: mail a confirmation link to the new one",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.ChangeEmailInput, request)
        new_email = services.request_email_change(
            user_id=signed_in_user(request).id,
            current_password=data["current_password"],
            new_email=data["new_email"],
            client_ip=client_ip(request),
        )
        detail = f"We sent a link to {new_email}. Your address changes when you open it."
        return Response({"detail": detail})


class ConfirmEmailChangeView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        request=s.ConfirmEmailChangeInput,
        responses={200: s.UserOutput, 400: ERROR},
        summary="Confirm the new email address with the emailed token",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.ConfirmEmailChangeInput, request)
        return Response(s.UserOutput(services.confirm_email_change(token=data["token"])).data)


class DeleteAccountView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.DeleteAccountInput,
        responses={200: s.DetailOutput, 400: ERROR, 401: ERROR, 409: ERROR, 429: ERROR},
        summary="Delete the account: refused while an order is open; signs every session out",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.DeleteAccountInput, request)
        services.delete_account(
            user_id=signed_in_user(request).id, current_password=data["current_password"], client_ip=client_ip(request)
        )
        return Response({"detail": "Your account was deleted."})
