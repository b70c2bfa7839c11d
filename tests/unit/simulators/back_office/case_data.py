"""A case as the portal's API gives it, for the back office's page tests."""

from __future__ import annotations

from typing import Any


def a_case(status: str = "submitted", **changes: Any) -> dict[str, Any]:
    actions = {
        "submitted": ["take"],
        "in_progress": ["request_complement", "close"],
    }.get(status, [])
    labels = {
        "submitted": "Introduit",
        "in_progress": "En cours de traitement",
        "complement_requested": "Complément demandé",
        "closed": "Clôturé",
    }
    case: dict[str, Any] = {
        "reference": "ME-2026-000042",
        "title": "Allocation d'études supérieures",
        "procedure": "allocation-etudes",
        "status": status,
        "status_label": labels[status],
        "holder": {"national_number": "86031414204", "name": "Naïma Samira Mremi"},
        "company": None,
        "created_at": "2026-02-28T09:00:00+00:00",
        "submitted_at": "2026-02-28T09:30:00+00:00",
        "closed_at": None,
        "administration_message": "",
        "sections": [
            {
                "title": "Paiement",
                "lines": [
                    {"label": "Numéro de compte (IBAN) de l'étudiant", "value": "BE71 0961"},
                    {"label": "Remarque", "value": ""},
                ],
            }
        ],
        "attachments": [
            {
                "id": 7,
                "name": "attestation <inscription>.pdf",
                "media_type": "application/pdf",
                "size": 250_000,
                "sha256": "ab" * 32,
                "purpose": "form",
                "added_at": "2026-02-28T09:10:00+00:00",
            }
        ],
        "receipt": {
            "signer_name": "Naïma Samira Mremi",
            "signed_at": "2026-02-28T09:29:00+00:00",
            "size": 9000,
        },
        "history": [
            {
                "at": "2026-02-28T09:30:00+00:00",
                "actor": "86031414204",
                "actor_name": "Naïma Samira Mremi",
                "action": "submit",
                "message": "",
            }
        ],
        "actions": actions,
    }
    return case | changes
