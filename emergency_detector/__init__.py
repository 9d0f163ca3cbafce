"""Emergency triage rule library (NEWS2, qSOFA, ESI danger zone, paediatric rules, red flags,
triage tuples, diagnosis-aware escalation). Pure Python: no gRPC, so the gateway can run it in
process as its fallback. Entry point: `emergency_detector.engine.EmergencyDetector`."""
