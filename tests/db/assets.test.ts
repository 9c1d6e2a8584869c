import type { MultiPolygon, Point } from 'geojson';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { macroAssetCollection } from '../../src/lib/server/assets/collection';
import { macroAssetFeatureCollection } from '../../src/lib/server/assets/geojson';
import {
	getMacroAsset,
	getPlace,
	listCommunityHubs,
	listMacroAssets,
	listPlaces,
	listReferenceAreaTypes,
	listSiteOpportunities,
	listSocialEnterprises,
	nearbyPublicAssets,
	placeExists
} from '../../src/lib/server/assets/queries';
import type { NewMacroAsset } from '../../src/lib/server/db/schema';
import { openTestDatabase, type TestDatabase } from './support';

/** A rectangle as a one-part MultiPolygon (closed ring, counter-clockwise). */
function box(west: number, south: number, east: number, north: number): MultiPolygon {
	return {
		type: 'MultiPolygon',
		coordinates: [
			[
				[
					[west, south],
					[east, south],
					[east, north],
					[west, north],
					[west, south]
				]
			]
		]
	};
}

// An L-shaped site: its centroid lies outside it, so a label point must not be the centroid.
const L_SHAPE: MultiPolygon = {
	type: 'MultiPolygon',
	coordinates: [
		[
			[
				[-1.93, 52.48],
				[-1.92, 52.48],
				[-1.92, 52.481],
				[-1.929, 52.481],
				[-1.929, 52.49],
				[-1.93, 52.49],
				[-1.93, 52.48]
			]
		]
	]
};

const BOUNDARY = box(-1.99, 52.47, -1.9, 52.51);

let database: TestDatabase;

