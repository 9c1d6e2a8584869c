/**
 * Styling of the published (anonymised) resident-skill layer: hexagon cells coloured by their
 * rounded count in a few classes, withheld cells drawn as grey outlines so that "hidden" never
 * looks like "nobody". Pure: MapLibre layer specs and legend entries from a layer's numbers.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

export const RESIDENT_SOURCE_ID = 'atlas-residents';
export const RESIDENT_LAYER_IDS = {
	fill: 'atlas-residents-fill',
	outline: 'atlas-residents-outline',
	withheld: 'atlas-residents-withheld'
} as const;

/** A sequential palette (ColorBrewer YlGnBu, colour-blind safe), light to dark. */
const PALETTE = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'];
export const WITHHELD_COLOUR = '#8a8f98';

/** A resident layer ready to draw: the query of its tiles (/tiles/resident-skills/…?query), its classes, whether any cell is withheld. */
export interface ResidentLayer {
	query: string;
	classes: CountClass[];
	withheld: boolean;
}

export interface CountClass {
	/** Inclusive lower bound of the class (a published count). */
	from: number;
	/** Inclusive upper bound, or null for the open top class. */
	to: number | null;
	colour: string;
}

/**
 * Up to six classes over the published counts. Bounds are multiples of the rounding base (counts
 * are all multiples of it), starting at k, so a legend never suggests a value that cannot occur.
 */
export function countClasses(counts: readonly number[], k: number, roundingBase: number): CountClass[] {
	const published = counts.filter((c) => c > 0);
	if (published.length === 0) return [];
	const max = Math.max(...published);
	const start = Math.max(roundingBase, Math.ceil(k / roundingBase) * roundingBase);
	const steps = Math.max(1, Math.min(PALETTE.length, Math.round((max - start) / roundingBase) + 1));
	const width = Math.max(roundingBase, Math.ceil((max - start + roundingBase) / steps / roundingBase) * roundingBase);
	const classes: CountClass[] = [];
	for (let i = 0; i < steps; i++) {
		const from = start + i * width;
		if (from > max) break;
		const last = i === steps - 1 || from + width > max;
		classes.push({ from, to: last ? null : from + width - roundingBase, colour: PALETTE[Math.min(PALETTE.length - 1, i + (PALETTE.length - steps))]! });
		if (last) break;
	}
	return classes;
}

export function fillColourExpression(classes: readonly CountClass[]): ExpressionSpecification | string {
	if (classes.length === 0) return WITHHELD_COLOUR;
	const steps: (number | string)[] = [];
	for (const c of classes.slice(1)) steps.push(c.from, c.colour);
	return ['step', ['coalesce', ['get', 'count'], 0], classes[0]!.colour, ...steps] as unknown as ExpressionSpecification;
}

/** The layer name inside /tiles/resident-skills tiles. */
export const RESIDENT_TILE_LAYER = 'resident-skills';

/**
 * Layers for the resident cells, to sit below the sites so the sites stay readable on top.
 * `sourceLayer` names the tile layer when the cells come as vector tiles.
 */
export function residentLayerSpecs(classes: readonly CountClass[], sourceLayer?: string): LayerSpecification[] {
	const from = { source: RESIDENT_SOURCE_ID, ...(sourceLayer ? { 'source-layer': sourceLayer } : {}) };
	return [
		{
			id: RESIDENT_LAYER_IDS.fill,
			type: 'fill',
			...from,
			filter: ['==', ['get', 'suppressed'], false],
			paint: { 'fill-color': fillColourExpression(classes), 'fill-opacity': 0.72 }
		},
		{
			id: RESIDENT_LAYER_IDS.outline,
			type: 'line',
			...from,
			filter: ['==', ['get', 'suppressed'], false],
			paint: { 'line-color': '#ffffff', 'line-width': 0.8, 'line-opacity': 0.8 }
		},
		{
			id: RESIDENT_LAYER_IDS.withheld,
			type: 'line',
			...from,
			filter: ['==', ['get', 'suppressed'], true],
			paint: { 'line-color': WITHHELD_COLOUR, 'line-width': 1.5, 'line-dasharray': [2, 2] }
		}
	];
}

export function classLabel(c: CountClass): string {
	return c.to === null ? `${c.from}+` : c.from === c.to ? `${c.from}` : `${c.from}–${c.to}`;
}

/** The resident layer as the page's URL keeps it: on or off (in `layers`), `residentSkill`, `readiness`. */
export interface ResidentSettings {
	shown: boolean;
	/** 'all' or a skill group id. */
	skill: string;
	readiness: string;
}

const SKILL_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function residentSettingsFromUrl(params: URLSearchParams, shown: boolean): ResidentSettings {
	const skill = params.get('residentSkill') ?? 'all';
	return { shown, skill: skill === 'all' || SKILL_ID.test(skill) ? skill : 'all', readiness: params.get('readiness') ?? 'any' };
}

/** Writes the resident filters into a URL (in place); defaults and a hidden layer leave no trace. */
export function writeResidentSettings(url: URL, settings: ResidentSettings): URL {
	url.searchParams.delete('residentSkill');
	url.searchParams.delete('readiness');
	if (!settings.shown) return url;
	if (settings.skill !== 'all') url.searchParams.set('residentSkill', settings.skill);
	if (settings.readiness !== 'any') url.searchParams.set('readiness', settings.readiness);
	return url;
}
