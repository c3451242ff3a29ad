"""factlint: check the figures, dates and names in a draft against a ledger of sourced facts."""

__version__ = "0.1.0"
