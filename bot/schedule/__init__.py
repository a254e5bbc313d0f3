"""The clock above the features: APScheduler's jobs fire follow-ups, return days and daily runs."""
