export * from './result.ts';
export * from './units/unit-code.ts';
export * from './units/area-units.ts';
export * from './geometry/ellipsoidal-area.ts';
export * from './geometry/polygonal-geometry.ts';
export * from './areas/grid-coverage-report.ts';
export * from './chiefs/post-rules.ts';
export * from './register/records.ts';
