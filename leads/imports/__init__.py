"""Sales → Import: contacts, companies and deals from a CSV/XLSX/ODS file or another CRM's export.

The modules, in the order a file goes through them:

- ``reading``  — open the file whatever it is (encoding, delimiter, sheet), or say why not;
- ``targets``  — the fields a column can map to, their English and Russian header aliases,
  and the presets for an amoCRM and a Bitrix24 export (``presets``);
- ``cleaning`` — one row's cells → the values of a contact, a company and a deal, or the
  errors with their row and column (django-import-export's widgets parse the values);
- ``values``   — the file's distinct stage, pipeline, owner and reason values to map;
- ``pipeline`` — the chunked run: clean, match (``matching``), decide, write (``writing``),
  with a dry run for the preview; ``undo`` puts back what a job did.

The business actions (create a job, map it, preview, start, undo) are in
``leads.services.imports``; the screens in ``leads.import_views``.
"""
