/**
 * Places: created or replaced from a boundary file (`npm run import -- place`, /admin/places),
 * listed, and removed. A boundary file holds one or more polygons (a borough's wards, say); they
 * are checked like every import's geometry, refused or repaired where invalid, and dissolved into
 * one MultiPolygon. Replacing a boundary drops the score grid, its distances and the published
 * resident layers, which are rebuilt from the new one when next asked for.
 */
import type { Kysely } from 'kysely';
import type { MultiPolygon } from 'geojson';
import type { Database } from '../db/schema';
import { CRS_LABELS, type Crs } from '../../domain/imports/crs';
import { MAX_REPAIR_POSITIONS } from '../../domain/imports/geometry';
import type { ImportRecord } from '../../domain/imports/records';
import { parseGeoJson, SourceFormatError, type SourceFile } from '../../domain/imports/source';
import { checkBoundaryFile } from '../../domain/places/boundary';
import { chooseProjectedSrid, type ProjectionChoice } from '../../domain/places/projection';
import { writeAudit, type Actor } from '../audit/log';
import { conflict, invalid, notFound, tooLarge } from '../errors';
import { ImportRefused } from '../imports/index';
import { findInvalidPolygons } from '../imports/queries';
import {
	deletePlaceRow,
	dissolveParts,
	dropComputedForPlace,
	existingPlace,
	listPlaceSummaries,
	personLevelCounts,
	projectedSridInMetres,
	upsertPlace,
	type PlaceSummary,
	type StaleCounts
} from './queries';

export type { PlaceSummary };

export const PLACE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface PlaceImportOptions {
	readonly id: string;
	readonly name: string;
	/** The projected CRS to measure in; chosen from the boundary when not given. */
	readonly srid?: number;
	/** The file's CRS when it does not say (4326 or 27700). */
	readonly crs?: Crs;
	readonly source?: string;
	readonly makeValid: boolean;
	readonly dryRun: boolean;
}

export interface PlaceImportReport {
	readonly placeId: string;
	readonly name: string;
	readonly file: string;
	/** Whether the place is new (false: its boundary was replaced). */
	readonly created: boolean;
	readonly features: number;
	readonly polygons: number;
	readonly areaKm2: number;
	readonly crs: string;
	readonly projection: ProjectionChoice;
	readonly repaired: readonly string[];
	/** What the replaced boundary had computed, now dropped (undefined for a new place, or an unchanged boundary). */
	readonly stale?: StaleCounts;
	readonly boundary: MultiPolygon;
	readonly dryRun: boolean;
}

class DryRunFinished extends Error {
	constructor(readonly report: PlaceImportReport) {
		super('dry run');
	}
}

function checkOptions(options: PlaceImportOptions, fileName: string): void {
	const problems: string[] = [];
	if (!PLACE_ID_PATTERN.test(options.id)) {
		problems.push(`--id "${options.id}" is not a place id: lower-case letters, digits and hyphens, at most 63, starting with a letter or digit`);
	}
	const name = options.name.trim();
	if (!name || name.length > 200 || name.includes('\u0000')) problems.push('--name must be 1 to 200 characters of text');
	if (options.srid !== undefined && (!Number.isInteger(options.srid) || options.srid <= 0 || options.srid > 999_999)) {
		problems.push(`--srid must be an EPSG code, e.g. 27700 or 32630, not "${options.srid}"`);
	}
	if (problems.length) throw new ImportRefused(fileName, problems);
}

