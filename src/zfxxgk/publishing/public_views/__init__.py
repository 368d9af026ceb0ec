"""The public 主动公开 pages (no login): catalogue, column lists, publications, attachments.

Everything here reads through :meth:`PublicationQuerySet.public` (and, for the older versions of a
series, :mod:`.series`): a draft, an item under review, approved but unpublished, withdrawn or
superseded outside a public series is reachable by no URL. ``search.py`` belongs to the search.
"""
