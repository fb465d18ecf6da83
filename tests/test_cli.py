"""The CLI is a thin shell: every command answers -h and --help, says what it does, and ends its
help with an example, as sqlite-utils does."""
import pytest
from click.testing import CliRunner

from kg.cli import main

COMMANDS = sorted(main.commands)


def test_every_verb_is_there():
    assert {"extract", "build", "validate", "query", "lineage", "view", "annotate", "site", "serve",
            "push"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_is_documented_with_an_example(command, flag):
    result = CliRunner().invoke(main, [command, flag])
    assert result.exit_code == 0, result.output
    docstring = main.commands[command].help or ""
    assert len(docstring.split()) >= 8, f"{command}: say what it does"
    assert "Example:" in docstring and f"kg {command}" in docstring.split("Example:")[-1]
    assert "Example:" in result.output


def test_a_missing_file_is_named_in_the_error():
    result = CliRunner().invoke(main, ["extract", "no/such/plan.txt"])
    assert result.exit_code != 0 and "no/such/plan.txt" in result.output
