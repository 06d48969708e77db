" Vim compiler file for stylecheck: copy it to ~/.vim/compiler/stylecheck.vim (Neovim:
" ~/.config/nvim/compiler/stylecheck.vim), then `:compiler stylecheck` and `:make %` (this
" file) or `:make` (every chapter under the current folder).
if exists('current_compiler')
  finish
endif
let current_compiler = 'stylecheck'

CompilerSet makeprg=stylecheck\ check
" path:line:col: severity: message [rule-id]. %t takes the first letter of the severity
" (e, w or n: error, warning, note). %v, not %c: stylecheck counts columns in characters, and
" Vim reads %c as bytes, which puts the cursor too far left after a curly quote or a dash.
CompilerSet errorformat=%f:%l:%v:\ %t%*[a-z]:\ %m
