/**
 * Demo data: Greater Icknield (sites, opportunities, hubs, skills taxonomy, from data/) and a
 * labelled synthetic population. PLACEHOLDER until the seed module lands: loads nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface SeedReport {
	place: string;
	macroAssets: number;
	opportunities: number;
	hubs: number;
	enterprises: number;
	residents: number;
}

/** Loads the demo data when the database has no place yet; returns what it loaded, if anything. */
export async function seedDemoDataIfEmpty(db: Kysely<Database>): Promise<SeedReport | undefined> {
	void db;
	return undefined;
}
