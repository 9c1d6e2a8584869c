/** SQL for the Open Referral UK export: every community hub with its position, and the services recorded at hubs. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface HubRow {
	id: string;
	name: string;
	hubType: string;
	address: string | null;
	description: string | null;
	lon: number;
	lat: number;
	createdAt: Date;
}

export interface HubServiceRow {
	id: string;
	hubId: string;
	name: string;
	description: string;
	serviceType: string;
	url: string | null;
	email: string | null;
	minimumAge: number | null;
	maximumAge: number | null;
	updatedAt: Date;
}

export async function allHubs(db: Kysely<Database>): Promise<HubRow[]> {
	const { rows } = await sql<{ id: string; name: string; hub_type: string; address: string | null; description: string | null; lon: number; lat: number; created_at: Date | string }>`
		SELECT id, name, hub_type, address, description, ST_X(geom) AS lon, ST_Y(geom) AS lat, created_at
		FROM community_hub ORDER BY id`.execute(db);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		hubType: r.hub_type,
		address: r.address,
		description: r.description,
		lon: Number(r.lon),
		lat: Number(r.lat),
		createdAt: new Date(r.created_at)
	}));
}

export async function allHubServices(db: Kysely<Database>): Promise<HubServiceRow[]> {
	const rows = await db.selectFrom('hub_service').selectAll().orderBy('id').execute();
	return rows.map((r) => ({
		id: r.id,
		hubId: r.hub_id,
		name: r.name,
		description: r.description,
		serviceType: r.service_type,
		url: r.url,
		email: r.email,
		minimumAge: r.minimum_age === null ? null : Number(r.minimum_age),
		maximumAge: r.maximum_age === null ? null : Number(r.maximum_age),
		updatedAt: new Date(r.updated_at)
	}));
}

export interface NewHubService {
	id: string;
	hubId: string;
	name: string;
	description: string;
	serviceType: string;
	url?: string | null;
	email?: string | null;
	minimumAge?: number | null;
	maximumAge?: number | null;
}

/** Inserts services whose hub exists; the same id again is left as it is (seeding twice is a no-op). */
export async function insertHubServices(db: Kysely<Database>, services: readonly NewHubService[]): Promise<number> {
	if (!services.length) return 0;
	const hubs = new Set((await db.selectFrom('community_hub').select('id').execute()).map((h) => h.id));
	const rows = services
		.filter((s) => hubs.has(s.hubId))
		.map((s) => ({
			id: s.id,
			hub_id: s.hubId,
			name: s.name,
			description: s.description,
			service_type: s.serviceType,
			url: s.url ?? null,
			email: s.email ?? null,
			minimum_age: s.minimumAge ?? null,
			maximum_age: s.maximumAge ?? null
		}));
	if (!rows.length) return 0;
	const result = await db.insertInto('hub_service').values(rows).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0);
}
