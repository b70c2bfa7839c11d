"""The SMS code key: a 6-digit security code sent by SMS after username + password."""

from identity.sms_code.key import SMS_CODE_KEY, SmsCodeKey
from identity.sms_code.phone import InvalidMobileNumberError, mask_mobile, normalise_mobile
from identity.sms_code.sender import HttpSmsSender, SmsDeliveryError, SmsSender
from identity.sms_code.service import (
    confirm_enrolment,
    send_login_code,
    start_enrolment,
    verify_login_code,
)

__all__ = [
    "SMS_CODE_KEY",
    "HttpSmsSender",
    "InvalidMobileNumberError",
    "SmsCodeKey",
    "SmsDeliveryError",
    "SmsSender",
    "confirm_enrolment",
    "mask_mobile",
    "normalise_mobile",
    "send_login_code",
    "start_enrolment",
    "verify_login_code",
]
