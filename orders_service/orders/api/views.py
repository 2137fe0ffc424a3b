"""The orders API: one view per operation — validate, call one use-case, serialize."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api.downloads import DownloadView, private, stored_file
from common.api.errors import InvalidInput
from common.api.serializers import ERROR, StrictSerializer, validated
from common.auth.authentication import GatewaySignatureOnly
from common.auth.user import signed_in_user
from orders_service.orders import errors, selectors, services
from orders_service.orders.api import serializers as s
from orders_service.orders.invoice import render_invoice
from orders_service.orders.models import LedgerEntry, Order, Withdrawal
from orders_service.orders.payments.provider import InvalidWebhook, get_provider

TAGS = ["orders"]
PAYOUT_TAGS = ["payouts"]
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", {"type": "string", "maxLength": 255}, OpenApiParameter.HEADER, required=False,
    description="Any unique string of at most 255 characters: a request repeated with it answers with the first "
    "withdrawal (200) instead of withdrawing again.",
)  # fmt: skip
TRANSITION_ERRORS = {401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


def actor(request: Request) -> services.Actor:
    user = signed_in_user(request)
    return services.Actor(user.id, user.username)


def order_response(request: Request, order: Order, status: int = 200) -> Response:
    """The order as its party sees it, read again with its timeline."""
    fresh = selectors.order_of(user_id=signed_in_user(request).id, order_id=order.pk)
    return Response(s.OrderOutput(fresh).data, status=status)


class PaymentConfigView(APIView):
    authentication_classes = [GatewaySignatureOnly]
    permission_classes = [AllowAny]

    @extend_schema(tags=TAGS, responses={200: s.PaymentConfigOutput}, summary="How a client confirms a payment")
    def get(self, request: Request) -> Response:
        return Response(s.PaymentConfigOutput(s.PaymentConfigOutput.current()).data)


class PaymentIntentView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.PaymentIntentInput,
        responses={201: s.PaymentIntentOutput, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 502: ERROR},
        summary="Open a payment for a gig or an accepted offer (priced by the server)",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.PaymentIntentInput, request)
        created = services.create_payment_intent(
            buyer=actor(request),
            gig_id=data.get("gig_id"),
            offer_message_id=data.get("offer_message_id"),
            package=data.get("package", "basic"),
        )
        return Response(s.PaymentIntentOutput(created).data, status=201)


class TestCardPaymentView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.TestCardInput,
        responses={200: s.TestCardOutput, 400: ERROR, 401: ERROR, 404: ERROR, 502: ERROR},
        summary="Pay my payment intent with a test card (only while payments go to a local stand-in; 404 otherwise)",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.TestCardInput, request)
        status = services.pay_with_test_card(buyer=actor(request), intent_id=data["payment_intent_id"])
        return Response(s.TestCardOutput({"payment_intent_id": data["payment_intent_id"], "status": status}).data)


class OrderListView(ListAPIView[Order]):
    serializer_class = s.OrderSummaryOutput

    @extend_schema(
        tags=TAGS,
        request=s.PlaceOrderInput,
        responses={201: s.OrderOutput, 400: ERROR, 401: ERROR, 404: ERROR, 409: ERROR, 502: ERROR},
        summary="Place the order a succeeded payment was made for",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.PlaceOrderInput, request)
        order = services.place_order(buyer=actor(request), **data)
        return order_response(request, order, status=201)

    @extend_schema(
        tags=TAGS,
        parameters=[s.ListQuery],
        responses={200: s.OrderSummaryOutput(many=True), 400: ERROR, 401: ERROR},
        summary="My orders, newest first",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Order]:
        query = s.ListQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.orders_of(user_id=signed_in_user(self.request).id, **query.validated_data)


class OrderView(APIView):
    @extend_schema(tags=TAGS, responses={200: s.OrderOutput, 401: ERROR, 404: ERROR}, summary="One of my orders")
    def get(self, request: Request, order_id: UUID) -> Response:
        return Response(s.OrderOutput(selectors.order_of(user_id=signed_in_user(request).id, order_id=order_id)).data)


class DeliverView(APIView):
    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": s.DeliverInput, "application/json": s.DeliverInput},
        responses={200: s.OrderOutput, 400: ERROR, 413: ERROR, 415: ERROR, **TRANSITION_ERRORS},
        summary="Deliver work (seller): a message and files",
    )
    def post(self, request: Request, order_id: UUID) -> Response:
        data = validated(s.DeliverInput, request)
        uploads = data.get("files") or []
        order = services.deliver_order(
            seller=actor(request), order_id=order_id, message=data["message"], uploads=uploads
        )
        return order_response(request, order)


class ApproveView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.OrderOutput, **TRANSITION_ERRORS},
        summary="Approve the delivery (buyer)",
    )
    def post(self, request: Request, order_id: UUID) -> Response:
        validated(StrictSerializer, request)
        return order_response(request, services.approve_order(buyer=actor(request), order_id=order_id))


class RequestRevisionView(APIView):
    @extend_schema(
        tags=TAGS, request=s.MessageInput, responses={200: s.OrderOutput, 400: ERROR, **TRANSITION_ERRORS},
        summary="Send the delivery back for changes (buyer)",
    )  # fmt: skip
    def post(self, request: Request, order_id: UUID) -> Response:
        data = validated(s.MessageInput, request)
        order = services.request_revision(buyer=actor(request), order_id=order_id, message=data["message"])
        return order_response(request, order)


class CancelView(APIView):
    @extend_schema(
        tags=TAGS, request=s.ReasonInput, responses={200: s.OrderOutput, 400: ERROR, 502: ERROR, **TRANSITION_ERRORS},
        summary="Cancel alone and refund the buyer: the buyer a late order, the seller one not yet delivered",
        description="The buyer may cancel alone only an order past its due date and not delivered (else 409 "
        "`order_not_late`); the seller only an order not yet delivered. A delivered order is 409 "
        "`cancellation_needs_agreement`: ask the other party through `/resolution` instead. The buyer gets back "
        "what is left of the total, through the provider, before the order is marked cancelled.",
    )  # fmt: skip
    def post(self, request: Request, order_id: UUID) -> Response:
        data = validated(s.ReasonInput, request)
        order = services.cancel_order(party=actor(request), order_id=order_id, reason=data["reason"])
        return order_response(request, order)


class RequestResolutionView(APIView):
    @extend_schema(
        tags=TAGS, request=s.ResolutionInput, responses={200: s.OrderOutput, 400: ERROR, **TRANSITION_ERRORS},
        summary="Ask the other party to cancel, or to agree a partial refund (either party)",
        description="One request waits at a time (409 `resolution_pending`). The other party accepts or declines "
        "before `expires_at` (`ORDER_RESOLUTION_RESPONSE_HOURS`, default 48 h); left unanswered, it is accepted. "
        "A partial refund is less than what is left of the price (400 `refund_too_large`).",
    )  # fmt: skip
    def post(self, request: Request, order_id: UUID) -> Response:
        data = validated(s.ResolutionInput, request)
        order = services.request_resolution(
            party=actor(request), order_id=order_id, kind=data["kind"], reason=data["reason"], amount=data.get("amount")
        )
        return order_response(request, order)


class AcceptResolutionView(APIView):
    @extend_schema(
        tags=TAGS, request=None, responses={200: s.OrderOutput, 502: ERROR, **TRANSITION_ERRORS},
        summary="Accept the other party's pending request: the order is cancelled, or the partial refund paid",
        description="Only the party who did not ask may answer (403 `own_resolution_request`); no pending request "
        "is 409 `no_pending_resolution`. The refund goes through the provider first: a refusal is a 502 and "
        "changes nothing.",
    )  # fmt: skip
    def post(self, request: Request, order_id: UUID) -> Response:
        validated(StrictSerializer, request)
        return order_response(request, services.accept_resolution(party=actor(request), order_id=order_id))


class DeclineResolutionView(APIView):
    @extend_schema(
        tags=TAGS, request=s.AnswerInput, responses={200: s.OrderOutput, 400: ERROR, **TRANSITION_ERRORS},
        summary="Decline the other party's pending request; the order goes on as it was",
    )  # fmt: skip
    def post(self, request: Request, order_id: UUID) -> Response:
        data = validated(s.AnswerInput, request)
        order = services.decline_resolution(party=actor(request), order_id=order_id, answer=data["answer"])
        return order_response(request, order)


class RequestExtensionView(APIView):
    @extend_schema(
        tags=TAGS, request=s.ExtensionInput, responses={200: s.OrderOutput, 400: ERROR, **TRANSITION_ERRORS},
        summary="Ask the buyer for more days (seller)",
    )  # fmt: skip
    def post(self, request: Request, order_id: UUID) -> Response:
        data = validated(s.ExtensionInput, request)
        order = services.request_extension(
            seller=actor(request), order_id=order_id, extra_days=data["new_delivery_days"], reason=data["reason"]
        )
        return order_response(request, order)


class ApproveExtensionView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.OrderOutput, **TRANSITION_ERRORS},
        summary="Approve the pending extension (buyer)",
    )
    def post(self, request: Request, order_id: UUID) -> Response:
        validated(StrictSerializer, request)
        return order_response(request, services.approve_extension(buyer=actor(request), order_id=order_id))


class RejectExtensionView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.OrderOutput, **TRANSITION_ERRORS},
        summary="Reject the pending extension (buyer)",
    )
    def post(self, request: Request, order_id: UUID) -> Response:
        validated(StrictSerializer, request)
        return order_response(request, services.reject_extension(buyer=actor(request), order_id=order_id))


class InvoiceView(DownloadView):
    @extend_schema(
        tags=TAGS, responses={(200, "application/pdf"): OpenApiTypes.BINARY, 401: ERROR, 404: ERROR},
        summary="The order's invoice as PDF (parties)",
    )  # fmt: skip
    def get(self, request: Request, order_id: UUID) -> HttpResponse:
        order = selectors.order_of(user_id=signed_in_user(request).id, order_id=order_id)
        response = HttpResponse(render_invoice(order), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="invoice-{order.pk}.pdf"'
        private(response)
        return response


class DeliveredFileView(DownloadView):
    @extend_schema(
        tags=TAGS, responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 401: ERROR, 404: ERROR},
        summary="Download a delivered file (parties)",
    )  # fmt: skip
    def get(self, request: Request, order_id: UUID, file_id: int) -> FileResponse:
        found = selectors.delivered_file(user_id=signed_in_user(request).id, order_id=order_id, file_id=file_id)
        return stored_file(found.path, name=found.name, content_type=found.content_type)


class StripeWebhookView(APIView):
    """The provider's webhook: no user, but the gateway's signature and the provider's are both checked."""

    authentication_classes = [GatewaySignatureOnly]
    permission_classes = [AllowAny]

    @extend_schema(tags=TAGS, request=OpenApiTypes.OBJECT, responses={200: None, 400: ERROR}, summary="Stripe webhook")
    def post(self, request: Request) -> Response:
        try:
            event = get_provider().verify_webhook(request._request.body, request.headers.get("Stripe-Signature"))
        except InvalidWebhook:
            raise errors.invalid_webhook() from None
        services.record_provider_event(event)
        return Response({"received": True})


