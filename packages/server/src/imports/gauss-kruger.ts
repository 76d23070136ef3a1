import type { Position } from 'geojson';

/** A Gauss-Krüger zone on the CGCS2000 ellipsoid (scale 1 on the central meridian, no false northing). */
export interface GaussKrugerZone {
  centralMeridian: number; // degrees east
  falseEasting: number; // metres; 500 000, or the zone number × 1 000 000 + 500 000 when the zone is prefixed
  epsg: number | null; // null for a local central meridian (任意带) that no EPSG code names
  description: string;
}

/**
 * The CGCS2000 Gauss-Krüger zones that have EPSG codes:
 * 4491–4501 6° zones 13–23 (zone prefixed), 4502–4512 6° CM 75–135°E, 4513–4533 3° zones 25–45 (zone prefixed),
 * 4534–4554 3° CM 75–135°E.
 */
export function gaussKrugerOfEpsg(epsg: number): GaussKrugerZone | null {
  if (epsg >= 4491 && epsg <= 4501) return zoneOf((epsg - 4491 + 13) * 6 - 3, (epsg - 4491 + 13) * 1_000_000 + 500_000, 6);
  if (epsg >= 4502 && epsg <= 4512) return zoneOf(75 + (epsg - 4502) * 6, 500_000, 6);
  if (epsg >= 4513 && epsg <= 4533) return zoneOf((epsg - 4513 + 25) * 3, (epsg - 4513 + 25) * 1_000_000 + 500_000, 3);
  if (epsg >= 4534 && epsg <= 4554) return zoneOf(75 + (epsg - 4534) * 3, 500_000, 3);
  return null;
}

/**
 * The zone of a central meridian and false easting read from a .prj. A zone-prefixed easting tells 3° from 6°
 * zones; without a prefix the two are the same projection, so `width` (from the CRS name) only picks the code.
 */
export function gaussKrugerZone(centralMeridian: number, falseEasting: number, width: 3 | 6 | null = null): GaussKrugerZone {
  return zoneOf(centralMeridian, falseEasting, width);
}

function zoneOf(cm: number, fe: number, width: 3 | 6 | null): GaussKrugerZone {
  const prefix = (fe - 500_000) / 1_000_000;
  let epsg: number | null = null;
  let kind = '';
  if (fe === 500_000 && Number.isInteger(cm) && cm >= 75 && cm <= 135) {
    if (width === 6 && (cm - 75) % 6 === 0) [epsg, kind] = [4502 + (cm - 75) / 6, '6 度带'];
    else if (cm % 3 === 0) [epsg, kind] = [4534 + (cm - 75) / 3, '3 度带'];
  } else if (Number.isInteger(prefix) && prefix * 3 === cm && prefix >= 25 && prefix <= 45) {
    [epsg, kind] = [4513 + prefix - 25, `3 度带第 ${prefix} 带（带号加前缀）`];
  } else if (Number.isInteger(prefix) && prefix * 6 - 3 === cm && prefix >= 13 && prefix <= 23) {
    [epsg, kind] = [4491 + prefix - 13, `6 度带第 ${prefix} 带（带号加前缀）`];
  }
  const description = epsg === null
    ? `CGCS2000 高斯-克吕格 中央经线 ${cm}°E 东偏 ${fe} 米`
    : `CGCS2000 ${kind}高斯-克吕格 中央经线 ${cm}°E（EPSG:${epsg}）`;
  return { centralMeridian: cm, falseEasting: fe, epsg, description };
}

/**
 * Inverse transverse Mercator (scale 1, latitude of origin 0) on the CGCS2000 ellipsoid: easting/northing in
 * metres → lon/lat degrees. Snyder's series (USGS PP 1395, eq. 8-12 to 8-25): against proj4's exact-series tmerc
 * it stays within 2e-8° (2 mm) out to 3.5° from the central meridian, wide enough for 6° zones.
 */
export function gaussKrugerInverse(centralMeridian: number, falseEasting: number): (p: Position) => Position {
  const a = 6378137, f = 1 / 298.257222101;
  const e2 = f * (2 - f), ep2 = e2 / (1 - e2);
  const e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
  const m0 = a * (1 - e2 / 4 - (3 * e2 * e2) / 64 - (5 * e2 ** 3) / 256);
  const [j2, j4, j6, j8] = [(3 * e1) / 2 - (27 * e1 ** 3) / 32, (21 * e1 * e1) / 16 - (55 * e1 ** 4) / 32, (151 * e1 ** 3) / 96, (1097 * e1 ** 4) / 512];
  const degrees = 180 / Math.PI;
  return ([x, y]) => {
    const mu = y! / m0;
    const phi1 = mu + j2 * Math.sin(2 * mu) + j4 * Math.sin(4 * mu) + j6 * Math.sin(6 * mu) + j8 * Math.sin(8 * mu);
    const s = Math.sin(phi1), c = Math.cos(phi1), t = s / c;
    const w = 1 - e2 * s * s;
    const n1 = a / Math.sqrt(w);
    const r1 = (a * (1 - e2)) / (w * Math.sqrt(w));
    const t1 = t * t, c1 = ep2 * c * c;
    const d = (x! - falseEasting) / n1;
    const d2 = d * d;
    const lat = phi1 - ((n1 * t) / r1) * d2 * (1 / 2 - ((5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * d2) / 24
      + ((61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * d2 * d2) / 720);
    const dLon = (d * (1 - ((1 + 2 * t1 + c1) * d2) / 6 + ((5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * d2 * d2) / 120)) / c;
    return [centralMeridian + dLon * degrees, lat * degrees]; // on the meridian exactly the central meridian
  };
}
