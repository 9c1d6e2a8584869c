/**
 * The planners' map explorer: which layers are on, which filters apply, where the camera is, and
 * what the legend says for each visible layer. All of it lives in the page's URL so that a link
 * (or a story's view) restores the view exactly. Pure: URL parameters and legend entries in and
 * out, unit-tested beside it.
 */
import { CONSORTIA, HUB_TYPES, MACRO_ASSET_STATUSES } from '../domain/vocabulary';
import { KIND_STYLES, STATUS_LABELS, type MacroAssetKind, type MacroAssetStatus } from './macro-assets';
import { classLabel, WITHHELD_COLOUR, type CountClass } from './residents';
import { METHOD_LABELS, METHOD_TECHNICAL, reachWords, type ScoreClass, type ScoreFacts } from './scores';

/** Layer ids as they appear in `?layers=`, in drawing order from bottom to top. */
export const EXPLORER_LAYERS = ['areas', 'scores', 'residents', 'sites', 'hubs', 'enterprises'] as const;
export type ExplorerLayerId = (typeof EXPLORER_LAYERS)[number];

/** What a map opens with when its URL says nothing about layers. */
export const DEFAULT_LAYERS: readonly ExplorerLayerId[] = ['sites', 'enterprises', 'hubs'];

export type Consortium = (typeof CONSORTIA)[number];
export type HubType = (typeof HUB_TYPES)[number];

export interface Camera {
	lon: number;
	lat: number;
	/** MapLibre zoom level. */
	z: number;
	/** Degrees clockwise from north. */
	bearing: number;
	/** Degrees from looking straight down. */
	pitch: number;
}

export interface ExplorerState {
	layers: ExplorerLayerId[];
	/** Consortia shown; empty = all. */
	consortia: Consortium[];
	/** Hub types shown; empty = all. */
	hubTypes: HubType[];
	/** Site statuses shown; empty = all. */
	status: MacroAssetStatus[];
	camera: Camera | null;
}

/** Parameters this module owns (the score and resident layers own theirs). */
export const EXPLORER_URL_PARAMETERS = ['layers', 'consortia', 'hubTypes', 'status', 'lon', 'lat', 'z', 'bearing', 'pitch'] as const;

function listParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] {
	const raw = params.get(name);
	if (!raw) return [];
	const wanted = new Set(raw.split(',').map((s) => s.trim()));
	// Allowed order, not the URL's, so equal views give equal URLs.
	return allowed.filter((v) => wanted.has(v));
}

