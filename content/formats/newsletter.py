"""The newsletter as Markdown ready to paste, plain text, or an e-mail draft (``.eml``).

The ``.eml`` is an ``email.message.EmailMessage`` with a plain and an HTML part and
``X-Unsent: 1``, which Outlook opens as a draft to address and send. Text parts are
neutralised; the HTML part is also escaped, so a note's text is never markup anywhere.
"""

from __future__ import annotations

import html
from datetime import date

from naervaer.content import datefmt
from naervaer.content.i18n import Translator
from naervaer.content.newsletter import Newsletter
from naervaer.content.text import one_line


def title(letter: Newsletter, t: Translator) -> str:
    p = letter.period
    # a date range takes a spaced en dash in both languages (the glossary's style rules)
    span = f"{datefmt.short_day(p.start, t)} – {datefmt.short_day(p.end, t, p.start)}"
    if p.week is not None:
        return t("exchange.news_title_week", week=p.week, span=span)
    return t("exchange.news_title_since", span=span)


def _when(day: date, t: Translator) -> str:
    return datefmt.short_day(day, t)


def newsletter_lines(letter: Newsletter, t: Translator, *, md: bool) -> list[str]:
    """Title, intro, then each site and under it each person with their successes."""
    head = title(letter, t)
    out = [f"# {head}" if md else head, ""]
    if not letter.count:
        return [*out, t("exchange.news_none")]
    out += [t.plural("exchange.news_intro", letter.count), ""]
    for site in letter.sites:
        name = one_line(site.site) if site.site else t("exchange.news_no_site")
        out += [f"## {_md(name)}" if md else name, ""]
        for person in site.people:
            who = one_line(person.name)
            out.append(f"**{_md(who)}**" if md else f"  {who}")
            for n in person.notes:
                text = one_line(n.text)
                out.append(f"- {_md(text)} _({_when(n.date, t)})_" if md else f"    - {text} ({_when(n.date, t)})")
            out.append("")
    out.append(t("exchange.news_footer"))
    return out


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|~"})


def _md(text: str) -> str:
    """Stored text in Markdown is text, not markup: every special character escaped."""
    return text.translate(_MD_SPECIAL)


def newsletter_html(letter: Newsletter, t: Translator) -> str:
    e = lambda s: html.escape(one_line(s))  # noqa: E731
    parts = [f"<h1>{e(title(letter, t))}</h1>"]
    if not letter.count:
        parts.append(f"<p>{e(t('exchange.news_none'))}</p>")
    else:
        parts.append(f"<p>{e(t.plural('exchange.news_intro', letter.count))}</p>")
        for site in letter.sites:
            parts.append(f"<h2>{e(site.site) if site.site else e(t('exchange.news_no_site'))}</h2>")
            for person in site.people:
                items = "".join(f"<li>{e(n.text)} <i>({e(_when(n.date, t))})</i></li>" for n in person.notes)
                parts.append(f"<p><b>{e(person.name)}</b></p><ul>{items}</ul>")
        parts.append(f"<p>{e(t('exchange.news_footer'))}</p>")
    body = "\n".join(parts)
    return f'<!DOCTYPE html>\n<html lang="{t.lang}"><head><meta charset="utf-8"></head><body>\n{body}\n</body></html>\n'


def newsletter_eml(letter: Newsletter, t: Translator) -> str:
    """An unsent e-mail (a draft): subject, a plain part and an HTML alternative; no recipient yet.

    Quoted-printable keeps the file plain ASCII, as every mail program reads it.
    """
    from email.message import EmailMessage
    from email.policy import SMTP

    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = one_line(title(letter, t))
    msg["X-Unsent"] = "1"  # Outlook opens it as a draft to address and send
    msg.set_content("\n".join(newsletter_lines(letter, t, md=False)) + "\n", cte="quoted-printable")
    msg.add_alternative(newsletter_html(letter, t), subtype="html", cte="quoted-printable")
    return msg.as_string()
