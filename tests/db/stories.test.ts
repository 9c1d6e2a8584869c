import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDifferenceView, addView, createStory, deleteStory, getStory, listStories, removeView, setStoryBreaks, updateView } from '../../src/lib/server/stories/index';
import { createScenario } from '../../src/lib/server/scenarios/index';
import { getTileSummary } from '../../src/lib/server/tiles/summary';
import { fixedBreaksOf } from '../../src/lib/domain/scoring/score-settings';
import type { ScoreTileSummary } from '../../src/lib/contracts/tiles';
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
		// A score view takes the story's colour classes (derived from its baseline: the story had none).
		expect(first.viewsList[2]!.url).toMatch(/^\/\?breaks=[\d.%2C]+&scores=e2sfca&skill=nursing-midwifery$/);
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

	it('keeps one set of colour classes for the story: derived once from the baseline, shared by baseline and scenario, chosen by the planner', async () => {
		const db = database.db;
		const scenario = await createScenario(db, null, { place: 'greater-icknield', name: 'Story classes: ward opens' });
		const story = await createStory(db, null, { place: 'greater-icknield', title: 'Classes' });
		const opening = await addView(db, story.id, { title: 'The area', params: { z: '12' } });
		expect(opening.breaks).toBeNull();
		expect(opening.viewsList[0]!.kind).toBe('map');

		// The first score view: breaks derived from its baseline (same score, skills, walk; no scenario).
		const baselineParams = { scores: '2sfca', skill: 'nursing-midwifery', walk: '15' };
		const withBaseline = await addView(db, story.id, { title: 'Baseline', params: baselineParams });
		const summary = (await getTileSummary(db, 'opportunity-scores', new URLSearchParams({ place: 'greater-icknield', method: '2sfca', skill: 'nursing-midwifery', distance: 'straight', threshold: '15' }), undefined)) as ScoreTileSummary;
		const derived = fixedBreaksOf(summary.distribution);
		expect(derived.length).toBeGreaterThanOrEqual(4);
		expect(withBaseline.breaks).toEqual(derived);
		expect(withBaseline.viewsList[1]!.params.breaks).toBe(derived.join(','));

		// A scenario view takes the story's classes, whatever classes its own link carried.
		const withScenario = await addView(db, story.id, { title: 'Scenario', params: { ...baselineParams, scenario: scenario.id, breaks: '100,200,300,400' } });
		expect(withScenario.viewsList.map((v) => v.params.breaks ?? null)).toEqual([null, derived.join(','), derived.join(',')]);
		expect(withScenario.viewsList[2]!.kind).toBe('scores');

		// Its before/after difference map goes right after it and carries no score classes.
		const withDifference = await addDifferenceView(db, story.id, withScenario.viewsList[2]!.id);
		const difference = withDifference.viewsList[3]!;
		expect(difference).toMatchObject({ kind: 'difference', title: 'Change: Scenario', position: 4 });
		expect(difference.params).toEqual({ ...baselineParams, scenario: scenario.id, difference: '1' });
		await expect(asApiError(addDifferenceView(db, story.id, withBaseline.viewsList[1]!.id))).rejects.toMatchObject({ code: 'unprocessable' });

		// The planner's own breaks go into every score view at once, and stay stored.
		await setStoryBreaks(db, story.id, [0.5, 1, 2, 4, 8]);
		const chosen = await getStory(db, story.id);
		expect(chosen.breaks).toEqual([0.5, 1, 2, 4, 8]);
		expect(chosen.viewsList.map((v) => v.params.breaks ?? null)).toEqual([null, '0.5,1,2,4,8', '0.5,1,2,4,8', null]);
		expect(chosen.viewsList[2]!.url).toContain('breaks=0.5%2C1%2C2%2C4%2C8');
		// A new link for a score view keeps the story's classes.
		const relinked = await updateView(db, story.id, chosen.viewsList[1]!.id, { params: { ...baselineParams, breaks: '3,4,5,6' } });
		expect(relinked.breaks).toEqual([0.5, 1, 2, 4, 8]);
		expect(relinked.viewsList[1]!.params.breaks).toBe('0.5,1,2,4,8');
		// Derived again from the baseline on request.
		expect((await setStoryBreaks(db, story.id, 'baseline')).breaks).toEqual(derived);
		await expect(asApiError(setStoryBreaks(db, story.id, [1, 2]))).rejects.toMatchObject({ code: 'unprocessable' });
		const empty = await createStory(db, null, { place: 'greater-icknield', title: 'No scores' });
		await expect(asApiError(setStoryBreaks(db, empty.id, [1, 2, 3, 4]))).rejects.toMatchObject({ code: 'unprocessable' });
	});
});