function finiteIn(value: string | null, min: number, max: number): number | null {
	if (value === null || value.trim() === '') return null;
	const n = Number(value);
	return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/** The camera a URL asks for, or null unless lon, lat and z are all there and sane. */
export function cameraFromUrl(params: URLSearchParams): Camera | null {
	const lon = finiteIn(params.get('lon'), -180, 180);
	const lat = finiteIn(params.get('lat'), -85, 85);
	const z = finiteIn(params.get('z'), 0, 22);
	if (lon === null || lat === null || z === null) return null;
	return { lon, lat, z, bearing: finiteIn(params.get('bearing'), -360, 360) ?? 0, pitch: finiteIn(params.get('pitch'), 0, 60) ?? 0 };
}

/**
 * Rounded so a URL stays short yet restores the view: 5 decimals of a degree is about a metre,
 * two decimals of zoom is under 2 % of scale, whole degrees for bearing and pitch.
 */
export function roundCamera(camera: Camera): Camera {
	const r = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d + 0;
	return { lon: r(camera.lon, 5), lat: r(camera.lat, 5), z: r(camera.z, 2), bearing: r(camera.bearing, 0), pitch: r(camera.pitch, 0) };
}

/**
 * The explorer's state in a URL. Without `layers`, the defaults plus the score layer when `scores`
 * asks for it (links made before `layers` existed keep working). Unknown values are dropped.
 */
export function explorerStateFromUrl(params: URLSearchParams): ExplorerState {
	const layers = params.has('layers')
		? listParam(params, 'layers', EXPLORER_LAYERS)
		: EXPLORER_LAYERS.filter((l) => DEFAULT_LAYERS.includes(l) || (l === 'scores' && params.has('scores')));
	return {
		layers,
		consortia: listParam(params, 'consortia', CONSORTIA),
		hubTypes: listParam(params, 'hubTypes', HUB_TYPES),
		status: listParam(params, 'status', MACRO_ASSET_STATUSES),
		camera: cameraFromUrl(params)
	};
}

/** Writes the explorer's state into a URL (in place); empty filters and a null camera are removed. */
export function writeExplorerState(url: URL, state: ExplorerState): URL {
	for (const name of EXPLORER_URL_PARAMETERS) url.searchParams.delete(name);
	url.searchParams.set('layers', EXPLORER_LAYERS.filter((l) => state.layers.includes(l)).join(','));
	if (state.consortia.length) url.searchParams.set('consortia', CONSORTIA.filter((c) => state.consortia.includes(c)).join(','));
	if (state.hubTypes.length) url.searchParams.set('hubTypes', HUB_TYPES.filter((h) => state.hubTypes.includes(h)).join(','));
	if (state.status.length) url.searchParams.set('status', MACRO_ASSET_STATUSES.filter((s) => state.status.includes(s)).join(','));
	if (state.camera) {
		const c = roundCamera(state.camera);
		url.searchParams.set('lon', String(c.lon));
		url.searchParams.set('lat', String(c.lat));
		url.searchParams.set('z', String(c.z));
		if (c.bearing !== 0) url.searchParams.set('bearing', String(c.bearing));
		if (c.pitch !== 0) url.searchParams.set('pitch', String(c.pitch));
	}
	return url;
}

// ── Colours ─────────────────────────────────────────────────────────────────────────────────

/**
 * Social enterprises by consortium: Okabe & Ito's colour-blind-safe palette (2008) without its
 * yellow, which vanishes on a light map and on a washed-out projector.
 */
export const CONSORTIUM_STYLES: Record<Consortium, { label: string; colour: string }> = {
	health: { label: 'Health', colour: '#D55E00' },
	social_care: { label: 'Social care', colour: '#CC79A7' },
	food: { label: 'Food', colour: '#009E73' },
	creative_industries: { label: 'Creative industries', colour: '#E69F00' },
	retail: { label: 'Retail', colour: '#56B4E9' },
	construction: { label: 'Construction', colour: '#000000' },
	tourism: { label: 'Tourism', colour: '#0072B2' }
};

/**
 * Community hubs by type: Paul Tol's "muted" qualitative scheme (colour-blind safe), drawn with a
 * thick dark ring so a hub never reads as an enterprise dot.
 */
export const HUB_TYPE_STYLES: Record<HubType, { label: string; colour: string }> = {
	community_centre: { label: 'Community centre', colour: '#332288' },
	health_centre: { label: 'Health centre', colour: '#CC6677' },
	faith_centre: { label: 'Faith centre', colour: '#AA4499' },
	school: { label: 'School', colour: '#117733' },
	supermarket: { label: 'Supermarket', colour: '#999933' },
	library: { label: 'Library', colour: '#88CCEE' },
	training_centre: { label: 'Training centre', colour: '#44AA99' },
	other: { label: 'Other hub', colour: '#DDCC77' }
};

/** Aggregated points (zoomed out): a count in a dark disc (enterprises) or a ringed white disc (hubs). */
export const CLUSTER_COLOURS = { enterprises: '#1f2937', hubs: '#ffffff', ring: '#1f2937' } as const;

/** Below this zoom, enterprises and hubs are counted per grid cell instead of drawn one by one. */
export const AGGREGATE_BELOW_ZOOM = 13;

/**
 * IMD deciles, 1 = most deprived: ColorBrewer RdYlBu (10 classes, colour-blind safe), red for the
 * most deprived so the eye goes there first.
 */
export const IMD_DECILE_COLOURS = ['#a50026', '#d73027', '#f46d43', '#fdae61', '#fee090', '#e0f3f8', '#abd9e9', '#74add1', '#4575b4', '#313695'] as const;
/**
 * LSOAs with no decile (IMD 2019 is published for 2011 LSOAs, so a 2021 LSOA that was split or
 * redrawn has none): a mid grey, darker than the palest deciles, so "unknown" never reads as
 * "average" (decile 5 or 6) or as no area at all.
 */
export const IMD_NO_DECILE_COLOUR = '#969696';
export const WARD_LINE_COLOUR = '#4b1d6b';

export function hexToRgb(hex: string, alpha = 255): [number, number, number, number] {
	return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), alpha];
}

// ── Legend ──────────────────────────────────────────────────────────────────────────────────

export interface LegendItem {
	label: string;
	colour: string;
	/** fill: a translucent patch with an outline; dot: an enterprise; ring: a hub; line / dashed: an outline. */
	shape: 'fill' | 'dot' | 'ring' | 'line' | 'dashed' | 'cluster' | 'hatched';
	outline?: string;
}

export interface LegendSection {
	id: ExplorerLayerId | 'boundary' | 'ring';
	title: string;
	/** The technical name behind the title's plain words (a tooltip on screen). */
	titleTooltip?: string;
	items: LegendItem[];
	note?: string;
}

/** Statuses drawn with a dashed outline: projects not yet being built. */
export const DASHED_STATUSES: readonly MacroAssetStatus[] = ['proposed', 'planned', 'consented', 'released', 'cancelled'];

export function sitesLegend(kinds: readonly MacroAssetKind[], statuses: readonly MacroAssetStatus[]): LegendSection {
	const items: LegendItem[] = kinds.map((k) => ({ label: KIND_STYLES[k].label, colour: KIND_STYLES[k].fill, outline: KIND_STYLES[k].line, shape: 'fill' }));
	const dashed = statuses.filter((s) => DASHED_STATUSES.includes(s));
	const solid = statuses.filter((s) => !DASHED_STATUSES.includes(s));
	if (dashed.length) items.push({ label: dashed.map((s) => STATUS_LABELS[s]).join(', '), colour: '#333333', shape: 'dashed' });
	if (solid.length) items.push({ label: solid.map((s) => STATUS_LABELS[s]).join(', '), colour: '#333333', shape: 'line' });
	return { id: 'sites', title: 'Capital projects', items };
}

