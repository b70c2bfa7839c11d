"""The trainers' tools of the demo: the demo clock's controls, scenario resets, the guides'
walk-throughs and the hardware panel, served by ``simulators.trainers_page``."""
