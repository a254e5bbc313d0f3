"""initiatiefbot: the channel-agnostic core."""
