"""The import's business actions, called by the Sales → Import screens and ``import_crm``.

PACKAGE D. Contract:

- ``import_job_create(*, upload, kind, user, saved_mapping=None, preset="") -> ImportJob``:
  checks the size, reads the header (``ReadError`` → the form's message), stores the file in
  the private storage, guesses the mapping (saved mapping > preset > aliases);
- ``import_job_configure(*, job, mapping, value_mapping, options, user, save_as="")``: checks
  the mapping (what each kind requires, one column per single-valued field) and keeps it;
  ``save_as`` keeps it as a :class:`SavedMapping`;
- ``import_preview(*, job, user)``: the dry run (inline for small files, else the task);
- ``import_start(*, job, user)``: queues the run (``leads.tasks.import_job_run``);
- ``import_undo(*, job, user)``: ``leads.imports.undo``.
"""
