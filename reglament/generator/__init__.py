"""A year's register of a city, generated from a published profile (Ivano-Frankivsk 2017), scalable and seeded."""

from reglament.generator.profile import Profile, load_profile
from reglament.generator.register import Register, Step, generate

__all__ = ["Profile", "Register", "Step", "generate", "load_profile"]
