"""When the bot may speak and how it counts days: kept in `bot.cases.timerules`, where
the cases can reach them too (a closed initiative's window for the resident's words);
named here as well, where the follow-ups have always found them."""

from bot.cases.timerules import DayOff, TimeRules, public_holidays, time_rules

__all__ = ["DayOff", "TimeRules", "public_holidays", "time_rules"]
