/**
 * The outreach planner's form (src/routes/outreach): what the researcher ticked and typed, read
 * from FormData with valibot, into the service's plan and save requests, and the values echoed
 * back so a refused form keeps what was entered. The page works without JavaScript.
 */
import * as v from 'valibot';
import type { CommunityHub } from '../assets/queries';
import { invalid, type FieldIssue } from '../errors';
import { MAX_STOPS, parseRequest, SAVE_REQUEST, type SaveRouteRequest } from './service';

export interface PlannerValues {
	place: string;
	hubs: string[];
	points: string;
	startHub: string;
	startLat: string;
	startLon: string;
	budget: string;
	minutesAtStop: string;
	return: boolean;
	distance: 'straight' | 'walk';
	name: string;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** What the form holds, as typed (nothing is refused here). */
export function plannerValues(form: FormData): PlannerValues {
	return {
		place: text(form, 'place'),
		hubs: form.getAll('hub').map(String),
		points: String(form.get('points') ?? ''),
		startHub: text(form, 'startHub'),
		startLat: text(form, 'startLat'),
		startLon: text(form, 'startLon'),
		budget: text(form, 'budget'),
		minutesAtStop: text(form, 'minutesAtStop'),
		return: form.get('return') === 'on',
		distance: text(form, 'distance') === 'walk' ? 'walk' : 'straight',
		name: text(form, 'name')
	};
}

const numberField = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.transform(Number), v.number(), v.finite());

/**
 * A typed point line: "latitude, longitude" and an optional label after a second comma, as a phone's
 * map app copies a position ("52.4861, -1.9573, Corner of Cape Hill").
 */
export function parsePointLines(lines: string): { points: { id: string; lat: number; lon: number; label: string }[]; issues: FieldIssue[] } {
	const points: { id: string; lat: number; lon: number; label: string }[] = [];
	const issues: FieldIssue[] = [];
	lines
		.split(/\r?\n/)
		.map((line) => line.trim())
		.forEach((line, k) => {
			if (!line) return;
			const [lat, lon, ...label] = line.split(',');
			const parsedLat = v.safeParse(numberField, lat ?? '');
			const parsedLon = v.safeParse(numberField, lon ?? '');
			if (!parsedLat.success || !parsedLon.success || Math.abs(parsedLat.output) > 90 || Math.abs(parsedLon.output) > 180) {
				issues.push({ field: 'points', message: `line ${k + 1} ("${line.slice(0, 60)}") is not "latitude, longitude[, label]"` });
				return;
			}
			const n = points.length + 1;
			points.push({ id: `point-${n}`, lat: parsedLat.output, lon: parsedLon.output, label: label.join(',').trim() || `Point ${n}` });
		});
	return { points, issues };
}

/** The start the form names: typed coordinates first, else a hub; problems go into `issues`. */
function readStart(values: PlannerValues, byId: ReadonlyMap<string, CommunityHub>, issues: FieldIssue[]): { lon: number; lat: number } | undefined {
	if (values.startLat || values.startLon) {
		const lat = v.safeParse(numberField, values.startLat);
		const lon = v.safeParse(numberField, values.startLon);
		if (lat.success && lon.success) return { lat: lat.output, lon: lon.output };
		issues.push({ field: 'start', message: 'give both a latitude and a longitude, as numbers' });
	} else if (values.startHub) {
		const hub = byId.get(values.startHub);
		if (hub) return { lon: hub.geometry.coordinates[0]!, lat: hub.geometry.coordinates[1]! };
		issues.push({ field: 'start', message: `"${values.startHub}" is not a hub of this place` });
	}
	return undefined;
}

/** The start alone (for suggestions near it), or undefined when the form names none. */
export function plannerStart(values: PlannerValues, hubs: readonly CommunityHub[]): { lon: number; lat: number } | undefined {
	const issues: FieldIssue[] = [];
	const start = readStart(values, new Map(hubs.map((hub) => [hub.id, hub])), issues);
	if (issues.length) throw invalid(issues.map((issue) => `${label(issue.field)} ${issue.message}`).join('; '), issues);
	return start;
}

/** The save (and plan) request the form describes; hubs are looked up among the place's. */
export function plannerRequest(values: PlannerValues, hubs: readonly CommunityHub[], purpose: 'plan' | 'save'): SaveRouteRequest {
	const byId = new Map(hubs.map((hub) => [hub.id, hub]));
	const issues: FieldIssue[] = [];
	const chosen = values.hubs.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
	const unknownHubs = values.hubs.filter((id) => !byId.has(id));
	if (unknownHubs.length) issues.push({ field: 'hub', message: `not hubs of this place: ${unknownHubs.join(', ')}` });
	const { points, issues: pointIssues } = parsePointLines(values.points);
	issues.push(...pointIssues);
	const stops = [
		...chosen.map((hub) => ({ id: hub.id, lon: hub.geometry.coordinates[0]!, lat: hub.geometry.coordinates[1]!, label: hub.name })),
		...points.map((point) => ({ id: point.id, lon: point.lon, lat: point.lat, label: point.label }))
	];
	if (stops.length === 0 && issues.length === 0) issues.push({ field: 'hub', message: 'tick at least one hub or type a point to visit' });
	if (stops.length > MAX_STOPS) issues.push({ field: 'hub', message: `a route takes at most ${MAX_STOPS} stops` });

	const start = readStart(values, byId, issues);
	const number = (raw: string, field: string) => {
		if (!raw) return undefined;
		const parsed = v.safeParse(numberField, raw);
		if (parsed.success) return parsed.output;
		issues.push({ field, message: 'must be a number of minutes' });
		return undefined;
	};
	const budgetMinutes = number(values.budget, 'budgetMinutes');
	const minutesAtStop = number(values.minutesAtStop, 'minutesAtStop');
	if (issues.length) throw invalid(issues.map((issue) => `${label(issue.field)} ${issue.message}`).join('; '), issues);
	return parseRequest(SAVE_REQUEST, {
		place: values.place,
		name: purpose === 'save' ? values.name : values.name || 'Outreach route',
		stops,
		...(start ? { start } : {}),
		return: values.return,
		distance: values.distance,
		...(budgetMinutes === undefined ? {} : { budgetMinutes }),
		...(minutesAtStop === undefined ? {} : { minutesAtStop })
	});
}

const LABELS: Record<string, string> = { hub: 'Stops:', points: 'Points:', start: 'Start:', budgetMinutes: 'Time budget', minutesAtStop: 'Minutes at each stop' };
const label = (field: string) => LABELS[field] ?? `"${field}"`;
