"""Public API of the chat service, under ``/api/v1/`` (the gateway forwards these paths unchanged)."""

from django.urls import path

from chat_service.chat.api import views

app_name = "chat"

urlpatterns = [
    path("messages", views.SendMessageView.as_view(), name="send-message"),
    path("messages/<id:message_id>/attachment", views.AttachmentView.as_view(), name="message-attachment"),
    path("messages/<id:message_id>/offer/accept", views.AcceptOfferView.as_view(), name="accept-offer"),
    path("messages/<id:message_id>/offer/cancel", views.CancelOfferView.as_view(), name="cancel-offer"),
    path("conversations", views.ConversationListView.as_view(), name="conversations"),
    path(
        "conversations/<id:conversation_id>/messages",
        views.ConversationMessagesView.as_view(),
        name="conversation-messages",
    ),
    path("conversations/<id:conversation_id>/read", views.MarkConversationReadView.as_view(), name="read"),
]
