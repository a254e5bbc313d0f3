"""Translations and the formatting that every feature's texts share."""
