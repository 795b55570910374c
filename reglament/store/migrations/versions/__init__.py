"""Versioned migrations, one module per revision, applied in order by reglament.store.migrate."""
