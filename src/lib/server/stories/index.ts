/**
 * Presentation stories: an ordered list of map views a planner steps through in a meeting. A view
 * is a title, a caption and the map's URL parameters, so the view and its shareable link restore
 * the same map. Positions stay dense (1..n): adding, moving and removing renumber in one transaction.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { viewParamsProblem, viewQuery, type ViewParams } from '../../domain/stories/view-params';
import { isUuid } from '../../domain/uuid';
import type { Database } from '../db/schema';
import { checks, FieldProblem, parseObject, type FieldCheck } from '../http/body';
import { ApiError } from '../http/errors';

export interface StorySummary {
	id: string;
	placeId: string;
	title: string;
	description: string | null;
	createdBy: string | null;
	updatedAt: string;
	views: number;
}

export interface StoryView {
	id: string;
	position: number;
	title: string;
	caption: string | null;
	params: ViewParams;
	/** The map URL that restores this view: `/?<query>`. */
	url: string;
}

export interface Story extends StorySummary {
	viewsList: StoryView[];
}

const paramsCheck: FieldCheck<ViewParams> = (value) => {
	const problem = viewParamsProblem(value);
	if (problem) throw new FieldProblem(problem);
	return value as ViewParams;
};

export const NEW_STORY_SHAPE = { place: { check: checks.string(63) }, title: { check: checks.string(200) }, description: { check: checks.nullable(checks.string(2000)), optional: true } } as const;
export const STORY_UPDATE_SHAPE = { title: { check: checks.string(200), optional: true }, description: { check: checks.nullable(checks.string(2000)), optional: true } } as const;
export const NEW_VIEW_SHAPE = {
	title: { check: checks.string(200) },
	caption: { check: checks.nullable(checks.string(1000)), optional: true },
	params: { check: paramsCheck },
	position: { check: checks.integer(1, 1000), optional: true }
} as const;
export const VIEW_UPDATE_SHAPE = {
	title: { check: checks.string(200), optional: true },
	caption: { check: checks.nullable(checks.string(1000)), optional: true },
	params: { check: paramsCheck, optional: true },
	position: { check: checks.integer(1, 1000), optional: true }
} as const;

export type NewStory = ReturnType<typeof parseObject<typeof NEW_STORY_SHAPE>>;
export type StoryUpdate = ReturnType<typeof parseObject<typeof STORY_UPDATE_SHAPE>>;
export type NewView = ReturnType<typeof parseObject<typeof NEW_VIEW_SHAPE>>;
export type ViewUpdate = ReturnType<typeof parseObject<typeof VIEW_UPDATE_SHAPE>>;

function summaryQuery(db: Kysely<Database>) {
	return db
		.selectFrom('story as s')
		.leftJoin('app_user as u', 'u.id', 's.created_by')
		.select(['s.id', 's.place_id', 's.title', 's.description', 'u.display_name as created_by_name', 's.updated_at', sql<number>`(SELECT count(*) FROM story_view v WHERE v.story_id = s.id)`.as('views')]);
}

function summary(row: { id: string; place_id: string; title: string; description: string | null; created_by_name: string | null; updated_at: Date | string; views: number | string }): StorySummary {
	return {
		id: row.id,
		placeId: row.place_id,
		title: row.title,
		description: row.description,
		createdBy: row.created_by_name,
		updatedAt: new Date(row.updated_at).toISOString(),
		views: Number(row.views)
	};
}

export async function listStories(db: Kysely<Database>, placeId?: string): Promise<StorySummary[]> {
	let query = summaryQuery(db);
	if (placeId) query = query.where('s.place_id', '=', placeId);
	return (await query.orderBy('s.updated_at', 'desc').execute()).map(summary);
}

export async function createStory(db: Kysely<Database>, userId: string | null, input: NewStory): Promise<Story> {
	const place = await db.selectFrom('place').select('id').where('id', '=', input.place).executeTakeFirst();
	if (!place) throw new ApiError('unprocessable', `"place" must be an existing place id; "${input.place}" is not.`);
	const id = crypto.randomUUID();
	await db.insertInto('story').values({ id, place_id: input.place, title: input.title, description: input.description ?? null, created_by: userId }).execute();
	return getStory(db, id);
}

async function requireStory(db: Kysely<Database>, id: string): Promise<void> {
	const row = isUuid(id) ? await db.selectFrom('story').select('id').where('id', '=', id).executeTakeFirst() : undefined;
	if (!row) throw new ApiError('not_found', `There is no story "${id}".`);
}

/** jsonb from text: typed as text so neither driver encodes the JSON a second time. */
function jsonb(params: ViewParams) {
	return sql<string>`(${JSON.stringify(params)}::text)::jsonb`;
}

