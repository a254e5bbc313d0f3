"""`/healthz` and `/metrics` of `initiatiefbot run`, on a local port ([monitoring]).

`/healthz` answers 200 when the database answers and every platform is connected,
and 503 naming what is wrong otherwise; `/metrics` is Prometheus' text format.
"""

import asyncio
import logging
from collections.abc import Callable, Mapping

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot.runtime.metrics import Metrics
from storage.db import Database

log = logging.getLogger(__name__)
# A health check that waits longer than this counts the database as not answering.
DATABASE_TIMEOUT_SECONDS = 3.0


class Monitoring:
    def __init__(
        self,
        db: Database,
        metrics: Metrics,
        platforms: Callable[[], Mapping[str, bool]],
        listen: str,
        port: int,
    ) -> None:
        self._db = db
        self._metrics = metrics
        self._platforms = platforms
        self._listen = listen
        self._port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/healthz", self._health)
        app.router.add_get("/metrics", self._scrape)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._listen, self._port).start()
        log.info("monitoring on http://%s:%d/healthz and /metrics", self._listen, self._port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _health(self, _request: web.Request) -> web.Response:
        problems = {
            f"platform {channel}": "not connected"
            for channel, up in self._platforms().items()
            if not up
        }
        try:
            await asyncio.wait_for(asyncio.to_thread(self._ping), DATABASE_TIMEOUT_SECONDS)
        except (TimeoutError, SQLAlchemyError) as error:
            problems["database"] = f"not answering ({type(error).__name__})"
        status = 503 if problems else 200
        return web.json_response(
            {"status": "unavailable" if problems else "ok", **problems}, status=status
        )

    def _ping(self) -> None:
        with self._db.transaction() as session:
            session.execute(text("SELECT 1"))

    async def _scrape(self, _request: web.Request) -> web.Response:
        try:
            body = await asyncio.to_thread(generate_latest, self._metrics.registry)
        except SQLAlchemyError as error:
            return web.Response(status=503, text=f"database not answering ({type(error).__name__})")
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
