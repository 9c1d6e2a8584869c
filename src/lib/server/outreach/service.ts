/**
 * Outreach routes (issue 12): plan the shortest walk through a researcher's stops, save it as
 * theirs, record what each visit brought, and hand it out as GPX. The rules live here: what a
 * request may ask (valibot schemas), which stops are refused and why, who may read which route
 * (a researcher their own, an administrator all). SQL is in queries.ts and walking/; the ordering
 * itself is the pure solver in src/lib/domain/routing.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LineString, Position } from 'geojson';
import * as v from 'valibot';
import type {
	HubSuggestion,
	OutreachPlanRequest,
	OutreachPlanResponse,
	SavedRoute,
	SavedRouteSummary,
	SavedStop,
	VisitOutcome
} from '../../contracts/routes';
import { routeToGpx } from '../../domain/routing/gpx';
import { matrixFrom } from '../../domain/routing/matrix';
import { planOutreachRoute } from '../../domain/routing/outreach-plan';
import { listCommunityHubs } from '../assets/queries';
import type { Database, Role } from '../db/schema';
import { invalid, malformed, notFound, type FieldIssue } from '../errors';
import { DEFAULT_MAX_SNAP_METRES, metresBetweenNodes, walkingEngine, walkLegs } from '../walking/distances';
import { findWalkNetwork, snapPoints } from '../walking/queries';
import { deleteRoute, findRoute, hubsNearest, insertRoute, listRoutes, listVisits, projectIntoPlace, upsertVisit, type StoredRoute } from './queries';

type Db = Kysely<Database>;

/** TfL's PTAL walking speed, 4.8 km/h, as the scores use. */
export const METRES_PER_MINUTE = 80;
/** A route reaches at most this many stops: a day's outreach is tens; 500 keeps a walking matrix under a few seconds. */
export const MAX_STOPS = 500;
/** The local search stops after this long, so that 500 stops answer in seconds (200 take about 0.6 s uncapped). */
const SOLVER_TIME_LIMIT_MS = 3000;

export interface RouteViewer {
	readonly id: string;
	readonly role: Role;
}

// ---- Request shapes ----

const lonLat = v.strictObject({
	lon: v.pipe(v.number('must be a number'), v.finite('must be finite'), v.minValue(-180, 'must be a longitude (-180..180)'), v.maxValue(180, 'must be a longitude (-180..180)')),
	lat: v.pipe(v.number('must be a number'), v.finite('must be finite'), v.minValue(-90, 'must be a latitude (-90..90)'), v.maxValue(90, 'must be a latitude (-90..90)'))
});

const stopId = v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(100, 'must be at most 100 characters'));

const planFields = {
	place: v.pipe(v.string('must be a place id'), v.minLength(1, 'must be a place id'), v.maxLength(63, 'must be a place id')),
	start: v.optional(lonLat),
	return: v.boolean('must be true or false'),
	distance: v.picklist(['straight', 'walk'], 'must be "straight" or "walk"'),
	budgetMinutes: v.optional(
		v.pipe(v.number('must be a number of minutes'), v.finite('must be finite'), v.gtValue(0, 'must be more than 0 minutes'), v.maxValue(24 * 60, 'must be at most 1440 minutes (a day)'))
	),
	minutesAtStop: v.optional(v.pipe(v.number('must be a number of minutes'), v.finite('must be finite'), v.minValue(0, 'must not be negative'), v.maxValue(240, 'must be at most 240 minutes')))
};

const stopList = <T extends v.GenericSchema>(stop: T) =>
	v.pipe(v.array(stop, 'must be a list of stops'), v.minLength(1, 'must name at least one stop'), v.maxLength(MAX_STOPS, `must be at most ${MAX_STOPS} stops`));

export const PLAN_REQUEST = v.strictObject({ ...planFields, stops: stopList(v.strictObject({ id: stopId, lon: lonLat.entries.lon, lat: lonLat.entries.lat })) });

