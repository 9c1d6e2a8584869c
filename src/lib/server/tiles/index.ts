/**
 * Vector tiles /tiles/<layer>/<z>/<x>/<y>.mvt for the large layers. On a real server the
 * table-backed layers are cut and encoded by PostGIS (ST_AsMVT); PGlite's PostGIS has no MVT
 * support, so there the same features go through geojson-vt and vt-pbf, behind the same URL.
 * Scores are computed in TypeScript-facing code either way, so they always take the geojson-vt path.
 * An index of a layer is kept for 30 seconds (and rebuilt sooner when its table's version moves), so
 * a map's burst of tile requests builds it once. Encoded tiles are kept 30 seconds by address.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import type { Feature, FeatureCollection } from 'geojson';
import { filterKey, READINESS, type Readiness } from '../../domain/privacy/filters';
import { parseScoreSpec, ScoreSpecError, SCORE_PARAMETERS } from '../../domain/scoring/spec';
import { config } from '../config';
import type { Database, Role } from '../db/schema';
import { ApiError } from '../http/errors';
import { ensurePublication } from '../restricted/publication';
import { getCellScores } from '../scores/service';
import { SharedMemo } from '../cache/shared-memo';
import { binVtFeatures, MAX_BINS, type VtFeature } from './bins';
import { placeExists } from '../assets/queries';
import {
	layerFeatures,
	layerVersion,
	mvtBinnedTile,
	mvtTile,
	placeLayerSource,
	publicationVersion,
	publishedUnitSource,
	referenceAreaSource,
	streetsSource,
	supportsMvt,
	walkNetworkOf,
	type TileSource
} from './queries';

export const TILE_LAYERS = ['macro-assets', 'community-hubs', 'social-enterprises', 'reference-areas', 'resident-skills', 'opportunity-scores', 'streets'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];
export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
export const MAX_ZOOM = 22;
const INDEX_TTL_MS = 30_000;
/** The point layers that can be counted per grid square (`bins`), and the category each is counted by. */
const BIN_CATEGORY: Partial<Record<TileLayer, string>> = { 'social-enterprises': 'consortium', 'community-hubs': 'hub_type' };
const MAX_INDEXES = 24;

const LAYER_PARAMETERS: Record<TileLayer, readonly string[]> = {
	'macro-assets': ['place'],
	'community-hubs': ['place', 'bins'],
	'social-enterprises': ['place', 'bins'],
	'reference-areas': ['type'],
	'resident-skills': ['place', 'skill', 'readiness'],
	'opportunity-scores': SCORE_PARAMETERS.filter((p) => p !== 'format'),
	streets: ['place']
};

export interface TileRequest {
	readonly layer: string;
	readonly z: number;
	readonly x: number;
	readonly y: number;
	readonly params: URLSearchParams;
	readonly viewer: Role | undefined;
}

export interface TileAnswer {
	readonly bytes: Uint8Array;
	readonly engine: 'postgis' | 'geojson-vt';
	/** Whether the tile may be cached by shared caches (false for scenarios). */
	readonly shared: boolean;
	/** A strong ETag of the bytes. */
	readonly etag?: string;
}

/** Checks the layer name and its parameters (a tile's or a summary's); 400/404 with what was wrong. */
export function checkLayer(name: string, params: URLSearchParams): TileLayer {
	if (!(TILE_LAYERS as readonly string[]).includes(name)) throw new ApiError('not_found', `There is no tile layer "${name}"; layers: ${TILE_LAYERS.join(', ')}.`);
	const layer = name as TileLayer;
	const allowed = LAYER_PARAMETERS[layer];
	const unknown = [...params.keys()].filter((k) => !allowed.includes(k));
	if (unknown.length) throw new ApiError('bad_request', `Unknown parameter: ${unknown.join(', ')}. Layer ${layer} takes: ${allowed.join(', ') || 'none'}.`);
	binsOf(params);
	return layer;
}

