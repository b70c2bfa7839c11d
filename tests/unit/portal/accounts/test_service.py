"""Account rules, clock passed in: first login, activation links, e-mail change, deletion."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from foundation.models.account import Account, AccountHistoryEntry, AccountStatus
from foundation.models.dossiers import Dossier
from foundation.models.outbox import OutboxMessage
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity, current_session, open_session, redeem_ticket
from portal.accounts import deletion, errors
from portal.accounts import service as accounts

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NAIMA = LoginIdentity("85010112345", "Mremi", "Naïma", date(1985, 1, 1))
LINKS = accounts.LinkContext(secret_key="test-secret", public_origin="http://localhost:3000")


def outbox(db: Session) -> list[OutboxMessage]:
    return list(db.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all())


def token_in(message: OutboxMessage, path: str) -> str:
    match = re.search(re.escape(path) + r"\?jeton=([\w.\-]+)", message.text_body)
    assert match, f"no link to {path} in the mail"
    return match.group(1)


def register(
    db: Session, email: str = "naima@example.org", at: datetime = NOW, language: str = "fr"
) -> Account:
    account = accounts.register(
        db, LINKS, identity=NAIMA, email=email, confirmation=email, language=language, now=at
    )
    db.commit()
    return account


def login(
    db: Session,
    at: datetime = NOW,
    level: LevelOfAssurance = LevelOfAssurance.HIGH,
    key_kind: str = "eid",
) -> UserSession:
    _, ticket = open_session(
        db, identity=NAIMA, key_kind=key_kind, level=level, now=at, browser_binding="b" * 64
    )
    row = redeem_ticket(db, ticket, browser_binding="b" * 64, now=at)
    assert row is not None
    db.commit()
    return row


def active_account(db: Session) -> Account:
    register(db)
    token = token_in(outbox(db)[-1], "/mon-compte/activer")
    account = accounts.activate(db, LINKS, token=token, now=NOW)
    db.commit()
    return account


@pytest.mark.parametrize(
    ("email", "confirmation", "error"),
    [
        ("naima@example", "naima@example", errors.EmailInvalidError),
        ("naima example.org", "naima example.org", errors.EmailInvalidError),
        ("", "", errors.EmailInvalidError),
        ("naima@example.org", "naima@example.com", errors.EmailMismatchError),
    ],
)
def test_bad_addresses_are_refused_and_nothing_is_created(
    db: Session, email: str, confirmation: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        accounts.register(
            db,
            LINKS,
            identity=NAIMA,
            email=email,
            confirmation=confirmation,
            language="fr",
            now=NOW,
        )
    assert db.exec(select(Account)).all() == []
    assert outbox(db) == []


def test_first_login_creates_a_pending_account_and_queues_the_activation_mail(db: Session) -> None:
    account = register(db, email="  naima@example.org ")
    assert account.status is AccountStatus.PENDING
    assert (account.surname, account.first_names, account.email) == (
        "Mremi",
        "Naïma",
        "naima@example.org",
    )
    [mail] = outbox(db)
    assert mail.recipient == "naima@example.org"
    assert mail.text_body.startswith("Bonjour Naïma Mremi")
    assert "Activer mon compte Mon Espace" in (mail.html_body or "")
    assert "Annuler l'activation du compte Mon Espace" in (mail.html_body or "")


def test_activation_link_works_once(db: Session) -> None:
    register(db)
    token = token_in(outbox(db)[0], "/mon-compte/activer")
    assert accounts.activate(db, LINKS, token=token, now=NOW).status is AccountStatus.ACTIVE
    db.commit()
    with pytest.raises(errors.LinkUsedError):
        accounts.activate(db, LINKS, token=token, now=NOW)


def test_activation_link_expires_after_48_hours(db: Session) -> None:
    register(db)
    token = token_in(outbox(db)[0], "/mon-compte/activer")
    with pytest.raises(errors.LinkExpiredError):
        accounts.activate(db, LINKS, token=token, now=NOW + timedelta(hours=48))


def test_altered_link_is_refused(db: Session) -> None:
    register(db)
    token = token_in(outbox(db)[0], "/mon-compte/activer")
    with pytest.raises(errors.LinkInvalidError):
        accounts.activate(db, LINKS, token=token[:-2] + "xx", now=NOW)
    cancel = token_in(outbox(db)[0], "/mon-compte/annuler-activation")
    with pytest.raises(errors.LinkInvalidError):  # a cancel link is not an activation link
        accounts.activate(db, LINKS, token=cancel, now=NOW)


def test_cancel_link_removes_the_pending_account(db: Session) -> None:
    register(db)
    token = token_in(outbox(db)[0], "/mon-compte/annuler-activation")
    accounts.cancel_activation(db, LINKS, token=token, now=NOW)
    db.commit()
    assert accounts.find_account(db, NAIMA.national_number) is None


def test_resend_is_throttled_and_replaces_the_old_link(db: Session) -> None:
    register(db)
    first = token_in(outbox(db)[0], "/mon-compte/activer")
    with pytest.raises(errors.ResendTooSoonError):
        accounts.resend_activation(
            db,
            LINKS,
            national_number=NAIMA.national_number,
            email="naima@example.org",
            now=NOW + timedelta(seconds=59),
        )
    accounts.resend_activation(
        db,
        LINKS,
        national_number=NAIMA.national_number,
        email="naima.m@example.org",
        now=NOW + timedelta(seconds=60),
    )
    db.commit()
    assert [m.recipient for m in outbox(db)] == ["naima@example.org", "naima.m@example.org"]
    with pytest.raises(errors.LinkUsedError):
        accounts.activate(db, LINKS, token=first, now=NOW + timedelta(minutes=2))


def test_resend_stops_after_five_mails(db: Session) -> None:
    register(db)
    moment = NOW
    for _ in range(accounts.RESEND_LIMIT - 1):
        moment += timedelta(minutes=1)
        accounts.resend_activation(
            db, LINKS, national_number=NAIMA.national_number, email="naima@example.org", now=moment
        )
    with pytest.raises(errors.ResendLimitError):
        accounts.resend_activation(
            db,
            LINKS,
            national_number=NAIMA.national_number,
            email="naima@example.org",
            now=moment + timedelta(minutes=1),
        )


def test_an_active_account_is_not_created_twice(db: Session) -> None:
    active_account(db)
    with pytest.raises(errors.AccountAlreadyExistsError):
        register(db)


def test_new_email_replaces_the_old_only_once_verified_and_the_old_is_told(db: Session) -> None:
    account = active_account(db)
    session_row = login(db)
    accounts.request_email_change(
        db,
        LINKS,
        account=account,
        session_row=session_row,
        email="naima@hotmail.com",
        confirmation="naima@hotmail.com",
        now=NOW,
    )
    db.commit()
    assert account.email == "naima@example.org"
    confirm = outbox(db)[-1]
    assert confirm.recipient == "naima@hotmail.com"
    accounts.confirm_email_change(
        db, LINKS, token=token_in(confirm, "/compte/confirmer-email"), now=NOW
    )
    db.commit()
    assert account.email == "naima@hotmail.com"
    notice = outbox(db)[-1]
    assert notice.recipient == "naima@example.org"
    assert "naima@hotmail.com" in notice.text_body


def test_email_change_needs_a_recent_strong_login(db: Session) -> None:
    account = active_account(db)
    session_row = login(db)
    with pytest.raises(errors.StrongLoginRequiredError):
        accounts.request_email_change(
            db,
            LINKS,
            account=account,
            session_row=session_row,
            email="n@example.org",
            confirmation="n@example.org",
            now=NOW + timedelta(minutes=16),
        )


def test_deletion_ends_other_sessions_and_can_be_withdrawn_for_30_days(db: Session) -> None:
    account = active_account(db)
    other, this = login(db), login(db)
    deletion.request_deletion(db, account=account, session_row=this, now=NOW)
    db.commit()
    assert account.status is AccountStatus.DELETION_REQUESTED
    assert current_session(db, other.id, now=NOW) is None
    assert current_session(db, this.id, now=NOW) is not None
    assert "Votre compte Mon Espace est supprimé" in outbox(db)[-1].subject
    day_29 = NOW + timedelta(days=29, hours=23)
    deletion.cancel_deletion(db, account=account, session_row=login(db, at=day_29), now=day_29)
    assert AccountStatus(account.status) is AccountStatus.ACTIVE


def test_withdrawal_is_refused_after_30_days(db: Session) -> None:
    account = active_account(db)
    deletion.request_deletion(db, account=account, session_row=login(db), now=NOW)
    day_30 = NOW + timedelta(days=30)
    with pytest.raises(errors.WithdrawalPeriodOverError):
        deletion.cancel_deletion(db, account=account, session_row=login(db, at=day_30), now=day_30)


def test_purge_erases_the_account_and_its_history_but_keeps_dossiers(db: Session) -> None:
    account = active_account(db)
    assert account.id is not None
    db.add(
        AccountHistoryEntry(account_id=account.id, kind="favourite", label="Primes", created_at=NOW)
    )
    db.add(
        Dossier(
            national_number=NAIMA.national_number,
            space="citoyen",
            title="Demande de prime",
            status="En cours",
            updated_at=NOW,
        )
    )
    db.commit()
    deletion.request_deletion(db, account=account, session_row=login(db), now=NOW)
    db.commit()
    assert deletion.purge_expired(db, now=NOW + timedelta(days=29)) == 0
    assert deletion.purge_expired(db, now=NOW + timedelta(days=30)) == 1
    db.commit()
    assert db.exec(select(Account)).all() == []
    assert db.exec(select(AccountHistoryEntry)).all() == []
    # The same person comes back: the dossier is there again, found by national number.
    register(db, at=NOW + timedelta(days=40))
    dossiers = db.exec(select(Dossier).where(Dossier.national_number == NAIMA.national_number))
    assert [d.title for d in dossiers] == ["Demande de prime"]


def test_definitive_deletion_needs_a_deletion_request_first(db: Session) -> None:
    account = active_account(db)
    with pytest.raises(errors.WrongAccountStateError):
        deletion.delete_definitively(db, account=account, session_row=login(db), now=NOW)
    deletion.request_deletion(db, account=account, session_row=login(db), now=NOW)
    deletion.delete_definitively(db, account=account, session_row=login(db), now=NOW)
    db.commit()
    assert accounts.find_account(db, NAIMA.national_number) is None


def test_withdrawing_or_confirming_the_deletion_needs_a_recent_strong_login(db: Session) -> None:
    account = active_account(db)
    deletion.request_deletion(db, account=account, session_row=login(db), now=NOW)
    db.commit()
    later = NOW + timedelta(days=2)
    password_alone = login(db, at=later, level=LevelOfAssurance.LOW, key_kind="password")
    app_code = login(db, at=later, level=LevelOfAssurance.SUBSTANTIAL, key_kind="totp")
    eid_an_hour_ago = login(db, at=later - timedelta(hours=1))
    for weak in (password_alone, app_code, eid_an_hour_ago):
        with pytest.raises(errors.StrongLoginRequiredError):
            deletion.cancel_deletion(db, account=account, session_row=weak, now=later)
        with pytest.raises(errors.StrongLoginRequiredError):
            deletion.delete_definitively(db, account=account, session_row=weak, now=later)
    db.commit()
    assert AccountStatus(account.status) is AccountStatus.DELETION_REQUESTED
    assert accounts.find_account(db, NAIMA.national_number) is not None


def test_the_first_teaching_address_needs_no_fresh_login_but_a_change_does(db: Session) -> None:
    account = active_account(db)
    app_code = login(db, level=LevelOfAssurance.SUBSTANTIAL, key_kind="totp")
    # Entering the teaching space for the first time: the address is chosen at once.
    assert not accounts.choose_teaching_email(
        db, LINKS, account=account, session_row=app_code, use_account_email=True, now=NOW
    )
    assert account.teaching_email == account.email
    # Changing it afterwards, like the account's own address, needs a recent eID login.
    sent = len(outbox(db))
    for weak, at in ((app_code, NOW), (login(db), NOW + timedelta(minutes=16))):
        with pytest.raises(errors.StrongLoginRequiredError):
            accounts.choose_teaching_email(
                db,
                LINKS,
                account=account,
                session_row=weak,
                use_account_email=False,
                email="prof@example.org",
                confirmation="prof@example.org",
                now=at,
            )
    assert (account.teaching_email, account.teaching_email_pending) == (account.email, None)
    assert len(outbox(db)) == sent
    assert accounts.choose_teaching_email(
        db,
        LINKS,
        account=account,
        session_row=login(db),
        use_account_email=False,
        email="prof@example.org",
        confirmation="prof@example.org",
        now=NOW,
    )
    assert account.teaching_email_pending == "prof@example.org"
