"""Residents' personal data: erasure on request, retention, inzage, and blocking abusive
accounts.
"""
