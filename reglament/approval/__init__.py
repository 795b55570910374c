"""The approval domain: visa lifecycle of drafts, content checks, meeting checks (pure, no I/O)."""
