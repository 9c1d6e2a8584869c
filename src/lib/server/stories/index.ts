/**
 * Presentation stories: an ordered list of map views a planner steps through in a meeting. A view
 * is a title, a caption and the map's URL parameters, so the view and its shareable link restore
 * the same map. Positions stay dense (1..n): adding, moving and removing renumber in one transaction.
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
	return { ...head, viewsList: views.map((v): StoryView => ({ ...v, url: `/?${viewQuery(v.params)}` })) };
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
	await requireStory(db, storyId);
	const id = crypto.randomUUID();
	await db.transaction().execute(async (trx) => {
		const ids = await orderedViewIds(trx, storyId);
		if (ids.length >= 100) throw new DomainError('invalid', 'A story can hold at most 100 views.');
		await insertView(trx, { id, storyId, position: ids.length + 1, title: input.title, caption: input.caption ?? null, params: input.params });
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
	await requireStory(db, storyId);
	await requireView(db, storyId, viewId);
	await db.transaction().execute(async (trx) => {
		await updateViewRecord(trx, viewId, update);
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
