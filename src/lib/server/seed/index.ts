/**
 * Demo data: Greater Icknield (sites, opportunities, hubs and skills taxonomy authored in
 * data/greater-icknield/) and a labelled synthetic population generated from its profile.
 *  - seedDemoDataIfEmpty: at app start-up, loads the demo when the database has no place yet.
 *  - reseedDemoData: `npm run seed`, replaces the demo place's rows with a fresh load.
 * Each load is one transaction, serialised by an advisory lock so two processes starting at
 * once cannot both load.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { readDemoData, type DemoData } from './demo-data';
import { loadDemoData } from './load';
import { seedServicesAndFinance } from './services-and-finance';
import { seedMatchingDemo } from './matching-demo';
import { seedNetworkDemo } from './network';
import { countRealResidents, deleteResidentsOfPlace } from '../restricted/synthetic';
import { deletePlace, hasAnyPlace, lockSeeding } from './queries';
import { publishDemoQuestionnaireTranslations } from '../questionnaires/service';

export { DemoDataError, readDemoData } from './demo-data';
export { SeedLoadError } from './load';

/** The folder under data/ that holds the demo place. */
export const DEMO_PLACE_FOLDER = 'greater-icknield';

export interface SeedReport {
	place: string;
	skillGroups: number;
	macroAssets: number;
	opportunities: number;
	hubs: number;
	enterprises: number;
	residents: number;
	/** Wall-clock time of the load, reading the files included. */
	elapsedMs: number;
}

export interface SeedOptions {
	/** The data folder; defaults to data/ under the working directory. */
	dataDir?: string;
}

export interface ReseedOptions extends SeedOptions {
	/** Reseed even when the place holds non-synthetic resident records (real questionnaires). */
	force?: boolean;
}

export class SeedRefusedError extends Error {
	override name = 'SeedRefusedError';
}

function placeDir(options: SeedOptions): string {
	return path.join(options.dataDir ?? path.resolve('data'), DEMO_PLACE_FOLDER);
}

async function load(db: Kysely<Database>, data: DemoData, started: number): Promise<SeedReport> {
	const counts = await loadDemoData(db, data);
	await seedServicesAndFinance(db, data);
	const vacancies = await seedMatchingDemo(db, data.place.id);
	await seedNetworkDemo(db, data.place.id);
	await publishDemoQuestionnaireTranslations(db);
	return { place: data.place.id, ...counts, opportunities: counts.opportunities + vacancies, elapsedMs: Math.round(performance.now() - started) };
}

/** Loads the demo data when the database has no place yet; returns what it loaded, if anything. */
export async function seedDemoDataIfEmpty(
	db: Kysely<Database>,
	options: SeedOptions = {}
): Promise<SeedReport | undefined> {
	const started = performance.now();
	if (await hasAnyPlace(db)) return undefined;
	// Read and check the files before taking the lock, so the transaction stays short.
	const data = await readDemoData(placeDir(options));
	return db.transaction().execute(async (trx) => {
		await lockSeeding(trx);
		// Another process may have seeded while we read the files.
		if (await hasAnyPlace(trx)) return undefined;
		return load(trx, data, started);
	});
}

/**
 * Deletes the demo place's rows (sites, opportunities, hubs, enterprises and its restricted
 * resident records) and loads them again. Refuses, unless `force` is set, when the place holds
 * resident records that are not synthetic: those would be real people's questionnaires.
 */
export async function reseedDemoData(db: Kysely<Database>, options: ReseedOptions = {}): Promise<SeedReport> {
	const started = performance.now();
	const data = await readDemoData(placeDir(options));
	const placeId = data.place.id;
	return db.transaction().execute(async (trx) => {
		await lockSeeding(trx);
		const real = await countRealResidents(trx, placeId);
		if (real > 0 && !options.force) {
			throw new SeedRefusedError(
				`place ${placeId} holds ${real} resident record(s) that are not synthetic; reseeding would delete them. ` +
					'Run with --force only if that is intended.'
			);
		}
		await deleteResidentsOfPlace(trx, placeId);
		// Cascades to the place's macro-assets (and their opportunities), hubs and enterprises.
		await deletePlace(trx, placeId);
		return load(trx, data, started);
	});
}
