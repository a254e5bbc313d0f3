"""The Matrix adapter on matrix-nio: residents in (encrypted) direct chats, teams in rooms.

Import `adapters.matrix.adapter` for the adapter itself: it loads matrix-nio and its
encryption (about 50 MB), which a bot without Matrix does without.
"""
