"""The paper token key, for people without a Belgian card: registration at a local office, an
activation code, a card of numbered codes asked one at a time after username + password."""

from identity.paper_token.activation import (
    FIRST_KEYS,
    LANGUAGES,
    AppSecret,
    FirstKeyForm,
    MobileAppActivation,
    TokenActivation,
    activate_first_key,
    activate_mobile_app,
    activate_paper_token,
    check_choices,
    first_key_secret,
    person_for_code,
)
from identity.paper_token.bis import is_valid_bis_number, make_bis_number
from identity.paper_token.card import (
    CARD_SIZE,
    codes_left,
    create_token_card,
    pick_code_number,
    send_token_card,
    verify_token_code,
)
from identity.paper_token.key import PAPER_TOKEN_KEY, PaperTokenKey
from identity.paper_token.registration import (
    DOCUMENT_TYPES,
    ActivationLink,
    Registration,
    check_activation_code,
    format_activation_code,
    issue_activation_code,
    normalise_activation_code,
    redeem_activation_code,
    register_person,
    registered_identity,
)

__all__ = [
    "CARD_SIZE",
    "DOCUMENT_TYPES",
    "FIRST_KEYS",
    "LANGUAGES",
    "PAPER_TOKEN_KEY",
    "ActivationLink",
    "AppSecret",
    "FirstKeyForm",
    "MobileAppActivation",
    "PaperTokenKey",
    "Registration",
    "TokenActivation",
    "activate_first_key",
    "activate_mobile_app",
    "activate_paper_token",
    "check_activation_code",
    "check_choices",
    "codes_left",
    "create_token_card",
    "first_key_secret",
    "format_activation_code",
    "is_valid_bis_number",
    "issue_activation_code",
    "make_bis_number",
    "normalise_activation_code",
    "person_for_code",
    "pick_code_number",
    "redeem_activation_code",
    "register_person",
    "registered_identity",
    "send_token_card",
    "verify_token_code",
]
