"""Today and the visit briefing as lines to read: plain text (``--format text``) or Markdown.

Each function returns the lines in order; the face prints them one by one (the CLI through
``tui.cli.output.echo``, which neutralises stored text). Dates are the reader's (``phrasing``).
"""

from __future__ import annotations

from datetime import date

from naervaer.content import phrasing as say
from naervaer.content.briefing import BriefingPerson, SiteBriefing
from naervaer.content.goals import Goal
from naervaer.content.coaching import Coaching
from naervaer.content.engine import Group, TodayList
from naervaer.content.i18n import Translator
from naervaer.content.text import one_line


def tip_label(tip: str, t: Translator) -> str:
    """ "tip 4", or the principle's title for a prompt resting on a principle."""
    if tip.isdigit():
        return t("coach.tip_label", tip=tip)
    return t("coach.principle_label", title=Coaching(t).principle(tip).title)


def today_lines(day: date, listed: TodayList, t: Translator, *, md: bool) -> list[str]:
    """The header, the shown entries (groups with their members), how many more, the tip."""
    shown, tip = listed.top, listed.tip
    header = t.plural("coach.today_header", len(listed.entries), date=say.long_day(day, t),
                      shown=len(shown))
    out = [f"# {header}" if md else header, ""]
    if not shown:
        out += [t("coach.nothing_today"), ""]
    for index, e in enumerate(shown, 1):
        if isinstance(e, Group):
            out.append(f"{index}. **{e.title}**" if md else f"{index:>2}. {e.title}")
            out += [f"   - {p.title} · `{p.id}`" if md else f"    - {p.title} · {p.id}" for p in e.prompts]
            continue
        label = tip_label(e.tip, t)
        if md:
            out.append(f"{index}. **{e.title}**  \n   {e.reason}  \n   _{label}_ · `{e.id}`")
        else:
            out += [f"{index:>2}. {e.title}", f"    {e.reason}", f"    {label} · {e.id}"]
    if listed.more:
        out += ["", t.plural("coach.today_more", listed.more)]
    if md:
        out.append(f"\n## {t('coach.tip_header')}\n\n**{tip.title}**  \n{tip.reason}")
        return out
    out += ["", t("coach.tip_header"), f"    {tip.title}", f"    {tip.reason}"]
    if shown:
        out += ["", t("coach.act_hint")]
    return out


def briefing_sections(bp: BriefingPerson, day: date, t: Translator) -> list[tuple[str, list[str]]]:
    """(label, items) sections for one person; empty sections are left out."""
    d = lambda x: say.day(x, t, day)  # noqa: E731
    sections = [
        (t("coach.promises"), [
            t("coach.promise_item", id=p.id, text=one_line(p.text, 80), due=d(p.due)) if p.due
            else t("coach.promise_item_no_due", id=p.id, text=one_line(p.text, 80))
            for p in bp.open_promises
        ]),
        (t("goals.tui.points"), [f"{one_line(p.text, 80)} ({say.ago(p.created, day, t)})" for p in bp.points]),
        (t("goals.tui.goals"), [goal_item(g, day, t) for g in bp.goals]),
        (t("coach.coming_up"), [f"{d(u.date)}: {u.what}" for u in bp.upcoming]),
        (t("coach.recently"), [t(f"coach.incident_{i.kind}", date=d(i.date)) for i in bp.incidents]),
        (t("coach.away"), [
            t("coach.away_item", start=d(a.start), end=d(a.end) if a.end else t("coach.away_open"),
              label=one_line(a.label, 40) or t("coach.away_no_label"))
            for a in bp.away
        ]),
    ]
    if bp.last_note:
        sections.append((t("coach.last_note", date=d(bp.last_note.date)), [bp.last_note.first_line]))
    return [(label, items) for label, items in sections if items]


def goal_item(g: Goal, day: date, t: Translator) -> str:
    """ "Runs the rota alone (at risk, by Wed 31 Mar; Mon 23 Nov: slow start)"."""
    facts = [t(f"goals.status.{g.status}")]
    if g.due:
        facts.append(t("goals.by", date=say.day(g.due, t, day)))
    last = g.last_update
    shown = f"{one_line(g.text, 80)} ({', '.join(facts)}"
    if last is not None:
        shown += f"; {say.day(last.date, t, day)}" + (f": {one_line(last.text, 60)}" if last.text else "")
    return shown + ")"


def briefing_lines(briefing: SiteBriefing, t: Translator, *, md: bool) -> list[str]:
    """The header, then per person when they were last seen and their non-empty sections."""
    day = briefing.date
    header = t.plural("coach.visit_header", len(briefing.people), site=briefing.site,
                      date=say.long_day(day, t))
    out = [f"# {header}" if md else header]
    for bp in briefing.people:
        seen = (t("coach.seen_days", date=say.day(bp.last_in_person, t, day), ago=say.ago(bp.last_in_person, day, t))
                if bp.last_in_person else t("coach.seen_never"))
        out += ["", f"## {bp.person.name}: {seen}" if md else f"{bp.person.name}: {seen}"]
        for label, items in briefing_sections(bp, day, t):
            out.append((f"- **{label}**: " if md else f"    {label}: ") + "; ".join(items))
    return out
