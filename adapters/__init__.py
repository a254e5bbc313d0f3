"""One module per chat platform; each speaks only the message contract of bot.messages."""
