"""Readers: they know file formats (CSV dialects, encodings, XLSX, GeoPackage) and nothing else."""
