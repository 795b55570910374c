"""The registry's domain: journals and their numbers, intake of documents, control of execution (no I/O)."""