/** Creates the place from the boundary file, or replaces the boundary of the place with this id. */
export async function importPlaceBoundary(db: Kysely<Database>, file: SourceFile, options: PlaceImportOptions): Promise<PlaceImportReport> {
	checkOptions(options, file.name);
	const checked = checkBoundaryFile(file, options.crs);
	if (!checked.ok) throw new ImportRefused(file.name, checked.problems);
	const { parts, crs } = checked.value;
	try {
		return await db.transaction().execute(async (trx) => {
			const records = parts.map((part) => ({ ...part, key: String(part.number), values: {} }) satisfies ImportRecord);
			const tryRepair = new Set(options.makeValid ? parts.filter((p) => p.positions <= MAX_REPAIR_POSITIONS).map((p) => p.number) : []);
			const invalidParts = await findInvalidPolygons(trx, records, tryRepair);
			const problems: string[] = [];
			const repair = new Set<number>();
			for (const bad of invalidParts) {
				const part = parts.find((p) => p.number === bad.number)!;
				if (options.makeValid && bad.repairable) repair.add(bad.number);
				else if (options.makeValid && !tryRepair.has(bad.number)) {
					problems.push(
						`${part.label}: the polygon is not valid (${bad.reason}) and has ${part.positions} positions; --make-valid repairs at most ` +
							`${MAX_REPAIR_POSITIONS}: simplify it first, or repair it in a GIS (e.g. QGIS Fix geometries)`
					);
				} else if (options.makeValid) problems.push(`${part.label}: the polygon is not valid (${bad.reason}) and repairing it leaves no area`);
				else {
					problems.push(
						`${part.label}: the polygon is not valid (${bad.reason}); fix it (e.g. QGIS Fix geometries), or pass --make-valid to store it repaired by ST_MakeValid`
					);
				}
			}
			if (problems.length) throw new ImportRefused(file.name, problems);

			const dissolved = await dissolveParts(
				trx,
				parts.map((part) => ({ geometry: part.geometry, repair: repair.has(part.number) }))
			);
			if (!dissolved) throw new ImportRefused(file.name, [`${file.name}: the polygons dissolve to nothing (no area)`]);

			let projection: ProjectionChoice;
			if (options.srid !== undefined) {
				const known = await projectedSridInMetres(trx, options.srid);
				if (known !== 'metres') {
					throw new ImportRefused(file.name, [
						known === 'unknown'
							? `--srid ${options.srid}: PostGIS does not know EPSG:${options.srid}; give a projected CRS in metres, e.g. 27700 or a UTM zone (326zz/327zz)`
							: `--srid ${options.srid}: EPSG:${options.srid} is not a projected CRS in metres, and distances are measured in metres; give e.g. 27700 or a UTM zone (326zz/327zz)`
					]);
				}
				projection = { srid: options.srid, reason: `EPSG:${options.srid}, as --srid says` };
			} else projection = chooseProjectedSrid(dissolved.centroid, dissolved.bbox);

			const before = await existingPlace(trx, options.id);
			const hash = await upsertPlace(trx, {
				id: options.id,
				name: options.name.trim(),
				projectedSrid: projection.srid,
				boundary: dissolved.geojson,
				source: options.source?.trim() || null
			});
			const changed = before !== undefined && (before.boundaryHash !== hash || before.projectedSrid !== projection.srid);
			const stale = changed ? await dropComputedForPlace(trx, options.id) : undefined;
			const report: PlaceImportReport = {
				placeId: options.id,
				name: options.name.trim(),
				file: file.name,
				created: before === undefined,
				features: parts.length,
				polygons: dissolved.polygons,
				areaKm2: dissolved.areaKm2,
				crs: `${CRS_LABELS[crs.crs]} from ${crs.from}`,
				projection,
				repaired: parts.filter((p) => repair.has(p.number)).map((p) => p.label),
				stale,
				boundary: dissolved.geojson,
				dryRun: options.dryRun
			};
			if (options.dryRun) throw new DryRunFinished(report);
			return report;
		});
	} catch (err) {
		if (err instanceof DryRunFinished) return err.report;
		throw err;
	}
}

