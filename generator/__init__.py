"""A static-site generator for annotated archives of news stories."""

__version__ = "0.1.0"
