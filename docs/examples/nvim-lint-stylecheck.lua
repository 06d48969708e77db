-- stylecheck as an nvim-lint linter (https://github.com/mfussenegger/nvim-lint), for Markdown
-- and plain-text buffers. Load it after nvim-lint, e.g. from
-- ~/.config/nvim/after/plugin/stylecheck.lua.
local lint = require("lint")

local severities = {
  error = vim.diagnostic.severity.ERROR,
  warning = vim.diagnostic.severity.WARN,
  note = vim.diagnostic.severity.INFO,
}

-- stylecheck counts columns in characters (code points) from 1; Neovim counts bytes from 0.
local function byte_column(bufnr, line, column)
  local text = vim.api.nvim_buf_get_lines(bufnr, line - 1, line, false)[1] or ""
  local index = vim.fn.byteidxcomp(text, column - 1)
  if index < 0 then
    return #text
  end
  return index
end

-- Turn stylecheck's JSON report (`--format json`) into vim.diagnostic items.
local function parse(output, bufnr)
  local ok, report = pcall(vim.json.decode, output)
  if not ok or type(report) ~= "table" then
    return {}
  end
  local diagnostics = {}
  for _, file in ipairs(report.files or {}) do
    for _, finding in ipairs(file.findings or {}) do
      table.insert(diagnostics, {
        lnum = finding.line - 1,
        col = byte_column(bufnr, finding.line, finding.column),
        end_lnum = finding.end_line - 1,
        end_col = byte_column(bufnr, finding.end_line, finding.end_column),
        severity = severities[finding.severity],
        message = finding.message,
        code = finding.rule,
        source = "stylecheck",
      })
    end
  end
  return diagnostics
end

lint.linters.stylecheck = {
  name = "stylecheck",
  cmd = "stylecheck",
  -- The buffer's text goes to standard input; its file name finds the writer's config and
  -- tells Markdown from plain text.
  stdin = true,
  args = {
    "check",
    "--format",
    "json",
    "--stdin-filename",
    function()
      return vim.api.nvim_buf_get_name(0)
    end,
    "-",
  },
  stream = "stdout",
  ignore_exitcode = true, -- 1 only means there are findings
  parser = parse,
}

-- These replace the lists for Markdown and text: add "stylecheck" to yours if you have them.
lint.linters_by_ft.markdown = { "stylecheck" }
lint.linters_by_ft.text = { "stylecheck" }

vim.api.nvim_create_autocmd({ "BufReadPost", "BufWritePost", "InsertLeave" }, {
  callback = function()
    lint.try_lint()
  end,
})
