import type { MultiPolygon, Polygon } from 'geojson';
import polygonClipping from 'polygon-clipping';
import { areaOf, boxesMeet, boxOf, coordsOf, robust } from '../areas/grid-coverage-report.ts';

// DOMAIN.md §4: forest land use approvals (使用林地审核审批) — project, land, area, permanent or temporary use,
// status, dates and later checks (事前/事中/事后). Before approval the land is laid over the ledger: how much of it
// is public-welfare forest (森林类别 11 重点 / 12 一般) and natural forest (起源 天然).

export const landUseTypes = ['permanent', 'temporary'] as const;
export type LandUseType = (typeof landUseTypes)[number];
export const landUseTypeNames: Record<LandUseType, string> = { permanent: '永久使用', temporary: '临时使用' };

export const landUseStatuses = ['applied', 'approved', 'rejected', 'restored'] as const;
export type LandUseStatus = (typeof landUseStatuses)[number];
export const landUseStatusNames: Record<LandUseStatus | 'expired', string> = { applied: '审核中', approved: '已批准', rejected: '不予批准', restored: '已恢复', expired: '临时用地已到期' };

export const checkStages = ['before', 'during', 'after'] as const;
export type CheckStage = (typeof checkStages)[number];
export const checkStageNames: Record<CheckStage, string> = { before: '事前', during: '事中', after: '事后' };

export interface LedgerParcelShape {
  id: string;
  parcelNo: string;
  unitCode: string;
  forestCategory: string | null;
  origin: string | null;
  geometry: Polygon | MultiPolygon;
}

export interface ParcelOverlap {
  id: string;
  parcelNo: string;
  unitCode: string;
  forestCategory: string | null;
  origin: string | null;
  overlapM2: number;
}

export interface LandOverlap {
  landM2: number;
  parcels: ParcelOverlap[]; // public-welfare or natural parcels the land reaches, largest overlap first
  keyPublicWelfareM2: number; // 11 重点公益林
  publicWelfareM2: number; // 11 + 12
  naturalM2: number; // 起源 天然
  unchecked: string[]; // parcel numbers whose outline could not be intersected
}

const isPublicWelfare = (c: string | null) => c === '11' || c === '12';

/**
 * The land's overlap with the ledger's public-welfare and natural-forest parcels, each intersection measured on
 * the ellipsoid. Parcels that are neither are skipped; parcels whose box misses the land are not clipped.
 */
export function landUseOverlap(land: Polygon | MultiPolygon, parcels: readonly LedgerParcelShape[]): LandOverlap {
  const landCoords = coordsOf(land);
  const landBox = boxOf(landCoords);
  const out: LandOverlap = { landM2: areaOf(landCoords), parcels: [], keyPublicWelfareM2: 0, publicWelfareM2: 0, naturalM2: 0, unchecked: [] };
  for (const p of parcels) {
    if (!isPublicWelfare(p.forestCategory) && p.origin !== 'natural') continue;
    const coords = coordsOf(p.geometry);
    if (!boxesMeet(boxOf(coords), landBox)) continue;
    const shared = robust(polygonClipping.intersection, landCoords, [coords]);
    if (shared === null) {
      out.unchecked.push(p.parcelNo);
      continue;
    }
    const overlapM2 = shared.length ? areaOf(shared) : 0;
    if (overlapM2 < 0.01) continue;
    out.parcels.push({ id: p.id, parcelNo: p.parcelNo, unitCode: p.unitCode, forestCategory: p.forestCategory, origin: p.origin, overlapM2 });
    if (p.forestCategory === '11') out.keyPublicWelfareM2 += overlapM2;
    if (isPublicWelfare(p.forestCategory)) out.publicWelfareM2 += overlapM2;
    if (p.origin === 'natural') out.naturalM2 += overlapM2;
  }
  out.parcels.sort((a, b) => b.overlapM2 - a.overlapM2);
  return out;
}

/** The land made of whole parcels (an application by 小班): their outlines merged into one MultiPolygon. */
export function mergeParcelLand(geometries: readonly (Polygon | MultiPolygon)[]): MultiPolygon | null {
  if (!geometries.length) return null;
  const [first, ...rest] = geometries.map(coordsOf);
  const merged = robust(polygonClipping.union, first!, rest);
  return merged && merged.length ? { type: 'MultiPolygon', coordinates: merged } : null;
}

/** What an approval shows now: a temporary use past its end date and not yet restored reads 临时用地已到期. */
export function landUseState(a: { status: LandUseStatus; useType: LandUseType; endsOn: string | null }, today: string): LandUseStatus | 'expired' {
  if (a.status === 'approved' && a.useType === 'temporary' && a.endsOn !== null && today > a.endsOn) return 'expired';
  return a.status;
}
