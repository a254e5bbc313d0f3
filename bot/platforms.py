"""The chat platforms the config enables, as adapters with their options: the settings
from the config file and the secrets from the environment."""

import re
from collections.abc import Mapping
from pathlib import Path

from adapters.matrix.options import MatrixOptions
from adapters.telegram.options import TelegramOptions
from bot.config.settings import (
    MATRIX_ACCESS_TOKEN_ENV,
    MATRIX_PASSWORD_ENV,
    TELEGRAM_TOKEN_ENV,
    TELEGRAM_WEBHOOK_SECRET_ENV,
    Config,
    ConfigError,
)
from bot.inbox.menus import menus
from bot.messages import Adapter

MATRIX_PREFIX = "matrix:"
# What Telegram accepts as a webhook's secret token.
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def telegram_options(config: Config, environ: Mapping[str, str]) -> TelegramOptions:
    """The adapter's options from [telegram] and the secrets from the environment."""
    settings = config.telegram
    token = environ.get(TELEGRAM_TOKEN_ENV, "")
    if not token:
        raise ConfigError(
            (
                f"telegram.enabled: set the bot token in the environment variable "
                f"{TELEGRAM_TOKEN_ENV}",
            )
        )
    secret = environ.get(TELEGRAM_WEBHOOK_SECRET_ENV, "")
    if settings.mode == "webhook" and not WEBHOOK_SECRET.fullmatch(secret):
        raise ConfigError(
            (
                f"telegram.mode: webhook mode needs a secret in the environment variable "
                f"{TELEGRAM_WEBHOOK_SECRET_ENV}: 1 to 256 of A-Z a-z 0-9 _ - (Telegram's rule)",
            )
        )
    return TelegramOptions(
        token=token,
        mode=settings.mode,
        base_url=settings.base_url,
        base_file_url=settings.base_file_url,
        poll_timeout_seconds=settings.poll_timeout_seconds,
        webhook_url=settings.webhook_url,
        webhook_listen=settings.webhook_listen,
        webhook_port=settings.webhook_port,
        webhook_secret=secret,
        photo_dir=Path(config.bot.data_dir) / "photos",
        photo_max_bytes=settings.photo_max_bytes,
        messages_per_second=settings.messages_per_second,
        messages_per_chat_per_second=settings.messages_per_chat_per_second,
        messages_per_group_per_minute=settings.messages_per_group_per_minute,
        menus=tuple(menus()),
    )


def matrix_options(config: Config, environ: Mapping[str, str]) -> MatrixOptions:
    """The adapter's options from [matrix], the team rooms, and the secret from the environment."""
    settings = config.matrix
    password = environ.get(MATRIX_PASSWORD_ENV, "")
    token = environ.get(MATRIX_ACCESS_TOKEN_ENV, "")
    if not (password or token):
        raise ConfigError(
            (
                f"matrix.enabled: set the bot's password in {MATRIX_PASSWORD_ENV} "
                f"or an access token in {MATRIX_ACCESS_TOKEN_ENV}",
            )
        )
    # The followers' rooms are joined like the teams': the bot only writes in them.
    chats = [
        *(chat for team in config.teams for chat in team.notify),
        *(chat for follower in config.followers for chat in follower.chats),
    ]
    rooms = {chat.removeprefix(MATRIX_PREFIX) for chat in chats if chat.startswith(MATRIX_PREFIX)}
    return MatrixOptions(
        homeserver=settings.homeserver,
        user_id=settings.user_id,
        password=password,
        access_token=token,
        store_dir=Path(config.bot.data_dir) / "matrix",
        device_name=settings.device_name,
        encryption=settings.encryption,
        send_to_unverified=settings.unverified_devices == "send",
        invites_from=settings.invites_from,
        team_rooms=tuple(sorted(rooms)),
        reaction_shortcuts=settings.reaction_shortcuts,
        sync_timeout_seconds=settings.sync_timeout_seconds,
    )


def platform_adapters(config: Config, environ: Mapping[str, str]) -> list[Adapter]:
    """Every platform the config enables; an error names what is missing."""
    adapters: list[Adapter] = []
    # Each platform's library is loaded only when it is enabled: matrix-nio alone is
    # about 50 MB of memory and half a second of start.
    if config.telegram.enabled:
        from adapters.telegram.adapter import TelegramAdapter

        adapters.append(TelegramAdapter(telegram_options(config, environ)))
    if config.matrix.enabled:
        from adapters.matrix.adapter import MatrixAdapter

        adapters.append(MatrixAdapter(matrix_options(config, environ)))
    if not adapters:
        raise ConfigError(
            ("telegram.enabled: no chat platform is enabled; enable [telegram] or [matrix]",)
        )
    return adapters
