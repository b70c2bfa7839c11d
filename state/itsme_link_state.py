"""The address of itsme's page for creating an account, in the page's language: "Créer votre
compte itsme" under the itsme key of the key chooser, "Plus d'info" on the itsme login page."""

import reflex as rx

from portal.login.itsme_account_link import itsme_account_url
from state.i18n_state import I18nState


class ItsmeLinkState(I18nState):
    @rx.var
    def account_url(self) -> str:
        return itsme_account_url(self.lang)
