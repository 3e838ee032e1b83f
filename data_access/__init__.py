"""Data access: the only package that touches the database. Readers return Polars frames."""
