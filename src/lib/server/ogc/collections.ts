/**
 * OGC API – Features (Part 1: Core, GeoJSON) over Asset Atlas's public layers, so that QGIS and
 * GDAL read them directly: macro-assets, community hubs, social enterprises, reference areas,
 * the published resident-skill layers and the opportunity scores. Only public data: the resident
 * layer is the published (anonymised) one and scores use published supply (see README, Privacy).
 */
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import type { Feature, Geometry } from 'geojson';
import { READINESS, type Readiness } from '../../domain/privacy/filters';
import { parseScoreSpec, ScoreSpecError } from '../../domain/scoring/spec';
import type { Database, Role } from '../db/schema';
import { DomainError } from '../errors';
import { intParam, oneOf, parseQuery, text } from '../http/validate';
import { getResidentLayer } from '../published/layers';
import { getCellScores } from '../scores/service';
import { listPlaceIds } from '../assets/queries';
import { placesExtent, tableExtent, tableItem, tableItems, type BBox, type TableSource } from './queries';

export const CONFORMANCE = [
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
	'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core'
];

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

export interface ItemsQuery {
	readonly bbox?: BBox;
	readonly limit: number;
	readonly offset: number;
	/** Collection-specific parameters (place, skill, method, …). */
	readonly extra: Readonly<Record<string, string>>;
	readonly viewer: Role | undefined;
}

export interface Collection {
	readonly id: string;
	readonly title: string;
	readonly description: string;
	/** Parameters this collection reads besides bbox, limit, offset and f. */
	readonly parameters: readonly string[];
	/** How some of them are checked (valibot, on the text of the URL); any other is plain text. */
	readonly checks?: Readonly<Record<string, v.GenericSchema<string, string>>>;
	extent(db: Kysely<Database>): Promise<BBox | null>;
	items(db: Kysely<Database>, query: ItemsQuery): Promise<{ features: Feature[]; numberMatched: number }>;
	item(db: Kysely<Database>, id: string, query: ItemsQuery): Promise<Feature | undefined>;
}

function tableCollection(id: string, title: string, description: string, source: TableSource): Collection {
	return {
		id,
		title,
		description,
		parameters: source.table === 'reference_area' ? [] : ['place'],
		extent: (db) => tableExtent(db, source),
		items: (db, q) => tableItems(db, source, { placeId: q.extra.place, bbox: q.bbox, limit: q.limit, offset: q.offset }),
		item: (db, featureId) => tableItem(db, source, featureId)
	};
}

/** Bounding box of any GeoJSON geometry (for filtering computed collections by bbox). */
export function geometryBBox(geometry: Geometry): BBox {
	let xmin = Infinity;
	let ymin = Infinity;
	let xmax = -Infinity;
	let ymax = -Infinity;
	const visit = (coordinates: unknown): void => {
		if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') {
			const [x, y] = coordinates as [number, number];
			xmin = Math.min(xmin, x);
			ymin = Math.min(ymin, y);
			xmax = Math.max(xmax, x);
			ymax = Math.max(ymax, y);
		} else if (Array.isArray(coordinates)) coordinates.forEach(visit);
	};
	if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => visit('coordinates' in g ? g.coordinates : []));
	else visit(geometry.coordinates);
	return [xmin, ymin, xmax, ymax];
}

function intersects(a: BBox, b: BBox): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Filters and pages features computed in TypeScript. */
function page(features: Feature[], query: ItemsQuery): { features: Feature[]; numberMatched: number } {
	const matched = query.bbox ? features.filter((f) => f.geometry && intersects(geometryBBox(f.geometry), query.bbox!)) : features;
	return { features: matched.slice(query.offset, query.offset + query.limit), numberMatched: matched.length };
}

async function onePlace(db: Kysely<Database>, requested: string | undefined): Promise<string> {
	if (requested) return requested;
	const places = await listPlaceIds(db);
	if (places.length === 1) return places[0]!;
	throw new DomainError('malformed', `place is required here; one of: ${places.join(', ')}.`);
}

/** Checked by parseItemsQuery (the collection's `checks`): only a known readiness reaches here. */
function residentQuery(extra: Readonly<Record<string, string>>) {
	return { skill: extra.skill ?? 'all', readiness: (extra.readiness ?? 'any') as Readiness };
}

