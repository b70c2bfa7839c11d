"""The test PKI of the simulators (Belgium Root CA → Citizen CA → card certificates) and OCSP."""