function geomFrom(geometry: MultiPolygon | Point) {
	return sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`;
}

async function insertMacroAsset(asset: Omit<NewMacroAsset, 'geom'>, geometry: MultiPolygon) {
	await database.db
		.insertInto('macro_asset')
		.values({ ...asset, geom: geomFrom(geometry) })
		.execute();
}

beforeAll(async () => {
	database = await openTestDatabase();
	const { db } = database;
	await db
		.insertInto('place')
		.values([
			{
				id: 'test-town',
				name: 'Test Town',
				description: 'A place made up for tests',
				projected_srid: 27700,
				boundary: geomFrom(BOUNDARY),
				source: 'tests'
			},
			{ id: 'another-town', name: 'another town', projected_srid: 27700, boundary: geomFrom(box(0, 51, 0.1, 51.1)) }
		])
		.execute();
	// Inserted out of order, with mixed case, to check the ordering.
	await insertMacroAsset(
		{
			id: 'port-loop',
			place_id: 'test-town',
			name: 'port loop',
			kind: 'housing',
			status: 'under_construction',
			homes: 1150,
			owners: [],
			partners: []
		},
		L_SHAPE
	);
	await insertMacroAsset(
		{
			id: 'new-hospital',
			place_id: 'test-town',
			name: 'New Hospital',
			kind: 'hospital',
			status: 'operational',
			description: 'A large acute hospital',
			timeline_start: 2016,
			timeline_end: 2024,
			timeline_note: 'opened October 2024',
			investment_gbp: '350000000.50',
			jobs: 7000,
			owners: ['The Trust'],
			partners: ['Builder plc', 'Council, City of'],
			source: 'https://example.org/hospital',
			illustrative: ['jobs']
		},
		box(-1.962, 52.494, -1.958, 52.497)
	);
	await insertMacroAsset(
		{ id: 'elsewhere', place_id: 'another-town', name: 'Elsewhere', kind: 'other', status: 'proposed' },
		box(0.01, 51.01, 0.02, 51.02)
	);
	await db
		.insertInto('community_hub')
		.values([
			{
				id: 'zeta-centre',
				place_id: 'test-town',
				name: 'Zeta Centre',
				hub_type: 'community_centre',
				geom: geomFrom({ type: 'Point', coordinates: [-1.95, 52.49] })
			},
			{
				id: 'alpha-mosque',
				place_id: 'test-town',
				name: 'alpha mosque',
				hub_type: 'faith_centre',
				position_accuracy_m: 25,
				geom: geomFrom({ type: 'Point', coordinates: [-1.9412345678, 52.4912345678] })
			}
		])
		.execute();
	await db
		.insertInto('social_enterprise')
		.values({
			id: 'kitchen-coop',
			place_id: 'test-town',
			name: 'Kitchen Co-op',
			consortium: 'food',
			employees: 12,
			synthetic: true,
			// Since migration 0013 an enterprise is public only with consent (the app's default is private).
			consent_to_publish: true,
			geom: geomFrom({ type: 'Point', coordinates: [-1.93, 52.485] })
		})
		.execute();
	// Migration 0009 loads the default taxonomy; this test's world has only its own two groups.
	await db.deleteFrom('skill_group').execute();
	await db
		.insertInto('skill_group')
		.values([
			{ id: 'nursing', name: 'Nursing', sort_order: 10 },
			{ id: 'facilities', name: 'Facilities', sort_order: 20 }
		])
		.execute();
	// Out of order, to check the ordering: taxonomy order, then kind, then title.
	await db
		.insertInto('opportunity')
		.values([
			{ id: 'porters', macro_asset_id: 'new-hospital', skill_group_id: 'facilities', kind: 'job', title: 'Porters', count: 25 },
			{
				id: 'nurse-prep',
				macro_asset_id: 'new-hospital',
				skill_group_id: 'nursing',
				kind: 'training',
				title: 'OSCE preparation',
				count: 24,
				period_start: '2025-04-01',
				period_end: '2026-03-31',
				illustrative: true,
				source: 'made up'
			},
			{ id: 'nurses', macro_asset_id: 'new-hospital', skill_group_id: 'nursing', kind: 'job', title: 'Nurses', count: 60, period_start: '2025-01-01' },
			{ id: 'bricklayers', macro_asset_id: 'port-loop', skill_group_id: 'facilities', kind: 'job', title: 'Bricklayers', count: 10 }
		])
		.execute();
});

afterAll(async () => {
	await database?.close();
});

describe('places', () => {
	it('lists places by name, whatever the case, with bounding boxes that contain them', async () => {
		const places = await listPlaces(database.db);
		expect(places.map((p) => p.id)).toEqual(['another-town', 'test-town']);
		const test = places[1]!;
		expect(test).toEqual({
			id: 'test-town',
			name: 'Test Town',
			description: 'A place made up for tests',
			projectedSrid: 27700,
			source: 'tests',
			bbox: [-1.99, 52.47, -1.9, 52.51]
		});
	});

	it('returns a place boundary exactly as it went in', async () => {
		const place = await getPlace(database.db, 'test-town');
		expect(place?.boundary).toEqual(BOUNDARY);
		expect(await getPlace(database.db, 'no-such-place')).toBeUndefined();
		expect(await placeExists(database.db, 'test-town')).toBe(true);
		expect(await placeExists(database.db, 'no-such-place')).toBe(false);
	});
});

describe('reference areas', () => {
	it('lists the kinds of area loaded, once each, and nothing when none are', async () => {
		expect(await listReferenceAreaTypes(database.db)).toEqual([]);
		const square = geomFrom(box(-1.95, 52.47, -1.94, 52.48));
		await database.db
			.insertInto('reference_area')
			.values([
				{ area_type: 'ward', code: 'E05011121', name: 'Soho & Jewellery Quarter', geom: square },
				{ area_type: 'lsoa', code: 'E01009001', name: 'Birmingham 001A', imd_decile: 1, geom: square },
				{ area_type: 'lsoa', code: 'E01009002', name: 'Birmingham 001B', imd_decile: 2, geom: square }
			])
			.execute();
		try {
			expect(await listReferenceAreaTypes(database.db)).toEqual(['lsoa', 'ward']);
		} finally {
			await database.db.deleteFrom('reference_area').execute();
		}
	});
});

describe('macro-assets', () => {
	it('lists a place’s sites by name, ignoring case, and nothing from other places', async () => {
		const assets = await listMacroAssets(database.db, 'test-town');
		expect(assets.map((a) => a.name)).toEqual(['New Hospital', 'port loop']);
		expect(await listMacroAssets(database.db, 'no-such-place')).toEqual([]);
	});

	it('returns figures as numbers, arrays as arrays and missing values as null', async () => {
		const [hospital, loop] = await listMacroAssets(database.db, 'test-town');
		expect(hospital).toMatchObject({
			id: 'new-hospital',
			placeId: 'test-town',
			kind: 'hospital',
			status: 'operational',
			description: 'A large acute hospital',
			timeline: { start: 2016, end: 2024, note: 'opened October 2024' },
			investmentGbp: 350000000.5,
			homes: null,
			jobs: 7000,
			owners: ['The Trust'],
			partners: ['Builder plc', 'Council, City of'],
			source: 'https://example.org/hospital',
			illustrative: ['jobs']
		});
		expect(typeof hospital!.investmentGbp).toBe('number');
		expect(loop).toMatchObject({
			timeline: { start: null, end: null, note: null },
			investmentGbp: null,
			homes: 1150,
			jobs: null,
			owners: [],
			partners: [],
			source: null,
			illustrative: []
		});
	});

	it('round-trips the geometry and gives its box and a label point inside it', async () => {
		const [hospital, loop] = await listMacroAssets(database.db, 'test-town');
		expect(hospital!.geometry).toEqual(box(-1.962, 52.494, -1.958, 52.497));
		expect(hospital!.bbox).toEqual([-1.962, 52.494, -1.958, 52.497]);
		expect(loop!.geometry).toEqual(L_SHAPE);
		expect(loop!.bbox).toEqual([-1.93, 52.48, -1.92, 52.49]);
		const [x, y] = loop!.labelPoint;
		const { rows } = await sql<{ inside: boolean }>`
			SELECT ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${x}, ${y}), 4326)) AS inside
			FROM macro_asset WHERE id = 'port-loop'`.execute(database.db);
		expect(rows[0]!.inside).toBe(true);
	});

	it('serves GeoJSON features with the properties the API documents', async () => {
		const collection = macroAssetFeatureCollection(await listMacroAssets(database.db, 'test-town'));
		expect(collection.type).toBe('FeatureCollection');
		const feature = collection.features[0]!;
		expect(feature.id).toBe('new-hospital');
		expect(feature.bbox).toEqual([-1.962, 52.494, -1.958, 52.497]);
		expect(Object.keys(feature.properties).sort()).toEqual(
			[
				'description',
				'homes',
				'id',
				'illustrative',
				'investment_gbp',
				'jobs',
				'kind',
				'label_point',
				'name',
				'owners',
				'partners',
				'source',
				'status',
				'timeline'
			].sort()
		);
		expect(feature.properties.investment_gbp).toBe(350000000.5);
		// What the wire carries survives JSON unchanged.
		expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);
	});

	it('keeps a place’s collection while its sites are unchanged, and shows an edit at once', async () => {
		const db = database.db;
		const first = await macroAssetCollection(db, 'test-town');
		expect(first).toEqual(macroAssetFeatureCollection(await listMacroAssets(db, 'test-town')));
		expect(await macroAssetCollection(db, 'test-town')).toBe(first);
		await db.updateTable('macro_asset').set({ name: 'Port Loop (phase 2)' }).where('id', '=', 'port-loop').execute();
		try {
			const edited = await macroAssetCollection(db, 'test-town');
			expect(edited).not.toBe(first);
			expect(edited!.features.map((f) => f.properties.name)).toEqual(['New Hospital', 'Port Loop (phase 2)']);
		} finally {
			await db.updateTable('macro_asset').set({ name: 'port loop' }).where('id', '=', 'port-loop').execute();
		}
		expect(await macroAssetCollection(db, 'no-such-place')).toBeNull();
	});
});

describe('community hubs and social enterprises', () => {
	it('lists hubs by name with their points to 6 decimals', async () => {
		const hubs = await listCommunityHubs(database.db, 'test-town');
		expect(hubs.map((h) => h.id)).toEqual(['alpha-mosque', 'zeta-centre']);
		expect(hubs[0]).toMatchObject({ hubType: 'faith_centre', positionAccuracyM: 25, address: null });
		expect(hubs[0]!.geometry).toEqual({ type: 'Point', coordinates: [-1.941235, 52.491235] });
		expect(await listCommunityHubs(database.db, 'another-town')).toEqual([]);
	});

	it('lists social enterprises and says which are synthetic', async () => {
		const enterprises = await listSocialEnterprises(database.db, 'test-town');
		expect(enterprises).toEqual([
			{
				id: 'kitchen-coop',
				placeId: 'test-town',
				name: 'Kitchen Co-op',
				consortium: 'food',
				offers: null,
				needs: null,
				employees: 12,
				synthetic: true,
				source: null,
				geometry: { type: 'Point', coordinates: [-1.93, 52.485] }
			}
		]);
	});
});

describe('one site', () => {
	it('finds a site by id alone, as listMacroAssets returns it, and nothing for an unknown id', async () => {
		const [hospital] = await listMacroAssets(database.db, 'test-town');
		expect(await getMacroAsset(database.db, 'new-hospital')).toEqual(hospital);
		expect(await getMacroAsset(database.db, 'no-such-site')).toBeUndefined();
	});

	it('lists a site’s opportunities in taxonomy order, then kind, with dates as ISO days', async () => {
		const opportunities = await listSiteOpportunities(database.db, 'new-hospital');
		expect(opportunities.map((o) => o.id)).toEqual(['nurses', 'nurse-prep', 'porters']);
		expect(opportunities[1]).toEqual({
			id: 'nurse-prep',
			skillGroupId: 'nursing',
			kind: 'training',
			title: 'OSCE preparation',
			count: 24,
			periodStart: '2025-04-01',
			periodEnd: '2026-03-31',
			illustrative: true,
			source: 'made up'
		});
		expect(opportunities[0]).toMatchObject({ periodStart: '2025-01-01', periodEnd: null, illustrative: false, source: null });
		expect(await listSiteOpportunities(database.db, 'no-such-site')).toEqual([]);
	});

	it('finds hubs and enterprises within a radius of the site’s edge, nearest first, with geodesic metres', async () => {
		// Zeta Centre is about 0.008° east (≈540 m) and 0.004° south (≈445 m) of the hospital's corner: ≈700 m.
		const near = await nearbyPublicAssets(database.db, 'new-hospital', 1000);
		expect(near.hubs.map((h) => h.id)).toEqual(['zeta-centre']);
		expect(near.hubs[0]!.distanceM).toBeGreaterThan(650);
		expect(near.hubs[0]!.distanceM).toBeLessThan(750);
		expect(Number.isInteger(near.hubs[0]!.distanceM)).toBe(true);
		expect(near.hubs[0]).toMatchObject({ name: 'Zeta Centre', hubType: 'community_centre', geometry: { type: 'Point', coordinates: [-1.95, 52.49] } });
		expect(near.enterprises).toEqual([]);

		const wider = await nearbyPublicAssets(database.db, 'new-hospital', 2500);
		expect(wider.hubs.map((h) => h.id)).toEqual(['zeta-centre', 'alpha-mosque']);
		expect(wider.hubs[1]!.distanceM).toBeGreaterThan(wider.hubs[0]!.distanceM);
		expect(wider.enterprises.map((e) => [e.id, e.synthetic, e.consortium])).toEqual([['kitchen-coop', true, 'food']]);
		expect(wider.enterprises[0]!.distanceM).toBeGreaterThan(2000);
		expect(wider.enterprises[0]!.distanceM).toBeLessThan(2300);

		expect(await nearbyPublicAssets(database.db, 'no-such-site', 2500)).toEqual({ hubs: [], enterprises: [] });
	});

	it('gives 0 m for a hub inside the site', async () => {
		const rollback = new Error('rollback');
		await expect(
			database.db.transaction().execute(async (trx) => {
				await trx
					.insertInto('community_hub')
					.values({ id: 'on-site', place_id: 'test-town', name: 'On Site', hub_type: 'training_centre', geom: geomFrom({ type: 'Point', coordinates: [-1.96, 52.495] }) })
					.execute();
				const near = await nearbyPublicAssets(trx, 'new-hospital', 1000);
				expect(near.hubs.map((h) => [h.id, h.distanceM])).toEqual([
					['on-site', 0],
					['zeta-centre', near.hubs[1]!.distanceM]
				]);
				throw rollback;
			})
		).rejects.toBe(rollback);
	});

	it('refuses a radius that is not a sane number of metres', async () => {
		for (const metres of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 50_000]) {
			await expect(nearbyPublicAssets(database.db, 'new-hospital', metres)).rejects.toThrow(RangeError);
		}
	});
});
