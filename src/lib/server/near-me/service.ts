/**
 * "Near me": where a resident says they are (a neighbourhood, a postcode district or sector, or a
 * 250 m cell their browser rounded their position to), and the public opportunities, hubs and
 * social enterprises within reach, nearest first.
 *
 * Privacy: the origin is only ever the centre of an area. A raw longitude/latitude sent to the API
 * is snapped to its 250 m cell before anything else happens, and neither is stored or logged
 * (nothing here writes; the server logs no request URLs).
 */
import path from 'node:path';
import proj4 from 'proj4';
import { BRITISH_NATIONAL_GRID_PROJ4 } from '../../domain/imports/crs';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { NearMeArea, NearMeChoices, NearMeHub, NearMeOrigin, NearMeResult, DistanceKind } from '../../contracts/near-me';
import { interestOf, walkingMinutes, WALKING_METRES_PER_MINUTE, type Interest } from '../../domain/near-me/interests';
import { parsePostcodeArea, pointForPostcodeArea, postcodePointsFromAddresses, type PostcodePoint } from '../../domain/near-me/postcodes';
import { areaCentroid } from '../../domain/near-me/areas';
import { formatHexCellId, locateHexCell, parseHexCellId, hexCellCentreOfIndex } from '../../domain/privacy/cell-ids';
import { parseResidentialAreas } from '../seed/demo-data';
import { DEMO_PLACE_FOLDER } from '../seed/index';
import { invalid, malformed, notFound } from '../errors';
import { walkingDistances, NoWalkingNetwork } from '../walking/distances';
import {
	placeForNearMe,
	projectedExtent,
	projectPoint,
	publicRecords,
	readNearMeState,
	unprojectPoint,
	wardsInPlace,
	type NearMeState,
	type PlaceForNearMe,
	type PublicRecords
} from './queries';
import { SharedMemo } from '../cache/shared-memo';
import { metresBetween, metresToPolygon } from '../../domain/near-me/distance';

/** The cells a browser rounds to: the 250 m hexagons the published layers start from. */
export const NEAR_ME_CELL_LEVEL = 'hex250';
export const NEAR_ME_CELL_METRES = 250;
/** A point farther than this from the place is not "near" anything we list. */
const MAX_METRES_OUTSIDE_PLACE = 3000;
/** How many hubs and enterprises a list shows. */
const LIST_HUBS = 5;
const LIST_ENTERPRISES = 5;
/** Hub types where someone can help in person (not a supermarket, not a school gate). */
const HELP_HUB_TYPES = new Set(['community_centre', 'training_centre', 'library', 'faith_centre', 'health_centre', 'other']);

export interface NearMeQuery {
	place?: string;
	area?: string;
	postcode?: string;
	cell?: string;
	lon?: number;
	lat?: number;
	interest?: Interest;
}

interface NamedPoint {
	id: string;
	name: string;
	lon: number;
	lat: number;
}

/** Neighbourhoods of the demo place, read once from its data folder (the residential areas). */
let demoNeighbourhoods: Promise<NamedPoint[]> | undefined;

function readDemoNeighbourhoods(): Promise<NamedPoint[]> {
	demoNeighbourhoods ??= readFile(path.join(path.resolve('data'), DEMO_PLACE_FOLDER, 'residential-areas.geojson'), 'utf8')
		.then((text) => parseResidentialAreas(JSON.parse(text)).map((area) => ({ id: area.id, name: area.name, ...areaCentroid(area.geom) })))
		.catch(() => []);
	return demoNeighbourhoods;
}

/**
 * What near-me answers are made from, held per database and keyed by the state they were read at
 * (the tables' change counters and today's date, readNearMeState): one indexed read per request
 * says whether they still hold, so an import, an edit or a vacancy closing at midnight shows in the
 * next answer. Answers themselves are held per origin (a neighbourhood, a postcode, a 250 m cell):
 * a cell's answer is the same for everyone in it, so fifty phones in one room cost one computation.
 * A superseded state's entries are never asked for again and age out of the bounded memos.
 */
