"""The business actions of projects, one module per idea (cases, confirmations, workload)."""
