"""The ledger: loading, validating and indexing sourced facts."""
