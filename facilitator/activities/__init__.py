"""Activity kinds, one package each; ``registry.py`` names them all."""
