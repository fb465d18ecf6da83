"""Maps the top-level ontology/ into the package, so an installed kg carries its ontology and queries."""
from setuptools import setup

setup(package_dir={"kg": "kg", "kg.ontology": "ontology"})
