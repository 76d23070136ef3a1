import type { Position } from 'geojson';

interface Edge {
  ring: number;
  index: number; // edge i joins vertex i and i + 1
  a: Position;
  b: Position;
  minX: number;
  maxX: number;
}

/**
 * Whether two edges of a polygon's rings (outer ring and holes together) cross each other: a bow-tie, a ring
 * folding over itself, or a hole crossing its outer ring. Only proper crossings count; rings that touch at a
 * vertex or run along each other are left alone, as most GIS tools accept them. Edges are swept in x order, so
 * rings of many thousand vertices are checked in about n log n rather than n².
 */
export function ringsCross(rings: Position[][]): boolean {
  const edges: Edge[] = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i]!, ring[i + 1]!];
      edges.push({ ring: r, index: i, a, b, minX: Math.min(a[0]!, b[0]!), maxX: Math.max(a[0]!, b[0]!) });
    }
  });
  edges.sort((p, q) => p.minX - q.minX);
  let active: Edge[] = [];
  for (const e of edges) {
    active = active.filter((o) => o.maxX >= e.minX);
    for (const o of active) if (!adjacent(o, e, rings) && cross(o, e)) return true;
    active.push(e);
  }
  return false;
}

function adjacent(p: Edge, q: Edge, rings: Position[][]): boolean {
  if (p.ring !== q.ring) return false;
  const last = rings[p.ring]!.length - 2; // index of the closing edge
  const d = Math.abs(p.index - q.index);
  return d <= 1 || d === last;
}

function cross(p: Edge, q: Edge): boolean {
  if (Math.max(p.a[1]!, p.b[1]!) < Math.min(q.a[1]!, q.b[1]!) || Math.max(q.a[1]!, q.b[1]!) < Math.min(p.a[1]!, p.b[1]!)) return false;
  const side = (a: Position, b: Position, c: Position) => Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
  return side(q.a, q.b, p.a) * side(q.a, q.b, p.b) < 0 && side(p.a, p.b, q.a) * side(p.a, p.b, q.b) < 0;
}
