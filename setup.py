"""Maps the top-level ontology/ into the package, so an installed kg carries its ontology and queries.

``packages = find:`` in setup.cfg cannot see ``kg.ontology`` (it lives outside kg/), so it is
added here by name, with its data files. Its folders of data (queries/, examples/valid, ...) are
named as packages too: setuptools warns of every importable folder a package list leaves out.
"""
from setuptools import find_packages, setup

ONTOLOGY_DATA = {
    "kg.ontology": ["*.ttl"],
    "kg.ontology.queries": ["*.rq"],
    "kg.ontology.examples": [],
    "kg.ontology.examples.valid": ["*.ttl"],
    "kg.ontology.examples.invalid": ["*.ttl"],
}

setup(
    package_dir={"kg": "kg", "kg.ontology": "ontology"},
    packages=find_packages(include=["kg", "kg.*"]) + list(ONTOLOGY_DATA),
    # Given here, package_data replaces setup.cfg's: kg's own data files are listed with the ontology's.
    package_data={"kg": ["data/*.json", "data/*.csv", "data/*.md", "templates/*", "static/*"], **ONTOLOGY_DATA},
)
