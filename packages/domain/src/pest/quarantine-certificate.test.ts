import { describe, expect, it } from 'vitest';
import { checkCertificateForm } from './quarantine-certificate.ts';

// DOMAIN.md §6: a treated consignment (除害处理) states the treatment; the certificate's dates make sense.
describe('checkCertificateForm', () => {
  const ok = { shipOn: '2026-03-02', validFrom: '2026-03-01', validTo: '2026-03-10', consignments: [{ quantity: 12.5, treatment: 'none' as const }] };
  it('accepts a well-formed application', () => expect(checkCertificateForm(ok)).toEqual([]));
  it('names each wrong field', () => {
    const r = checkCertificateForm({ shipOn: '2026-02-01', validFrom: '2026-03-01', validTo: '2026-02-20', consignments: [{ quantity: 0, treatment: 'heat', treatmentNote: ' ' }] });
    expect(r.map((f) => f.field)).toEqual(['validTo', 'shipOn', 'consignments/0/quantity', 'consignments/0/treatmentNote']);
    expect(checkCertificateForm({ ...ok, consignments: [] }).map((f) => f.code)).toEqual(['no_consignment']);
    expect(checkCertificateForm({ ...ok, validTo: '2026-05-01' }).map((f) => f.code)).toEqual(['bad_validity']);
  });
});
