"""What the request pipeline tells the worker: sent by ``leads.services``, queued by
``leads.queue``.

The services that store requests and build deals must hand work to the background worker, and
that work (``leads.tasks``) calls those same services. Importing the tasks from the services
would make the two modules import each other; these signals turn the dependency round, so it
runs one way: ``leads.services`` → ``leads.signals`` ← ``leads.queue`` → ``leads.tasks`` →
``leads.services``. ``LeadsConfig.ready`` connects ``leads.queue``;
``deal_touch_erased`` and ``deals_bulk_written`` are for the apps that keep copies of deals
(analytics).
"""

from django.dispatch import Signal

#: a request was stored and waits for its deal (``submission_id``); sent once its row committed
request_stored = Signal()

#: a new request became a deal whose owner is to be told (``deal_id``); sent inside the deal's
#: transaction, so the email is queued only once that commits
deal_received = Signal()

#: a contact's erasure emptied these deals' visit data (``deal_ids``) with one UPDATE, which sends
#: no ``post_save``: whoever keeps copies of it (analytics' pages read) forgets them too
deal_touch_erased = Signal()

#: deals written in bulk (an import's chunk, its undo) without their models' signals (``deal_ids``):
#: sent after the rows committed, so whoever keeps copies of deals (analytics' facts) reads them
deals_bulk_written = Signal()

#: an import job is queued (``job_id``, ``dry_run``: the preview or the import itself) and its
#: row committed; ``leads.queue`` hands it to the worker (``leads.tasks.import_job_run``)
import_job_queued = Signal()
