"""`initiatiefbot run` with [monitoring] on: /healthz and /metrics tell an operator
how it is doing, through a conversation and a Bot API that fails to send."""

import asyncio
import json
import socket
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    ANNA,
    RESIDENT,
    TEAM_WEST,
    intake,
    press,
    running_bot,
    see,
    telegram_config,
)
from tests.configs import set_key


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def get(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as client,
        client.get(f"http://127.0.0.1:{port}{path}") as answer,
    ):
        return answer.status, await answer.text()


def figures(exposition: str) -> dict[str, float]:
    """Every sample as "name{labels}": value."""
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            found[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return found


def test_health_and_metrics_through_a_conversation_and_failing_sends(tmp_path: Path) -> None:
    port = free_port()

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            text = path.read_text()
            for key, value in {"enabled": "true", "port": str(port)}.items():
                text = set_key(text, "[monitoring]", key, value)
            path.write_text(text)
            async with running_bot(path, api):
                assert await get(port, "/healthz") == (200, json.dumps({"status": "ok"}))
                await intake(api)
                notification = await see(api, TEAM_WEST, "Bankje bij de haven")
                await press(api, ANNA, TEAM_WEST, notification, "Oppakken")
                await see(api, RESIDENT, "Goed nieuws: Anna")
                await see(api, ANNA, "06 12345678")  # the last of the claim's messages

                status, exposition = await get(port, "/metrics")
                assert status == 200
                seen = figures(exposition)
                # Eight typed answers and presses, and Anna's press.
                assert seen['initiatiefbot_messages_in_total{channel="telegram"}'] >= 9
                assert seen['initiatiefbot_messages_out_total{channel="telegram"}'] >= 10
                # Nothing waits for Telegram; team West's console chat waits for a console.
                assert 'initiatiefbot_outbox_pending{channel="telegram"}' not in seen
                assert seen['initiatiefbot_outbox_pending{channel="console"}'] >= 1
                assert seen['initiatiefbot_outbox_oldest_age_seconds{channel="console"}'] > 0
                assert seen["initiatiefbot_jobs_due"] == 0

                # Telegram's side fails for sending (getting updates still works).
                api.fail_next("sendMessage", status=502, times=2)
                api.user_says(RESIDENT, "mijn")
                await api.wait_until(lambda: any(c.status == 502 for c in api.calls))

                async def unhealthy() -> tuple[int, str]:
                    while True:
                        status, body = await get(port, "/healthz")
                        if status != 200:
                            return status, body
                        await asyncio.sleep(0.1)

                status, body = await asyncio.wait_for(unhealthy(), 10)
                assert status == 503
                assert json.loads(body)["platform telegram"] == "not connected"
                failing = figures((await get(port, "/metrics"))[1])
                assert failing['initiatiefbot_send_failures_total{channel="telegram"}'] >= 1
                assert failing['initiatiefbot_outbox_pending{channel="telegram"}'] >= 1

                await see(api, RESIDENT, "Je initiatieven", within=30)  # once sends work again
                assert await get(port, "/healthz") == (200, json.dumps({"status": "ok"}))

    asyncio.run(scenario())
