"""An initiative's stored trail, read by the follow-up rules."""

from collections.abc import Sequence

from bot.followups.rules import Facts, TrailEntry, facts
from storage.models import Initiative, InitiativeEvent


def facts_of(initiative: Initiative, trail: Sequence[InitiativeEvent]) -> Facts:
    # In the order written, which is the order things happened even when two
    # processes' clocks disagree by a little.
    in_order = sorted(trail, key=lambda event: event.id)
    entries = (TrailEntry(event.kind, event.at, event.data, event.actor) for event in in_order)
    return facts(initiative.reference, initiative.status, entries)
