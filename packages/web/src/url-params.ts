/**
 * A page's starting filter from its address, so a link from the dashboard, an indicator or an assessment point opens
 * the records it counts (`?unit=…&year=…&from=…&to=…`). Read once, when the page mounts.
 */
export function initialParam(name: string): string | undefined {
  return new URLSearchParams(window.location.search).get(name) ?? undefined;
}

/** A year from the address (1990–2100), else undefined. */
export function initialYear(name = 'year'): number | undefined {
  const v = Number(initialParam(name));
  return Number.isInteger(v) && v >= 1990 && v <= 2100 ? v : undefined;
}

/** A unit code (12 digits) from the address, else undefined. */
export function initialUnit(): string | undefined {
  const v = initialParam('unit');
  return v && /^\d{12}$/.test(v) ? v : undefined;
}
