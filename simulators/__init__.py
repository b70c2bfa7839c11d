"""Software stand-ins for the identity hardware and the outside world (cards, readers, mail).

Production code never imports this package: it reaches the simulators only through the channels
real hardware uses (PC/SC, SMTP, HTTP, the clock).
"""
