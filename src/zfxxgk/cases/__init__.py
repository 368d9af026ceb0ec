"""依申请公开: applications, their events and deadlines, outcomes, appeals, ledger, statistics."""
