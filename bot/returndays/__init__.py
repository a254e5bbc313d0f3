"""Return days (terugkomdagen): planning them from chat or config, invitations, reminders
and answers.
"""
