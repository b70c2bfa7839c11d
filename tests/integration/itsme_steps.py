"""A browser's walk through the itsme simulator over real HTTP, without a browser: the
authorization request, the phone number, the answer on the phone, the way back to the portal.
Shared by the simulator's tests and the portal client's tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, quote, urlsplit

from identity.itsme import ClientKey, ItsmeConfig, ItsmeRelyingParty, PendingAuthorization
from simulators.itsme import ItsmeSimulator, RegisteredClient
from tests.integration.simulators.http_client import Response, call

CLIENT_ID = "monespace"
SERVICE_CODE = "MONESPACE_LOGIN"
REDIRECT_URI = "http://localhost:3999/connexion/itsme/retour"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def registered(key: ClientKey, *, client_id: str = CLIENT_ID) -> RegisteredClient:
    """The portal as the simulator knows it, with its public key inline."""
    return RegisteredClient(
        client_id, "Mon Espace", (REDIRECT_URI,), (SERVICE_CODE,), jwks=key.public_jwks()
    )


def relying_party(simulator: ItsmeSimulator, key: ClientKey) -> ItsmeRelyingParty:
    return ItsmeRelyingParty(
        ItsmeConfig(simulator.issuer, CLIENT_ID, SERVICE_CODE, REDIRECT_URI, key, timeout=5)
    )


@dataclass(frozen=True)
class Visit:
    """The browser on itsme's identification page (``path`` is /authorize/<transaction>)."""

    simulator: ItsmeSimulator
    path: str

    def page(self) -> Response:
        return call("GET", self.simulator.url + self.path)

    def send(self, phone: str) -> Response:
        body = f"phone={quote(phone, safe='')}".encode()
        return call("POST", f"{self.simulator.url}{self.path}/send", body=body, headers=FORM)

    def cancel(self) -> Response:
        return call("POST", f"{self.simulator.url}{self.path}/cancel", body=b"", headers=FORM)

    def back_to_portal(self) -> dict[str, str]:
        """The query the browser brings back to the redirect URI (the phone has answered)."""
        answer = self.page()
        assert answer.status == 303, answer.text
        return query_of(answer.headers["Location"])


def open_authorization(simulator: ItsmeSimulator, url: str) -> Visit:
    answer = call("GET", url)
    assert answer.status == 303, answer.text
    location = answer.headers["Location"]
    assert location.startswith("/authorize/"), location
    return Visit(simulator, location)


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def pending_push(simulator: ItsmeSimulator, phone: str) -> str:
    """The id of the one request waiting on ``phone`` (what its page shows)."""
    listed = call("GET", f"{simulator.url}/api/requests?phone={quote(phone, safe='')}").json()
    waiting = [r["id"] for r in listed if r["status"] == "pending"]
    assert len(waiting) == 1, listed
    return str(waiting[0])


def answer_on_phone(simulator: ItsmeSimulator, phone: str, *, approve: bool = True) -> None:
    action = "approve" if approve else "refuse"
    push = pending_push(simulator, phone)
    assert call("POST", f"{simulator.url}/api/requests/{push}/{action}").status == 200


def approved_answer(
    simulator: ItsmeSimulator, rp: ItsmeRelyingParty, phone: str, now: datetime
) -> tuple[dict[str, str], PendingAuthorization]:
    """A whole approved login up to the return: (the query brought back, the pending login)."""
    url, pending = rp.begin(phone=phone, language="fr", now=now)
    visit = open_authorization(simulator, url)
    assert visit.send(phone).status == 303
    answer_on_phone(simulator, phone)
    return visit.back_to_portal(), pending
