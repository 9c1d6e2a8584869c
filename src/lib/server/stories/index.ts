/**
 * Presentation stories: an ordered list of map views a planner steps through in a meeting. A view
 * is a title, a caption and the map's URL parameters, so the view and its shareable link restore
 * the same map. Positions stay dense (1..n): adding, moving and removing renumber in one transaction.
 * A story has one set of score colour classes, shared by all its score views (domain/stories/class-breaks).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { viewParamsProblem, viewQuery, type ViewParams } from '../../domain/stories/view-params';
import { isUuid } from '../../domain/uuid';
import type { Story, StorySummary, StoryView } from '../../contracts/stories';
import type { Database } from '../db/schema';
import * as v from 'valibot';
import { int, text } from '../http/validate';
import { DomainError } from '../errors';
import { placeExists } from '../assets/queries';
import { getTileSummary } from '../tiles/summary';
import type { ScoreTileSummary } from '../../contracts/tiles';
import { fixedBreaksOf, parseBreaks } from '../../domain/scoring/score-settings';
import { baselineSummaryQuery, storyBreaksOf, viewKind, withStoryBreaks } from '../../domain/stories/class-breaks';
import {
	deleteStoryRecord,
	deleteViewRecord,
	getStorySummary,
	insertStory,
	insertView,
	listStorySummaries,
	listStoryViews,
	orderedViewIds,
	setViewOrder,
	storyExists,
	storyViewExists,
	updateStoryRecord,
	updateViewRecord,
	viewPosition
} from './queries';

export type { Story, StorySummary, StoryView };

/** A view's map parameters: checked by the domain's own rule, which names what is wrong. */
const VIEW_PARAMS = v.rawCheck<unknown>(({ dataset, addIssue }) => {
	if (!dataset.typed) return;
	const problem = viewParamsProblem(dataset.value);
	if (problem) addIssue({ message: problem });
	// PostgreSQL text cannot hold a NUL (issue 16.3): refused here, not as a 500 on insert.
	else if (Object.values(dataset.value as Record<string, string>).some((value) => value.includes('\u0000'))) addIssue({ message: 'must not contain a NUL character (\\u0000)' });
});
const PARAMS = v.pipe(v.unknown(), VIEW_PARAMS, v.transform((value) => value as ViewParams));

export const NEW_STORY = v.strictObject({ place: text(63), title: text(200), description: v.optional(v.nullable(text(2000))) });
export const STORY_UPDATE = v.strictObject({ title: v.optional(text(200)), description: v.optional(v.nullable(text(2000))) });
export const NEW_VIEW = v.strictObject({
	title: text(200),
	caption: v.optional(v.nullable(text(1000))),
	params: PARAMS,
	position: v.optional(int(1, 1000))
});
export const VIEW_UPDATE = v.strictObject({
	title: v.optional(text(200)),
	caption: v.optional(v.nullable(text(1000))),
	params: v.optional(PARAMS),
	position: v.optional(int(1, 1000))
});

export type NewStory = v.InferOutput<typeof NEW_STORY>;
export type StoryUpdate = v.InferOutput<typeof STORY_UPDATE>;
export type NewView = v.InferOutput<typeof NEW_VIEW>;
export type ViewUpdate = v.InferOutput<typeof VIEW_UPDATE>;

export async function listStories(db: Kysely<Database>, placeId?: string): Promise<StorySummary[]> {
	return listStorySummaries(db, placeId);
}

export async function createStory(db: Kysely<Database>, userId: string | null, input: NewStory): Promise<Story> {
	const place = await placeExists(db, input.place);
	if (!place) throw new DomainError('invalid', `"place" must be an existing place id; "${input.place}" is not.`);
	const id = crypto.randomUUID();
	await insertStory(db, { id, placeId: input.place, title: input.title, description: input.description ?? null, createdBy: userId });
	return getStory(db, id);
}

async function requireStory(db: Kysely<Database>, id: string): Promise<void> {
	const exists = isUuid(id) && (await storyExists(db, id));
	if (!exists) throw new DomainError('not_found', `There is no story "${id}".`);
}

export async function getStory(db: Kysely<Database>, id: string): Promise<Story> {
	await requireStory(db, id);
	const head = await getStorySummary(db, id);
	if (!head) throw new Error(`story ${id} vanished while it was read`);
	const views = await listStoryViews(db, id);
	return { ...head, breaks: storyBreaksOf(views), viewsList: views.map((v): StoryView => ({ ...v, kind: viewKind(v.params), url: `/?${viewQuery(v.params)}` })) };
}

/**
 * Fixed breaks derived once from the baseline of a score view (its score, skills, distance and walk,
 * without the scenario): the layer's quantiles topped up to five classes, so the baseline slide
 * spreads over the colours and a scenario's slide shows its change against the same scale.
 */
async function baselineBreaks(db: Kysely<Database>, placeId: string, params: ViewParams): Promise<number[] | null> {
	const query = baselineSummaryQuery(placeId, params);
	if (query === null) return null;
	const summary = (await getTileSummary(db, 'opportunity-scores', new URLSearchParams(query), undefined)) as ScoreTileSummary;
	return fixedBreaksOf(summary.distribution);
}

/** The breaks a story's score views share after `params` joins it: the story's, the view's own, or derived from its baseline. */
async function breaksFor(db: Kysely<Database>, placeId: string, storyBreaks: number[] | null, params: ViewParams): Promise<number[] | null> {
	if (storyBreaks) return storyBreaks;
	if (viewKind(params) !== 'scores') return null;
	return parseBreaks(params.breaks ?? null) ?? (await baselineBreaks(db, placeId, params));
}

