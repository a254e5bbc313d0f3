"""The command line: `initiatiefbot` and its subcommands, and the coordinators' admin and export."""
