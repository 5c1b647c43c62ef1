"""Backstride: a Telegram coach for reverse (backwards) running."""