/** Writes `breaks` into every score view of the story whose parameters differ (one transaction: the caller's). */
async function shareBreaks(trx: Kysely<Database>, storyId: string, breaks: number[] | null): Promise<void> {
	if (!breaks) return;
	for (const view of await listStoryViews(trx, storyId)) {
		const params = withStoryBreaks(view.params, breaks);
		if (viewQuery(params) !== viewQuery(view.params)) await updateViewRecord(trx, view.id, { params });
	}
}

/**
 * Sets the story's colour classes: the planner's breaks, or (`'baseline'`) breaks derived again from
 * the baseline of its first score view; every score view takes them. A story without a score view
 * has no classes to set.
 */
export async function setStoryBreaks(db: Kysely<Database>, storyId: string, choice: number[] | 'baseline'): Promise<Story> {
	const story = await getStory(db, storyId);
	const first = story.viewsList.find((v) => v.kind === 'scores');
	if (!first) throw new DomainError('invalid', 'This story has no score view yet: add one, then its colour classes can be set.');
	const breaks = choice === 'baseline' ? await baselineBreaks(db, story.placeId, first.params) : parseBreaks(choice.join(','));
	if (!breaks) throw new DomainError('invalid', 'Colour classes need four to eight increasing numbers above 0.');
	await db.transaction().execute(async (trx) => {
		await shareBreaks(trx, storyId, breaks);
		await updateStoryRecord(trx, storyId, {});
	});
	return getStory(db, storyId);
}

export async function updateStory(db: Kysely<Database>, id: string, update: StoryUpdate): Promise<Story> {
	await requireStory(db, id);
	await updateStoryRecord(db, id, update);
	return getStory(db, id);
}

export async function deleteStory(db: Kysely<Database>, id: string): Promise<void> {
	await requireStory(db, id);
	await deleteStoryRecord(db, id);
}

export async function addView(db: Kysely<Database>, storyId: string, input: NewView): Promise<Story> {
	const story = await getStory(db, storyId);
	const id = crypto.randomUUID();
	// Worked out before the transaction: deriving breaks scores the baseline, which takes a while.
	const breaks = await breaksFor(db, story.placeId, story.breaks, input.params);
	await db.transaction().execute(async (trx) => {
		const ids = await orderedViewIds(trx, storyId);
		if (ids.length >= 100) throw new DomainError('invalid', 'A story can hold at most 100 views.');
		await insertView(trx, { id, storyId, position: ids.length + 1, title: input.title, caption: input.caption ?? null, params: withStoryBreaks(input.params, breaks) });
		await shareBreaks(trx, storyId, breaks);
		const at = Math.min(input.position ?? ids.length + 1, ids.length + 1) - 1;
		ids.splice(at, 0, id);
		await setViewOrder(trx, storyId, ids);
	});
	return getStory(db, storyId);
}

async function requireView(db: Kysely<Database>, storyId: string, viewId: string): Promise<void> {
	const exists = isUuid(viewId) && (await storyViewExists(db, storyId, viewId));
	if (!exists) throw new DomainError('not_found', `Story "${storyId}" has no view "${viewId}".`);
}

export async function updateView(db: Kysely<Database>, storyId: string, viewId: string, update: ViewUpdate): Promise<Story> {
	const story = await getStory(db, storyId);
	await requireView(db, storyId, viewId);
	// A new link for a view keeps the story's classes; they change only through setStoryBreaks.
	const breaks = update.params ? await breaksFor(db, story.placeId, story.breaks, update.params) : null;
	await db.transaction().execute(async (trx) => {
		await updateViewRecord(trx, viewId, update.params ? { ...update, params: withStoryBreaks(update.params, breaks) } : update);
		await shareBreaks(trx, storyId, breaks);
		const ids = (await orderedViewIds(trx, storyId)).filter((id) => id !== viewId);
		const at = Math.min(update.position ?? Number.MAX_SAFE_INTEGER, ids.length + 1) - 1;
		if (update.position !== undefined) ids.splice(at, 0, viewId);
		else ids.splice((await viewPosition(trx, viewId)) - 1, 0, viewId);
		await setViewOrder(trx, storyId, ids);
	});
	return getStory(db, storyId);
}

export async function removeView(db: Kysely<Database>, storyId: string, viewId: string): Promise<Story> {
	await requireStory(db, storyId);
	await requireView(db, storyId, viewId);
	await db.transaction().execute(async (trx) => {
		await deleteViewRecord(trx, viewId);
		await setViewOrder(trx, storyId, await orderedViewIds(trx, storyId));
	});
	return getStory(db, storyId);
}

/**
 * Adds, right after a scenario's score view, the before/after difference map of the same score,
 * skills, distance, walk and camera: the change from the baseline to that scenario.
 */
export async function addDifferenceView(db: Kysely<Database>, storyId: string, viewId: string): Promise<Story> {
	const story = await getStory(db, storyId);
	const view = story.viewsList.find((v) => v.id === viewId);
	if (!view) throw new DomainError('not_found', `Story "${storyId}" has no view "${viewId}".`);
	if (view.kind !== 'scores' || !view.params.scenario) throw new DomainError('invalid', 'Only a score view with a scenario has a before/after difference map.');
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a difference has its own diverging classes
	const { breaks, cell, ...params } = view.params;
	const title = `Change: ${view.title}`.slice(0, 200);
	return addView(db, storyId, { title, caption: null, params: { ...params, difference: '1' }, position: view.position + 1 });
}
