"""The set-ups in docs/integrations.md, checked against real `stylecheck check` output.

Each test reads its snippet from the page (a fenced block after `<!-- snippet: NAME -->` or
`<!-- file: PATH -->`) or from docs/examples/, and runs it on the output of stylecheck checking a
copy of the sample chapter: in bash (the GitHub workflow), Vim (quickfix), Neovim (the nvim-lint
parser), Emacs (compilation mode and Flymake) and Node (VS Code's problem matcher is a
JavaScript regular expression). A test whose program is missing skips, unless
STYLECHECK_REQUIRE_EDITORS=1 (set by .ci/run) makes it fail.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SEEDS

DOCS = ROOT / "docs" / "integrations.md"
EXAMPLES = ROOT / "docs" / "examples"
CHAPTER = "chapter-01.md"
# Added to the sample chapter: a tab, two double-width characters and an emoji (outside the
# Basic Multilingual Plane) before a finding, where editors' column counts differ most.
EDGE = "She wrote 東京 on the card\tand drew a 🎉 beside it. It was a very unique plan."
TIMEOUT = 300  # seconds for one program run

BLOCK = re.compile(r"<!-- (file|snippet): (\S+) -->\n```\w+\n(.*?)^```$", re.MULTILINE | re.DOTALL)
FINDING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|note): "
    r"(?P<message>.*) \[(?P<rule>[^\]]+)\]$"
)
SUMMARY = re.compile(r"^stylecheck: \d+ findings? \(.*\) in \d+ files?$")
# `::warning file=a.md,line=3,col=9,endLine=3,endColumn=13,title=rule.id::message`
WORKFLOW_COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice) (?P<properties>[^:]*)::(?P<message>.+)$"
)
SEVERITY_OF_COMMAND = {"error": "error", "warning": "warning", "notice": "note"}


@dataclass(frozen=True)
class Finding:
    """One line of the text format."""

    path: str
    line: int
    column: int
    severity: str
    message: str
    rule: str

    @property
    def text(self) -> str:
        """Return what follows the severity on the line: the message and the rule id."""
        return f"{self.message} [{self.rule}]"

    @property
    def place(self) -> tuple[int, int, str, str]:
        """Return the finding without its path and message, for comparing formats."""
        return (self.line, self.column, self.severity, self.rule)


@dataclass(frozen=True)
class Run:
    """A finished `stylecheck check` run on the scratch manuscript."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def findings(self) -> list[Finding]:
        """Return the findings of a text-format run, in output order."""
        return [parse_finding(line) for line in self.stdout.splitlines()]


def parse_finding(line: str) -> Finding:
    """Parse one line of the text format (failing the test on any other line)."""
    match = FINDING.match(line)
    assert match, f"not a finding line: {line!r}"
    fields = match.groupdict()
    return Finding(
        path=fields["path"],
        line=int(fields["line"]),
        column=int(fields["column"]),
        severity=fields["severity"],
        message=fields["message"],
        rule=fields["rule"],
    )


# -- the page and its examples ------------------------------------------------------------------


def blocks() -> dict[str, str]:
    """Return the page's marked fenced blocks by name (`file:PATH` or `snippet:NAME`)."""
    page = DOCS.read_text(encoding="utf-8")
    return {f"{kind}:{name}": text for kind, name, text in BLOCK.findall(page)}


def snippet(name: str) -> str:
    """Return the page's fenced block marked `<!-- snippet: NAME -->`."""
    return blocks()[f"snippet:{name}"]


def example(name: str) -> Path:
    """Return an example file that the page shows or links (so tests check what readers get)."""
    page = DOCS.read_text(encoding="utf-8")
    assert f"](examples/{name})" in page, f"docs/integrations.md does not link {name}"
    return EXAMPLES / name


def slug(heading: str) -> str:
    """Return GitHub's anchor for a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def require_program(name: str, package: str) -> str:
    """Return the program's path, or skip (fail when STYLECHECK_REQUIRE_EDITORS=1)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("STYLECHECK_REQUIRE_EDITORS") == "1":
            pytest.fail(
                f"STYLECHECK_REQUIRE_EDITORS=1 but {name!r} is not on PATH: "
                f"install it (apt-get install {package})"
            )
        pytest.skip(f"{name} is not installed (apt-get install {package})")
    return path


