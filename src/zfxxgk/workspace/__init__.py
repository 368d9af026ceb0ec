"""The staff workspace: the queue, offline registration, the case page with every action, the ledger."""