class Held {
	readonly places = new SharedMemo<PlaceForNearMe | undefined>(64);
	readonly neighbourhoods = new SharedMemo<NamedPoint[]>(16);
	readonly records = new SharedMemo<PublicRecords>(16);
	/** About 25 KB each (60-odd opportunities, hubs, enterprises): at most ~25 MB. */
	readonly answers = new SharedMemo<HeldAnswer>(1024);
	/** The state read in flight, and the one queued behind it (see readState). */
	running: Promise<NearMeState> | undefined;
	queued: Promise<NearMeState> | undefined;
}

/** One origin's answer, and the same filtered by each interest asked for (kept, so their JSON is encoded once). */
interface HeldAnswer {
	readonly all: NearMeResult;
	readonly byInterest: Map<Interest, NearMeResult>;
}

const heldByDatabase = new WeakMap<object, Held>();

function heldFor(db: Kysely<Database>): Held {
	let held = heldByDatabase.get(db);
	if (!held) {
		held = new Held();
		heldByDatabase.set(db, held);
	}
	return held;
}

/** The database as one request sees it: its handle and the state everything is keyed by. */
interface View {
	readonly db: Kysely<Database>;
	readonly state: NearMeState;
	readonly held: Held;
}

async function viewOf(db: Kysely<Database>): Promise<View> {
	const held = heldFor(db);
	return { db, state: await readState(db, held), held };
}

/**
 * The state as of some moment after the caller asked, with reads shared between callers: a read
 * that started before a caller arrived may have missed a change committed just before it, so the
 * caller waits for the next read, which everyone arriving meanwhile shares. Under fifty concurrent
 * clients that is a few reads a round trip instead of fifty (each one a socket write and read,
 * which on two busy cores was a good part of an answer's cost); alone, a caller reads at once.
 */
function readState(db: Kysely<Database>, held: Held): Promise<NearMeState> {
	if (!held.running) return startRead(db, held);
	held.queued ??= held.running.then(
		() => undefined,
		() => undefined
	).then(() => {
		held.queued = undefined;
		return startRead(db, held);
	});
	return held.queued;
}

function startRead(db: Kysely<Database>, held: Held): Promise<NearMeState> {
	const read = readNearMeState(db);
	held.running = read;
	const done = () => {
		if (held.running === read) held.running = undefined;
	};
	read.then(done, done);
	return read;
}

/** Neighbourhoods to choose from: imported wards, and for the demo place its residential areas. */
function neighbourhoods(view: View, placeId: string): Promise<NamedPoint[]> {
	return view.held.neighbourhoods.get(`${placeId}#${view.state.signature}`, () => readNeighbourhoods(view.db, placeId));
}

async function readNeighbourhoods(db: Kysely<Database>, placeId: string): Promise<NamedPoint[]> {
	const wards = (await wardsInPlace(db, placeId)).map((ward) => ({ id: `ward-${ward.code.toLowerCase()}`, name: ward.name, lon: ward.lon, lat: ward.lat }));
	const demo = placeId === DEMO_PLACE_FOLDER ? await readDemoNeighbourhoods() : [];
	return [...demo, ...wards].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** The public records of a place as of the view's state: a near-me answer is then arithmetic over a few hundred rows, not six queries. */
function recordsOf(view: View, placeId: string): Promise<PublicRecords> {
	return view.held.records.get(`${placeId}#${view.state.signature}`, () => publicRecords(view.db, placeId, view.state.today));
}

/** Straight-line metres from a point to the place's bounding box (0 inside it). */
function metresOutsideBox(box: [number, number, number, number], lon: number, lat: number): number {
	const nearest = { lon: Math.min(Math.max(lon, box[0]), box[2]), lat: Math.min(Math.max(lat, box[1]), box[3]) };
	return metresBetween({ lon, lat }, nearest);
}

/** The postcode districts and sectors of a place's hub addresses, worked out once per records read (not per request). */
const postcodePoints = new WeakMap<PublicRecords, Map<string, PostcodePoint>>();

function postcodePointsOf(records: PublicRecords): Map<string, PostcodePoint> {
	let points = postcodePoints.get(records);
	if (!points) {
		points = postcodePointsFromAddresses(records.hubs);
		postcodePoints.set(records, points);
	}
	return points;
}

/** The place asked for (or the first place), as of the view's state. */
async function requirePlace(view: View, placeId: string | undefined): Promise<PlaceForNearMe> {
	const place = await view.held.places.get(`${placeId ?? ''}#${view.state.signature}`, () => placeForNearMe(view.db, placeId));
	if (!place) throw notFound(placeId ? `There is no place "${placeId}".` : 'No place is loaded yet.');
	return place;
}

export async function nearMeChoices(db: Kysely<Database>, placeId?: string): Promise<NearMeChoices & { place: { id: string; name: string } }> {
	const view = await viewOf(db);
	const place = await requirePlace(view, placeId);
	const areas: NearMeArea[] = (await neighbourhoods(view, place.id)).map(({ id, name }) => ({ id, name }));
	const postcodes = [...postcodePointsOf(await recordsOf(view, place.id)).keys()];
	return { place: { id: place.id, name: place.name }, areas, postcodes };
}

const round4 = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * WGS84 <-> the place's CRS: in TypeScript for the British National Grid (proj4 with the same
 * Helmert parameters PostGIS uses without the OSTN15 grid, agreeing to centimetres), in SQL for any
 * other CRS. Saves two database round trips per cell answer.
 */
