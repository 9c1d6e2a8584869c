/**
 * The progress dashboard (issue 14): each target with its current figure and its history.
 * Person-derived figures come only from published counts (the resident-skills publication for
 * people identified with overseas qualifications; the matching publication for people in
 * accreditation and in work, summed over skill groups as released), so the dashboard is the
 * same for every viewer. History points are published figures recorded on a date ("record
 * today's figures") or, for the partnership's own activity, figures entered by hand.
 */
import type { Kysely } from 'kysely';
import { candidateKey, type Stage } from '../../domain/matching/candidates';
import { ENTERED_METRICS, METRIC_LABELS, METRICS, PUBLISHED_METRICS, sumPublished, type Metric, type SeriesPoint } from '../../domain/matching/progress';
import { toCsv } from '../../domain/csv';
import { listSkillGroupIds, requirePlace } from '../assets/queries';
import { config } from '../config';
import type { Database } from '../db/schema';
import { invalid } from '../errors';
import { getResidentLayer } from '../published/layers';
import { publishedStageTotals } from './matching';
import { listProgressEntries, listTargets, upsertProgressEntry, upsertTarget } from './queries';

export interface DashboardMetric {
	metric: Metric;
	label: string;
	target: number | null;
	dueOn: string | null;
	/** The current figure: published now (person-derived) or the latest entered. */
	current: number | null;
	/** True when a group's published total was withheld: the figure is a lower bound. */
	atLeast: boolean;
	source: 'published' | 'entered';
	series: SeriesPoint[];
}

export interface Dashboard {
	placeId: string;
	metrics: DashboardMetric[];
	k: number;
	roundingBase: number;
	synthetic: boolean;
}

/** The current published value of a person-derived metric. */
async function publishedNow(db: Kysely<Database>, placeId: string, metric: Metric): Promise<{ value: number | null; atLeast: boolean; synthetic: boolean }> {
	if (metric === 'overseas_qualified_identified') {
		const layer = await getResidentLayer(db, { placeId, skill: 'all', readiness: 'overseas_qualification' });
		return { value: layer.total, atLeast: false, synthetic: layer.synthetic };
	}
	const stage: Stage = metric === 'in_work' ? 'in_work' : 'accreditation';
	const [{ totals, header }, groups] = await Promise.all([publishedStageTotals(db, placeId), listSkillGroupIds(db)]);
	const sum = sumPublished(groups.map((g) => (totals.has(candidateKey(g, stage)) ? totals.get(candidateKey(g, stage))! : 0)));
	return { value: sum.value, atLeast: sum.atLeast, synthetic: header?.synthetic ?? false };
}

export async function getDashboard(db: Kysely<Database>, placeId: string): Promise<Dashboard> {
	await requirePlace(db, placeId);
	const [targets, entries] = await Promise.all([listTargets(db, placeId), listProgressEntries(db, placeId)]);
	let synthetic = false;
	const metrics: DashboardMetric[] = [];
	for (const metric of METRICS) {
		const target = targets.find((t) => t.metric === metric);
		const series = entries.filter((e) => e.metric === metric).map((e) => ({ date: e.recordedOn, value: e.value }));
		let current: number | null = series.at(-1)?.value ?? null;
		let atLeast = false;
		if (PUBLISHED_METRICS.includes(metric)) {
			const now = await publishedNow(db, placeId, metric);
			current = now.value;
			atLeast = now.atLeast;
			synthetic ||= now.synthetic;
		}
		metrics.push({ metric, label: METRIC_LABELS[metric], target: target?.target ?? null, dueOn: target?.dueOn ?? null, current, atLeast, source: PUBLISHED_METRICS.includes(metric) ? 'published' : 'entered', series });
	}
	const cfg = config();
	return { placeId, metrics, k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase, synthetic };
}

function checkDate(value: string, field: string): void {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	const ok = m && new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).toISOString().slice(0, 10) === value && +m[1]! >= 2000 && +m[1]! <= 2100;
	if (!ok) throw invalid(`${field} must be a date (YYYY-MM-DD).`, [{ field, message: 'must be a date (YYYY-MM-DD)' }]);
}

function checkCount(value: number, field: string): void {
	if (!Number.isInteger(value) || value < 0 || value > 1_000_000) throw invalid(`${field} must be a whole number from 0 to 1000000.`, [{ field, message: 'must be a whole number from 0 to 1000000' }]);
}

export async function setTarget(db: Kysely<Database>, placeId: string, input: { metric: Metric; target: number; dueOn: string | null }): Promise<void> {
	await requirePlace(db, placeId);
	checkCount(input.target, 'target');
	if (input.dueOn) checkDate(input.dueOn, 'dueOn');
	await upsertTarget(db, placeId, input);
}

/** A figure of the partnership's own activity (researchers trained, start-ups founded) on a date. */
export async function recordEntry(db: Kysely<Database>, placeId: string, input: { metric: Metric; recordedOn: string; value: number }): Promise<void> {
	await requirePlace(db, placeId);
	if (!ENTERED_METRICS.includes(input.metric)) throw invalid(`${METRIC_LABELS[input.metric]} is counted from published data: use “Record today's published figures”.`, [{ field: 'metric', message: 'is counted from published data' }]);
	checkDate(input.recordedOn, 'recordedOn');
	checkCount(input.value, 'value');
	await upsertProgressEntry(db, placeId, input);
}

/** Records today's published person-derived figures as history points (a withheld figure is recorded as its released lower bound). */
export async function recordPublishedFigures(db: Kysely<Database>, placeId: string, today = new Date().toISOString().slice(0, 10)): Promise<number> {
	await requirePlace(db, placeId);
	let recorded = 0;
	for (const metric of PUBLISHED_METRICS) {
		const now = await publishedNow(db, placeId, metric);
		if (now.value === null) continue;
		await upsertProgressEntry(db, placeId, { metric, recordedOn: today, value: now.value });
		recorded++;
	}
	return recorded;
}

/** The dashboard as CSV: one row per metric per history point, and the current figure. */
export function dashboardCsv(dashboard: Dashboard): string {
	const rows = dashboard.metrics.flatMap((m) => [
		...m.series.map((p) => ({ metric: m.metric, label: m.label, target: m.target, due_on: m.dueOn, date: p.date, value: p.value, at_least: false, kind: 'history' })),
		{ metric: m.metric, label: m.label, target: m.target, due_on: m.dueOn, date: 'now', value: m.current, at_least: m.atLeast, kind: m.source === 'published' ? 'published now' : 'latest entered' }
	]);
	return toCsv(rows, ['metric', 'label', 'target', 'due_on', 'date', 'value', 'at_least', 'kind']);
}
