"""Public API of the orders service, under ``/api/v1/`` (the gateway forwards these paths unchanged)."""

from django.urls import path

from orders_service.orders.api import views

app_name = "orders"

urlpatterns = [
    path("orders/payment-config", views.PaymentConfigView.as_view(), name="payment-config"),
    path("orders/payment-intent", views.PaymentIntentView.as_view(), name="payment-intent"),
    path("orders/payment-intent/test-card", views.TestCardPaymentView.as_view(), name="payment-test-card"),
    path("orders/webhooks/stripe", views.StripeWebhookView.as_view(), name="stripe-webhook"),
    path("orders", views.OrderListView.as_view(), name="orders"),
    path("orders/<uuid:order_id>", views.OrderView.as_view(), name="order"),
    path("orders/<uuid:order_id>/invoice", views.InvoiceView.as_view(), name="invoice"),
    path("orders/<uuid:order_id>/files/<id:file_id>", views.DeliveredFileView.as_view(), name="delivered-file"),
    path("orders/<uuid:order_id>/deliver", views.DeliverView.as_view(), name="deliver"),
    path("orders/<uuid:order_id>/approve", views.ApproveView.as_view(), name="approve"),
    path("orders/<uuid:order_id>/request-revision", views.RequestRevisionView.as_view(), name="request-revision"),
    path("orders/<uuid:order_id>/cancel", views.CancelView.as_view(), name="cancel"),
    path("orders/<uuid:order_id>/resolution", views.RequestResolutionView.as_view(), name="resolution"),
    path("orders/<uuid:order_id>/resolution/accept", views.AcceptResolutionView.as_view(), name="resolution-accept"),
    path("orders/<uuid:order_id>/resolution/decline", views.DeclineResolutionView.as_view(), name="resolution-decline"),
    path("orders/<uuid:order_id>/extension", views.RequestExtensionView.as_view(), name="extension"),
    path("orders/<uuid:order_id>/extension/approve", views.ApproveExtensionView.as_view(), name="extension-approve"),
    path("payouts/balance", views.BalanceView.as_view(), name="payout-balance"),
    path("payouts/ledger", views.LedgerView.as_view(), name="payout-ledger"),
    path("payouts/account", views.PayoutAccountView.as_view(), name="payout-account"),
    path("payouts/withdrawals", views.WithdrawalsView.as_view(), name="withdrawals"),
    path("orders/<uuid:order_id>/extension/reject", views.RejectExtensionView.as_view(), name="extension-reject"),
]
