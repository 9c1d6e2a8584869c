/**
 * Imports a file of macro-assets, opportunities, hubs, enterprises, reference areas or IMD values.
 *
 * All or nothing: the file is validated whole before anything is written, and every write happens
 * in one transaction, so a file with any bad row changes nothing. Re-imports upsert: a row
 * with the same id (reference areas: the same area type and code) is updated, in the columns the
 * file supplies; other rows are inserted. A dry run does everything and then rolls back.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ImportCommand } from '../../domain/imports/arguments';
import type { Crs } from '../../domain/imports/crs';
import { MAX_REPAIR_POSITIONS } from '../../domain/imports/geometry';
import { KIND_SPECS, type ImportKind, type Reference } from '../../domain/imports/kinds';
import { ProblemList } from '../../domain/imports/problems';
import { validateImport, type ImportRecord, type ValidImport } from '../../domain/imports/records';
import type { SourceFile, SourceFormat } from '../../domain/imports/source';
import { allIds, findInvalidPolygons, findPlace, placeIds, updateImdBatch, updatePopulationBatch, upsertBatch } from './queries';
import { readSourceFile, UnreadableFile } from './read-file';

/** The import was refused; nothing was written. `problems` are the messages to show. */
export class ImportRefused extends Error {
	override name = 'ImportRefused';
	constructor(
		readonly file: string,
		readonly problems: readonly string[]
	) {
		super(`${file}: import refused, nothing written:\n  ${problems.join('\n  ')}`);
	}
}

export interface MatchedByCode {
	readonly matched: number;
	readonly unmatched: number;
	readonly unmatchedExamples: readonly string[];
}

export interface ImportReport {
	readonly kind: ImportKind;
	readonly file: string;
	readonly format: SourceFormat;
	readonly crs?: { readonly crs: Crs; readonly from: string };
	/** Which file field filled which column. */
	readonly fieldSources: ReadonlyMap<string, string>;
	/** Records in the file (features or rows). */
	readonly records: number;
	readonly inserted: number;
	readonly updated: number;
	readonly place?: string;
	/** Rows whose geometry does not meet their place's boundary (a minority, or the import is refused). */
	readonly outsidePlace: number;
	/** Up to five of them, by label. */
	readonly outsideExamples: readonly string[];
	/** Rows stored as a point on their polygon's surface (--as-point). */
	readonly asPoints: number;
	/** Invalid polygons stored repaired (--make-valid). */
	readonly repaired: number;
	/** imd only: LSOAs found by code, and codes in the file with no LSOA here. */
	readonly imd?: MatchedByCode;
	/** population only: areas of the type found by code, and codes in the file with no such area here. */
	readonly population?: MatchedByCode & { readonly areaType: string };
	readonly dryRun: boolean;
	readonly milliseconds: number;
}

/** Rows per INSERT, and vertices per INSERT for polygons: keeps statements well under size limits. */
const BATCH_ROWS = 500;
const BATCH_POSITIONS = 25_000;

function* batches(records: readonly ImportRecord[]): Generator<ImportRecord[]> {
	let batch: ImportRecord[] = [];
	let positions = 0;
	for (const record of records) {
		if (batch.length && (batch.length >= BATCH_ROWS || positions + record.positions > BATCH_POSITIONS)) {
			yield batch;
			batch = [];
			positions = 0;
		}
		batch.push(record);
		positions += record.positions;
	}
	if (batch.length) yield batch;
}

const REFERENCE_TABLES = { 'macro-asset': 'macro_asset', 'skill-group': 'skill_group' } as const;

/** Thrown inside the transaction to roll a dry run back while keeping its report. */
class DryRunFinished extends Error {
	constructor(readonly report: ImportReport) {
		super('dry run');
	}
}

/**
 * Finds polygons that are well-formed but invalid (self-intersecting rings and the like): refused
 * with their reason, or with `makeValid` returned as the set to store repaired. Generalised
 * boundaries have a few (8 of Birmingham's 3,223 output areas of 2011 do).
 */
