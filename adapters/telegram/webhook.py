"""Webhook mode: Telegram posts each update to us and redelivers it until we answer 200.

We answer only after the core has committed, so an update that could not be
handled (the database was away) comes again, as with the offset in polling.
"""

import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
UpdateHandler = Callable[[dict[str, Any]], Awaitable[None]]


async def listen(
    host: str, port: int, path: str, secret: str, on_update: UpdateHandler
) -> web.AppRunner:
    """Serve `path` on host:port; the caller cleans the returned runner up."""

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, secret.encode()):
            return web.Response(status=403, text="wrong secret token")
        try:
            data = await request.json()
        except ValueError:
            return web.Response(status=400, text="not JSON")
        if not isinstance(data, dict) or "update_id" not in data:
            return web.Response(status=400, text="not an update")
        try:
            await on_update(data)
        except Exception as error:
            # Telegram tries again later; nothing is confirmed before it is committed.
            failure = type(error).__name__
            log.warning("telegram: update %s not handled yet (%s)", data.get("update_id"), failure)
            return web.Response(status=500, text="try again later")
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post(path, receive)
    runner = web.AppRunner(app, access_log=None)  # the access log would show chat ids
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
