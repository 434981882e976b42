export * from './ocds';
export * from './red-flags';
