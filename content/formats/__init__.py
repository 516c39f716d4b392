"""Output formats: the shape of every document Nærvær writes for a machine or a reader.

One home per format:

* JSON documents (``--format json`` of ``today``, ``visit``, ``team``, ``seen``, ``tips``):
  ``content.formats.documents`` turns each use case's result (pure dataclasses) into plain
  dicts and lists. The person export's document is ``storage.export`` (every stored column).
* Text and Markdown (``--format text|md`` of ``today`` and ``visit``):
  ``content.formats.reading`` turns the same results into lines.
* The calendar feed (``export calendar``): ``content.formats.calendar`` (RFC 5545 via ``icalendar``).
* The newsletter (``newsletter``, the Newsletter screen): ``content.formats.newsletter`` (Markdown,
  text, and an ``.eml`` draft); the morning reminder (``remind``): ``content.formats.reminder``.
* The full export (``export all``) is every stored row, so its document is ``storage.transfer``.
* Writing them to a stream stays with the face (``tui.cli.output``): ``to_json`` (exact
  text, every character a terminal could act on escaped), ``to_csv`` (a cell a spreadsheet
  would run as a formula is quoted with '), ``table`` and ``echo`` (neutralised).

These modules are pure (no SQL, no terminal); a new export format gets its module here and
a ``--format`` choice in the CLI command that offers it.
"""