const residentSkills: Collection = {
	id: 'resident-skills',
	title: 'Local talent (published, anonymised)',
	description:
		'Residents by skill group per hexagon cell (250 m, 500 m or 1 km), after coarsening, suppression of counts under the threshold and rounding to 5. Parameters: place, skill (all or a skill group id), readiness.',
	parameters: ['place', 'skill', 'readiness'],
	checks: { readiness: oneOf(READINESS) },
	extent: placesExtent,
	async items(db, q) {
		const layer = await getResidentLayer(db, { placeId: await onePlace(db, q.extra.place), ...residentQuery(q.extra) });
		return page(
			layer.features.map((f) => ({ ...f, id: f.properties.unit })),
			q
		);
	},
	async item(db, id, q) {
		const layer = await getResidentLayer(db, { placeId: await onePlace(db, q.extra.place), ...residentQuery(q.extra) });
		const found = layer.features.find((f) => f.properties.unit === id);
		return found ? { ...found, id } : undefined;
	}
};

function scoreSpec(extra: Readonly<Record<string, string>>) {
	try {
		return parseScoreSpec((name) => extra[name] ?? null);
	} catch (err) {
		if (err instanceof ScoreSpecError) throw new DomainError('malformed', err.message);
		throw err;
	}
}

const scores: Collection = {
	id: 'opportunity-scores',
	title: 'Opportunity scores',
	description:
		'Opportunity scores per 250 m cell (score, rank, percentile). Parameters as GET /api/scores: place, method (cumulative, gravity, 2sfca, e2sfca), skill, distance (straight, walk), readiness, speed, threshold, bands, weights, decay, halfWeight.',
	parameters: ['place', 'method', 'skill', 'distance', 'readiness', 'speed', 'threshold', 'bands', 'weights', 'decay', 'halfWeight', 'scenario'],
	extent: placesExtent,
	async items(db, q) {
		const layer = await getCellScores(db, { placeId: await onePlace(db, q.extra.place), spec: scoreSpec(q.extra), viewer: q.viewer });
		return page(layer.features, q);
	},
	async item(db, id, q) {
		const layer = await getCellScores(db, { placeId: await onePlace(db, q.extra.place), spec: scoreSpec(q.extra), viewer: q.viewer });
		return layer.features.find((f) => f.id === id);
	}
};

export const COLLECTIONS: readonly Collection[] = [
	tableCollection('macro-assets', 'Macro-assets (capital projects)', 'The big capital projects: hospitals, housing, regeneration sites, with kind, status, timeline and figures.', {
		table: 'macro_asset',
		idColumn: 'id',
		columns: ['place_id', 'name', 'kind', 'status', 'description', 'timeline_start', 'timeline_end', 'investment_gbp', 'homes', 'jobs', 'source', 'illustrative']
	}),
	tableCollection('community-hubs', 'Community hubs', 'Community centres, health centres, faith centres, schools, libraries and other hubs, at their real address.', {
		table: 'community_hub',
		idColumn: 'id',
		columns: ['place_id', 'name', 'hub_type', 'address', 'description', 'source']
	}),
	tableCollection('social-enterprises', 'Social enterprises', 'Social enterprises that consented to be mapped, by consortium (synthetic ones say so).', {
		table: 'social_enterprise',
		idColumn: 'id',
		publicFlag: 'consent_to_publish',
		columns: ['place_id', 'name', 'consortium', 'stage', 'offers', 'needs', 'employees', 'synthetic']
	}),
	tableCollection('reference-areas', 'Reference areas', 'Wards, LSOAs, MSOAs and output areas when loaded, with IMD deciles (1 = most deprived).', {
		table: 'reference_area',
		idColumn: 'id',
		columns: ['area_type', 'code', 'name', 'imd_decile', 'imd_rank', 'imd_year']
	}),
	residentSkills,
	scores
];

export function findCollection(id: string): Collection {
	const found = COLLECTIONS.find((c) => c.id === id);
	if (!found) throw new DomainError('not_found', `There is no collection "${id}"; see /ogc/collections.`);
	return found;
}

/** Far beyond any collection's size; a larger offset is a mistake (it once reached SQL and became a 500). */
export const MAX_OFFSET = 1_000_000_000;

const BBOX_MESSAGE = 'must be 4 numbers: minLon,minLat,maxLon,maxLat (WGS84, CRS84)';

