"""Thin Telegram adapters: parse the update, call the domain, store, reply."""
