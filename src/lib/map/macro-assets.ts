/**
 * How each macro-asset (capital project) kind and status is shown, and the figures people read
 * about one. The wire types are the contract's (contracts/sites.ts), re-exported for the map code.
 */
import type { MacroAssetFeature, MacroAssetKind, MacroAssetProperties, MacroAssetStatus, Timeline } from '../contracts/sites';

export type { BBox, MacroAssetFeature, MacroAssetFeatureCollection, MacroAssetKind, MacroAssetProperties, MacroAssetStatus, Timeline } from '../contracts/sites';

export interface KindStyle {
	label: string;
	/** Polygon fill, drawn translucent. */
	fill: string;
	/** Outline and legend edge: dark enough for 3:1 contrast on a light map. */
	line: string;
}

/**
 * Okabe & Ito's colour-blind-safe palette (2008, "Color Universal Design"), one hue per kind, so the
 * legend still reads for the ~1 in 12 men with a colour-vision deficiency and on washed-out projectors.
 */
export const KIND_STYLES: Record<MacroAssetKind, KindStyle> = {
	hospital: { label: 'Hospital', fill: '#D55E00', line: '#9A3F00' },
	housing: { label: 'Housing', fill: '#0072B2', line: '#004F7C' },
	mixed_use: { label: 'Mixed use', fill: '#CC79A7', line: '#8E3E6B' },
	regeneration: { label: 'Regeneration', fill: '#E69F00', line: '#8A5F00' },
	leisure: { label: 'Leisure', fill: '#009E73', line: '#006B4E' },
	education: { label: 'Education', fill: '#56B4E9', line: '#1F6E9C' },
	infrastructure: { label: 'Infrastructure', fill: '#6B6B6B', line: '#3A3A3A' },
	commercial: { label: 'Commercial', fill: '#F0E442', line: '#7A7200' },
	other: { label: 'Other', fill: '#9E9E9E', line: '#555555' }
};

export const STATUS_LABELS: Record<MacroAssetStatus, string> = {
	proposed: 'Proposed',
	planned: 'Planned',
	consented: 'Consented',
	under_construction: 'Under construction',
	complete: 'Complete',
	operational: 'Operational',
	released: 'Released for redevelopment',
	cancelled: 'Cancelled'
};

/** The style for a kind, falling back to "other" for a kind this build does not know yet. */
export function kindStyle(kind: string): KindStyle {
	return (KIND_STYLES as Record<string, KindStyle | undefined>)[kind] ?? KIND_STYLES.other;
}

export function statusLabel(status: string): string {
	return (STATUS_LABELS as Record<string, string | undefined>)[status] ?? status.replace(/_/g, ' ');
}

/** The kinds that occur, in legend order (the order of KIND_STYLES). */
export function kindsPresent(features: readonly MacroAssetFeature[]): MacroAssetKind[] {
	const present = new Set(features.map((f) => f.properties.kind));
	return (Object.keys(KIND_STYLES) as MacroAssetKind[]).filter((k) => present.has(k));
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** Money the way a planning document writes it: £350m, £1.2bn, £750k, £900. */
export function formatGbp(amount: number): string {
	const scaled = (value: number, unit: string) => `£${(value >= 100 ? integer : oneDecimal).format(value)}${unit}`;
	if (amount >= 1e9) return scaled(amount / 1e9, 'bn');
	if (amount >= 1e6) return scaled(amount / 1e6, 'm');
	if (amount >= 1e4) return scaled(amount / 1e3, 'k');
	return `£${integer.format(amount)}`;
}

export function formatCount(n: number): string {
	return integer.format(n);
}

/** The years a project runs: "2016–2024", "from 2024", "by 2016"; null when none are known. */
export function timelineYears({ start, end }: Timeline): string | null {
	if (start !== null && end !== null) return start === end ? String(start) : `${start}–${end}`;
	if (start !== null) return `from ${start}`;
	if (end !== null) return `by ${end}`;
	return null;
}

/**
 * Whether a figure is illustrative. The seed names columns ("homes", "timeline_end"); asking about
 * "timeline" is true when either of its years is.
 */
export function isIllustrative(p: Pick<MacroAssetProperties, 'illustrative'>, figure: string): boolean {
	return p.illustrative.some((name) => name === figure || name.startsWith(`${figure}_`));
}

export interface HeadlineFigure {
	/** The property the figure comes from, as named in `illustrative`. */
	key: 'investment_gbp' | 'homes' | 'jobs';
	text: string;
	illustrative: boolean;
}

/** Investment, homes and jobs, when known, each marked if it is illustrative. */
export function headlineFigures(p: MacroAssetProperties): HeadlineFigure[] {
	const figures: HeadlineFigure[] = [];
	const mark = (key: HeadlineFigure['key'], text: string) =>
		figures.push({ key, text, illustrative: isIllustrative(p, key) });
	if (p.investment_gbp !== null) mark('investment_gbp', formatGbp(p.investment_gbp));
	if (p.homes !== null) mark('homes', `${formatCount(p.homes)} ${p.homes === 1 ? 'home' : 'homes'}`);
	if (p.jobs !== null) mark('jobs', `${formatCount(p.jobs)} ${p.jobs === 1 ? 'job' : 'jobs'}`);
	return figures;
}
