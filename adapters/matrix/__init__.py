"""The Matrix adapter on matrix-nio: residents in (encrypted) direct chats, teams in rooms."""

from adapters.matrix.adapter import MatrixAdapter
from adapters.matrix.options import MatrixOptions

__all__ = ["MatrixAdapter", "MatrixOptions"]
