"""Generated from protos/reglament/v1 by scripts/gen_protos.py; do not edit."""