/** The command's (and the admin page's) account of an import. */
export function describePlaceImport(report: PlaceImportReport): string {
	const would = (verb: string) => (report.dryRun ? `would be ${verb}` : verb);
	const lines = [
		`place ${report.placeId} ("${report.name}"): ${report.created ? would('created') : `boundary ${would('replaced')}`} from ${report.file}`,
		`  ${report.features} feature${report.features === 1 ? '' : 's'} (${report.crs}) dissolved into ${report.polygons} polygon${report.polygons === 1 ? '' : 's'}, ${report.areaKm2.toFixed(2)} km²`,
		`  measured in ${report.projection.reason}`
	];
	if (report.repaired.length) lines.push(`  repaired by ST_MakeValid: ${report.repaired.join(', ')}`);
	if (report.stale && !report.stale.scoreCells && !report.stale.distances && !report.stale.publication) {
		lines.push('  nothing had been computed from the old boundary yet: scores will be made from the new one');
	} else if (report.stale) {
		lines.push(
			`  stale, ${would('dropped')} and recomputed when next asked for: score grid (${report.stale.scoreCells} cells), ` +
				`${report.stale.distances} cached distances${report.stale.publication ? ', the published resident layers' : ''}`
		);
	}
	if (report.dryRun) lines.push('  dry run: everything checked, nothing written');
	return lines.join('\n');
}

export async function listPlaces(db: Kysely<Database>): Promise<PlaceSummary[]> {
	return listPlaceSummaries(db);
}

export interface PlaceRemoval {
	readonly placeId: string;
	readonly personLevelRecords: number;
}

/**
 * Removes a place and everything in it. Refused while person-level records (residents' skills,
 * researchers' routes and visits) exist, unless `force`; a forced removal of such records is
 * written to the audit log in the same transaction.
 */
export async function removePlace(db: Kysely<Database>, actor: Actor, placeId: string, options: { force: boolean }): Promise<PlaceRemoval> {
	if (!PLACE_ID_PATTERN.test(placeId)) throw invalid(`"${placeId.slice(0, 80)}" is not a place id`, [{ field: 'id', message: 'is not a place id' }]);
	return db.transaction().execute(async (trx) => {
		if (!(await existingPlace(trx, placeId))) throw notFound(`There is no place "${placeId}".`);
		const personLevelRecords = (await personLevelCounts(trx)).get(placeId) ?? 0;
		if (personLevelRecords > 0 && !options.force) {
			throw conflict(
				`Place "${placeId}" holds ${personLevelRecords} person-level record${personLevelRecords === 1 ? '' : 's'} (residents' skills, outreach routes); ` +
					'removing it would delete them: export or move them first, or remove with --force (the admin page: "remove with its records")',
				{ personLevelRecords }
			);
		}
		await deletePlaceRow(trx, placeId);
		if (personLevelRecords > 0) {
			await writeAudit(trx, actor, { action: 'delete', subject: `place:${placeId}`, recordCount: personLevelRecords, detail: { forced: true } });
		}
		return { placeId, personLevelRecords };
	});
}

/** An upload through the admin page: what a request body can carry (adapter-node's default 512 kB). */
export const MAX_UPLOAD_BYTES = 500_000;

/**
 * The admin page's boundary upload (GeoJSON text): previewed as a dry run, then confirmed with the
 * same text. Refusals are domain errors, so the page shows them as the API would.
 */
export async function importPlaceUpload(
	db: Kysely<Database>,
	upload: { name: string; text: string },
	options: PlaceImportOptions
): Promise<PlaceImportReport> {
	if (Buffer.byteLength(upload.text) > MAX_UPLOAD_BYTES) {
		throw tooLarge(`The file is larger than ${MAX_UPLOAD_BYTES / 1000} kB: simplify it, or load it with npm run import -- place <file> --id <id> --name "<name>".`);
	}
	if (!upload.text.trim()) throw invalid('Choose a GeoJSON file of the boundary.', [{ field: 'file', message: 'is empty' }]);
	let file: SourceFile;
	try {
		file = parseGeoJson(upload.text, upload.name || 'upload.geojson');
	} catch (err) {
		if (err instanceof SourceFormatError) throw invalid(err.message, [{ field: 'file', message: err.message }]);
		throw err;
	}
	try {
		return await importPlaceBoundary(db, file, options);
	} catch (err) {
		if (err instanceof ImportRefused) throw invalid(`The boundary was refused, nothing written: ${err.problems.join('; ')}`, err.problems.map((message) => ({ field: 'file', message })));
		throw err;
	}
}
