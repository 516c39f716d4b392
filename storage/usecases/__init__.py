"""One module per use case: what the CLI and the screens both show, assembled once.

Each use case stands on storage reads (``storage.facts``, ``storage.views``,
``storage.export``) and the pure engine in ``content/``, so it lives on the storage floor:
``content/`` has no SQL and ``tui/`` only shows. A face (a click command or a screen) calls
the use case and chooses how to show the result: text, Markdown, JSON, or widgets.

* ``today``: Today's ranked prompts, the prompt a ``done``/``snooze`` names, the month's
  progress shown above them;
* ``visit``: the site briefing before a visit;
* ``team``: the team view (one row per person, longest unseen first);
* ``month``: the monthly checklist, its sign-off and the heatmap;
* ``export``: everything stored about one person (the right of access).
"""
