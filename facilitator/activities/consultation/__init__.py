"""The group consultation round, and the clinician's link."""
