/**
 * Pathological geometry files (issue 16, part 3): each is a row-level refusal within seconds that
 * names the feature, the limit and what to do, never an uncaught error or a minutes-long run, and
 * nothing is written. The files are generated into a temporary folder: they are megabytes each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './support';
import { createPlace, refusedImport, runImport, tableCounts } from './imports-support';

/** Generous for a busy 2-core machine; the runs measured here take well under a second or two each. */
const SECONDS_ALLOWED = 20;

let database: TestDatabase;
let folder: string;
beforeAll(async () => {
	database = await openTestDatabase();
	await createPlace(database.db);
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-pathological-'));
});
afterAll(async () => {
	await database?.close();
	if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

type Ring = number[][];

/** A closed comb inside the study box: `vertices` positions, teeth along the bottom edge. */
function zigzagRing(vertices: number): Ring {
	const teeth = vertices - 3;
	const ring: Ring = [];
	for (let i = 0; i < teeth; i++) ring.push([-1.97 + (0.07 * i) / teeth, i % 2 ? 52.471 : 52.47]);
	ring.push([-1.9, 52.5], [-1.97, 52.5], ring[0]!);
	return ring;
}

/** A circle of `positions` positions (closing one included). */
function circleRing(positions: number): Ring {
	const ring: Ring = [];
	for (let i = 0; i < positions - 1; i++) {
		const angle = (2 * Math.PI * i) / (positions - 1);
		ring.push([-1.935 + 0.02 * Math.cos(angle), 52.485 + 0.01 * Math.sin(angle)]);
	}
	ring.push(ring[0]!);
	return ring;
}

/** A star that visits a circle's points two at a time: every edge crosses its neighbours. */
function selfIntersectingRing(vertices: number): Ring {
	const points = vertices - 1;
	const ring: Ring = [];
	for (let i = 0; i < points; i++) {
		const angle = (2 * Math.PI * ((2 * i) % points)) / points;
		ring.push([-1.935 + 0.02 * Math.cos(angle), 52.485 + 0.01 * Math.sin(angle)]);
	}
	ring.push(ring[0]!);
	return ring;
}

/** `parts` squares that all overlap one another. */
function overlappingParts(parts: number): Ring[][] {
	return Array.from({ length: parts }, (_, i) => {
		const x = -1.95 + i * 0.00001;
		return [
			[
				[x, 52.48],
				[x + 0.01, 52.48],
				[x + 0.01, 52.49],
				[x, 52.49],
				[x, 52.48]
			]
		];
	});
}

function writeAreas(name: string, geometry: unknown): string {
	const file = path.join(folder, name);
	const feature = { type: 'Feature', properties: { code: 'E99000099', name: 'Generated area' }, geometry };
	fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [feature] }));
	return file;
}

/** Imports a file that must be refused; returns its messages and how long the refusal took. */
async function refusal(argv: string[]): Promise<{ problems: readonly string[]; seconds: number }> {
	const before = await tableCounts(database.db);
	const started = performance.now();
	const problems = await refusedImport(database.db, argv);
	const seconds = (performance.now() - started) / 1000;
	expect(await tableCounts(database.db)).toEqual(before);
	expect(seconds).toBeLessThan(SECONDS_ALLOWED);
	return { problems, seconds };
}

const areas = (file: string, ...more: string[]) => ['reference-areas', file, '--area-type', 'output_area', ...more];

