"""Helpers that several command groups use: names to UUIDs (`resolve`), concurrent reads
(`concurrent`), cost estimates (`estimate`), what auth/profile/config share (`profiles`)."""
