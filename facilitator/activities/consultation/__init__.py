"""The group consultation round, and the clinician's link."""

from facilitator.activities.consultation.clinician_link import link_made_at

KINDS = ("rules.Consultation",)  # for the registry, by name (activities/registry.py says why)