# -- fixtures: one scratch manuscript, one environment, one text run ---------------------------


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Return an environment whose `stylecheck` on PATH is this interpreter's stylecheck."""
    bin_dir = tmp_path_factory.mktemp("bin")
    shim = bin_dir / "stylecheck"
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m stylecheck "$@"\n')
    shim.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["STYLECHECK_NO_CACHE"] = "1"
    return env


def chapter_text() -> str:
    """Return the sample chapter with the EDGE paragraph at the end."""
    text = (SEEDS / CHAPTER).read_text(encoding="utf-8")
    return f"{text.rstrip()}\n\n{EDGE}\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder holding the chapter, and the same in chapters/."""
    folder = tmp_path_factory.mktemp("manuscript")
    (folder / "chapters").mkdir()
    for path in (folder / CHAPTER, folder / "chapters" / CHAPTER):
        path.write_text(chapter_text(), encoding="utf-8")
    return folder


def run(args: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run a program and return its exit code and output."""
    done = subprocess.run(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def text_run(workspace: Path, environment: dict[str, str]) -> Run:
    """Return `stylecheck check chapter-01.md` in the text format (the editors' input)."""
    return run([sys.executable, "-m", "stylecheck", "check", CHAPTER], workspace, environment)


@pytest.fixture(scope="module")
def chapter_lines() -> list[str]:
    """Return the chapter's lines."""
    return chapter_text().splitlines()


def before(finding: Finding, lines: list[str]) -> str:
    """Return the text on the finding's line before it."""
    return lines[finding.line - 1][: finding.column - 1]


def wide_or_tab(text: str) -> bool:
    """Tell whether the text has a tab or a double-width character (screen cells differ)."""
    return any(c == "\t" or unicodedata.east_asian_width(c) in "WF" for c in text)


def test_the_sample_output_has_every_case_the_set_ups_must_handle(
    text_run: Run, chapter_lines: list[str]
) -> None:
    assert text_run.returncode == 1
    findings = text_run.findings
    assert {f.severity for f in findings} == {"error", "warning", "note"}
    assert SUMMARY.match(text_run.stderr.strip()), text_run.stderr
    # Findings after curly quotes and dashes, where bytes and characters differ, and one after
    # a tab, double-width characters and an emoji, where screen cells and UTF-16 differ too.
    assert sum(not before(f, chapter_lines).isascii() for f in findings) >= 10
    (edge,) = [f for f in findings if wide_or_tab(before(f, chapter_lines))]
    assert "🎉" in before(edge, chapter_lines)


# -- the page ------------------------------------------------------------------------------------


def test_the_page_shows_each_example_file_as_it_is() -> None:
    shown = {name.removeprefix("file:") for name in blocks() if name.startswith("file:")}
    files = {
        f"examples/{path.relative_to(EXAMPLES).as_posix()}"
        for path in EXAMPLES.rglob("*")
        if path.is_file()
    }
    page = DOCS.read_text(encoding="utf-8")
    for name in shown:
        assert (ROOT / "docs" / name).read_text(encoding="utf-8") == blocks()[f"file:{name}"]
    # Files too long to show are at least linked.
    for name in files - shown:
        assert f"]({name})" in page, f"docs/integrations.md neither shows nor links {name}"


def test_the_page_links_only_to_its_own_headings() -> None:
    page = DOCS.read_text(encoding="utf-8")
    headings = {slug(h) for h in re.findall(r"^#+ (.+)$", page, re.MULTILINE)}
    anchors = set(re.findall(r"\]\(#([^)]+)\)", page))
    assert anchors, "the page links to none of its sections"
    assert anchors <= headings, anchors - headings


# -- GitHub Actions ------------------------------------------------------------------------------


def workflow() -> dict[Any, Any]:
    """Return the example workflow, parsed."""
    data = yaml.safe_load(example("github-workflow.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def workflow_steps() -> list[dict[str, Any]]:
    """Return the steps of the workflow's one job."""
    (job,) = workflow()["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def step_running(words: str) -> dict[str, Any]:
    """Return the one workflow step whose `run` contains `words`."""
    (step,) = [s for s in workflow_steps() if words in s.get("run", "")]
    return step


def readme_pre_commit_source() -> tuple[str, str]:
    """Return the `repo:` and `rev:` of the README's pre-commit example."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^  - repo: (.+)\n    rev: (\S+)$", readme, re.MULTILINE)
    assert match, "README.md has no pre-commit example with repo: and rev:"
    return match[1], match[2]


def test_the_workflow_is_wired_as_the_page_says() -> None:
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "pull_request"}
    assert data["permissions"]["security-events"] == "write"
    steps = workflow_steps()
    (python,) = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
    assert python["with"]["python-version"] == "3.11"
    # Installed from the same placeholder URL and tag as the README's pre-commit example.
    repo, rev = readme_pre_commit_source()
    assert step_running("pip install")["run"] == f'pip install "git+{repo}@{rev}"'
    sarif, github = step_running("--format sarif"), step_running("--format github")
    # The SARIF step must run before the step that fails the job, and must not fail on findings.
    assert steps.index(sarif) < steps.index(github)
    assert "--fail-on never" in sarif["run"]
    assert "--fail-on" not in github["run"]  # the writer's config decides
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/")]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["if"] == "always()"
    assert sarif["run"].endswith(f"> {upload['with']['sarif_file']}")


@dataclass(frozen=True)
class WorkflowRun:
    """The workflow's stylecheck steps, run with bash in a scratch repository."""

    sarif: Run
    github: Run
    sarif_file: Path


@pytest.fixture(scope="module")
def workflow_run(workspace: Path, environment: dict[str, str]) -> WorkflowRun:
    """Run the workflow's SARIF and annotation steps, in that order, on chapters/."""
    bash = require_program("bash", "bash")

    def run_step(words: str) -> Run:
        # GitHub runs `run:` with `bash --noprofile --norc -e -o pipefail {0}` on Linux.
        script = step_running(words)["run"]
        command = [bash, "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script]
        return run(command, workspace, environment)

    sarif = run_step("--format sarif")
    github = run_step("--format github")
    return WorkflowRun(sarif, github, workspace / "stylecheck.sarif")


def test_the_workflow_sarif_step_passes_and_writes_every_finding(
    workflow_run: WorkflowRun, text_run: Run
) -> None:
    assert workflow_run.sarif.returncode == 0, workflow_run.sarif.stderr
    sarif = json.loads(workflow_run.sarif_file.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    (sarif_run,) = sarif["runs"]
    got = []
    for result in sarif_run["results"]:
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == f"chapters/{CHAPTER}"
        region = physical["region"]
        got.append((region["startLine"], region["startColumn"], result["level"], result["ruleId"]))
    # SARIF's levels are stylecheck's severity words.
    assert sorted(got) == sorted(f.place for f in text_run.findings)


Place = tuple[int, int, str]  # line, column, rule


@pytest.fixture(scope="module")
def ends(workflow_run: WorkflowRun) -> dict[Place, tuple[int, int]]:
    """Return where each finding ends (line, exclusive column), from the workflow's SARIF."""
    sarif = json.loads(workflow_run.sarif_file.read_text(encoding="utf-8"))
    found = {}
    for result in sarif["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        place = (region["startLine"], region["startColumn"], result["ruleId"])
        found[place] = (region["endLine"], region["endColumn"])
    return found


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Return a workflow command's name, properties and message (unescaped)."""
    match = WORKFLOW_COMMAND.match(line)
    assert match, f"not a workflow command: {line!r}"
    properties = {}
    for pair in match["properties"].split(","):
        key, _, value = pair.partition("=")
        properties[key] = unescape(value)
    return match["command"], properties, unescape(match["message"])


def unescape(text: str) -> str:
    """Undo the runner's escaping of `%`, CR, LF, `:` and `,`."""
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def test_the_workflow_annotation_step_fails_the_job_and_annotates_every_finding(
    workflow_run: WorkflowRun, text_run: Run
) -> None:
    # Warnings and errors at the default fail-on (warning): the step, and so the job, fails.
    assert workflow_run.github.returncode == 1, workflow_run.github.stderr
    got = []
    for line in workflow_run.github.stdout.splitlines():
        command, properties, message = parse_workflow_command(line)
        assert properties["file"] == f"chapters/{CHAPTER}"
        assert int(properties["endLine"]) >= int(properties["line"])
        got.append(
            (
                int(properties["line"]),
                int(properties["col"]),
                SEVERITY_OF_COMMAND[command],
                properties["title"],
                message,
            )
        )
    expected = [(*f.place, f.message) for f in text_run.findings]
    assert got == expected


# -- pre-commit ----------------------------------------------------------------------------------


def test_the_pre_commit_example_names_the_hook_and_the_readme_source() -> None:
    config = yaml.safe_load(snippet("pre-commit"))
    (source,) = config["repos"]
    assert (source["repo"], source["rev"]) == readme_pre_commit_source()
    (hook,) = source["hooks"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] in {h["id"] for h in hooks}
    # pre-commit matches `files` and `exclude` with Python's re.search on the path.
    assert re.search(hook["files"], f"chapters/{CHAPTER}")
    assert not re.search(hook["exclude"], f"chapters/{CHAPTER}")
    assert re.search(hook["exclude"], "chapters/drafts/old.md")
    assert not re.search(hook["files"], "README.md")


def test_the_pre_commit_example_args_work_as_the_hook_passes_them(
    workspace: Path, environment: dict[str, str], text_run: Run
) -> None:
    (source,) = yaml.safe_load(snippet("pre-commit"))["repos"]
    (hook,) = source["hooks"]
    args: list[str] = [str(a) for a in hook["args"]]
    (definition,) = [
        h
        for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        if h["id"] == hook["id"]
    ]
    # pre-commit runs the hook's entry, then its args, then the file names.
    command = [*shlex.split(definition["entry"]), *args, f"chapters/{CHAPTER}"]
    assert command[0] == "stylecheck"
    result = run(command, workspace, environment)
    ignored = tuple(args[args.index("--ignore") + 1].split(","))
    assert any(f.rule.startswith(ignored) for f in text_run.findings)
    expected = [f.place for f in text_run.findings if not f.rule.startswith(ignored)]
    assert [f.place for f in result.findings] == expected
    # --fail-on error: the chapter has errors, so the commit is refused.
    assert args[args.index("--fail-on") + 1] == "error"
    assert result.returncode == 1, result.stderr
    assert any(f.severity == "error" for f in result.findings)


# -- Vim -----------------------------------------------------------------------------------------

VIM_SCRIPT = """
set runtimepath^={runtime}
edit {chapter}
compiler stylecheck
silent make %
let s:items = getqflist()
let s:jumps = []
for s:i in range(1, len(s:items))
  if s:items[s:i - 1].valid
    silent execute 'cc' s:i
    call add(s:jumps, [bufname('%'), line('.'), charcol('.')])
  endif
endfor
let s:names = map(copy(s:items), 'bufname(v:val.bufnr)')
call writefile([json_encode({{'items': s:items, 'names': s:names, 'jumps': s:jumps}})], {out})
qall!
"""


def editor_report(
    editor: str, command: list[str], out: Path, workspace: Path, environment: dict[str, str]
) -> dict[str, Any]:
    """Run an editor on a test script and return the JSON report the script wrote to `out`."""
    result = run(command, workspace, environment)
    assert out.exists(), f"{editor} wrote nothing: {result.stdout}{result.stderr}"
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def vim_quickfix(
    workspace: Path, environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Run `:compiler stylecheck` and `:make %` in Vim; return the quickfix list and jumps."""
    vim = require_program("vim", "vim")
    plugin = example("vim/compiler/stylecheck.vim")
    out = tmp_path_factory.mktemp("vim") / "quickfix.json"
    script = out.with_name("test.vim")
    runtime = plugin.parent.parent
    script.write_text(
        VIM_SCRIPT.format(
            runtime=str(runtime).replace(" ", r"\ "),
            chapter=CHAPTER,
            out=vim_string(str(out)),
        ),
        encoding="utf-8",
    )
    # -N: not vi-compatible; -u NONE: no vimrc or plugins; -i NONE: no viminfo; -es: silent Ex.
    command = [vim, "-N", "-u", "NONE", "-i", "NONE", "-es", "-S", str(script)]
    return editor_report("Vim", command, out, workspace, environment)


def vim_string(text: str) -> str:
    """Return a Vim single-quoted string literal."""
    return "'" + text.replace("'", "''") + "'"


def test_vim_reads_every_finding_into_the_quickfix_list(
    vim_quickfix: dict[str, Any], text_run: Run
) -> None:
    items, names = vim_quickfix["items"], vim_quickfix["names"]
    valid = [(item, name) for item, name in zip(items, names, strict=True) if item["valid"]]
    got = [(name, i["lnum"], i["col"], i["type"], i["text"]) for i, name in valid]
    expected = [(f.path, f.line, f.column, f.severity[0], f.text) for f in text_run.findings]
    assert got == expected
    # `%v`: the column is a screen column, not a byte index.
    assert all(item["vcol"] == 1 for item, _ in valid)


def test_vim_lists_the_summary_line_as_text_not_as_a_finding(
    vim_quickfix: dict[str, Any],
) -> None:
    invalid = [item["text"] for item in vim_quickfix["items"] if not item["valid"]]
    assert len(invalid) == 1
    assert SUMMARY.match(invalid[0])


def test_vim_jumps_to_the_flagged_character(
    vim_quickfix: dict[str, Any], text_run: Run, chapter_lines: list[str]
) -> None:
    jumps = vim_quickfix["jumps"]
    assert len(jumps) == len(text_run.findings)
    for (name, line, column), f in zip(jumps, text_run.findings, strict=True):
        assert (name, line) == (f.path, f.line)
        # The documented limit: %v counts screen cells, which a tab or a wide character
        # before the finding makes more than the characters stylecheck counts.
        if not wide_or_tab(before(f, chapter_lines)):
            assert column == f.column, f


# -- Neovim --------------------------------------------------------------------------------------

NVIM_SCRIPT = """
-- A stand-in for nvim-lint: the linter definition only fills these tables.
package.loaded["lint"] = { linters = {}, linters_by_ft = {}, try_lint = function() end }
dofile(%(example)s)
local lint = package.loaded["lint"]
local linter = lint.linters.stylecheck
vim.cmd("edit " .. vim.fn.fnameescape(%(chapter)s))
local bufnr = vim.api.nvim_get_current_buf()
-- What nvim-lint does: evaluate the arguments, send the buffer on standard input.
local argv = { linter.cmd }
for _, arg in ipairs(linter.args) do
  if type(arg) == "function" then
    arg = arg()
  end
  table.insert(argv, arg)
end
local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\\n") .. "\\n"
local output = vim.fn.system(argv, text)
local status = vim.v.shell_error
local compiled = {}
for _, path in ipairs(%(snippets)s) do
  local chunk, problem = loadfile(path)
  compiled[vim.fn.fnamemodify(path, ":t")] = chunk ~= nil or problem
end
local report = {
  argv = argv,
  status = status,
  stdin = linter.stdin,
  ignore_exitcode = linter.ignore_exitcode,
  filetypes = { markdown = lint.linters_by_ft.markdown, text = lint.linters_by_ft.text },
  diagnostics = linter.parser(output, bufnr),
  compiled = compiled,
}
vim.fn.writefile({ vim.json.encode(report) }, %(out)s)
"""


def lua_string(text: str) -> str:
    """Return a Lua string literal (JSON's escapes are valid in Lua)."""
    return json.dumps(text)


@pytest.fixture(scope="module")
def nvim_lint(
    workspace: Path, environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Run the nvim-lint definition's command and parser in Neovim; return what it made."""
    nvim = require_program("nvim", "neovim")
    folder = tmp_path_factory.mktemp("nvim")
    snippets = []
    for name in ("neovim-lsp-config", "neovim-lsp-start"):
        path = folder / f"{name}.lua"
        path.write_text(snippet(name), encoding="utf-8")
        snippets.append(lua_string(str(path)))
    out = folder / "report.json"
    script = folder / "test.lua"
    script.write_text(
        NVIM_SCRIPT
        % {
            "example": lua_string(str(example("nvim-lint-stylecheck.lua"))),
            "chapter": lua_string(str(workspace / CHAPTER)),
            "snippets": "{ " + ", ".join(snippets) + " }",
            "out": lua_string(str(out)),
        },
        encoding="utf-8",
    )
    command = [nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n"]
    command += ["-c", f"luafile {script}", "-c", "qall!"]
    return editor_report("Neovim", command, out, workspace, environment)


def test_nvim_lint_runs_stylecheck_on_the_buffer(
    nvim_lint: dict[str, Any], workspace: Path
) -> None:
    assert nvim_lint["argv"] == [
        "stylecheck",
        "check",
        "--format",
        "json",
        "--stdin-filename",
        str(workspace / CHAPTER),
        "-",
    ]
    assert nvim_lint["status"] == 1  # findings: nvim-lint must not treat it as a failure
    assert nvim_lint["stdin"] is True
    assert nvim_lint["ignore_exitcode"] is True
    assert nvim_lint["filetypes"] == {"markdown": ["stylecheck"], "text": ["stylecheck"]}


def test_nvim_lint_parser_places_every_finding_in_bytes(
    nvim_lint: dict[str, Any],
    text_run: Run,
    chapter_lines: list[str],
    ends: dict[Place, tuple[int, int]],
) -> None:
    severities = {"error": 1, "warning": 2, "note": 3}  # vim.diagnostic.severity

    def byte_column(line: int, column: int) -> int:
        return len(chapter_lines[line - 1][: column - 1].encode("utf-8"))

    got = [
        (d["lnum"], d["col"], d["end_lnum"], d["end_col"], d["severity"], d["message"], d["code"])
        for d in nvim_lint["diagnostics"]
    ]
    expected = []
    for f in text_run.findings:
        end_line, end_column = ends[f.line, f.column, f.rule]
        start, end = byte_column(f.line, f.column), byte_column(end_line, end_column)
        place = (f.line - 1, start, end_line - 1, end)
        expected.append((*place, severities[f.severity], f.message, f.rule))
    assert got == expected
    assert {d["source"] for d in nvim_lint["diagnostics"]} == {"stylecheck"}


def test_the_neovim_language_server_snippets_are_valid_lua(nvim_lint: dict[str, Any]) -> None:
    assert nvim_lint["compiled"] == {"neovim-lsp-config.lua": True, "neovim-lsp-start.lua": True}
    for name in ("neovim-lsp-config", "neovim-lsp-start"):
        assert 'cmd = { "stylecheck", "lsp" }' in snippet(name)
        assert '{ "markdown", "text" }' in snippet(name)


# -- Emacs ---------------------------------------------------------------------------------------

EMACS_SCRIPT = r"""
(setq debug-on-error nil)
(load %(elisp)s nil t)
(setq compilation-ask-about-save nil)
(require 'flymake)
(remove-hook 'flymake-diagnostic-functions 'flymake-proc-legacy-flymake) ; only the one under test

(defun test-wait (done)
  "Wait up to %(timeout)s seconds for DONE to return non-nil."
  (let ((end (+ (float-time) %(timeout)s)))
    (while (and (not (funcall done)) (< (float-time) end))
      (accept-process-output nil 0.1))))

(defun test-column ()
  "Return point's column in characters, from 1."
  (1+ (- (point) (line-beginning-position))))

(defun test-messages ()
  "Return (LINE-TEXT TYPE LINE COLUMN) for each line of the compilation buffer."
  (compilation--ensure-parse (point-max))
  (goto-char (point-min))
  (let (lines)
    (while (not (eobp))
      (let* ((start (line-beginning-position))
             (end (line-end-position))
             (where (text-property-not-all start end 'compilation-message nil))
             (message (and where (get-text-property where 'compilation-message)))
             (loc (and message (compilation--message->loc message))))
        (push (list (buffer-substring-no-properties start end)
                    (and message (compilation--message->type message))
                    (and loc (compilation--loc->line loc))
                    (and loc (compilation--loc->col loc)))
              lines))
      (forward-line 1))
    (nreverse lines)))

(let* ((chapter (find-file-noselect %(chapter)s))
       (compilation (with-current-buffer chapter (stylecheck-compile)))
       visits messages diagnostics)
  ;; M-x stylecheck-compile, then next-error through every finding.
  (test-wait (lambda () (not (get-buffer-process compilation))))
  (with-current-buffer compilation
    (setq messages (test-messages))
    (goto-char (point-min)))
  (setq next-error-last-buffer compilation)
  (condition-case nil
      (while t
        (next-error 1)
        ;; next-error shows the place in the selected window.
        (let ((window (selected-window)))
          (with-current-buffer (window-buffer window)
            (save-excursion
              (goto-char (window-point window))
              (push (list (file-name-nondirectory (buffer-file-name)) (line-number-at-pos)
                          (test-column))
                    visits)))))
    ((error user-error) nil))
  ;; Flymake, started as the page says.
  (with-current-buffer chapter
    (stylecheck-flymake-setup)
    (flymake-start)
    (test-wait (lambda () (memq 'stylecheck-flymake (flymake-reporting-backends))))
    (dolist (d (flymake-diagnostics))
      (let ((beg (flymake-diagnostic-beg d))
            (end (flymake-diagnostic-end d)))
        (push (list (line-number-at-pos beg)
                    (save-excursion (goto-char beg) (test-column))
                    (line-number-at-pos end)
                    (save-excursion (goto-char end) (test-column))
                    (symbol-name (flymake-diagnostic-type d))
                    (flymake-diagnostic-text d))
              diagnostics))))
  ;; The page's snippets: the Flymake hook, and Eglot's entry once Eglot is loaded.
  (eval (car (read-from-string %(flymake_snippet)s)) t)
  (defvar eglot-server-programs nil)
  (let ((load-file-name nil)) ; run the after-load forms now, not after this script
    (provide 'eglot))
  (with-temp-file %(out)s
    (insert (json-encode
             (list (cons 'messages (vconcat (mapcar #'vconcat messages)))
                   (cons 'visits (vconcat (mapcar #'vconcat (nreverse visits))))
                   (cons 'diagnostics (vconcat (mapcar #'vconcat diagnostics)))
                   (cons 'hooked (and (memq 'stylecheck-flymake-setup text-mode-hook) t))
                   (cons 'eglot (format "%%S" eglot-server-programs)))))))
"""


def elisp_string(text: str) -> str:
    """Return an Emacs Lisp string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def emacs(
    workspace: Path, environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Run stylecheck-compile, next-error and the Flymake backend in Emacs; return the results."""
    executable = require_program("emacs", "emacs-nox")
    folder = tmp_path_factory.mktemp("emacs")
    out = folder / "report.json"
    script = folder / "test.el"
    script.write_text(
        EMACS_SCRIPT
        % {
            "elisp": elisp_string(str(example("stylecheck.el"))),
            "chapter": elisp_string(str(workspace / CHAPTER)),
            "flymake_snippet": elisp_string(snippet("emacs-flymake")),
            "out": elisp_string(str(out)),
            "timeout": TIMEOUT,
        },
        encoding="utf-8",
    )
    command = [executable, "--batch", "-Q", "-l", str(script)]
    return editor_report("Emacs", command, out, workspace, environment)


def test_emacs_compilation_mode_reads_every_finding(emacs: dict[str, Any], text_run: Run) -> None:
    types = {"error": 2, "warning": 1, "note": 0}  # compilation-mode: error, warning, info
    lines = [tuple(message) for message in emacs["messages"]]
    got = [line for line in lines if FINDING.match(line[0])]
    expected = [
        (
            f"{f.path}:{f.line}:{f.column}: {f.severity}: {f.text}",
            types[f.severity],
            f.line,
            f.column,
        )
        for f in text_run.findings
    ]
    assert got == expected
    # Everything else (the command, the summary line, "Compilation exited") is not a message.
    rest = [line for line in lines if not FINDING.match(line[0])]
    assert any(SUMMARY.match(text) for text, *_ in rest)
    assert [text for text, kind, *_ in rest if kind is not None] == []


def test_emacs_next_error_visits_every_place_including_notes(
    emacs: dict[str, Any], text_run: Run
) -> None:
    # next-error goes to each place once: two findings at one place are one visit.
    places = []
    for f in text_run.findings:
        if [f.path, f.line, f.column] not in places:
            places.append([f.path, f.line, f.column])
    assert emacs["visits"] == places


def test_emacs_flymake_backend_marks_exactly_every_finding(
    emacs: dict[str, Any], text_run: Run, ends: dict[Place, tuple[int, int]]
) -> None:
    got = sorted(tuple(d) for d in emacs["diagnostics"])
    expected = sorted(
        (f.line, f.column, *ends[f.line, f.column, f.rule], f":{f.severity}", f.text)
        for f in text_run.findings
    )
    assert got == expected


def test_emacs_snippets_hook_flymake_and_register_the_language_server(
    emacs: dict[str, Any],
) -> None:
    assert emacs["hooked"] is True
    assert emacs["eglot"] == '(((markdown-mode gfm-mode text-mode) "stylecheck" "lsp"))'
    assert snippet("emacs-eglot") in example("stylecheck.el").read_text(encoding="utf-8")


# -- VS Code -------------------------------------------------------------------------------------

NODE_SCRIPT = r"""
// Apply each task's problem matcher as VS Code does: new RegExp(regexp), exec on each line.
const fs = require("fs");
const [tasksFile, outputFile] = process.argv.slice(2);
const tasks = JSON.parse(fs.readFileSync(tasksFile, "utf8")).tasks;
const lines = fs.readFileSync(outputFile, "utf8").split(/\r?\n/).filter((l) => l !== "");
const fields = ["file", "line", "column", "severity", "message", "code"];
const result = {};
for (const task of tasks) {
  const pattern = task.problemMatcher.pattern;
  const regexp = new RegExp(pattern.regexp);
  result[task.label] = lines.map((line) => {
    const match = regexp.exec(line);
    if (!match) return null;
    return Object.fromEntries(fields.map((name) => [name, match[pattern[name]]]));
  });
}
process.stdout.write(JSON.stringify(result));
"""


def vscode_tasks() -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = json.loads(
        example("vscode-tasks.json").read_text(encoding="utf-8")
    )["tasks"]
    return tasks


def test_vscode_tasks_run_the_command_the_tests_ran() -> None:
    by_label = {task["label"]: task for task in vscode_tasks()}
    this_file, manuscript = (
        by_label["stylecheck: this file"],
        by_label["stylecheck: whole manuscript"],
    )
    for task in (this_file, manuscript):
        assert task["type"] == "process"
        assert task["command"] == "stylecheck"
        matcher = task["problemMatcher"]
        assert matcher["owner"] == "stylecheck"
        assert matcher["fileLocation"] == ["relative", "${workspaceFolder}"]
    # In the workspace folder, this is the command whose output text_run holds.
    relative = [a.replace("${relativeFile}", CHAPTER) for a in this_file["args"]]
    assert relative == ["check", CHAPTER]
    assert manuscript["args"] == ["check"]


def test_vscode_problem_matcher_reads_every_finding_and_nothing_else(
    workspace: Path, environment: dict[str, str], text_run: Run, tmp_path: Path
) -> None:
    node = require_program("node", "nodejs")
    script = tmp_path / "matcher.js"
    script.write_text(NODE_SCRIPT, encoding="utf-8")
    output = tmp_path / "output.txt"
    output.write_text(text_run.stdout + text_run.stderr, encoding="utf-8")
    tasks = example("vscode-tasks.json")
    result = run([node, str(script), str(tasks), str(output)], workspace, environment)
    assert result.returncode == 0, result.stderr
    expected: list[dict[str, str] | None] = [
        {
            "file": f.path,
            "line": str(f.line),
            "column": str(f.column),
            "severity": f.severity,  # VS Code maps note (and hint) to Info
            "message": f.message,
            "code": f.rule,
        }
        for f in text_run.findings
    ]
    expected.append(None)  # the summary line on standard error
    matches = json.loads(result.stdout)
    assert set(matches) == {task["label"] for task in vscode_tasks()}
    for label, got in matches.items():
        assert got == expected, label


def test_the_vscode_language_server_settings() -> None:
    settings = json.loads(snippet("vscode-lsp"))
    assert settings["glspc.server.command"] == "stylecheck"
    assert settings["glspc.server.commandArguments"] == ["lsp"]
    assert settings["glspc.server.languageId"] == ["markdown", "plaintext"]


# -- Helix ---------------------------------------------------------------------------------------


def test_helix_starts_the_language_server_for_markdown_and_text() -> None:
    config = tomllib.loads(example("helix-languages.toml").read_text(encoding="utf-8"))
    assert config["language-server"]["stylecheck"] == {"command": "stylecheck", "args": ["lsp"]}
    languages = {language["name"]: language for language in config["language"]}
    assert set(languages) == {"markdown", "text"}
    for language in languages.values():
        assert "stylecheck" in language["language-servers"]
    # Helix replaces a language's list of servers: Markdown keeps its own.
    assert "marksman" in languages["markdown"]["language-servers"]
    assert languages["text"]["file-types"] == ["txt"]
