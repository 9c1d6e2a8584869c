/**
 * Community finance (issue 15, part 5): network staff and administrators record awards (one by
 * one or a CSV file, all or nothing); everyone else sees only the published summary
 * (domain/finance/publish.ts: individuals never below k, never broken down). Reading the rows is
 * written to the audit log, since awards to individuals are about people.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Polygon } from 'geojson';
import type { Database } from '../db/schema';
import type { User as SessionUser } from '../auth/service';
import { invalid, notFound, tooLarge } from '../errors';
import { writeAudit } from '../audit/log';
import { placeExists } from '../assets/queries';
import { readAward, type AwardInput, REQUIRED_AWARD_FIELDS, AWARD_FIELDS } from '../../domain/finance/award-input';
import { publishFinance } from '../../domain/finance/publish';
import { formatHexCellId } from '../../domain/privacy/cell-ids';
import { DEFAULT_K } from '../../domain/privacy/publish';
import { isUuid } from '../../domain/uuid';
import { parseCsv, SourceFormatError } from '../../domain/imports/source';
import type { FinanceSummaryWire } from '../../contracts/finance';
import { awardsForPublication, cellOutlines, countAwards, deleteAward, insertAwards, listAwards, pointsOutsidePlace, siteIdsOfPlace, type AwardRecord } from './queries';

/** Side of the hexagons the map sums into: 1 km, the coarsest hex level of the publication. */
export const FINANCE_CELL_METRES = 1000;
/** A site's stated catchment for awards that name no site: 1.5 km, about 20 minutes' walk. */
export const FINANCE_CATCHMENT_METRES = 1500;
export const MAX_IMPORT_ROWS = 2000;
export const MAX_IMPORT_BYTES = 1024 * 1024;

const actorOf = (user: SessionUser) => ({ id: user.id, name: user.username, role: user.role });
const today = () => new Date().toISOString().slice(0, 10);

async function requirePlace(db: Kysely<Database>, placeId: string): Promise<void> {
	if (!(await placeExists(db, placeId))) throw notFound(`There is no place with id ${JSON.stringify(placeId.slice(0, 100))}.`);
}

/** Awards whose point is outside the place or whose named site is not one of its sites, by index. */
async function checkAgainstPlace(db: Kysely<Database>, placeId: string, awards: readonly AwardInput[]): Promise<{ index: number; field: string; message: string }[]> {
	const problems: { index: number; field: string; message: string }[] = [];
	for (const index of await pointsOutsidePlace(db, placeId, awards)) problems.push({ index, field: 'lon', message: 'puts the point (with the latitude) outside the place' });
	const sites = new Set((await siteIdsOfPlace(db, placeId)).map((s) => s.id));
	awards.forEach((a, index) => {
		if (a.macroAssetId && !sites.has(a.macroAssetId)) problems.push({ index, field: 'site', message: `names no site of this place ("${a.macroAssetId}")` });
	});
	return problems.sort((a, b) => a.index - b.index);
}

export async function recordAward(db: Kysely<Database>, user: SessionUser, placeId: string, fields: Readonly<Record<string, unknown>>): Promise<{ id: string }> {
	await requirePlace(db, placeId);
	const { value, problems } = readAward(fields, today());
	if (!value) throw invalid(problems.map((p) => `"${p.field}" ${p.message}`).join('; '), problems);
	const placeProblems = (await checkAgainstPlace(db, placeId, [value])).map(({ field, message }) => ({ field, message }));
	if (placeProblems.length) throw invalid(placeProblems.map((p) => `"${p.field}" ${p.message}`).join('; '), placeProblems);
	const id = randomUUID();
	await db.transaction().execute(async (trx) => {
		await insertAwards(trx, [{ id, placeId, ...value, createdBy: user.id }]);
		await writeAudit(trx, actorOf(user), { action: 'create', subject: 'community_finance', recordCount: 1, detail: { place: placeId } });
	});
	return { id };
}

/**
 * A CSV of awards (columns AWARD_FIELDS, header row first), all or nothing: every row is checked
 * and every problem named by row and column before anything is written, in one transaction.
 */
