"""Conversations, messages and offers (filled by the chat issue)."""
