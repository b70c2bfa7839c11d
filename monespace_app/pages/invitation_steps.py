"""The invitation wizard's pieces (``components.role_wizard``), bound to its state; "Annuler"
goes back to "Gestion des invitations"."""

from __future__ import annotations

from components.role_wizard import RoleWizard
from foundation import routes
from state.roles.invitation_wizard_state import InvitationWizardState

W = RoleWizard(InvitationWizardState, routes.ROLE_INVITATIONS)
