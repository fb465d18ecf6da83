"""Maps the top-level ontology/ into the package, so an installed kg carries its ontology and queries.

``packages = find:`` in setup.cfg cannot see ``kg.ontology`` (it lives outside kg/), so it is
added here by name, with its data files.
"""
from setuptools import find_packages, setup

setup(
    package_dir={"kg": "kg", "kg.ontology": "ontology"},
    packages=find_packages(include=["kg", "kg.*"]) + ["kg.ontology"],
    # Given here, package_data replaces setup.cfg's: kg's own data files are listed with the ontology's.
    package_data={"kg": ["data/*.json", "data/*.csv", "data/*.md", "templates/*", "static/*"],
                  "kg.ontology": ["*.ttl", "queries/*.rq", "examples/*/*.ttl"]},
)
