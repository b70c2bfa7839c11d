"""The virtual Belgian eID card (BELPIC applet) that talks to pcscd through vpcd."""
