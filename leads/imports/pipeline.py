"""The import run: the file's rows in chunks, each cleaned, matched, decided and written.

PACKAGE C. Contract:

- ``run(job, *, dry_run: bool, progress=None) -> None``: reads ``job.file`` with
  ``reading.open_table`` (``job.options`` encoding/delimiter), cleans every row with
  ``cleaning.clean_row``, matches it (``matching``), decides created / updated / skipped /
  failed and, unless ``dry_run``, writes it (``writing``): each row all or nothing, invalid rows
  never stop the valid ones. It keeps ``job.rows_total``/``rows_done`` current (the progress
  bar), and at the end ``job.preview`` (dry run: counts and the first rows' outcomes and every
  error, up to a limit) or ``job.counts``, ``job.failed_rows_file`` and the job's
  ``ImportRecord`` rows, and ``job.status``. ``progress(done, total)`` is called after each
  chunk (the command's progress bar).
"""


def run(job, *, dry_run: bool, progress=None) -> None:
    raise NotImplementedError  # package C
