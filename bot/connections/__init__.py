"""Residents put in touch: meeting the initiator of a similar initiative, or joining
it, always with the yes of both."""
