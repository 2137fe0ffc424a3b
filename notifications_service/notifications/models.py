"""Emails and in-app notifications (filled by the notifications issue)."""
