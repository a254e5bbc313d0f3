"""The contacts' desk: routing an initiative to a team, and claiming, forwarding and closing it."""
