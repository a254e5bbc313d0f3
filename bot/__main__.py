"""`python -m bot` is the same as the `initiatiefbot` command."""

import sys

from bot.cli.main import main

sys.exit(main())
