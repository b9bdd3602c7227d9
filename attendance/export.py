"""A participant's proofs as plain data, for the account's JSON export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from attendance.models import Proof


def proofs_data(user: AbstractBaseUser) -> list[dict[str, Any]]:
    return [
        {
            "meeting": proof.meeting_name,
            "date": proof.date.isoformat(),
            "starts": proof.starts.isoformat(),
            "ends": proof.ends.isoformat(),
            "timezone": proof.time_zone,
            "printed_name": proof.printed_name,
            "for": proof.recipient,
            "state": proof.state,
            "requested_at": proof.requested_at.isoformat(),
            "decided_at": proof.decided_at.isoformat() if proof.decided_at else None,
            "confirmed_by": proof.facilitator_name if proof.is_valid else "",
            "revoked_at": proof.revoked_at.isoformat() if proof.revoked_at else None,
            "verification_code": proof.code(),
        }
        for proof in Proof.objects.owned_by(user)
    ]
