"""healthmesh: clinical decision support served as a gRPC mesh.

Decision support for clinicians and triage services. It is not a doctor.
"""

__version__ = "0.1.0"

DISCLAIMER = (
    "healthmesh gives decision support, not a diagnosis. It can be wrong and does not replace a "
    "clinician. If you think you may have a medical emergency, call your local emergency number now."
)
