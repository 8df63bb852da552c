"""Storage for files that must never be served by URL (uploaded import files with personal data).

Django's ``FileSystemStorage`` with ``base_url=None`` falls back to ``MEDIA_URL``, so
``job.file.url`` would read ``/media/uploads/…``: a public-looking address that a template or a
serializer could print, and that a web server serving ``MEDIA_ROOT`` would answer were the two
roots ever made one. This storage has no URL at all: a file of it reaches a person only through
a view that checks who asks (the failed-rows download of Sales → Import).
"""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Files of the private storage have no URL: serve them through a view.")