function parseParams(value: unknown): ViewParams {
	return (typeof value === 'string' ? JSON.parse(value) : value) as ViewParams;
}

export async function getStory(db: Kysely<Database>, id: string): Promise<Story> {
	await requireStory(db, id);
	const head = summary(await summaryQuery(db).where('s.id', '=', id).executeTakeFirstOrThrow());
	const views = await db.selectFrom('story_view').select(['id', 'position', 'title', 'caption', 'params']).where('story_id', '=', id).orderBy('position').execute();
	return {
		...head,
		viewsList: views.map((v) => {
			const params = parseParams(v.params);
			return { id: v.id, position: v.position, title: v.title, caption: v.caption, params, url: `/?${viewQuery(params)}` };
		})
	};
}

export async function updateStory(db: Kysely<Database>, id: string, update: StoryUpdate): Promise<Story> {
	await requireStory(db, id);
	await db
		.updateTable('story')
		.set({ ...(update.title ? { title: update.title } : {}), ...(update.description !== undefined ? { description: update.description } : {}), updated_at: sql<Date>`now()` })
		.where('id', '=', id)
		.execute();
	return getStory(db, id);
}

export async function deleteStory(db: Kysely<Database>, id: string): Promise<void> {
	await requireStory(db, id);
	await db.deleteFrom('story').where('id', '=', id).execute();
}

/** Moves views so that positions are 1..n in the given order. */
async function renumber(trx: Kysely<Database>, storyId: string, orderedIds: readonly string[]): Promise<void> {
	for (const [index, viewId] of orderedIds.entries()) {
		await trx.updateTable('story_view').set({ position: index + 1 }).where('id', '=', viewId).execute();
	}
	await trx.updateTable('story').set({ updated_at: sql<Date>`now()` }).where('id', '=', storyId).execute();
}

async function orderedViewIds(trx: Kysely<Database>, storyId: string): Promise<string[]> {
	return (await trx.selectFrom('story_view').select('id').where('story_id', '=', storyId).orderBy('position').execute()).map((v) => v.id);
}

export async function addView(db: Kysely<Database>, storyId: string, input: NewView): Promise<Story> {
	await requireStory(db, storyId);
	const id = crypto.randomUUID();
	await db.transaction().execute(async (trx) => {
		const ids = await orderedViewIds(trx, storyId);
		if (ids.length >= 100) throw new ApiError('unprocessable', 'A story can hold at most 100 views.');
		await trx
			.insertInto('story_view')
			.values({ id, story_id: storyId, position: ids.length + 1, title: input.title, caption: input.caption ?? null, params: jsonb(input.params) })
			.execute();
		const at = Math.min(input.position ?? ids.length + 1, ids.length + 1) - 1;
		ids.splice(at, 0, id);
		await renumber(trx, storyId, ids);
	});
	return getStory(db, storyId);
}

async function requireView(db: Kysely<Database>, storyId: string, viewId: string): Promise<void> {
	const row = isUuid(viewId) ? await db.selectFrom('story_view').select('id').where('story_id', '=', storyId).where('id', '=', viewId).executeTakeFirst() : undefined;
	if (!row) throw new ApiError('not_found', `Story "${storyId}" has no view "${viewId}".`);
}

export async function updateView(db: Kysely<Database>, storyId: string, viewId: string, update: ViewUpdate): Promise<Story> {
	await requireStory(db, storyId);
	await requireView(db, storyId, viewId);
	await db.transaction().execute(async (trx) => {
		const changes = {
			...(update.title ? { title: update.title } : {}),
			...(update.caption !== undefined ? { caption: update.caption } : {}),
			...(update.params ? { params: jsonb(update.params) } : {})
		};
		// A move alone changes no column of the view itself.
		if (Object.keys(changes).length > 0) await trx.updateTable('story_view').set(changes).where('id', '=', viewId).execute();
		const ids = (await orderedViewIds(trx, storyId)).filter((id) => id !== viewId);
		const at = Math.min(update.position ?? Number.MAX_SAFE_INTEGER, ids.length + 1) - 1;
		if (update.position !== undefined) ids.splice(at, 0, viewId);
		else ids.splice((await trx.selectFrom('story_view').select('position').where('id', '=', viewId).executeTakeFirstOrThrow()).position - 1, 0, viewId);
		await renumber(trx, storyId, ids);
	});
	return getStory(db, storyId);
}

export async function removeView(db: Kysely<Database>, storyId: string, viewId: string): Promise<Story> {
	await requireStory(db, storyId);
	await requireView(db, storyId, viewId);
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('story_view').where('id', '=', viewId).execute();
		await renumber(trx, storyId, await orderedViewIds(trx, storyId));
	});
	return getStory(db, storyId);
}