class BalanceView(APIView):
    @extend_schema(
        tags=PAYOUT_TAGS, responses={200: s.BalanceOutput, 401: ERROR},
        summary="My balances: pending, available and withdrawn earnings, and my payout account",
        description="Each balance is the sum of its column of the ledger (`/payouts/ledger`). An earning is pending "
        "for `clearing_days` after its order completes, then available.",
    )  # fmt: skip
    def get(self, request: Request) -> Response:
        seller_id = signed_in_user(request).id
        balance = selectors.balance_of(seller_id=seller_id)
        return Response(
            s.BalanceOutput(
                {
                    "pending": balance.pending, "available": balance.available, "withdrawn": balance.withdrawn,
                    "currency": settings.PAYMENT_CURRENCY, "minimum_withdrawal": settings.PAYOUT_MINIMUM_WITHDRAWAL,
                    "clearing_days": settings.EARNINGS_CLEARING_DAYS,
                    "account": selectors.payout_account_of(seller_id=seller_id),
                    "pending_withdrawal": selectors.pending_withdrawal_of(seller_id=seller_id),
                }
            ).data
        )  # fmt: skip


class LedgerView(ListAPIView[LedgerEntry]):
    serializer_class = s.LedgerEntryOutput

    @extend_schema(
        tags=PAYOUT_TAGS, responses={200: s.LedgerEntryOutput(many=True), 400: ERROR, 401: ERROR},
        summary="My ledger, newest line first: every move between pending, available and withdrawn",
    )  # fmt: skip
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[LedgerEntry]:
        return selectors.ledger_of(seller_id=signed_in_user(self.request).id)


