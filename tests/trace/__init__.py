"""Tests of the legal department tooling: features, traceability matrix and gate, HTML report, diff."""
