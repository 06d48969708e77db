;;; stylecheck.el --- stylecheck in Emacs: M-x compile, Flymake and Eglot  -*- lexical-binding: t; -*-

;; Copy what you need into your init file, or load this file:
;;   (load "/path/to/stylecheck.el")
;; Needs Emacs 26.1 or later and `stylecheck' on `exec-path'.

;;; Code:

(require 'cl-lib)
(require 'compile)
(require 'json)
(require 'subr-x)

;;;; M-x compile

;; stylecheck prints `path:line:col: severity: message [rule-id]', which the built-in `gnu'
;; entry of `compilation-error-regexp-alist' reads as it is: errors, warnings, and notes as
;; info.  `stylecheck-compile' runs it with two settings made in its own buffer only.

(defun stylecheck--default-command ()
  "Return the stylecheck command for the visited file (or the folder)."
  (if buffer-file-name
      (concat "stylecheck check " (shell-quote-argument (file-relative-name buffer-file-name)))
    "stylecheck check"))

(defun stylecheck-compile (&optional command)
  "Run COMMAND in a compilation buffer; by default, stylecheck on this file."
  (interactive (list (read-shell-command "Run: " (stylecheck--default-command))))
  (let ((buffer (compile (or command (stylecheck--default-command)))))
    (with-current-buffer buffer
      ;; stylecheck counts columns in characters; by default Emacs reads them as screen
      ;; columns, which differ after a tab or a wide character.
      (setq-local compilation-error-screen-columns nil)
      ;; Let `next-error' visit notes too (by default it skips anything below a warning).
      (setq-local compilation-skip-threshold 0))
    buffer))

;;;; Flymake

(defvar-local stylecheck--process nil
  "The stylecheck process checking this buffer for Flymake, while one runs.")

(defun stylecheck--diagnostics (source output)
  "Return Flymake diagnostics for SOURCE from the JSON report in OUTPUT."
  (let* ((json-object-type 'alist)
         (json-array-type 'list)
         (json-key-type 'symbol)
         (report (with-current-buffer output
                   (goto-char (point-min))
                   (json-read))))
    (with-current-buffer source
      (save-restriction
        (widen)
        (cl-loop
         for file in (alist-get 'files report)
         nconc
         (cl-loop
          for finding in (alist-get 'findings file)
          collect
          (let-alist finding
            ;; Offsets count characters from the start of the text stylecheck was given,
            ;; the whole buffer, so each is a buffer position less one.
            (let* ((beg (min (1+ .offset) (point-max)))
                   (end (min (max (1+ .end_offset) (1+ beg)) (point-max))))
              (flymake-make-diagnostic source beg end
                                       (intern (concat ":" .severity))
                                       (format "%s [%s]" .message .rule))))))))))

(defun stylecheck-flymake (report-fn &rest _args)
  "Flymake backend: check the buffer's text with stylecheck and call REPORT-FN."
  (unless (executable-find "stylecheck")
    (error "Cannot find stylecheck on `exec-path'"))
  (when (process-live-p stylecheck--process)
    (kill-process stylecheck--process))
  (let ((source (current-buffer))
        (output (generate-new-buffer " *stylecheck-flymake*"))
        (errors (generate-new-buffer " *stylecheck-flymake-errors*")))
    (setq stylecheck--process
          (make-process
           :name "stylecheck-flymake"
           :noquery t
           :connection-type 'pipe
           :coding 'utf-8-unix
           :buffer output
           :stderr errors
           ;; The file name finds the writer's config and tells Markdown from plain text.
           :command (list "stylecheck" "check" "--format" "json" "--stdin-filename"
                          (or buffer-file-name (buffer-name)) "-")
           :sentinel
           (lambda (process _event)
             (unless (process-live-p process)
               (unwind-protect
                   (when (and (buffer-live-p source)
                              (eq process (buffer-local-value 'stylecheck--process source)))
                     ;; 0: no finding at fail-on, 1: some; 2 is a usage or config error.
                     (if (memq (process-exit-status process) '(0 1))
                         (funcall report-fn (stylecheck--diagnostics source output))
                       (funcall report-fn :panic :explanation
                                (with-current-buffer errors
                                  (string-trim (buffer-string))))))
                 (kill-buffer output)
                 (kill-buffer errors))))))
    (save-restriction
      (widen)
      (process-send-region stylecheck--process (point-min) (point-max)))
    (process-send-eof stylecheck--process)))

(defun stylecheck-flymake-setup ()
  "Check this buffer with stylecheck in Flymake if it holds a chapter.
A chapter is a .md, .markdown or .txt file."
  (when (and buffer-file-name
             (string-match-p "\\.\\(md\\|markdown\\|txt\\)\\'" buffer-file-name))
    (add-hook 'flymake-diagnostic-functions #'stylecheck-flymake nil t)
    (flymake-mode 1)))

;;;; Eglot (the language server, `stylecheck lsp')

(defvar eglot-server-programs)

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode text-mode) . ("stylecheck" "lsp"))))

(provide 'stylecheck)
;;; stylecheck.el ends here
