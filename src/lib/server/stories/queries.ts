/**
 * The SQL of presentation stories and their views. The only module that builds SQL for the story
 * tables; it returns the contract's types, never rows. Functions that change view positions take
 * the transaction the service opened, so a renumbering is all or nothing; the service holds the
 * rules (where a view goes, how many a story may hold).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { StorySummary, StoryView, ViewParams } from '../../contracts/stories';

type Db = Kysely<Database>;

/** A view as stored: everything but the map URL, which the service derives from the parameters. */
export type StoredView = Omit<StoryView, 'url' | 'kind'>;

function summaryQuery(db: Db) {
	return db
		.selectFrom('story as s')
		.leftJoin('app_user as u', 'u.id', 's.created_by')
		.select(['s.id', 's.place_id', 's.title', 's.description', 'u.display_name as created_by_name', 's.updated_at', sql<number>`(SELECT count(*) FROM story_view v WHERE v.story_id = s.id)`.as('views')]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function toSummary(row: SummaryRow): StorySummary {
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

/** Stories, most recently changed first, of one place or of all. */
export async function listStorySummaries(db: Db, placeId?: string): Promise<StorySummary[]> {
	let query = summaryQuery(db);
	if (placeId) query = query.where('s.place_id', '=', placeId);
	return (await query.orderBy('s.updated_at', 'desc').execute()).map(toSummary);
}

export async function getStorySummary(db: Db, id: string): Promise<StorySummary | undefined> {
	const row = await summaryQuery(db).where('s.id', '=', id).executeTakeFirst();
	return row && toSummary(row);
}

/** Whether there is a story with this id (a uuid). */
export async function storyExists(db: Db, id: string): Promise<boolean> {
	return (await db.selectFrom('story').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertStory(db: Db, story: { id: string; placeId: string; title: string; description: string | null; createdBy: string | null }): Promise<void> {
	await db
		.insertInto('story')
		.values({ id: story.id, place_id: story.placeId, title: story.title, description: story.description, created_by: story.createdBy })
		.execute();
}

/** Retitles or redescribes a story and marks it changed. */
export async function updateStoryRecord(db: Db, id: string, update: { title?: string; description?: string | null }): Promise<void> {
	await db
		.updateTable('story')
		.set({
			...(update.title ? { title: update.title } : {}),
			...(update.description !== undefined ? { description: update.description } : {}),
			updated_at: sql<Date>`now()`
		})
		.where('id', '=', id)
		.execute();
}

/** Deletes a story; its views go with it (ON DELETE CASCADE). */
export async function deleteStoryRecord(db: Db, id: string): Promise<void> {
	await db.deleteFrom('story').where('id', '=', id).execute();
}

/** jsonb from text: typed as text so neither driver encodes the JSON a second time. */
function jsonb(params: ViewParams) {
	return sql<string>`(${JSON.stringify(params)}::text)::jsonb`;
}

function parseParams(value: unknown): ViewParams {
	return (typeof value === 'string' ? JSON.parse(value) : value) as ViewParams;
}

/** The story's views in presentation order. */
export async function listStoryViews(db: Db, storyId: string): Promise<StoredView[]> {
	const views = await db.selectFrom('story_view').select(['id', 'position', 'title', 'caption', 'params']).where('story_id', '=', storyId).orderBy('position').execute();
	return views.map((v) => ({ id: v.id, position: v.position, title: v.title, caption: v.caption, params: parseParams(v.params) }));
}

export async function storyViewExists(db: Db, storyId: string, viewId: string): Promise<boolean> {
	const row = await db.selectFrom('story_view').select('id').where('story_id', '=', storyId).where('id', '=', viewId).executeTakeFirst();
	return row !== undefined;
}

/** The ids of the story's views in presentation order. */
export async function orderedViewIds(db: Db, storyId: string): Promise<string[]> {
	return (await db.selectFrom('story_view').select('id').where('story_id', '=', storyId).orderBy('position').execute()).map((v) => v.id);
}

/** The view's current position; it must exist. */
export async function viewPosition(db: Db, viewId: string): Promise<number> {
	return (await db.selectFrom('story_view').select('position').where('id', '=', viewId).executeTakeFirstOrThrow()).position;
}

/** Adds a view at a position (the caller renumbers the rest with {@link setViewOrder}). */
export async function insertView(db: Db, view: StoredView & { storyId: string }): Promise<void> {
	await db
		.insertInto('story_view')
		.values({ id: view.id, story_id: view.storyId, position: view.position, title: view.title, caption: view.caption, params: jsonb(view.params) })
		.execute();
}

/** Changes what is given of a view; its position is {@link setViewOrder}'s. */
export async function updateViewRecord(db: Db, viewId: string, update: { title?: string; caption?: string | null; params?: ViewParams }): Promise<void> {
	const changes = {
		...(update.title ? { title: update.title } : {}),
		...(update.caption !== undefined ? { caption: update.caption } : {}),
		...(update.params ? { params: jsonb(update.params) } : {})
	};
	// A move alone changes no column of the view itself.
	if (Object.keys(changes).length > 0) await db.updateTable('story_view').set(changes).where('id', '=', viewId).execute();
}

export async function deleteViewRecord(db: Db, viewId: string): Promise<void> {
	await db.deleteFrom('story_view').where('id', '=', viewId).execute();
}

/** Gives the views positions 1..n in the given order and marks the story changed. */
export async function setViewOrder(db: Db, storyId: string, orderedIds: readonly string[]): Promise<void> {
	for (const [index, viewId] of orderedIds.entries()) {
		await db.updateTable('story_view').set({ position: index + 1 }).where('id', '=', viewId).execute();
	}
	await db.updateTable('story').set({ updated_at: sql<Date>`now()` }).where('id', '=', storyId).execute();
}
