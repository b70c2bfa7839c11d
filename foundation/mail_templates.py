"""Every e-mail of the portal, written from a template with one text per language.

**Where the words are.** ``foundation/i18n/mails/<area>.<language>.toml``, one file per area
(``accounts``, ``keys``, ``email_code``, ``paper_token``, ``companies``, ``dossiers``) and per
language (fr, nl, de, en; French is the reference). Each table of a file is one e-mail, known as
``<area>.<table>`` (``accounts.activation``). ``layout.<language>.toml`` holds what every e-mail
of a language shares: the signature and the separator between a label and its value ("Votre
code : 123456" in French, "Your code: 123456" in English)::

    [activation]
    subject = "Activez votre compte Mon Espace"
    body = [
      "Bonjour ${full_name}",                                         # a paragraph
      { optional = "Message personnel : ${message}" },                # left out if a value is ""
      { button = "Activer mon compte Mon Espace", url = "activate_url" },  # a button
      { link = "Annuler l'activation", url = "cancel_url" },          # a plain link
      { code = "Votre code de sécurité", value = "code" },            # a code, shown large
      { numbered_codes = "codes", caption = "Votre token", headers = ["Numéro", "Code"],
        number = "n° ${number}", line = "n° ${number} : ${code}" },    # a card of codes
    ]

Placeholders are ``${name}`` (``string.Template``). A value is plain text: it is inserted as it
is in the text part and escaped in the HTML part (and a link's address is quoted), so whatever a
person typed (a message, a name) never reads as HTML. The HTML part is the same blocks, each a
``<p>``, a button or a table, and the signature; the text part is the blocks a blank line apart.

**Composing.** ``compose(to, "accounts.activation", language, full_name=..., ...)`` returns the
``OutgoingMail`` (text and HTML parts) for ``foundation.mail_outbox.enqueue``. The values must
be exactly the names the template uses, no fewer and no more, or it raises ``TypeError``: the
typed builder of each area (``<area>/mails.py``) is the one place that names them, and
``tests/unit/foundation/test_mail_templates.py`` renders every builder in the four languages and
checks that the four texts of each template use the same names and blocks.

**The language.** The recipient's: their account's (``account.language``, the language of their
pages) or, for a person registered at an office, the one chosen at activation
(``foundation.contacts.language_of``). Someone without either (a person invited by a company,
named GAP, or just registered) gets the language of the page that caused the mail, or of the
person whose action it was; a job's or the back office's mail to such a person, the portal's
default language. ``mail_language`` takes these in order and keeps the first the portal speaks.

**A new e-mail** is a table in the area's four files (real translations, in the
administration's formal register: "u", "Sie", "you"), a builder in the area's ``mails.py``
calling ``compose`` with every value, and a line in the test's list of every mail. A word that
depends on the language but is computed by the code (a key's name, "Illimité") comes from the
text catalogues (``foundation.i18n``) in the same language.
"""

from __future__ import annotations

import html
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template
from typing import Any, Protocol

from foundation.mail_outbox import OutgoingMail
from foundation.settings import SUPPORTED_LANGUAGES, get_settings

MAIL_DIR = Path(__file__).parent / "i18n" / "mails"
LAYOUT = "layout"

NumberedCodes = Sequence[tuple[int, str]]
Value = str | NumberedCodes

_BUTTON_STYLE = (
    "display:inline-block;background:#1c3f8c;color:#ffffff;padding:10px 18px;"
    "text-decoration:none;border-radius:4px"
)
_CODE_STYLE = "font-size:24px;font-weight:bold;letter-spacing:4px;font-family:monospace"


def mail_language(*choices: str | None) -> str:
    """The first of ``choices`` the portal speaks (the recipient's own language first, then the
    page's...); the portal's default language when none is."""
    for choice in choices:
        if choice in SUPPORTED_LANGUAGES:
            return choice
    return get_settings().default_language


@dataclass(frozen=True, slots=True)
class Layout:
    signature: str
    separator: str  # between a label and its value: " : " in French, ": " in the others


def _names(text: str) -> set[str]:
    return set(Template(text).get_identifiers())


def _text(template: str, values: Mapping[str, Value]) -> str:
    return Template(template).substitute({name: _plain(values, name) for name in _names(template)})


def _escaped(text: str) -> str:
    """Text as the content of an element (not of an attribute, whose quotes it would keep)."""
    return html.escape(text, quote=False)


def _html(template: str, values: Mapping[str, Value]) -> str:
    """The template's own words and the values, both escaped: neither is HTML."""
    return Template(_escaped(template)).substitute(
        {name: _escaped(_plain(values, name)) for name in _names(template)}
    )


def _plain(values: Mapping[str, Value], name: str) -> str:
    value = values[name]
    if not isinstance(value, str):
        raise TypeError(f"the value {name!r} must be text, not {type(value).__name__}")
    return value