async function checkPolygonValidity(db: Kysely<Database>, valid: ValidImport, makeValid: boolean): Promise<Set<number>> {
	const problems = new ProblemList();
	const repair = new Set<number>();
	const byNumber = new Map(valid.records.map((record) => [record.number, record]));
	const tryRepair = new Set(
		makeValid ? valid.records.filter((record) => record.positions <= MAX_REPAIR_POSITIONS).map((record) => record.number) : []
	);
	for (const batch of batches(valid.records)) {
		for (const invalid of await findInvalidPolygons(db, batch, tryRepair)) {
			const { label, positions } = byNumber.get(invalid.number)!;
			if (makeValid && invalid.repairable) repair.add(invalid.number);
			else if (makeValid && !tryRepair.has(invalid.number)) {
				problems.add(
					`${label}: the polygon is not valid (${invalid.reason}) and has ${positions} positions; --make-valid repairs at most ` +
						`${MAX_REPAIR_POSITIONS}: simplify it first, or repair it in a GIS (e.g. QGIS Fix geometries)`
				);
			} else if (makeValid) problems.add(`${label}: the polygon is not valid (${invalid.reason}) and repairing it leaves no area`);
			else {
				problems.add(
					`${label}: the polygon is not valid (${invalid.reason}); fix it, or pass --make-valid to store it repaired by ST_MakeValid`
				);
			}
		}
	}
	if (problems.count) throw new ImportRefused(valid.fileName, problems.messages());
	return repair;
}

/**
 * Refuses an import whose rows mostly miss the place: the wrong --place, or no --place where the
 * only place is another one (hubs landing in the demo place), or a file with longitude and
 * latitude swapped (detected when the swap would put most of the missing rows inside).
 */
async function refuseMisplaced(
	db: Kysely<Database>,
	fileName: string,
	placeId: string,
	records: number,
	outside: readonly string[],
	swappedInside: readonly string[],
	{ placeDefaulted, allowOutside }: { placeDefaulted: boolean; allowOutside: boolean }
): Promise<void> {
	const examples = (labels: readonly string[]) => labels.slice(0, 3).join(', ') + (labels.length > 3 ? ', ...' : '');
	if (swappedInside.length > 0 && swappedInside.length * 2 >= outside.length) {
		throw new ImportRefused(fileName, [
			`longitude and latitude look swapped: ${outside.length} of ${records} lie outside place ${placeId}, and ${swappedInside.length} of those ` +
				`(${examples(swappedInside)}) would lie inside it with x and y exchanged; a file's positions are [longitude, latitude] ` +
				'(x = longitude, east-west; y = latitude): exchange the columns, e.g. --map lon=<latitude column>,lat=<longitude column> for a CSV, or fix the export'
		]);
	}
	if (outside.length * 2 > records && !allowOutside) {
		const ids = await placeIds(db);
		throw new ImportRefused(fileName, [
			`${outside.length} of ${records} lie outside place ${placeId}${placeDefaulted ? ' (the only place, taken because no --place was given)' : ''} ` +
				`(e.g. ${examples(outside)}): is this the right place? If it is (a wider file), pass --allow-outside. ` +
				(ids.length > 1 ? `Places are ${ids.join(', ')}: name one with --place <id>` : 'Create the place first: npm run import -- place <boundary file> --id <id> --name "<name>"')
		]);
	}
}

