"""The PC/SC side of the simulated hardware: pcscd with vpcd virtual readers."""
