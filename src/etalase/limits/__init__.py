"""Rate limits that hold across processes and nodes: fixed-window counters in the database."""
