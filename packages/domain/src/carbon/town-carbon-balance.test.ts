import { describe, expect, it } from 'vitest';
import { townCarbonBalance } from './town-carbon-balance.ts';

// DOMAIN.md §9, town carbon balance (Banan 2023 pilot).
const figures = { waterAbsorption: 50, grassAbsorption: 30, cropsAbsorption: 20, residentsEmission: 600, farmMachineryEmission: 100, transportEmission: 300 };
describe('townCarbonBalance (DOMAIN.md §9)', () => {
  it('forest 1200 + 50 + 30 + 20 = 1300 absorbed, 600 + 100 + 300 = 1000 emitted → net sink 300', () => {
    expect(townCarbonBalance(1200, figures)).toEqual({ absorptionT: 1300, emissionT: 1000, netT: 300, status: 'net_sink' });
  });
  it('forest 800 → 900 − 1000 = −100: net emission; exactly even is balanced', () => {
    expect(townCarbonBalance(800, figures)).toMatchObject({ netT: -100, status: 'net_emission' });
    expect(townCarbonBalance(900, figures).status).toBe('balanced');
  });
  it('without the forest sink (one ledger year) the net is unknown, the emissions still summed', () => {
    expect(townCarbonBalance(null, figures)).toEqual({ absorptionT: null, emissionT: 1000, netT: null, status: 'unknown' });
  });
});
