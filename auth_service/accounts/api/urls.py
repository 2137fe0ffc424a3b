"""Auth API under ``/api/v1/auth/`` (the gateway forwards these paths unchanged)."""

from django.urls import path

from auth_service.accounts.api import views

app_name = "auth"

urlpatterns = [
    path("signup", views.SignupView.as_view(), name="signup"),
    path("signin", views.SigninView.as_view(), name="signin"),
    path("verify-otp", views.VerifyOtpView.as_view(), name="verify-otp"),
    path("signout", views.SignoutView.as_view(), name="signout"),
    path("refresh", views.RefreshView.as_view(), name="refresh"),
    path("me", views.MeView.as_view(), name="me"),
    path("verify-email", views.VerifyEmailView.as_view(), name="verify-email"),
    path("resend-verification", views.ResendVerificationView.as_view(), name="resend-verification"),
    path("forgot-password", views.ForgotPasswordView.as_view(), name="forgot-password"),
    path("reset-password", views.ResetPasswordView.as_view(), name="reset-password"),
    path("change-email", views.ChangeEmailView.as_view(), name="change-email"),
    path("confirm-email-change", views.ConfirmEmailChangeView.as_view(), name="confirm-email-change"),
    path("delete-account", views.DeleteAccountView.as_view(), name="delete-account"),
    path("change-password", views.ChangePasswordView.as_view(), name="change-password"),
]