const toBng = proj4('WGS84', BRITISH_NATIONAL_GRID_PROJ4);

async function toProjected(db: Kysely<Database>, place: PlaceForNearMe, lon: number, lat: number): Promise<{ x: number; y: number }> {
	if (place.projectedSrid !== 27700) return projectPoint(db, lon, lat, place.projectedSrid);
	const [x, y] = toBng.forward([lon, lat]) as [number, number];
	return { x, y };
}

async function fromProjected(db: Kysely<Database>, place: PlaceForNearMe, x: number, y: number): Promise<{ lon: number; lat: number }> {
	if (place.projectedSrid !== 27700) return unprojectPoint(db, x, y, place.projectedSrid);
	const [lon, lat] = toBng.inverse([x, y]) as [number, number];
	return { lon, lat };
}

/** The place's box in its CRS, from the WGS84 box's corners (enough for a 3 km margin check). */
async function projectedBox(view: View, place: PlaceForNearMe): Promise<{ xmin: number; ymin: number; xmax: number; ymax: number }> {
	if (place.projectedSrid !== 27700) return projectedExtent(view.db, place.id, place.projectedSrid);
	const [w, s, e, n] = (await recordsOf(view, place.id)).bbox;
	const corners = [toBng.forward([w, s]), toBng.forward([w, n]), toBng.forward([e, s]), toBng.forward([e, n])] as [number, number][];
	return {
		xmin: Math.min(...corners.map((c) => c[0])),
		ymin: Math.min(...corners.map((c) => c[1])),
		xmax: Math.max(...corners.map((c) => c[0])),
		ymax: Math.max(...corners.map((c) => c[1]))
	};
}

function outside(place: PlaceForNearMe) {
	return invalid(`That is too far from ${place.name} for this list.`, [{ field: 'where', message: 'is outside the place' }]);
}

/** The cell containing a WGS84 point, as an origin (the point itself goes no further). */
async function cellOrigin(view: View, place: PlaceForNearMe, lon: number, lat: number): Promise<NearMeOrigin> {
	if (metresOutsideBox((await recordsOf(view, place.id)).bbox, lon, lat) > MAX_METRES_OUTSIDE_PLACE) throw outside(place);
	const { x, y } = await toProjected(view.db, place, lon, lat);
	const cell = locateHexCell(x, y, NEAR_ME_CELL_METRES);
	return originOfCell(view, place, cell.i, cell.j);
}

async function originOfCell(view: View, place: PlaceForNearMe, i: number, j: number): Promise<NearMeOrigin> {
	const centre = hexCellCentreOfIndex(i, j, NEAR_ME_CELL_METRES);
	// Checked in metres before any reprojection: far outside, a projection has no answer.
	const extent = await projectedBox(view, place);
	const margin = MAX_METRES_OUTSIDE_PLACE;
	if (centre.x < extent.xmin - margin || centre.x > extent.xmax + margin || centre.y < extent.ymin - margin || centre.y > extent.ymax + margin) {
		throw outside(place);
	}
	const point = await fromProjected(view.db, place, centre.x, centre.y);
	if (!(Number.isFinite(point.lon) && Number.isFinite(point.lat))) throw outside(place);
	return { kind: 'cell', id: formatHexCellId(NEAR_ME_CELL_LEVEL, i, j), label: '', lon: round4(point.lon), lat: round4(point.lat) };
}