/** bbox: 4 numbers (or 6, with heights, which are ignored), min ≤ max, latitudes within ±90. */
const BBOX = v.pipe(
	v.string(BBOX_MESSAGE),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const numbers = dataset.value.split(',').map(Number);
		if (!(numbers.length === 4 || numbers.length === 6) || numbers.some((n) => !Number.isFinite(n))) {
			addIssue({ message: BBOX_MESSAGE });
			return NEVER;
		}
		const box: BBox = numbers.length === 6 ? [numbers[0]!, numbers[1]!, numbers[3]!, numbers[4]!] : [numbers[0]!, numbers[1]!, numbers[2]!, numbers[3]!];
		const [x1, y1, x2, y2] = box;
		if (x1 > x2 || y1 > y2 || Math.abs(y1) > 90 || Math.abs(y2) > 90) {
			addIssue({ message: 'must be minLon,minLat,maxLon,maxLat with min ≤ max and latitudes within ±90' });
			return NEVER;
		}
		return box;
	})
);

/** limit: a whole number of 1 or more; Part 1 clamps one above the maximum rather than refusing it. */
const LIMIT = v.pipe(
	v.string(`must be a whole number from 1 to ${MAX_LIMIT}`),
	v.regex(/^\d+$/, `must be a whole number from 1 to ${MAX_LIMIT}`),
	v.transform(Number),
	v.minValue(1, `must be a whole number from 1 to ${MAX_LIMIT}`),
	v.transform((limit) => Math.min(limit, MAX_LIMIT))
);

function itemsSchema(collection: Collection, paging: boolean) {
	const entries: v.ObjectEntries = {
		f: v.optional(v.picklist(['json', 'geojson'], 'must be json or geojson (the only encoding offered)'))
	};
	if (paging) {
		entries.bbox = v.optional(BBOX);
		entries.limit = v.optional(LIMIT, String(DEFAULT_LIMIT));
		entries.offset = v.optional(intParam(0, MAX_OFFSET), '0');
	}
	// The collection's own parameters are checked by the collection (place, skill, method, …).
	for (const name of collection.parameters) entries[name] = v.optional(collection.checks?.[name] ?? text(200));
	return v.strictObject(entries);
}

/** Reads bbox, limit, offset, f and the collection's own parameters; refuses anything else (400). */
export function parseItemsQuery(url: URL, collection: Collection, viewer: Role | undefined, paging = true): ItemsQuery {
	const { f: _f, bbox, limit, offset, ...extra } = parseQuery(url, itemsSchema(collection, paging)) as {
		f?: string;
		bbox?: BBox;
		limit?: number;
		offset?: number;
	} & Record<string, string | undefined>;
	const given = Object.fromEntries(Object.entries(extra).filter((entry): entry is [string, string] => entry[1] !== undefined));
	return { bbox, limit: limit ?? DEFAULT_LIMIT, offset: offset ?? 0, extra: given, viewer };
}

export interface Link {
	href: string;
	rel: string;
	type: string;
	title?: string;
}

export async function collectionJson(db: Kysely<Database>, collection: Collection, base: string) {
	const extent = await collection.extent(db);
	return {
		id: collection.id,
		title: collection.title,
		description: collection.description,
		itemType: 'feature',
		crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
		...(extent ? { extent: { spatial: { bbox: [extent], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' } } } : {}),
		links: [
			{ href: `${base}/ogc/collections/${collection.id}`, rel: 'self', type: 'application/json', title: 'This collection' },
			{ href: `${base}/ogc/collections/${collection.id}/items`, rel: 'items', type: 'application/geo+json', title: 'Features' }
		] satisfies Link[]
	};
}

/** The items response: a FeatureCollection with numberMatched/Returned and self/next/prev links. */
export function itemsJson(url: URL, page: { features: Feature[]; numberMatched: number }, query: ItemsQuery, base: string) {
	const link = (offset: number) => {
		const next = new URL(url.pathname, base);
		for (const [name, value] of url.searchParams) if (name !== 'offset') next.searchParams.set(name, value);
		next.searchParams.set('offset', String(offset));
		if (!next.searchParams.has('limit')) next.searchParams.set('limit', String(query.limit));
		return next.toString();
	};
	const links: Link[] = [{ href: new URL(url.pathname + url.search, base).toString(), rel: 'self', type: 'application/geo+json' }];
	if (query.offset + page.features.length < page.numberMatched) links.push({ href: link(query.offset + query.limit), rel: 'next', type: 'application/geo+json', title: 'Next page' });
	if (query.offset > 0) links.push({ href: link(Math.max(0, query.offset - query.limit)), rel: 'prev', type: 'application/geo+json', title: 'Previous page' });
	return {
		type: 'FeatureCollection',
		timeStamp: new Date().toISOString(),
		numberMatched: page.numberMatched,
		numberReturned: page.features.length,
		features: page.features,
		links
	};
}
