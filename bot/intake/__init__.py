"""The resident's conversation: the questions of the intake and how answers are read. Pure:
no clock, database or network.
"""
