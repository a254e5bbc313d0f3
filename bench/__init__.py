"""`make bench`: the figures of issue 8, each with how it was measured."""