export async function importAwards(db: Kysely<Database>, user: SessionUser, placeId: string, csv: string, fileName = 'the file'): Promise<{ imported: number }> {
	await requirePlace(db, placeId);
	if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_BYTES) throw tooLarge(`${fileName} is larger than ${MAX_IMPORT_BYTES / 1024} KB.`);
	let file;
	try {
		file = parseCsv(csv, fileName);
	} catch (err) {
		if (err instanceof SourceFormatError) throw invalid(err.message, [{ field: 'file', message: err.message }]);
		throw err;
	}
	const missing = REQUIRED_AWARD_FIELDS.filter((f) => !file.fields.includes(f));
	const unknown = file.fields.filter((f) => !(AWARD_FIELDS as readonly string[]).includes(f));
	if (missing.length || unknown.length) {
		const message = [missing.length ? `missing column(s): ${missing.join(', ')}` : '', unknown.length ? `unknown column(s): ${unknown.join(', ')}` : ''].filter(Boolean).join('; ');
		throw invalid(`${fileName}: ${message}. The columns are ${AWARD_FIELDS.join(', ')} (site and note may be left out).`, [{ field: 'file', message }]);
	}
	if (!file.records.length) throw invalid(`${fileName} has a header but no rows.`, [{ field: 'file', message: 'no rows' }]);
	if (file.records.length > MAX_IMPORT_ROWS) throw tooLarge(`${fileName} has ${file.records.length} rows; at most ${MAX_IMPORT_ROWS} may be imported at once.`);

	const problems: { field: string; message: string }[] = [];
	const awards: AwardInput[] = [];
	const rowOf: number[] = [];
	for (const record of file.records) {
		if (record.unreadable) {
			problems.push({ field: `row ${record.number}`, message: `row ${record.number}: ${record.unreadable}` });
			continue;
		}
		const { value, problems: rowProblems } = readAward(record.attributes, today());
		for (const p of rowProblems) problems.push({ field: `row ${record.number} ${p.field}`, message: `row ${record.number}, column "${p.field}": ${p.message}` });
		if (value) {
			awards.push(value);
			rowOf.push(record.number);
		}
		if (problems.length >= 50) break;
	}
	if (!problems.length) {
		for (const p of await checkAgainstPlace(db, placeId, awards)) {
			problems.push({ field: `row ${rowOf[p.index]} ${p.field}`, message: `row ${rowOf[p.index]}, column "${p.field}" ${p.message}` });
		}
	}
	if (problems.length) {
		const shown = problems.slice(0, 50);
		throw invalid(`Nothing was imported: ${problems.length >= 50 ? 'at least ' : ''}${problems.length} problem(s). ${shown.map((p) => p.message).join('; ')}`, shown);
	}
	await db.transaction().execute(async (trx) => {
		await insertAwards(trx, awards.map((a) => ({ id: randomUUID(), placeId, ...a, createdBy: user.id })));
		await writeAudit(trx, actorOf(user), { action: 'create', subject: 'community_finance', recordCount: awards.length, detail: { place: placeId, import: fileName } });
	});
	return { imported: awards.length };
}

/** A page of the place's awards for staff, newest first; the read is audited. */
export async function listAwardRecords(db: Kysely<Database>, user: SessionUser, placeId: string, limit: number, offset: number): Promise<{ awards: AwardRecord[]; total: number }> {
	await requirePlace(db, placeId);
	return db.transaction().execute(async (trx) => {
		const [awards, total] = await Promise.all([listAwards(trx, placeId, limit, offset), countAwards(trx, placeId)]);
		await writeAudit(trx, actorOf(user), { action: 'read', subject: 'community_finance', recordCount: awards.length, detail: { place: placeId, offset } });
		return { awards, total };
	});
}

export async function removeAward(db: Kysely<Database>, user: SessionUser, placeId: string, id: string): Promise<void> {
	if (!isUuid(id) || !(await deleteAward(db, placeId, id))) throw notFound('That award does not exist (it may have been deleted already).');
	await writeAudit(db, actorOf(user), { action: 'delete', subject: 'community_finance', recordCount: 1, detail: { place: placeId } });
}

export async function placeSites(db: Kysely<Database>, placeId: string) {
	return siteIdsOfPlace(db, placeId);
}

/** The public summary of a place's community finance. */
export async function financeSummary(db: Kysely<Database>, placeId: string): Promise<FinanceSummaryWire> {
	await requirePlace(db, placeId);
	const [rows, outlines, sites] = await Promise.all([
		awardsForPublication(db, placeId, FINANCE_CELL_METRES, FINANCE_CATCHMENT_METRES),
		cellOutlines(db, placeId, FINANCE_CELL_METRES),
		siteIdsOfPlace(db, placeId)
	]);
	const cellId = (i: number, j: number) => formatHexCellId('hex1000', i, j);
	const summary = publishFinance(
		rows.map((r) => ({ amountGbp: r.amountGbp, kind: r.kind, recipientType: r.recipientType, receivedOn: r.receivedOn, cellId: r.i === null || r.j === null ? null : cellId(r.i, r.j), siteId: r.siteId })),
		DEFAULT_K
	);
	const byCell = new Map(summary.byCell.map((c) => [c.cellId, c]));
	const siteName = new Map(sites.map((s) => [s.id, s.name]));
	return {
		place: placeId,
		k: summary.k,
		cellSizeMetres: FINANCE_CELL_METRES,
		catchmentMetres: FINANCE_CATCHMENT_METRES,
		notes: [
			'Awards to organisations (social enterprises, community groups, charities, businesses, public bodies) are summed to the pound.',
			`Awards to individuals are never shown one by one, by area, by site or by year; only as one total for the place when there are at least ${summary.k}, the count rounded to 5 and the amount to £1,000.`,
			`Areas are 1 km hexagons; an award belongs to the site it names, else to the nearest site within ${FINANCE_CATCHMENT_METRES} m.`
		],
		total: summary.total,
		byKind: summary.byKind,
		byRecipientType: summary.byRecipientType,
		byYear: summary.byYear,
		bySite: summary.bySite.map((s) => ({ ...s, siteName: s.siteId ? (siteName.get(s.siteId) ?? s.siteId) : 'Outside every site’s catchment' })),
		cells: {
			type: 'FeatureCollection',
			features: outlines
				.map((o) => ({ id: cellId(o.i, o.j), o }))
				.filter(({ id }) => byCell.has(id))
				.map(({ id, o }) => ({ type: 'Feature' as const, geometry: o.geometry as Polygon, properties: { cell: id, amountGbp: byCell.get(id)!.amountGbp, awards: byCell.get(id)!.awards } }))
		},
		individuals: summary.individuals
	};
}
