"""Subcommands of `python -m dashboard`."""
