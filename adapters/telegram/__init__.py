"""The Telegram adapter on python-telegram-bot: residents in private chats, teams in groups.

Import `adapters.telegram.adapter` for the adapter itself: it loads the library, which a
bot without Telegram does without.
"""
