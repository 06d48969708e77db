"""The language server (`stylecheck lsp`): live diagnostics and quick fixes in editors."""
