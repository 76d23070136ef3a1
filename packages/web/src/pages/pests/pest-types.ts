import type {
  OriginInspectionResult, OriginSiteKind, OtherPest, PestSeverity, QuantityUnit, QuarantineProduct, QuarantineTreatment,
} from '@linzhang/domain';

// The answers of /api/pests/disaster-rate, /api/pests/occurrences and /api/pests/quarantine/… (docs/api.md).

export interface RateRow {
  unitCode: string;
  unitName: string;
  forestAreaM2: number;
  unforestedAreaM2: number;
  baseAreaM2: number;
  disasterAreaM2: number;
  ratePerMille: number | null;
  hostDeathParcels: number;
  meetsTarget: boolean | null;
}

export interface RateYear {
  year: number;
  unitCode: string;
  unitName: string;
  ledgerYear: number | null;
  targetPerMille: number;
  total: RateRow;
  children: RateRow[];
  deadTreesWithoutParcel: number;
  occurrences: number;
}

export interface Occurrence {
  id: string;
  unitCode: string;
  unitName: string;
  parcelId: string | null;
  parcelNo: string | null;
  pest: OtherPest;
  pestName: string;
  host: string | null;
  observedOn: string;
  year: number;
  areaM2: number;
  disasterAreaM2: number;
  severity: PestSeverity;
  hostDeath: boolean;
  controlledAreaM2: number | null;
  surveyor: string | null;
  note: string | null;
}

export interface Refusal {
  code: 'epidemic_untreated' | 'permit_without_approval';
  field: string;
  message: string;
}

export interface Consignment {
  position: number;
  product: QuarantineProduct;
  species: string;
  quantity: number;
  quantityUnit: QuantityUnit;
  originUnitCode: string;
  originUnitName: string;
  originParcelNo: string | null;
  permitNo: string | null;
  pestApproval: string | null;
  epidemicPoint: string | null;
  treatment: QuarantineTreatment;
  treatmentNote: string | null;
}

export interface Certificate {
  id: string;
  certificateNo: string | null;
  unitCode: string;
  unitName: string;
  status: 'issued' | 'refused';
  shipOn: string;
  validFrom: string;
  validTo: string;
  consignor: string;
  consignee: string;
  destination: string;
  carrier: string;
  vehicleNo: string;
  originInspectionNo: string | null;
  refusals: Refusal[];
  note: string | null;
  consignments: Consignment[];
}

export interface Inspection {
  id: string;
  inspectionNo: string;
  unitCode: string;
  unitName: string;
  siteName: string;
  siteKind: OriginSiteKind;
  subject: string;
  quantity: number | null;
  quantityUnit: QuantityUnit | null;
  inspectedOn: string;
  inspector: string;
  result: OriginInspectionResult;
  pestsFound: string | null;
  measures: string | null;
  validUntil: string | null;
}

export const canRecordPests = (roles: string[]) => roles.some((r) => r === 'admin' || r === 'staff');
export const shanghaiYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
export const perMille = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}‰`);
