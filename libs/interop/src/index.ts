export * from './ocds';
export * from './red-flags';
// Screening: sanctions lists, name matching, supply-chain CSV (libs/interop/README.md).
export * from './screening';
