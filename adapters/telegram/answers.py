"""What came back over HTTP, when it is not the Bot API answering: said in one line.

A proxy or Telegram's front end that fails answers with an HTML page (502 Bad
Gateway); PTB would log that page whole at ERROR, and a wrong `base_url` gives a
404 that PTB reports as a refused token. Here such answers become errors that say
what came back, and the URL is only ever shown without the bot's token.
"""

import json
from http import HTTPStatus
from typing import Any

from telegram.error import NetworkError, TelegramError
from telegram.request import HTTPXRequest

from adapters.retrying import SECRET_SHOWN

# PTB writes the token where `base_url` says {token}, or else at its end.
TOKEN_PLACE = "{token}"


class NotFound(TelegramError):
    """The server answered 404: `base_url` points elsewhere, or the token has no bot's
    form (Telegram answers 404 for both; a token of a bot's form that it does not
    know gets 401)."""


class Unanswered(NetworkError):
    """The server answered an error without the Bot API's JSON: a proxy or Telegram's
    front end failing, or no Bot API at that address. Tried again, as an outage."""


class QuietRequest(HTTPXRequest):
    """PTB's HTTP requests, with answers that are not the Bot API's named plainly."""

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code == HTTPStatus.NOT_FOUND:
            raise NotFound(answered(code))
        if code >= HTTPStatus.BAD_REQUEST and not _json(payload):
            raise Unanswered(answered(code))
        return code, payload

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """As PTB's, without logging the whole answer (PTB logs it at ERROR)."""
        try:
            parsed = json.loads(payload.decode("utf-8", "replace"))
        except ValueError:
            raise TelegramError("Telegram's answer was no JSON") from None
        if not isinstance(parsed, dict):
            raise TelegramError("Telegram's answer was no JSON object")
        return parsed


def answered(code: int) -> str:
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = "(an unknown status)"
    return f"Telegram answered {code} {phrase}"


def shown_url(base_url: str, token: str) -> str:
    """The Bot API URL the bot talks to, as it may be logged: with the token left out."""
    url = base_url.replace(TOKEN_PLACE, SECRET_SHOWN)
    if SECRET_SHOWN not in url:
        url += SECRET_SHOWN
    return url.replace(token, SECRET_SHOWN) if token else url


def _json(payload: bytes) -> bool:
    try:
        json.loads(payload)
    except ValueError:
        return False
    return True
