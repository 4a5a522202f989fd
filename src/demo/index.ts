// The demo municipality: one entry point for the local workspace, the benchmarks and tests.
export { generateDemo, DEFAULT_DEMO_EMPLOYEES, DEFAULT_DEMO_SEED, MIN_DEMO_EMPLOYEES, type DemoData, type DemoOptions } from './generate';
export { DEMO_PERSONAS, type PersonaKey } from './personas';
