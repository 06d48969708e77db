"""The editorial report: how a whole manuscript reads, chapter by chapter.

`stylecheck report` measures each chapter (`measure`), adds the lint findings of the same run
`stylecheck check` would make (`build`), summarises chapters and the whole (`summary`,
`overuse`, `bands`) into the model (`model`), and prints it as text (`text`), JSON
(`json_format`) or a self-contained HTML page with inline SVG charts (`html`, `svg`).
"""
