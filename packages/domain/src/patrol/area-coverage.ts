import type { MultiPolygon, Polygon } from 'geojson';
import { pointInPolygon } from '../geometry/point-in-polygon.ts';

export interface CoverageCell {
  lon: number;
  lat: number;
  visits: number; // track points within reach of the cell's centre
}

export interface AreaCoverage {
  cellSizeM: number;
  cells: number; // cells of the area
  visitedCells: number;
  share: number; // 0–1
  visited: CoverageCell[];
}

const M_PER_DEG_LAT = 111_320;

/**
 * Share of a responsibility area visited by patrol tracks (issue 3 §5): the area is cut into square cells of
 * `cellSizeM`; a cell counts as visited when a track passes within `reachM` of its centre. Tracks are densified
 * so that a fast stretch between two fixes still visits the cells it crosses. Distances use a local
 * equirectangular projection, exact to well under a cell at the scale of a village.
 */
export function areaCoverage(input: {
  area: Polygon | MultiPolygon;
  tracks: readonly (readonly [number, number])[][];
  cellSizeM?: number;
  reachM?: number;
}): AreaCoverage {
  const cell = input.cellSizeM ?? 50;
  const reach = input.reachM ?? 50;
  const polygons = input.area.type === 'Polygon' ? [input.area.coordinates] : input.area.coordinates;
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  for (const p of polygons) for (const [x, y] of p[0] ?? []) {
    minx = Math.min(minx, x!); maxx = Math.max(maxx, x!); miny = Math.min(miny, y!); maxy = Math.max(maxy, y!);
  }
  if (!Number.isFinite(minx)) return { cellSizeM: cell, cells: 0, visitedCells: 0, share: 0, visited: [] };
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((((miny + maxy) / 2) * Math.PI) / 180);
  const toXY = (lon: number, lat: number): [number, number] => [(lon - minx) * mPerDegLon, (lat - miny) * M_PER_DEG_LAT];
  const cols = Math.max(1, Math.ceil(((maxx - minx) * mPerDegLon) / cell));
  const rows = Math.max(1, Math.ceil(((maxy - miny) * M_PER_DEG_LAT) / cell));

  // Cells whose centre lies in the area.
  const inside = new Map<number, { lon: number; lat: number; visits: number }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const lon = minx + ((c + 0.5) * cell) / mPerDegLon;
      const lat = miny + ((r + 0.5) * cell) / M_PER_DEG_LAT;
      if (pointInPolygon([lon, lat], input.area)) inside.set(r * cols + c, { lon, lat, visits: 0 });
    }
  }

  // Every track point (densified to half the reach) visits the cells whose centre is within reach.
  const span = Math.ceil(reach / cell);
  const visit = (x: number, y: number) => {
    const c0 = Math.floor(x / cell), r0 = Math.floor(y / cell);
    for (let r = r0 - span; r <= r0 + span; r++) {
      if (r < 0 || r >= rows) continue;
      for (let c = c0 - span; c <= c0 + span; c++) {
        if (c < 0 || c >= cols) continue;
        const target = inside.get(r * cols + c);
        if (!target) continue;
        const dx = (c + 0.5) * cell - x, dy = (r + 0.5) * cell - y;
        if (dx * dx + dy * dy <= reach * reach) target.visits += 1;
      }
    }
  };
  const step = reach / 2;
  for (const track of input.tracks) {
    for (let i = 0; i < track.length; i++) {
      const [x, y] = toXY(track[i]![0], track[i]![1]);
      visit(x, y);
      const next = track[i + 1];
      if (!next) continue;
      const [x2, y2] = toXY(next[0], next[1]);
      const n = Math.floor(Math.hypot(x2 - x, y2 - y) / step);
      for (let k = 1; k < n; k++) visit(x + ((x2 - x) * k) / n, y + ((y2 - y) * k) / n);
    }
  }
  const visited = [...inside.values()].filter((v) => v.visits > 0);
  return { cellSizeM: cell, cells: inside.size, visitedCells: visited.length, share: inside.size ? visited.length / inside.size : 0, visited };
}
