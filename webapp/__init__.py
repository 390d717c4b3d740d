"""The read-only web app: search, articles and their versions, replay, sites, runs, downloads.

It reads the index and the stores through ``storage`` only and never imports the spiders, so
it runs on a machine that only holds the archive. ``newsarchiver serve`` starts it
(``webapp.server``); ``docs/web.md`` says how to run it behind a reverse proxy.
"""