describe('pathological geometry files are refused row by row, quickly, writing nothing', () => {
	it('a 1,000,000-vertex zigzag polygon', async () => {
		const file = writeAreas('zigzag-1m.geojson', { type: 'Polygon', coordinates: [zigzagRing(1_000_000)] });
		const { problems } = await refusal(areas(file));
		expect(problems).toEqual([
			expect.stringMatching(/^feature 1 \(code "E99000099"\): the geometry has 1000000 positions; at most 100000 .*simplify/)
		]);
	});

	it('a 200,000-vertex zigzag polygon', async () => {
		const file = writeAreas('zigzag-200k.geojson', { type: 'Polygon', coordinates: [zigzagRing(200_000)] });
		const { problems } = await refusal(areas(file));
		expect(problems).toEqual([expect.stringMatching(/^feature 1 \(code "E99000099"\): the geometry has 200000 positions; at most 100000/)]);
	});

	it('a 130,000-position ring', async () => {
		const file = writeAreas('ring-130k.geojson', { type: 'Polygon', coordinates: [circleRing(130_000)] });
		const { problems } = await refusal(areas(file));
		expect(problems).toEqual([expect.stringMatching(/^feature 1 \(code "E99000099"\): the geometry has 130000 positions; at most 100000/)]);
	});

	it('a deeply nested WKT, parsed without running out of stack', async () => {
		const file = path.join(folder, 'nested.csv');
		const depth = 200_000;
		fs.writeFileSync(file, `code,name,wkt\nE99000099,Nested,"MULTIPOLYGON ${'('.repeat(depth)}-1.95 52.48${')'.repeat(depth)}"\n`);
		const { problems } = await refusal(areas(file, '--map', 'geometry=wkt'));
		expect(problems).toEqual([
			expect.stringMatching(/^row 1 \(code "E99000099"\): field "geometry" \(from "wkt"\) nests brackets 200000 deep; a MULTIPOLYGON has at most 3/)
		]);
	});

	it('deeply nested GeoJSON coordinates', async () => {
		// Written as text: JSON.stringify itself recurses too deeply for this.
		const depth = 5_000;
		const coordinates = `${'['.repeat(depth)}[-1.95, 52.48]${']'.repeat(depth)}`;
		const file = path.join(folder, 'nested.geojson');
		fs.writeFileSync(
			file,
			`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"E99000099","name":"Nested"},` +
				`"geometry":{"type":"MultiPolygon","coordinates":${coordinates}}}]}`
		);
		const { problems } = await refusal(areas(file));
		expect(problems).toEqual([expect.stringMatching(/^feature 1 \(code "E99000099"\): the coordinates are nested 5001 lists deep; a MultiPolygon has 4/)]);
	});

	for (const flags of [[], ['--make-valid']]) {
		it(`a multipolygon of 1,000 overlapping parts${flags.length ? ' with --make-valid' : ''}`, async () => {
			const file = writeAreas('overlapping-1000.geojson', { type: 'MultiPolygon', coordinates: overlappingParts(1_000) });
			const { problems } = await refusal(areas(file, ...flags));
			expect(problems).toEqual([
				expect.stringMatching(/^feature 1 \(code "E99000099"\): the geometry has 1000 polygons; at most 500 are accepted per feature.*dissolve/)
			]);
		});
	}

	it('a NUL character in an IMD code', async () => {
		const file = path.join(folder, 'imd-nul.csv');
		fs.writeFileSync(
			file,
			'LSOA code (2011),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\n' +
				'E9900\u00000011,3924,2\n'
		);
		const { problems } = await refusal(['imd', file]);
		expect(problems).toEqual([expect.stringMatching(/^row 1 .*field "code" .*NUL character/)]);
	});

	it('a self-intersecting 99,999-vertex polygon, refused with the reason and --make-valid refused as too large to repair', async () => {
		const file = writeAreas('star-99999.geojson', { type: 'Polygon', coordinates: [selfIntersectingRing(99_999)] });
		const plain = await refusal(areas(file));
		expect(plain.problems).toEqual([
			expect.stringMatching(/^feature 1 \(code "E99000099"\): the polygon is not valid \((Ring )?Self-intersection.*\); fix it/)
		]);
		const repaired = await refusal(areas(file, '--make-valid'));
		expect(repaired.problems).toEqual([
			expect.stringMatching(/^feature 1 \(code "E99000099"\): the polygon is not valid \((Ring )?Self-intersection.*\) and has 99999 positions; --make-valid repairs at most/)
		]);
	});

	it('still imports a large ordinary polygon (99,000 positions) after all that', async () => {
		const file = writeAreas('ring-99k.geojson', { type: 'Polygon', coordinates: [circleRing(99_000)] });
		const report = await runImport(database.db, areas(file));
		expect(report).toMatchObject({ inserted: 1 });
	});
});