def _url(values: Mapping[str, Value], name: str) -> str:
    url = _plain(values, name)
    # The portal's own links only: never a javascript: or data: address behind a button.
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"the link {name!r} is not a web address: {url!r}")
    return url


class Block(Protocol):
    def needs(self) -> set[str]:
        """The values the caller gives for this block."""

    def placeholders(self) -> set[str]:
        """Every name the block's texts use, its inner ones too (a card's ``number``)."""

    def text(self, values: Mapping[str, Value], layout: Layout) -> str | None: ...

    def html(self, values: Mapping[str, Value], layout: Layout) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Paragraph:
    words: str
    optional: bool = False  # left out when a value it names is empty

    def needs(self) -> set[str]:
        return _names(self.words)

    def placeholders(self) -> set[str]:
        return self.needs()

    def _shown(self, values: Mapping[str, Value]) -> bool:
        return not self.optional or all(_plain(values, n).strip() for n in self.needs())

    def text(self, values: Mapping[str, Value], layout: Layout) -> str | None:
        return _text(self.words, values) if self._shown(values) else None

    def html(self, values: Mapping[str, Value], layout: Layout) -> str | None:
        return f"<p>{_html(self.words, values)}</p>" if self._shown(values) else None


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str  # the name of the value holding the address
    button: bool

    def needs(self) -> set[str]:
        return _names(self.label) | {self.url}

    def placeholders(self) -> set[str]:
        return self.needs()

    def text(self, values: Mapping[str, Value], layout: Layout) -> str:
        return f"{_text(self.label, values)}{layout.separator}{_url(values, self.url)}"

    def html(self, values: Mapping[str, Value], layout: Layout) -> str:
        href = html.escape(_url(values, self.url), quote=True)
        style = f' style="{_BUTTON_STYLE}"' if self.button else ""
        return f'<p><a href="{href}"{style}>{_html(self.label, values)}</a></p>'


@dataclass(frozen=True, slots=True)
class Code:
    label: str
    value: str

    def needs(self) -> set[str]:
        return _names(self.label) | {self.value}

    def placeholders(self) -> set[str]:
        return self.needs()

    def text(self, values: Mapping[str, Value], layout: Layout) -> str:
        return f"{_text(self.label, values)}{layout.separator}{_plain(values, self.value)}"

    def html(self, values: Mapping[str, Value], layout: Layout) -> str:
        label = _html(self.label, values) + _escaped(layout.separator.rstrip())
        code = _escaped(_plain(values, self.value))
        return f'<p>{label}</p><p style="{_CODE_STYLE}">{code}</p>'


