/** Screening exports (names, sanctions-list import, supply-chain CSV); libs/interop/src/index.ts re-exports this file. */
export * from './names';
export * from './sanctions-import';
export * from './supply-chain-csv';
