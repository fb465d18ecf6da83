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


#: Each command that reads a build, with the arguments it needs besides the build's place.
_READS_A_BUILD = {"validate": [], "query": ["who-cites", "--param", "number=15/2019/QĐ-UBND"],
                  "who-cites": ["15/2019/QĐ-UBND"], "lineage": ["322/KH-UBND"], "export": [], "rank": [],
                  "view": [], "status": ["322/KH-UBND"], "check": ["322/KH-UBND"], "timeline": ["322/KH-UBND"],
                  "effects": ["322/KH-UBND"], "push": ["http://127.0.0.1:9/store"]}


@pytest.mark.parametrize("command", sorted(_READS_A_BUILD))
def test_a_folder_that_is_no_build_is_named_with_the_reason_and_exit_status_2(command, tmp_path):
    """One handler for every command: the library's error, its message naming the input, status 2."""
    result = CliRunner().invoke(main, [command, str(tmp_path), *_READS_A_BUILD[command]])
    assert result.exit_code == 2, result.output
    reason = "no graph here (expected a build directory or a .ttl/.nt/.nq file)" if command == "validate" \
        else "no built graph here (run `kg build` first)"
    assert result.stderr.strip() == f"kg: {tmp_path}: {reason}"
    assert result.stdout == ""


def test_every_command_shares_one_set_of_settings():
    assert {tuple(main.commands[c].context_settings["help_option_names"]) for c in COMMANDS} == {("-h", "--help")}
