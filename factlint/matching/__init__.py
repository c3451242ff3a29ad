"""Stage 3: the ledger index and binding of mentions to facts."""
