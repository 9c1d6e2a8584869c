import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addView, createStory, deleteStory, getStory, listStories, removeView, updateView } from '../../src/lib/server/stories/index';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { asApiError, openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
});
afterAll(async () => {
	await database?.close();
});

describe('presentation stories', () => {
	it('keeps views in order through adding, inserting, moving and removing', async () => {
		const db = database.db;
		const story = await createStory(db, null, { place: 'greater-icknield', title: 'Hospital trust meeting' });
		expect(story.viewsList).toEqual([]);
		const one = await addView(db, story.id, { title: 'The area', params: { lon: '-1.93', lat: '52.485', z: '13' } });
		const two = await addView(db, story.id, { title: 'Nurses near the hospital', caption: 'Within 20 minutes’ walk', params: { scores: 'e2sfca', skill: 'nursing-midwifery' } });
		const first = await addView(db, story.id, { title: 'Opening', params: { z: '12' }, position: 1 });
		expect(first.viewsList.map((v) => [v.position, v.title])).toEqual([
			[1, 'Opening'],
			[2, 'The area'],
			[3, 'Nurses near the hospital']
		]);
		expect(first.viewsList[2]!.url).toBe('/?scores=e2sfca&skill=nursing-midwifery');
		const moved = await updateView(db, story.id, one.viewsList[0]!.id, { position: 3, caption: 'Greater Icknield' });
		expect(moved.viewsList.map((v) => v.title)).toEqual(['Opening', 'Nurses near the hospital', 'The area']);
		expect(moved.viewsList[2]!.caption).toBe('Greater Icknield');
		// A move alone (the builder's Up and Down buttons).
		const back = await updateView(db, story.id, one.viewsList[0]!.id, { position: 2 });
		expect(back.viewsList.map((v) => v.title)).toEqual(['Opening', 'The area', 'Nurses near the hospital']);
		await updateView(db, story.id, one.viewsList[0]!.id, { position: 3 });
		const renamed = await updateView(db, story.id, two.viewsList[1]!.id, { title: 'Nursing talent' });
		expect(renamed.viewsList.map((v) => v.title)).toEqual(['Opening', 'Nursing talent', 'The area']);
		const removed = await removeView(db, story.id, first.viewsList[0]!.id);
		expect(removed.viewsList.map((v) => [v.position, v.title])).toEqual([
			[1, 'Nursing talent'],
			[2, 'The area']
		]);
		expect((await listStories(db, 'greater-icknield')).find((s) => s.id === story.id)!.views).toBe(2);
		await deleteStory(db, story.id);
		await expect(asApiError(getStory(db, story.id))).rejects.toMatchObject({ code: 'not_found' });
	});

	it('refuses what it cannot keep, writing nothing', async () => {
		const db = database.db;
		await expect(asApiError(createStory(db, null, { place: 'atlantis', title: 'x' }))).rejects.toMatchObject({ code: 'unprocessable' });
		const story = await createStory(db, null, { place: 'greater-icknield', title: 'Refusals' });
		await expect(asApiError(updateView(db, story.id, '3f1c2b7e-5d4a-4c3b-9a8e-1f2d3c4b5a69', { title: 'x' }))).rejects.toMatchObject({ code: 'not_found' });
		await expect(asApiError(getStory(db, 'not-a-uuid'))).rejects.toMatchObject({ code: 'not_found' });
		expect((await getStory(db, story.id)).viewsList).toEqual([]);
	});
});