export function enterprisesLegend(consortia: readonly Consortium[], zoom: number): LegendSection {
	const shown = consortia.length ? consortia : CONSORTIA;
	return {
		id: 'enterprises',
		title: 'Social enterprises',
		items: [
			...shown.map((c) => ({ label: CONSORTIUM_STYLES[c].label, colour: CONSORTIUM_STYLES[c].colour, shape: 'dot' as const })),
			...(zoom < AGGREGATE_BELOW_ZOOM ? [{ label: 'Several nearby (count)', colour: CLUSTER_COLOURS.enterprises, shape: 'cluster' as const }] : [])
		]
	};
}

export function hubsLegend(hubTypes: readonly HubType[], zoom: number): LegendSection {
	const shown = hubTypes.length ? hubTypes : HUB_TYPES;
	return {
		id: 'hubs',
		title: 'Community hubs',
		items: [
			...shown.map((h) => ({ label: HUB_TYPE_STYLES[h].label, colour: HUB_TYPE_STYLES[h].colour, shape: 'ring' as const })),
			...(zoom < AGGREGATE_BELOW_ZOOM ? [{ label: 'Several nearby (count)', colour: CLUSTER_COLOURS.hubs, outline: CLUSTER_COLOURS.ring, shape: 'cluster' as const }] : [])
		]
	};
}

export function areasLegend(areaTypes: readonly string[]): LegendSection {
	const items: LegendItem[] = [];
	if (areaTypes.includes('lsoa')) {
		IMD_DECILE_COLOURS.forEach((colour, i) =>
			items.push({ label: i === 0 ? '1 = most deprived' : i === 9 ? '10 = least deprived' : String(i + 1), colour, shape: 'fill', outline: colour })
		);
		items.push({ label: 'No decile loaded', colour: IMD_NO_DECILE_COLOUR, shape: 'fill', outline: IMD_NO_DECILE_COLOUR });
	}
	if (areaTypes.includes('ward')) items.push({ label: 'Ward boundary', colour: WARD_LINE_COLOUR, shape: 'line' });
	return { id: 'areas', title: areaTypes.includes('lsoa') ? 'Deprivation (IMD decile, LSOA)' : 'Areas', items };
}

/** The score layer's legend: its quantile classes, dark = most. */
export function scoresLegend(classes: readonly ScoreClass[], facts: ScoreFacts, units: string, difference = false): LegendSection {
	return {
		id: 'scores',
		title: `${difference ? 'Change in opportunity score' : 'Opportunity score'}: ${METHOD_LABELS[facts.method]} · ${facts.skillName}`,
		titleTooltip: METHOD_TECHNICAL[facts.method],
		items: classes.map((c) => ({ label: c.label, colour: c.colour, outline: c.colour, shape: 'fill' as const })),
		note: scoreLegendNote(facts, units, difference)
	};
}

/** Everything a score legend must name besides the method and skill group: who, how far, which plans, what the colour is. */
export function scoreLegendNote(facts: ScoreFacts, units: string, difference = false): string {
	return [
		`Counting ${facts.readinessLabel}`,
		reachWords(facts.method, facts.walkMinutes, facts.distance),
		facts.scenarioName ? `scenario “${facts.scenarioName}”${difference ? ' against the baseline (today’s plans)' : ''}` : 'baseline (today’s plans)',
		units ? `colour = ${difference ? 'change in ' : ''}${units}` : ''
	]
		.filter(Boolean)
		.join(' · ');
}

/** The resident layer's legend: published counts per cell, and withheld cells. */
export function residentsLegend(classes: readonly CountClass[], anyWithheld: boolean, facts?: { skillName: string; readinessLabel: string }): LegendSection {
	return {
		id: 'residents',
		title: facts ? `Local talent: ${facts.skillName} (residents per cell)` : 'Local talent (residents per cell)',
		note: facts ? `Counting ${facts.readinessLabel} · published counts, rounded to 5` : undefined,
		items: [
			...classes.map((c) => ({ label: classLabel(c), colour: c.colour, outline: c.colour, shape: 'fill' as const })),
			...(anyWithheld ? [{ label: 'Withheld (privacy)', colour: WITHHELD_COLOUR, shape: 'dashed' as const }] : [])
		]
	};
}

/** What the title of an exported or presented map says: the place and the layers shown. */
export function viewTitle(placeName: string, sections: readonly LegendSection[]): string {
	const shown = sections.filter((s) => s.id !== 'boundary').map((s) => s.title.replace(/ \(.*\)$/, '').toLowerCase());
	if (shown.length === 0) return placeName;
	const list = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
	return `${placeName}: ${list}`;
}

/** `asset-atlas-greater-icknield-2026-11-25.png` */
export function exportFileName(placeId: string, date: Date): string {
	const slug = placeId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'map';
	return `asset-atlas-${slug}-${date.toISOString().slice(0, 10)}.png`;
}

