"""One incoming event, one transaction: what the event is, and carrying it out."""
