export { buildApp } from './http/app.ts';
export { createServices } from './services.ts';
export { openStore } from './db/connect.ts';
export { migrateToLatest } from './db/migrate.ts';
export { buildDemo } from './demo/build-demo.ts';
