"""Large downloads prepared in the background.

A round's XLSX export above ``EXPORT_BACKGROUND_ROWS`` rows is built by a task (with the
same builder as the synchronous download), kept in Django's default storage for
``EXPORT_FILE_HOURS``, and served only to the person who asked for it (and admins).
"""
