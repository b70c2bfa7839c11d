"""A stand-in for an SMS provider: the portal posts SMS over HTTP, an inbox page shows them."""

from simulators.sms_gateway.numbers import PhoneNumberError, display_phone, normalise_phone
from simulators.sms_gateway.store import Sms, SmsStore
from simulators.sms_gateway.web import DEFAULT_PORT, DEFAULT_TOKEN, SmsGateway

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_TOKEN",
    "PhoneNumberError",
    "Sms",
    "SmsGateway",
    "SmsStore",
    "display_phone",
    "normalise_phone",
]