@dataclass(frozen=True, slots=True)
class NumberedCodesBlock:
    """A card of numbered codes: one line each in text, a table in HTML."""

    value: str
    caption: str
    headers: tuple[str, str]
    number: str  # the row's header, with ${number}
    line: str  # the text line, with ${number} and ${code}

    def needs(self) -> set[str]:
        return {self.value}

    def placeholders(self) -> set[str]:
        return {self.value} | _names(self.number) | _names(self.line)

    def _codes(self, values: Mapping[str, Value]) -> NumberedCodes:
        codes = values[self.value]
        if isinstance(codes, str):
            raise TypeError(f"the value {self.value!r} must be numbered codes, not text")
        return codes

    def text(self, values: Mapping[str, Value], layout: Layout) -> str:
        # Numbers right-aligned on two places, so that the codes line up in a plain-text reader.
        return "\n".join(
            Template(self.line).substitute(number=f"{number:>2}", code=code)
            for number, code in self._codes(values)
        )

    def html(self, values: Mapping[str, Value], layout: Layout) -> str:
        rows = "".join(
            '<tr><th scope="row" style="text-align:right;padding:2px 12px">'
            f"{_escaped(Template(self.number).substitute(number=number))}</th>"
            '<td style="font-family:monospace;font-size:18px;padding:2px 12px">'
            f"{_escaped(code)}</td></tr>"
            for number, code in self._codes(values)
        )
        head = "".join(f'<th scope="col">{_escaped(h)}</th>' for h in self.headers)
        return (
            f'<table style="border-collapse:collapse"><caption>{_escaped(self.caption)}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )


@dataclass(frozen=True, slots=True)
class MailTemplate:
    name: str  # <area>.<table>
    language: str
    subject: str
    blocks: tuple[Block, ...]

    @property
    def needs(self) -> frozenset[str]:
        """The values ``compose`` must be given, exactly."""
        return frozenset(_names(self.subject).union(*(b.needs() for b in self.blocks)))

    @property
    def placeholders(self) -> frozenset[str]:
        return frozenset(_names(self.subject).union(*(b.placeholders() for b in self.blocks)))

    @property
    def kinds(self) -> list[str]:
        """The kinds of its blocks, sorted: a translation has the same ones."""
        return sorted(
            f"{type(b).__name__}{'?' if isinstance(b, Paragraph) and b.optional else ''}"
            for b in self.blocks
        )

    def render(self, to: str, values: Mapping[str, Value]) -> OutgoingMail:
        missing, extra = self.needs - values.keys(), values.keys() - self.needs
        if missing or extra:
            raise TypeError(
                f"mail {self.name}: missing {sorted(missing)}, not in the template {sorted(extra)}"
            )
        layout = _layout(self.language)
        texts = [t for b in self.blocks if (t := b.text(values, layout)) is not None]
        parts = [h for b in self.blocks if (h := b.html(values, layout)) is not None]
        # A header holds one line: a value with a line break must not add a header.
        subject = " ".join(_text(self.subject, values).split())
        return OutgoingMail(
            recipient=to,
            subject=subject,
            text_body="\n\n".join([*texts, layout.signature]) + "\n",
            html_body=(
                f'<!doctype html><html lang="{self.language}"><body style="font-family:Arial,'
                f'sans-serif;color:#1d2433">{"".join(parts)}'
                f"<p>{_escaped(layout.signature)}</p></body></html>"
            ),
        )


def compose(to: str, template: str, language: str, **values: Value) -> OutgoingMail:
    """The e-mail ``template`` (``<area>.<table>``) to ``to``, in ``language`` (one the portal
    does not speak reads as its default), with ``values`` for its placeholders."""
    return find(template, mail_language(language)).render(to, values)


def find(template: str, language: str) -> MailTemplate:
    area, _, name = template.partition(".")
    try:
        return templates(area, language)[name]
    except KeyError:
        raise KeyError(f"no mail {template!r} in {language}") from None


def areas() -> list[str]:
    """The areas that have mails (each file's name before the language)."""
    found = {path.name.split(".")[0] for path in MAIL_DIR.glob("*.toml")}
    return sorted(found - {LAYOUT})


def signature(language: str) -> str:
    return _layout(mail_language(language)).signature


@cache
def templates(area: str, language: str) -> Mapping[str, MailTemplate]:
    path = MAIL_DIR / f"{area}.{language}.toml"
    if language not in SUPPORTED_LANGUAGES or not path.is_file():
        raise KeyError(f"no mails for {area!r} in {language!r}")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        name: _template(f"{area}.{name}", language, table, path) for name, table in data.items()
    }


@cache
def _layout(language: str) -> Layout:
    data = tomllib.loads((MAIL_DIR / f"{LAYOUT}.{language}.toml").read_text(encoding="utf-8"))
    return Layout(signature=data["signature"], separator=data["separator"])


def _template(name: str, language: str, table: Any, path: Path) -> MailTemplate:
    where = f"{path.name} [{name.partition('.')[2]}]"
    if not isinstance(table, dict) or set(table) != {"subject", "body"}:
        raise ValueError(f"{where}: a mail has a subject and a body, nothing else")
    subject, body = table["subject"], table["body"]
    if not isinstance(subject, str) or not isinstance(body, list) or not body:
        raise ValueError(f"{where}: the subject is text and the body a list of blocks")
    blocks = tuple(_block(block, where) for block in body)
    for text in [subject, *_texts(blocks)]:
        if not Template(text).is_valid():
            raise ValueError(f"{where}: a lone $ in {text!r} (write $$ for a dollar sign)")
    return MailTemplate(name, language, subject, blocks)


def _texts(blocks: tuple[Block, ...]) -> list[str]:
    found: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found.append(block.words)
        elif isinstance(block, Link | Code):
            found.append(block.label)
        elif isinstance(block, NumberedCodesBlock):
            found += [block.caption, *block.headers, block.number, block.line]
    return found


def _block(block: object, where: str) -> Block:
    if isinstance(block, str):
        return Paragraph(block)
    if isinstance(block, dict) and all(isinstance(v, str | list) for v in block.values()):
        keys = set(block)
        if keys == {"optional"}:
            return Paragraph(block["optional"], optional=True)
        if keys in ({"button", "url"}, {"link", "url"}):
            button = "button" in keys
            return Link(block["button" if button else "link"], block["url"], button=button)
        if keys == {"code", "value"}:
            return Code(block["code"], block["value"])
        if keys == {"numbered_codes", "caption", "headers", "number", "line"}:
            headers = block["headers"]
            if isinstance(headers, list) and len(headers) == 2:
                return NumberedCodesBlock(
                    block["numbered_codes"],
                    block["caption"],
                    (str(headers[0]), str(headers[1])),
                    block["number"],
                    block["line"],
                )
    raise ValueError(f"{where}: not a block a mail can have: {block!r}")