/** Where to measure from, from exactly one of area, postcode, cell or lon+lat. */
async function resolveOrigin(view: View, place: PlaceForNearMe, query: NearMeQuery): Promise<NearMeOrigin> {
	const given = (['area', 'postcode', 'cell', 'lon'] as const).filter((name) => query[name] !== undefined && query[name] !== '');
	if ((query.lon === undefined) !== (query.lat === undefined)) throw malformed('Give lon and lat together.', { fields: ['lon', 'lat'] });
	if (given.length !== 1) {
		throw malformed('Say where you are with one of: area, postcode, cell, or lon and lat.', { fields: ['area', 'postcode', 'cell', 'lon'] });
	}
	let origin: NearMeOrigin;
	if (query.area) {
		const area = (await neighbourhoods(view, place.id)).find((a) => a.id === query.area);
		if (!area) throw notFound(`There is no neighbourhood "${query.area}" in ${place.name}.`);
		origin = { kind: 'area', id: area.id, label: area.name, lon: round4(area.lon), lat: round4(area.lat) };
	} else if (query.postcode) {
		const typed = parsePostcodeArea(query.postcode);
		if (!typed) throw invalid('Type a postcode district or sector, like B66 or B66 3.', [{ field: 'postcode', message: 'is not a postcode district or sector' }]);
		const point = pointForPostcodeArea(typed, postcodePointsOf(await recordsOf(view, place.id)));
		if (!point) throw notFound(`We cannot place ${typed.sector ?? typed.district} yet. Choose your neighbourhood from the list instead.`);
		origin = { kind: 'postcode', id: point.code, label: point.code, lon: round4(point.lon), lat: round4(point.lat) };
	} else if (query.cell) {
		const cell = parseHexCellId(query.cell);
		if (!cell || cell.levelName !== NEAR_ME_CELL_LEVEL || Math.abs(cell.i) > 1e6 || Math.abs(cell.j) > 1e6) {
			throw malformed(`"cell" must be a ${NEAR_ME_CELL_LEVEL} cell id like ${NEAR_ME_CELL_LEVEL}:-7952:3752.`, { fields: ['cell'] });
		}
		origin = await originOfCell(view, place, cell.i, cell.j);
	} else {
		origin = await cellOrigin(view, place, query.lon!, query.lat!);
	}
	if (metresOutsideBox((await recordsOf(view, place.id)).bbox, origin.lon, origin.lat) > MAX_METRES_OUTSIDE_PLACE) throw outside(place);
	return origin;
}

/**
 * Walking-network metres from the origin to each site, hub and enterprise, where the place has a
 * walking network; undefined when it has none (then distances are straight-line).
 */
async function networkMetres(
	db: Kysely<Database>,
	place: PlaceForNearMe,
	origin: NearMeOrigin,
	sites: { key: string; geojson: string }[]
): Promise<Map<string, number> | undefined> {
	try {
		const { x, y } = await toProjected(db, place, origin.lon, origin.lat);
		const result = await walkingDistances(db, { placeId: place.id, origins: [{ id: 'origin', x, y }], sites });
		return new Map(result.distances.map((d) => [d.siteKey, d.metres]));
	} catch (err) {
		if (err instanceof NoWalkingNetwork) return undefined;
		throw err;
	}
}

const pointGeojson = (lon: number, lat: number) => JSON.stringify({ type: 'Point', coordinates: [lon, lat] });

/**
 * The answer for where the query says, nearest first, filtered by its interest. The same object is
 * returned for the same origin, interest and data (callers must not change it): the API encodes
 * and gzips it once (memoisedJsonResponse).
 */
export async function nearMe(db: Kysely<Database>, query: NearMeQuery): Promise<NearMeResult> {
	const view = await viewOf(db);
	const place = await requirePlace(view, query.place);
	const origin = await resolveOrigin(view, place, query);
	const held = await view.held.answers.get(`${place.id}|${origin.kind}:${origin.id}#${view.state.signature}`, async () => ({
		all: await answerFor(view, place, origin),
		byInterest: new Map()
	}));
	if (!query.interest) return held.all;
	let filtered = held.byInterest.get(query.interest);
	if (!filtered) {
		filtered = { ...held.all, interest: query.interest, opportunities: held.all.opportunities.filter((o) => o.interest === query.interest) };
		held.byInterest.set(query.interest, filtered);
	}
	return filtered;
}

