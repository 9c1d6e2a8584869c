/**
 * Questionnaire versions: the current definition (version 1, the default questionnaire, is
 * written the first time anyone asks), any older version (responses keep theirs), and new
 * versions published by administrators after the definition's checks pass.
 */
import type { Kysely } from 'kysely';
import { DEFAULT_QUESTIONNAIRE, DEFAULT_QUESTIONNAIRE_ENGLISH, definitionProblems, type QuestionnaireDefinition } from '../../domain/questionnaire/definition';
import { withoutTranslations } from '../../domain/questionnaire/translations';
import { canonicalJson } from '../../domain/questionnaire/answers';
import { SYSTEM_ACTOR, writeAudit, type Actor } from '../audit/log';
import type { Database, Role } from '../db/schema';
import { conflict, DomainError, forbidden, invalid } from '../errors';
import { listSkillGroupIds } from '../assets/queries';
import { insertVersion, latestVersion, listVersionNumbers, selectVersion } from './queries';

export interface QuestionnaireVersion {
	version: number;
	createdAt: string;
	definition: QuestionnaireDefinition;
}

export interface Viewer {
	id: string;
	username: string;
	role: Role;
}

const actor = (v: Viewer): Actor => ({ id: v.id, name: v.username, role: v.role });

/** The newest version; writes version 1 (the default questionnaire) into a database that has none. */
export async function currentQuestionnaire(db: Kysely<Database>): Promise<QuestionnaireVersion> {
	let found = await latestVersion(db);
	if (!found) {
		await insertVersion(db, 1, JSON.stringify(DEFAULT_QUESTIONNAIRE), null);
		found = await latestVersion(db);
	}
	return { version: found!.version, createdAt: found!.createdAt, definition: found!.definition as QuestionnaireDefinition };
}

export async function questionnaireVersion(db: Kysely<Database>, version: number): Promise<QuestionnaireVersion | undefined> {
	if (!Number.isInteger(version) || version < 1 || version > 1_000_000) return undefined;
	if (version === 1) await currentQuestionnaire(db);
	const found = await selectVersion(db, version);
	return found && { version: found.version, createdAt: found.createdAt, definition: found.definition as QuestionnaireDefinition };
}

export async function listQuestionnaireVersions(db: Kysely<Database>): Promise<{ version: number; createdAt: string }[]> {
	await currentQuestionnaire(db);
	return listVersionNumbers(db);
}

/** Parses and checks a definition given as JSON text; every problem named by its path. */
export async function checkDefinitionText(db: Kysely<Database>, text: string): Promise<QuestionnaireDefinition> {
	// PostgreSQL's jsonb cannot hold a NUL, written as a character or as an escape.
	if (text.includes('\u0000') || text.includes('\\u0000')) throw invalid('"definition" must not contain a NUL character (\\u0000)', [{ field: 'definition', message: 'must not contain a NUL character' }]);
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (err) {
		throw invalid(`The definition is not valid JSON: ${(err as Error).message}`, [{ field: 'definition', message: 'is not valid JSON' }]);
	}
	const problems = definitionProblems(parsed, new Set(await listSkillGroupIds(db)));
	if (problems.length) {
		throw invalid(`The definition has ${problems.length} problem${problems.length > 1 ? 's' : ''}: ${problems.slice(0, 20).map((p) => `${p.field || 'definition'} ${p.message}`).join('; ')}`, problems);
	}
	return parsed as QuestionnaireDefinition;
}

/** Publishes a new version (administrators); the one before stays, and its responses keep it. */
export async function publishQuestionnaireVersion(db: Kysely<Database>, viewer: Viewer, definitionText: string, basedOn: number): Promise<QuestionnaireVersion> {
	if (viewer.role !== 'administrator') throw forbidden('Only administrators can publish a questionnaire version.');
	const definition = await checkDefinitionText(db, definitionText);
	return db.transaction().execute(async (trx) => {
		const current = await currentQuestionnaire(trx);
		if (current.version !== basedOn) throw conflict(`Version ${current.version} was published while you edited version ${basedOn}: start again from it.`);
		const version = current.version + 1;
		if (!(await insertVersion(trx, version, JSON.stringify(definition), viewer.id))) {
			throw new DomainError('conflict', `Version ${version} was just published by someone else: start again from it.`);
		}
		await writeAudit(trx, actor(viewer), { action: 'create', subject: 'questionnaire_version', recordCount: 1, detail: { version } });
		return { version, createdAt: new Date().toISOString(), definition };
	});
}

/**
 * The seed's step for databases made before the demo questionnaire had translations: when the
 * current version is the demo questionnaire in English only, publishes the same questions with
 * their wording in the site's languages as the next version (codes unchanged, so its answers are
 * the same data). Any other current version, an administrator's own, is left alone; a database
 * with no version gets the translated one when first asked (currentQuestionnaire).
 * Returns the version published, or null.
 */
export async function publishDemoQuestionnaireTranslations(db: Kysely<Database>): Promise<number | null> {
	const current = await latestVersion(db);
	if (!current) return null;
	const definition = current.definition as QuestionnaireDefinition;
	if (canonicalJson(definition) === canonicalJson(DEFAULT_QUESTIONNAIRE)) return null;
	if (canonicalJson(withoutTranslations(definition)) !== canonicalJson(DEFAULT_QUESTIONNAIRE_ENGLISH)) return null;
	const version = current.version + 1;
	if (!(await insertVersion(db, version, JSON.stringify(DEFAULT_QUESTIONNAIRE), null))) return null;
	await writeAudit(db, SYSTEM_ACTOR, { action: 'create', subject: 'questionnaire_version', recordCount: 1, detail: { version, translations: true } });
	return version;
}
