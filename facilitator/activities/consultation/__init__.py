"""The group consultation round, and the clinician's link."""

# What the other kinds may use (they import the package, never its modules).
from facilitator.activities.consultation.clinician_link import link_made_at

__all__ = ["link_made_at"]