/** Checks the layer, the tile address and the parameters; 400/404 with what was wrong. */
export function checkTileRequest(request: TileRequest): TileLayer {
	const { z, x, y } = request;
	if (!(TILE_LAYERS as readonly string[]).includes(request.layer)) return checkLayer(request.layer, request.params);
	if (!Number.isInteger(z) || z < 0 || z > MAX_ZOOM) throw new ApiError('bad_request', `z must be a whole number from 0 to ${MAX_ZOOM}.`);
	const side = 2 ** z;
	if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= side || y >= side) throw new ApiError('bad_request', `x and y must be whole numbers from 0 to ${side - 1} at zoom ${z}.`);
	return checkLayer(request.layer, request.params);
}

/** The score a score tile or summary asks for (400 when the parameters do not make one). */
export function scoreRequestOf(params: URLSearchParams, viewer: Role | undefined) {
	const place = params.get('place');
	if (!place) throw new ApiError('bad_request', 'place is required for opportunity-scores tiles.');
	try {
		return { placeId: place, spec: parseScoreSpec((name) => params.get(name), params.keys()), viewer };
	} catch (err) {
		if (err instanceof ScoreSpecError) throw new ApiError('bad_request', err.message);
		throw err;
	}
}

/** `bins`: squares per tile side to count points in (1 – 64), or null for every point. */
function binsOf(params: URLSearchParams): number | null {
	const value = params.get('bins');
	if (value === null) return null;
	const cells = Number(value);
	if (!/^\d+$/.test(value) || cells < 1 || cells > MAX_BINS) throw new ApiError('bad_request', `bins must be a whole number from 1 to ${MAX_BINS} (squares per tile side), not "${value}".`);
	return cells;
}

async function tableSource(db: Kysely<Database>, layer: Exclude<TileLayer, 'opportunity-scores'>, params: URLSearchParams): Promise<TileSource> {
	const place = params.get('place');
	switch (layer) {
		case 'macro-assets':
		case 'community-hubs':
		case 'social-enterprises':
			return placeLayerSource(layer, place);
		case 'reference-areas':
			return referenceAreaSource(params.get('type'));
		case 'streets': {
			// The imported walking network: drawn by the map when the basemap cannot be reached.
			if (!place) throw new ApiError('bad_request', 'place is required for streets tiles.');
			return streetsSource(await walkNetworkOf(db, place));
		}
		case 'resident-skills': {
			if (!place) throw new ApiError('bad_request', 'place is required for resident-skills tiles.');
			const readiness = readinessParam(params);
			if (!(await placeExists(db, place))) throw new ApiError('not_found', `There is no place "${place}".`);
			const cfg = config();
			await ensurePublication(db, place, { k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase });
			return publishedUnitSource(place, filterKey({ skill: params.get('skill') ?? 'all', readiness }));
		}
	}
}

function cleanProperties(properties: Record<string, unknown> | null): Record<string, string | number | boolean> {
	const out: Record<string, string | number | boolean> = {};
	for (const [name, value] of Object.entries(properties ?? {})) {
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = value;
		else if (typeof value === 'bigint') out[name] = Number(value);
	}
	return out;
}

/** The parameters in a fixed order, for cache keys: the same request however its URL was written. */
function sortedQuery(params: URLSearchParams): string {
	return [...params]
		.sort()
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
}

/** geojson-vt indexes of whole layers, shared by every tile request (and every client) for 30 s. */
const indexes = new SharedMemo<GeoJSONVT>(MAX_INDEXES, INDEX_TTL_MS);

async function buildIndex(load: () => Promise<Feature[]>): Promise<GeoJSONVT> {
	const features = (await load()).map((f) => ({ ...f, properties: cleanProperties(f.properties) }));
	const collection: FeatureCollection = { type: 'FeatureCollection', features };
	return new GeoJSONVT(collection, { maxZoom: MAX_ZOOM, indexMaxZoom: 5, buffer: 64, extent: 4096, tolerance: 3 });
}

