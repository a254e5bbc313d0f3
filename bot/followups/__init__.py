"""Follow-ups: which an initiative needs and when (pure rules), what they say, and the
answers to them.
"""
