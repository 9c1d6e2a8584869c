/**
 * The GPX the route export writes validates against the GPX 1.1 schema
 * (../shared/standards/gpx-1.1/gpx.xsd) with xmllint (Debian libxml2-utils, installed by .ci/run).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeToGpx } from '../../domain/routing/gpx';

const SCHEMA = path.resolve(import.meta.dirname, '../../../../../shared/standards/gpx-1.1/gpx.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const required = process.env.REQUIRE_SHARED_DATA === '1';
const run = (fs.existsSync(SCHEMA) && hasXmllint) || required;
if (!run) console.warn(`GPX schema test skipped: needs ${SCHEMA} and xmllint (apt-get install libxml2-utils)`);

describe.runIf(run)('GPX export against the GPX 1.1 schema', () => {
	it('validates, with arrivals, descriptions, escaped names and a track', () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-gpx-')), 'route.gpx');
		fs.writeFileSync(
			file,
			routeToGpx({
				name: 'Outreach & <visits>',
				description: 'Hubs near the least-covered cells',
				created: new Date('2026-12-05T09:00:00Z'),
				stops: [
					{ lon: -1.95, lat: 52.49, name: 'Library', arrival: new Date('2026-12-05T09:30:00Z'), description: 'Bring 20 forms' },
					{ lon: -1.96, lat: 52.5, name: 'Mosque "Jamia"' }
				],
				path: [
					[-1.95, 52.49],
					[-1.96, 52.5]
				]
			})
		);
		const result = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
		expect(result.stderr).toContain('validates');
		expect(result.status).toBe(0);
	});
});