/**
 * Encoded tiles, kept 30 seconds: a room of people looking at one site asks for the same few tiles,
 * and on two cores re-encoding them for every client is what saturates the server. A tile being
 * rendered is shared too, so fifty clients missing the cache at once render it once. Resident tiles
 * are keyed by their publication, so a new publication is never hidden behind an old tile.
 */
const tiles = new SharedMemo<TileAnswer>(4_000, INDEX_TTL_MS);

/** One tile; empty bytes when the layer has nothing there. */
export async function getTile(db: Kysely<Database>, request: TileRequest): Promise<TileAnswer> {
	const layer = checkTileRequest(request);
	let key = `${layer}/${request.z}/${request.x}/${request.y}?${sortedQuery(request.params)}`;
	if (layer === 'resident-skills' && request.params.get('place')) {
		key += `#${await publicationVersion(db, request.params.get('place')!)}`;
	}
	// Scenario scores are one planner's: never shared, never kept.
	const shared = !(layer === 'opportunity-scores' && request.params.get('scenario'));
	const render = async (): Promise<TileAnswer> => {
		const rendered = await renderTile(db, layer, request, shared);
		return { ...rendered, etag: `"${crypto.createHash('sha1').update(rendered.bytes).digest('base64url')}"` };
	};
	return shared ? tiles.get(key, render) : render();
}

async function renderTile(db: Kysely<Database>, layer: TileLayer, request: TileRequest, shared: boolean): Promise<TileAnswer> {
	const { z, x, y, params } = request;
	const cells = binsOf(params);
	const category = BIN_CATEGORY[layer];
	const counted = cells && category ? { cells, category } : null;
	let index: GeoJSONVT;
	if (layer === 'opportunity-scores') {
		const scoreRequest = scoreRequestOf(params, request.viewer);
		const load = async () => (await getCellScores(db, scoreRequest)).features;
		// getCellScores is memoised by its inputs' digest; the index is kept 30 s on top of it.
		const key = `${layer}?${sortedQuery(params)}`;
		index = shared ? await indexes.get(key, () => buildIndex(load)) : await buildIndex(load);
	} else {
		const source = await tableSource(db, layer, params);
		if (await supportsMvt(db)) {
			const bytes = counted ? await mvtBinnedTile(db, layer, source, counted.category, counted.cells, z, x, y) : await mvtTile(db, layer, source, z, x, y);
			return { bytes, engine: 'postgis', shared };
		}
		// A new publication rewrites published_unit, so its version covers the resident layers too.
		// One index for every bins value: it holds the points; counting happens per tile below.
		const indexParams = new URLSearchParams(params);
		indexParams.delete('bins');
		const key = `${layer}?${sortedQuery(indexParams)}#${await layerVersion(db, source)}`;
		index = await indexes.get(key, () =>
			buildIndex(async () => (await layerFeatures(db, source)).map((row) => ({ type: 'Feature', properties: row.properties, geometry: row.geometry as Feature['geometry'] })))
		);
	}
	let tile = index.getTile(z, x, y);
	if (tile && counted) tile = { ...tile, features: binVtFeatures(tile.features as VtFeature[], counted.category, counted.cells, 4096) as typeof tile.features };
	return { bytes: tile && tile.features.length > 0 ? fromGeojsonVt({ [layer]: tile }, { version: 2, extent: 4096 }) : new Uint8Array(0), engine: 'geojson-vt', shared };
}

/** The resident layer's `readiness` parameter (default any), shared by its tiles and their summary. */
export function readinessParam(params: URLSearchParams): Readiness {
	const readiness = params.get('readiness') ?? 'any';
	if (!(READINESS as readonly string[]).includes(readiness)) throw new ApiError('bad_request', `readiness must be one of ${READINESS.join(', ')}.`);
	return readiness as Readiness;
}