/** Everything within reach of an origin, every interest. */
async function answerFor(view: View, place: PlaceForNearMe, origin: NearMeOrigin): Promise<NearMeResult> {
	const { db } = view;
	const records = await recordsOf(view, place.id);
	const from = { lon: origin.lon, lat: origin.lat };
	const siteDistance = new Map(records.sites.map((site) => [site.id, metresToPolygon(from, site.geometry)]));
	const sites = new Map(records.sites.map((site) => [site.id, site]));
	const rows = {
		opportunities: records.opportunities.map((o) => {
			const site = sites.get(o.siteId)!;
			const d = siteDistance.get(o.siteId)!;
			return { ...o, siteName: site.name, siteOwners: site.owners, sitePartners: site.partners, metres: d.metres, lon: d.nearest.lon, lat: d.nearest.lat };
		}),
		hubs: records.hubs.map((h) => ({ ...h, metres: metresBetween(from, h) })),
		enterprises: records.enterprises.map((e) => ({ ...e, metres: metresBetween(from, e) }))
	};

	const network = records.hasWalkNetwork
		? await networkMetres(db, place, origin, [
				...records.sites.map((site) => ({ key: `site:${site.id}`, geojson: JSON.stringify(site.geometry) })),
				...rows.hubs.map((h) => ({ key: `hub:${h.id}`, geojson: pointGeojson(h.lon, h.lat) })),
				...rows.enterprises.map((e) => ({ key: `enterprise:${e.id}`, geojson: pointGeojson(e.lon, e.lat) }))
			])
		: undefined;
	const distanceKind: DistanceKind = network ? 'walking-network' : 'straight-line';
	// Along the network where it reaches; a place the network does not reach keeps its straight line.
	const measured = (key: string, straight: number) => Math.round(network?.get(key) ?? straight);
	const byMetres = <T extends { metres: number; name?: string; title?: string }>(list: T[]) =>
		list.sort((a, b) => a.metres - b.metres || (a.name ?? a.title ?? '').localeCompare(b.name ?? b.title ?? '', 'en'));

	const hubs: NearMeHub[] = byMetres(
		rows.hubs.map((h) => {
			const metres = measured(`hub:${h.id}`, h.metres);
			return { id: h.id, name: h.name, hubType: h.hubType, address: h.address, metres, minutes: walkingMinutes(metres), lon: h.lon, lat: h.lat };
		})
	);
	const hubNames = new Set(hubs.map((h) => h.name));
	const opportunities = byMetres(
		rows.opportunities
			.map((o) => {
				const metres = measured(`site:${o.siteId}`, o.metres);
				// Who to ask: a partner that is itself a hub people can walk into (The Learning Works at
				// the hospital), else the site's owners.
				const contact = o.sitePartners.find((p) => hubNames.has(p)) ?? (o.siteOwners.length ? o.siteOwners.join(', ') : '');
				return {
					id: o.id,
					title: o.title,
					interest: interestOf(o),
					kind: o.kind,
					count: o.count,
					illustrative: o.illustrative,
					site: { id: o.siteId, name: o.siteName },
					contact,
					metres,
					minutes: walkingMinutes(metres),
					lon: round4(o.lon),
					lat: round4(o.lat)
				};
			})
	);
	const enterprises = byMetres(
		rows.enterprises.map((e) => {
			const metres = measured(`enterprise:${e.id}`, e.metres);
			return { ...e, metres, minutes: walkingMinutes(metres) };
		})
	).slice(0, LIST_ENTERPRISES);

	const helpHub = hubs.find((h) => HELP_HUB_TYPES.has(h.hubType));
	const listedHubs = hubs.slice(0, LIST_HUBS);
	if (helpHub && !listedHubs.includes(helpHub)) listedHubs.push(helpHub);
	return {
		place: { id: place.id, name: place.name },
		origin,
		interest: null,
		distanceKind,
		walkingMetresPerMinute: WALKING_METRES_PER_MINUTE,
		opportunities,
		hubs: listedHubs,
		helpHubId: helpHub?.id ?? null,
		enterprises
	};
}
