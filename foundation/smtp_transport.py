"""Delivers outbox messages over SMTP (plain, STARTTLS or TLS), as configured in settings."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from foundation.mail_outbox import OutgoingMail
from foundation.settings import Settings, SmtpSecurity


class SmtpTransport:
    def __init__(self, settings: Settings, *, timeout: float = 30.0) -> None:
        self._settings = settings
        self._timeout = timeout

    def build(self, mail: OutgoingMail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self._settings.mail_from
        message["To"] = mail.recipient
        message["Subject"] = mail.subject
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = make_msgid(domain="monespace.localhost")
        message.set_content(mail.text_body)
        if mail.html_body is not None:
            message.add_alternative(mail.html_body, subtype="html")
        return message

    def send(self, mail: OutgoingMail) -> None:
        settings = self._settings
        message = self.build(mail)
        if settings.smtp_security is SmtpSecurity.TLS:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.smtp_host,
                settings.smtp_port,
                timeout=self._timeout,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=self._timeout)
        with client:
            if settings.smtp_security is SmtpSecurity.STARTTLS:
                client.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                client.login(settings.smtp_username, settings.smtp_password.get_secret_value())
            client.send_message(message)
