"""The configuration file, the intake flow and the names people may type for areas, themes
and teams.
"""
