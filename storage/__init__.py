"""Persistence: SQLAlchemy models, queries and Alembic migrations. Imports nothing of ours."""
