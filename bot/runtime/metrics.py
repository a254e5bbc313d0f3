"""What `initiatiefbot run` counts, for Prometheus: messages in and out, failures, and,
read from the database at each scrape, the outbox and the jobs that are due.

Each app has a registry of its own, so two apps in one process (tests) never mix.
"""

from collections.abc import Callable, Iterator
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from storage import queries
from storage.db import Database

PREFIX = "initiatiefbot"


class Metrics:
    """The counters of one app, in a Prometheus registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.messages_in = Counter(
            f"{PREFIX}_messages_in",
            "Messages and button presses received, per platform",
            ["channel"],
            registry=self.registry,
        )
        self.messages_out = Counter(
            f"{PREFIX}_messages_out",
            "Messages the platforms accepted, per platform",
            ["channel"],
            registry=self.registry,
        )
        self.send_failures = Counter(
            f"{PREFIX}_send_failures",
            "Sends a platform refused or did not answer (each is tried again or parked)",
            ["channel"],
            registry=self.registry,
        )
        self.core_failures = Counter(
            f"{PREFIX}_core_failures",
            "Events the database did not take; the platform delivers them again",
            registry=self.registry,
        )

    def watch(self, db: Database, clock: Callable[[], datetime]) -> None:
        """Add the figures read from the database at each scrape."""
        self.registry.register(_Stored(db, clock))


class _Stored(Collector):
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = self._clock()
        with self._db.transaction() as session:
            outbox = queries.outbox_summary(session)
            due = queries.jobs_due(session, now.timestamp())
        pending = GaugeMetricFamily(
            f"{PREFIX}_outbox_pending", "Messages waiting to be sent", labels=["channel"]
        )
        failed = GaugeMetricFamily(
            f"{PREFIX}_outbox_failed",
            "Messages parked as failed (outbox retry)",
            labels=["channel"],
        )
        age = GaugeMetricFamily(
            f"{PREFIX}_outbox_oldest_age_seconds",
            "How long the oldest waiting message has waited",
            labels=["channel"],
        )
        for (channel, state), (count, oldest) in sorted(outbox.items()):
            if state == "failed":
                failed.add_metric([channel], count)
                continue
            pending.add_metric([channel], count)
            age.add_metric([channel], max((now - oldest).total_seconds(), 0.0))
        yield from (pending, failed, age)
        yield GaugeMetricFamily(
            f"{PREFIX}_jobs_due",
            "Follow-ups whose time has come and that did not run yet",
            value=due,
        )
