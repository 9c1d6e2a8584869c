/**
 * The route solver on the TSPLIB instances in ../shared/data/benchmarks/tsplib (reading them is
 * I/O, so this test sits outside src/lib/domain): it must reach their known optima. Its speed is
 * measured by `npm run bench`, not here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { solveRoute } from '../../domain/routing/solve';
import { parseTsplibEuc2d } from '../../domain/routing/tsplib';

const TSPLIB = path.resolve(import.meta.dirname, '../../../../../shared/data/benchmarks/tsplib');
// REQUIRE_SHARED_DATA=1 (CI) runs it anyway, so a missing folder fails instead of skipping.
const runTsplib = fs.existsSync(TSPLIB) || process.env.REQUIRE_SHARED_DATA === '1';
describe.runIf(runTsplib)('TSPLIB instances (../shared/data/benchmarks/tsplib)', () => {
	it.each([
		['berlin52', 7542],
		['eil51', 426]
	])('reaches the known optimum of %s (%i)', (name, optimum) => {
		const { matrix } = parseTsplibEuc2d(fs.readFileSync(path.join(TSPLIB, `${name}.tsp`), 'utf8'));
		const route = solveRoute(matrix, { closed: true, seed: 'tsplib' });
		expect(route.length).toBe(optimum);
	});
});
if (!runTsplib) console.warn(`TSPLIB tests skipped: ${TSPLIB} is not here (it is in the project's shared folder, not in a clone)`);
