/**
 * The demo questionnaire's translations reach a database made before they existed: the seed's
 * step publishes them as the next version over the English-only demo questionnaire, once, and
 * never over an administrator's own version. Answers stay the same codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE, DEFAULT_QUESTIONNAIRE_ENGLISH } from '../../src/lib/domain/questionnaire/definition';
import { localiseDefinition } from '../../src/lib/domain/questionnaire/translations';
import { listAudit } from '../../src/lib/server/audit/log';
import { insertVersion } from '../../src/lib/server/questionnaires/queries';
import { currentQuestionnaire, publishDemoQuestionnaireTranslations } from '../../src/lib/server/questionnaires/service';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe('publishDemoQuestionnaireTranslations', () => {
	it('publishes the translated demo questionnaire over its English-only copy once, and leaves other versions alone', async () => {
		const db = database.db;
		// A database with no version yet: nothing to do (the first reader gets the translated one).
		expect(await publishDemoQuestionnaireTranslations(db)).toBeNull();
		// As a database made before translations: version 1 in English only.
		expect(await insertVersion(db, 1, JSON.stringify(DEFAULT_QUESTIONNAIRE_ENGLISH), null)).toBe(true);
		expect(localiseDefinition((await currentQuestionnaire(db)).definition, 'ur').title.lang).toBe('en');

		expect(await publishDemoQuestionnaireTranslations(db)).toBe(2);
		const current = await currentQuestionnaire(db);
		expect(current.version).toBe(2);
		expect(current.definition).toEqual(DEFAULT_QUESTIONNAIRE);
		expect(localiseDefinition(current.definition, 'ur').title).toEqual({ text: 'Greater Icknield میں ہنر، خیالات اور شوق', lang: 'ur' });
		expect((await listAudit(db, { action: 'create' })).some((e) => e.subject === 'questionnaire_version' && e.detail.version === 2 && e.actorName === 'system')).toBe(true);
		// Again: already translated, nothing published.
		expect(await publishDemoQuestionnaireTranslations(db)).toBeNull();

		// An administrator's own version (a question reworded) is never replaced.
		const own = structuredClone(DEFAULT_QUESTIONNAIRE_ENGLISH);
		own.questions[1]!.label = 'How old are you?';
		expect(await insertVersion(db, 3, JSON.stringify(own), null)).toBe(true);
		expect(await publishDemoQuestionnaireTranslations(db)).toBeNull();
		expect((await currentQuestionnaire(db)).version).toBe(3);
	});
});
