"""Everything the bot sends is an outbox row first; the dispatcher hands rows to the adapters."""