class PayoutAccountView(APIView):
    @extend_schema(
        tags=PAYOUT_TAGS, request=None, responses={200: s.ConnectOutput, 201: s.ConnectOutput, 401: ERROR, 403: ERROR, 502: ERROR},
        summary="Connect my payout account (sellers): opened at the provider once, 201; then 200 with a fresh link",
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        validated(StrictSerializer, request)
        user = signed_in_user(request)
        connected = services.connect_payout_account(seller=actor(request), is_seller=user.is_seller)
        return Response(s.ConnectOutput(connected).data, status=201 if connected.created else 200)


class WithdrawalsView(APIView):
    @extend_schema(
        tags=PAYOUT_TAGS, request=s.WithdrawInput, parameters=[IDEMPOTENCY_KEY],
        responses={
            200: s.WithdrawalOutput, 201: s.WithdrawalOutput, 202: s.WithdrawalOutput,
            400: ERROR, 401: ERROR, 409: ERROR, 502: ERROR,
        },
        summary="Withdraw available earnings to my payout account",
        description="201: transferred (`paid`). 202: the provider did not answer; the withdrawal stays `pending` "
        "and is asked again until it answers. 200: the same `Idempotency-Key` again. 400 `amount_too_large` "
        "(more than available) or `below_minimum_withdrawal`; 409 `no_payout_account`, `withdrawal_pending` "
        "(one at a time) or `idempotency_key_reused`; 502 `payout_failed`: the provider refused, the amount "
        "is available again.",
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        data = validated(s.WithdrawInput, request)
        key = request.headers.get("Idempotency-Key", "")
        if len(key) > 255:
            raise InvalidInput.on("Idempotency-Key", "At most 255 characters.", code="max_length")
        done = services.withdraw(seller=actor(request), amount=data.get("amount"), idempotency_key=key)
        withdrawal = done.withdrawal
        status = 200 if not done.created else 202 if withdrawal.status == Withdrawal.Status.PENDING else 201
        return Response(s.WithdrawalOutput(withdrawal).data, status=status)
