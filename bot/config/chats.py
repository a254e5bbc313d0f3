"""What a chat address says about the chat: a group, or one person's private chat.

Team notifications belong in groups. On Telegram a group's chat id is negative and a
person's (their private chat with the bot) positive; on Matrix a room is `!id:server`
or `#alias:server` and a person `@name:server`; a console chat is private when it
bears the name of the account that speaks in it (`chat --as console:anna` alone).
"""

TELEGRAM_EXAMPLE = "a group's id is a negative number such as telegram:-1001234567890"
MATRIX_EXAMPLE = "give a room, such as matrix:!abcdef:gemeente.nl or matrix:#team-west:gemeente.nl"


def not_a_group(address: str, people: set[str]) -> str | None:
    """Why `address` ("channel:id") is no group chat, or None when it is one; `people`
    are the accounts of the config's contacts and the console's own account."""
    channel, _, chat = address.partition(":")
    if channel == "telegram" and not (chat.startswith("-") and chat[1:].isdigit()):
        what = "a person's private chat" if chat.isdigit() else "not a Telegram group's id"
        return f"{address} is {what}; {TELEGRAM_EXAMPLE}"
    if channel == "matrix" and not chat.startswith(("!", "#")):
        what = "a person" if chat.startswith("@") else "not a room"
        return f"{address} is {what}; {MATRIX_EXAMPLE}"
    if channel == "console" and address in people:
        return f"{address} is a person's private chat; name a team chat such as console:team-west"
    return None
