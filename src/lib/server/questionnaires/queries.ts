/**
 * The SQL of questionnaire versions and the voucher rule and ledger (not person-level: the
 * responses themselves live in restricted/responses/).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { VoucherRule } from '../../domain/questionnaire/vouchers';

type Db = Kysely<Database>;

/** JSON text as jsonb: cast from text, or postgres.js would store the text as a JSON string. */
const jsonbFromText = (json: string) => sql<string>`${json}::text::jsonb`;

export interface StoredVersion {
	version: number;
	definition: unknown;
	createdAt: string;
}

export async function latestVersion(db: Db): Promise<StoredVersion | undefined> {
	const row = await db.selectFrom('questionnaire_version').select(['version', 'definition', 'created_at']).orderBy('version', 'desc').limit(1).executeTakeFirst();
	return row && { version: row.version, definition: row.definition, createdAt: new Date(row.created_at).toISOString() };
}

export async function selectVersion(db: Db, version: number): Promise<StoredVersion | undefined> {
	const row = await db.selectFrom('questionnaire_version').select(['version', 'definition', 'created_at']).where('version', '=', version).executeTakeFirst();
	return row && { version: row.version, definition: row.definition, createdAt: new Date(row.created_at).toISOString() };
}

export async function listVersionNumbers(db: Db): Promise<{ version: number; createdAt: string }[]> {
	const rows = await db.selectFrom('questionnaire_version').select(['version', 'created_at']).orderBy('version', 'desc').execute();
	return rows.map((r) => ({ version: r.version, createdAt: new Date(r.created_at).toISOString() }));
}

/** Inserts a version unless that number exists; true when inserted. */
export async function insertVersion(db: Db, version: number, definitionJson: string, createdBy: string | null): Promise<boolean> {
	const rows = await db
		.insertInto('questionnaire_version')
		.values({ version, definition: jsonbFromText(definitionJson), created_by: createdBy })
		.onConflict((oc) => oc.column('version').doNothing())
		.returning('version')
		.execute();
	return rows.length === 1;
}

export async function selectVoucherRule(db: Db): Promise<VoucherRule> {
	const row = await db.selectFrom('voucher_rule').select(['amount_pence', 'batch_size', 'cap_pence']).executeTakeFirstOrThrow();
	return { amountPence: row.amount_pence, batchSize: row.batch_size, capPence: row.cap_pence };
}

export async function updateVoucherRule(db: Db, rule: VoucherRule): Promise<void> {
	await db.updateTable('voucher_rule').set({ amount_pence: rule.amountPence, batch_size: rule.batchSize, cap_pence: rule.capPence, updated_at: new Date() }).execute();
}

/** Pence issued per researcher id. */
export async function issuedByResearcher(db: Db, researcherId?: string): Promise<Map<string, number>> {
	let q = db.selectFrom('voucher_issue').select(['researcher_id', (eb) => eb.fn.sum<string>('amount_pence').as('pence')]).groupBy('researcher_id');
	if (researcherId) q = q.where('researcher_id', '=', researcherId);
	const rows = await q.execute();
	return new Map(rows.map((r) => [r.researcher_id, Number(r.pence)]));
}

export async function insertVoucherIssue(db: Db, issue: { id: string; researcherId: string; amountPence: number; issuedBy: string; note: string | null }): Promise<void> {
	await db.insertInto('voucher_issue').values({ id: issue.id, researcher_id: issue.researcherId, amount_pence: issue.amountPence, issued_by: issue.issuedBy, note: issue.note }).execute();
}

/** Takes a transaction-long lock on the voucher ledger so two issuers cannot both pay what is owed. */
export async function lockVoucherLedger(db: Db): Promise<void> {
	await db.selectFrom('voucher_rule').select('id').forUpdate().execute();
}

export interface ResearcherAccount {
	id: string;
	username: string;
	displayName: string;
}

/** Active researcher accounts, by name. */
export async function listResearchers(db: Db): Promise<ResearcherAccount[]> {
	const rows = await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('role', '=', 'researcher').where('disabled', '=', false).orderBy('display_name').execute();
	return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}

/** A researcher account named by username or id (case-insensitive username), or undefined. */
export async function findResearcher(db: Db, nameOrId: string): Promise<ResearcherAccount | undefined> {
	const all = await listResearchers(db);
	const wanted = nameOrId.trim().toLowerCase();
	return all.find((r) => r.id === wanted || r.username.toLowerCase() === wanted);
}
