"""The direct assignment's wizard pieces (``components.role_wizard``), bound to its state;
"Annuler" goes back to "Gérer les attributions de rôles", or to the section's home before it."""

from __future__ import annotations

from components.role_wizard import RoleWizard
from components.roles_layout import is_built
from foundation import routes
from state.roles.direct_assignment_state import DirectAssignmentState

CANCEL_TO = (
    routes.ROLE_ASSIGNMENTS_MANAGEMENT
    if is_built(routes.ROLE_ASSIGNMENTS_MANAGEMENT)
    else routes.ROLE_MANAGEMENT
)
W = RoleWizard(DirectAssignmentState, CANCEL_TO)