export const SAVE_REQUEST = v.strictObject({
	...planFields,
	name: v.pipe(v.string('must be a name'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(120, 'must be at most 120 characters')),
	stops: stopList(
		v.strictObject({
			id: stopId,
			lon: lonLat.entries.lon,
			lat: lonLat.entries.lat,
			label: v.optional(v.pipe(v.string('must be text'), v.trim(), v.maxLength(200, 'must be at most 200 characters')))
		})
	)
});

export const VISIT_REQUEST = v.strictObject({
	visited: v.boolean('must be true or false'),
	peopleReached: v.optional(v.pipe(v.number('must be a whole number'), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'), v.maxValue(10000, 'must be at most 10000')), 0),
	questionnaires: v.optional(v.pipe(v.number('must be a whole number'), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'), v.maxValue(10000, 'must be at most 10000')), 0),
	notes: v.optional(v.nullable(v.pipe(v.string('must be text'), v.trim(), v.maxLength(2000, 'must be at most 2000 characters'))), null)
});

const numberText = (what: string) => v.pipe(v.string(`must be ${what}`), v.trim(), v.nonEmpty(`must be ${what}`), v.transform(Number), v.number(`must be ${what}`), v.finite(`must be ${what}`));

export const SUGGESTION_QUERY = v.strictObject({
	place: planFields.place,
	lon: v.pipe(numberText('a longitude'), v.minValue(-180, 'must be a longitude (-180..180)'), v.maxValue(180, 'must be a longitude (-180..180)')),
	lat: v.pipe(numberText('a latitude'), v.minValue(-90, 'must be a latitude (-90..90)'), v.maxValue(90, 'must be a latitude (-90..90)')),
	limit: v.optional(v.pipe(numberText('a whole number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(50, 'must be at most 50')), '8')
});

/** A plan of 500 stops with labels is about 60 kB of JSON; the default 64 kB cap would refuse it. */
export const ROUTE_BODY_BYTES = 256 * 1024;

export type SaveRouteRequest = v.InferOutput<typeof SAVE_REQUEST>;
export type VisitRequest = v.InferOutput<typeof VISIT_REQUEST>;

/**
 * A request body checked against a schema: a body that is not the expected object or names a
 * field nobody declared is malformed (400); wrong values are invalid (422), each issue named by
 * its path ("stops.3.lon").
 */
export function parseRequest<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, body);
	if (result.success) return result.output;
	const issues = result.issues;
	const unknownKeys = issues.filter((issue) => issue.type === 'strict_object' && issue.expected === 'never').map((issue) => v.getDotPath(issue) ?? '');
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformed('The body must be a JSON object.');
	if (unknownKeys.length) throw malformed(`Unknown field${unknownKeys.length > 1 ? 's' : ''}: ${unknownKeys.join(', ')}.`, { fields: unknownKeys });
	const fields: FieldIssue[] = issues.map((issue) => {
		const field = v.getDotPath(issue) ?? '';
		const missing = issue.input === undefined && issue.kind === 'schema';
		return { field, message: missing ? 'is required' : issue.message };
	});
	throw invalid(fields.map((f) => `"${f.field}" ${f.message}`).join('; '), fields);
}

// ---- Planning ----

type PlanStop = OutreachPlanRequest['stops'][number];
export type PlanInput = OutreachPlanRequest;

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

function refuseDuplicates(stops: readonly PlanStop[]): void {
	const seen = new Map<string, number>();
	const fields: FieldIssue[] = [];
	stops.forEach((stop, k) => {
		if (seen.has(stop.id)) fields.push({ field: `stops.${k}.id`, message: `repeats the id "${stop.id}" of stops.${seen.get(stop.id)}` });
		else seen.set(stop.id, k);
	});
	if (fields.length) {
		const ids = [...new Set(fields.map((f) => f.message.match(/"(.*)"/)![1]!))];
		throw invalid(`Stop ids must be unique; repeated: ${ids.join(', ')}.`, fields);
	}
}

/**
 * Orders the stops on walking or straight-line distances, keeps what fits the budget and says
 * what does not, and draws the walk.
 * @throws DomainError not_found for an unknown place; invalid for repeated ids, stops or a start
 *   outside the place, a walk asked for where no network is loaded, and stops the network cannot reach
 */
export async function planOutreach(db: Db, input: PlanInput): Promise<OutreachPlanResponse> {
	refuseDuplicates(input.stops);
	const nodes = [...(input.start ? [{ id: '\u0000start', ...input.start }] : []), ...input.stops];
	const projected = await projectIntoPlace(
		db,
		input.place,
		nodes.map((node, k) => ({ key: String(k), lon: node.lon, lat: node.lat }))
	);
	if (!projected) throw notFound(`There is no place "${input.place}".`);
	const offset = input.start ? 1 : 0;
	const outside = projected.points.map((point, k) => ({ point, k })).filter(({ point }) => !point.inside);
	if (outside.length) {
		const fields = outside.map(({ k }) => (k < offset ? { field: 'start', message: 'lies outside the place' } : { field: `stops.${k - offset}`, message: `"${input.stops[k - offset]!.id}" lies outside the place` }));
		const names = outside.map(({ k }) => (k < offset ? 'the start' : input.stops[k - offset]!.id));
		throw invalid(`${names.length === 1 ? 'This lies' : 'These lie'} outside the place "${input.place}": ${names.join(', ')}.`, fields);
	}

	let metres: (i: number, j: number) => number;
	let engine: OutreachPlanResponse['engine'] = 'straight';
	let drawLegs: (order: readonly number[]) => Promise<Position[][]>;
	const positionOf = (k: number): Position => [nodes[k]!.lon, nodes[k]!.lat];
	if (input.distance === 'straight') {
		const xy = projected.points;
		metres = (i, j) => Math.hypot(xy[i]!.x - xy[j]!.x, xy[i]!.y - xy[j]!.y);
		drawLegs = async (order) => order.slice(1).map((k, step) => [positionOf(order[step]!), positionOf(k)]);
	} else {
		const network = await findWalkNetwork(db, input.place);
		if (!network) {
			throw invalid(
				`Place "${input.place}" has no walking network loaded, so walking distances cannot be measured: plan with "distance": "straight", or import a network first (npm run import -- osm <file.osm.pbf> --place ${input.place}).`,
				[{ field: 'distance', message: 'needs a walking network, and this place has none' }]
			);
		}
		const snaps = await snapPoints(
			db,
			network,
			projected.points.map((point) => ({ id: point.key, x: point.x, y: point.y })),
			DEFAULT_MAX_SNAP_METRES
		);
		const snapOf = new Map(snaps.map((snap) => [Number(snap.key), snap]));
		const unreachable = nodes.map((_, k) => k).filter((k) => !snapOf.has(k));
		if (unreachable.length) {
			const names = unreachable.map((k) => (k < offset ? 'the start' : input.stops[k - offset]!.id));
			throw invalid(
				`The walking network cannot reach ${names.join(', ')}: ${names.length === 1 ? 'it is' : 'they are'} more than ${DEFAULT_MAX_SNAP_METRES} m from any street or path of the network's connected part. Move ${names.length === 1 ? 'it' : 'them'}, or plan with "distance": "straight".`,
				unreachable.map((k) => ({ field: k < offset ? 'start' : `stops.${k - offset}`, message: 'cannot be reached on the walking network' }))
			);
		}
		const walking = await walkingEngine(db);
		engine = walking;
		const between = await metresBetweenNodes(db, walking, network, [...snapOf.values()].map((snap) => snap.node));
		metres = (i, j) => {
			const a = snapOf.get(i)!;
			const b = snapOf.get(j)!;
			// Snapped nodes are all in the main component, so every pair is joined.
			return a.metres + between.get(`${a.node}:${b.node}`)! + b.metres;
		};
		drawLegs = async (order) => {
			const legs = order.slice(1).map((k, step) => ({ source: snapOf.get(order[step]!)!.node, target: snapOf.get(k)!.node }));
			const walks = await walkLegs(db, walking, network, legs);
			return walks.map((walk, step) => [positionOf(order[step]!), ...walk, positionOf(order[step + 1]!)]);
		};
	}

	const plan = planOutreachRoute({
		stopIds: input.stops.map((stop) => stop.id),
		metres: matrixFrom(nodes.length, metres),
		hasStart: offset === 1,
		returnToStart: input.return,
		metresPerMinute: METRES_PER_MINUTE,
		budgetMinutes: input.budgetMinutes,
		minutesAtStop: input.minutesAtStop,
		seed: 'outreach',
		timeLimitMs: SOLVER_TIME_LIMIT_MS,
		clock: () => performance.now()
	});
	const walked = [...plan.nodeOrder, ...(input.return && plan.nodeOrder.length > 1 ? [plan.nodeOrder[0]!] : [])];
	const legs = await drawLegs(walked);
	const coordinates: Position[] = [];
	for (const position of legs.flat().length ? legs.flat() : walked.map(positionOf)) {
		// 7 decimals is about 1 cm; a stop on a node, or a leg's end and the next one's start, is one point.
		const [lon, lat] = [round(position[0]!, 7), round(position[1]!, 7)];
		const last = coordinates[coordinates.length - 1];
		if (!last || last[0] !== lon || last[1] !== lat) coordinates.push([lon, lat]);
	}
	const geometry: LineString | null = coordinates.length >= 2 ? { type: 'LineString', coordinates } : null;
	return {
		order: [...plan.order],
		distance_m: round(plan.distanceMetres, 1),
		duration_min: round(plan.durationMinutes, 1),
		arrivals: plan.arrivals.map((arrival) => ({ id: arrival.id, minute: round(arrival.minute, 1) })),
		geometry,
		notFitting: [...plan.notFitting],
		distance: input.distance,
		engine,
		method: plan.method,
		metresPerMinute: METRES_PER_MINUTE
	};
}

// ---- Suggestions ----

/**
 * Hubs to visit: the place's community hubs nearest the researcher's start. The issue asks for the
 * hubs nearest the least-covered cells; coverage (where questionnaires have been collected) comes
 * with the researchers' issue (11), so until then nearness to the start is the suggestion.
 */
export async function suggestHubs(db: Db, place: string, start: { lon: number; lat: number }, limit = 8): Promise<HubSuggestion[]> {
	return hubsNearest(db, place, start, Math.min(Math.max(1, limit), 50));
}

// ---- Saved routes ----

function ownedRoute(route: StoredRoute | undefined, viewer: RouteViewer): StoredRoute {
	// Another researcher's route answers exactly as a missing one: its existence is theirs too.
	if (!route || (viewer.role !== 'administrator' && route.summary.ownerId !== viewer.id)) throw notFound('No such route among those you can see.');
	return route;
}

function toSavedRoute(route: StoredRoute, outcomes: VisitOutcome[]): SavedRoute {
	return {
		...route.summary,
		stops: route.stops,
		settings: route.settings as SavedRoute['settings'],
		plan: { ...route.plan, geometry: route.geometry },
		outcomes
	};
}

/** Plans the route and saves it as the viewer's; hub ids among the stops take the hub's name and address. */
export async function saveRoute(db: Db, viewer: RouteViewer, request: SaveRouteRequest): Promise<SavedRoute> {
	const plan = await planOutreach(db, request);
	const hubs = new Map((await listCommunityHubs(db, request.place)).map((hub) => [hub.id, hub]));
	const stops: SavedStop[] = request.stops.map((stop) => {
		const hub = hubs.get(stop.id);
		return {
			id: stop.id,
			label: stop.label || hub?.name || stop.id,
			kind: hub ? 'hub' : 'point',
			lon: stop.lon,
			lat: stop.lat,
			address: hub?.address ?? null
		};
	});
	const id = crypto.randomUUID();
	await insertRoute(db, {
		id,
		ownerId: viewer.id,
		placeId: request.place,
		name: request.name,
		stops,
		settings: {
			start: request.start ?? null,
			return: request.return,
			distance: request.distance,
			budgetMinutes: request.budgetMinutes ?? null,
			minutesAtStop: request.minutesAtStop ?? 0
		},
		plan
	});
	return getRoute(db, viewer, id);
}

/** The viewer's routes (an administrator's list has everyone's). */
export async function listSavedRoutes(db: Db, viewer: RouteViewer): Promise<SavedRouteSummary[]> {
	return listRoutes(db, viewer.role === 'administrator' ? undefined : viewer.id);
}

export async function getRoute(db: Db, viewer: RouteViewer, id: string): Promise<SavedRoute> {
	const route = ownedRoute(await findRoute(db, id), viewer);
	return toSavedRoute(route, await listVisits(db, id));
}

export async function removeRoute(db: Db, viewer: RouteViewer, id: string): Promise<void> {
	ownedRoute(await findRoute(db, id), viewer);
	await deleteRoute(db, id);
}

/** Records what visiting one stop brought (replacing what was recorded before). */
export async function recordVisit(db: Db, viewer: RouteViewer, routeId: string, stop: string, visit: VisitRequest): Promise<VisitOutcome> {
	const route = ownedRoute(await findRoute(db, routeId), viewer);
	if (!route.stops.some((s) => s.id === stop)) throw notFound(`Route "${route.summary.name}" has no stop "${stop}".`);
	await upsertVisit(db, routeId, stop, { visited: visit.visited, peopleReached: visit.peopleReached, questionnaires: visit.questionnaires, notes: visit.notes || null });
	return (await listVisits(db, routeId)).find((outcome) => outcome.stopId === stop)!;
}

/** The route as GPX 1.1: the ordered stops as waypoints (arrival minute and address in each), the walk as a track. */
export async function routeAsGpx(db: Db, viewer: RouteViewer, id: string): Promise<{ filename: string; xml: string }> {
	const route = await getRoute(db, viewer, id);
	const byId = new Map(route.stops.map((stop) => [stop.id, stop]));
	const minuteOf = new Map(route.plan.arrivals.map((arrival) => [arrival.id, arrival.minute]));
	const xml = routeToGpx({
		name: route.name,
		description: `Outreach route, ${(route.plan.distance_m / 1000).toFixed(1)} km, about ${Math.round(route.plan.duration_min)} min at ${METRES_PER_MINUTE} m/min`,
		created: new Date(route.createdAt),
		stops: route.plan.order.map((stopId) => {
			const stop = byId.get(stopId)!;
			const minute = minuteOf.get(stopId) ?? 0;
			return { lon: stop.lon, lat: stop.lat, name: stop.label, description: [`about ${Math.round(minute)} min after setting off`, stop.address].filter(Boolean).join('; ') };
		}),
		path: (route.plan.geometry?.coordinates ?? []) as [number, number][]
	});
	const slug = route.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'route';
	return { filename: `${slug}.gpx`, xml };
}
