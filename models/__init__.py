"""Training recipes that rebuild the models shipped in newsnlp/_models (not imported at run time)."""