export async function importFile(db: Kysely<Database>, command: ImportCommand): Promise<ImportReport> {
	const started = performance.now();
	let file: SourceFile;
	try {
		file = await readSourceFile(command.file, command.format);
	} catch (err) {
		if (err instanceof UnreadableFile) throw new ImportRefused(command.file, [err.message]);
		throw err;
	}
	const spec = KIND_SPECS[command.kind];

	try {
		return await db.transaction().execute(async (trx) => {
			let placeId: string | undefined;
			let placeProblem: string | undefined;
			if (spec.placed) {
				const place = await findPlace(trx, command.place);
				if ('problem' in place) placeProblem = place.problem;
				else placeId = place.placeId;
			}
			// Validated inside the transaction so references are checked against what it writes beside.
			const references = new Set(spec.fields.flatMap((field) => (field.references ? [field.references] : [])));
			const knownIds = new Map<Reference, ReadonlySet<string>>();
			for (const reference of references) knownIds.set(reference, await allIds(trx, REFERENCE_TABLES[reference]));
			const validation = validateImport(file, {
				kind: command.kind,
				mapping: command.mapping,
				crs: command.crs,
				idPrefix: command.idPrefix,
				knownIds,
				asPoint: command.asPoint
			});
			// A missing place and a bad file are both reported, so one run shows everything to fix.
			if (placeProblem || !validation.ok) {
				throw new ImportRefused(file.name, [...(placeProblem ? [placeProblem] : []), ...(validation.ok ? [] : validation.problems)]);
			}
			const valid = validation.value;
			const repair = spec.geometry === 'polygon' ? await checkPolygonValidity(trx, valid, command.makeValid) : new Set<number>();

			let inserted = 0;
			let updated = 0;
			const outside: string[] = [];
			const swappedInside: string[] = [];
			let imd: ImportReport['imd'];
			let population: ImportReport['population'];
			if (command.kind === 'population') {
				const areaType = command.areaType ?? 'lsoa';
				const matched = new Set<string>();
				for (const batch of batches(valid.records)) {
					for (const code of await updatePopulationBatch(trx, areaType, batch)) matched.add(code);
				}
				const unmatched = valid.records.filter((record) => !matched.has(record.key));
				updated = matched.size;
				population = { areaType, matched: matched.size, unmatched: unmatched.length, unmatchedExamples: unmatched.slice(0, 5).map((record) => record.key) };
			} else if (command.kind === 'imd') {
				const matched = new Set<string>();
				for (const batch of batches(valid.records)) {
					for (const code of await updateImdBatch(trx, batch)) matched.add(code);
				}
				const unmatched = valid.records.filter((record) => !matched.has(record.key));
				updated = matched.size;
				imd = {
					matched: matched.size,
					unmatched: unmatched.length,
					unmatchedExamples: unmatched.slice(0, 5).map((record) => record.key)
				};
			} else {
				for (const batch of batches(valid.records)) {
					let counts;
					try {
						counts = await upsertBatch(
							trx,
							{ kind: command.kind, columns: valid.columns, placeId, areaType: command.areaType, repair },
							batch
						);
					} catch (err) {
						// Validation mirrors the schema's rules, so this is a rule it missed: name the rows.
						throw new ImportRefused(file.name, [
							`the database refused ${batch[0]!.label} to ${batch.at(-1)!.label}: ${(err as Error).message}`
						]);
					}
					inserted += counts.inserted;
					updated += counts.updated;
					outside.push(...counts.outside);
					swappedInside.push(...counts.swappedInside);
				}
				if (placeId !== undefined) {
					await refuseMisplaced(trx, file.name, placeId, valid.records.length, outside, swappedInside, {
						placeDefaulted: command.place === undefined,
						allowOutside: command.allowOutside ?? false
					});
				}
			}
			const report: ImportReport = {
				kind: command.kind,
				file: file.name,
				format: file.format,
				crs: valid.crs,
				fieldSources: valid.fieldSources,
				records: valid.records.length,
				inserted,
				updated,
				place: placeId,
				outsidePlace: outside.length,
				outsideExamples: outside.slice(0, 5),
				asPoints: valid.records.filter((record) => record.pointOnSurface).length,
				repaired: repair.size,
				imd,
				population,
				dryRun: command.dryRun,
				milliseconds: Math.round(performance.now() - started)
			};
			if (command.dryRun) throw new DryRunFinished(report);
			return report;
		});
	} catch (err) {
		if (err instanceof DryRunFinished) return { ...err.report, milliseconds: Math.round(performance.now() - started) };
		throw err;
	}
}
