"""`factlint sources`: verify the ledger's sources over HTTP (the only part of factlint that uses the network)."""
