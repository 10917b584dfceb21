"""The coordinate systems the tool works in, and where the Netherlands lies in each.

Every geometry is held in RD New (EPSG:28992, metres); the map page is drawn in WGS84 (EPSG:4326).
The boxes tell a file's undeclared or wrongly declared coordinates apart (``io/cbs.py``).
"""

from __future__ import annotations

__all__ = ["NL_LONLAT", "RD", "RD_BBOX", "WGS84"]

#: RD New (Rijksdriehoeksmeting), metres: every geometry the tool holds
RD = "EPSG:28992"
#: WGS84 longitude/latitude: the map page and coordinates given as lon/lat
WGS84 = "EPSG:4326"
#: RD New covers the Netherlands at x 0..300 km, y 300..625 km (with a margin): (xmin, ymin, xmax, ymax)
RD_BBOX = (-7000.0, 289000.0, 300000.0, 629000.0)
#: the Netherlands in WGS84: lon 3..7.3, lat 50.7..53.6 (with a margin)
NL_LONLAT = (2.5, 50.5, 7.5, 54.0)
