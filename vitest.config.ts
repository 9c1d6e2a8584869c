import { defineConfig } from 'vitest/config';

// Three tiers, run by `npm test` in this order of cost:
//  unit - pure code beside its source (src/**/*.test.ts), no I/O;
//  db   - services and SQL against a migrated database: embedded PGlite, or the real
//         PostgreSQL + PostGIS named by TEST_DATABASE_URL (each run makes and drops its own database);
//  e2e  - the built app served on a free port and driven in Debian's chromium.
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					environment: 'node',
					// Tiers run one after another, cheapest first, so a database-heavy tier never
					// competes with the browser tier for this machine's two cores.
					sequence: { groupOrder: 0 }
				}
			},
			{
				test: {
					name: 'db',
					include: ['tests/db/**/*.test.ts'],
					globalSetup: ['tests/db/global-setup.ts'],
					environment: 'node',
					sequence: { groupOrder: 1 },
					// PGlite instances are ~150 MB each and wasm start-up is CPU-bound: two at a time
					// matches this 2-core machine without thrashing.
					maxWorkers: 2,
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					environment: 'node',
					sequence: { groupOrder: 2 },
					fileParallelism: false,
					testTimeout: 90_000,
					hookTimeout: 300_000
				}
			}
		]
	}
});
