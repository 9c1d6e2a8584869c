/**
 * The social enterprise directory (issue 15.1) and procurement matching (15.4). Network staff and
 * administrators create and edit enterprises and see every one; everybody else sees consented
 * enterprises only, with a contact only where the enterprise agreed to show it (domain/network).
 */
import crypto from 'node:crypto';
import * as v from 'valibot';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import { CONSORTIA, ENTERPRISE_STAGES } from '../db/schema';
import type { EnterpriseItem, EnterprisePage, EnterpriseFeatureCollection, ProcurementMatch, SupplierMatch } from '../../contracts/network';
import { consortiaForLot, lotGroupsFor, publicContact } from '../../domain/network/rules';
import { bool, int, intParam, oneOf, oneOfParam, text } from '../http/validate';
import { DomainError, invalid, notFound } from '../errors';
import { listPlaces } from '../assets/queries';
import {
	enterpriseIdTaken,
	enterprisesNearSite,
	findEnterprises,
	getEnterpriseRecord,
	insertEnterprise,
	pointNearPlace,
	procurementLotsAt,
	procurementLotsNear,
	updateEnterpriseRecord,
	type EnterpriseRecord
} from './queries';

type Db = Kysely<Database>;

/** Who keeps the directory and the support programme. */
export const NETWORK_STAFF: readonly Role[] = ['network', 'administrator'];
/** Who reviews residents' ideas: network staff and the partners who support them. */
export const IDEA_REVIEWERS: readonly Role[] = ['network', 'partner', 'administrator'];

export function isNetworkStaff(role: Role | undefined): boolean {
	return role !== undefined && NETWORK_STAFF.includes(role);
}

/** An enterprise may be placed up to this far outside its place's boundary (a trading estate on the edge). */
const MAX_METRES_OUTSIDE_PLACE = 2000;

const degrees = (limit: number, name: string) => {
	const message = `must be a ${name} in WGS84 degrees from -${limit} to ${limit}`;
	return v.pipe(v.number(message), v.finite(message), v.minValue(-limit, message), v.maxValue(limit, message));
};

export const ENTERPRISE_INPUT = v.strictObject({
	name: text(200),
	consortium: oneOf(CONSORTIA),
	stage: oneOf(ENTERPRISE_STAGES),
	offers: v.nullable(text(2000)),
	needs: v.nullable(text(2000)),
	employees: v.nullable(int(0, 100000)),
	contact: v.nullable(text(500)),
	consentToPublish: bool(),
	contactPublic: bool(),
	lon: degrees(180, 'longitude'),
	lat: degrees(90, 'latitude')
});
export type EnterpriseInput = v.InferOutput<typeof ENTERPRISE_INPUT>;

export const DIRECTORY_QUERY = v.strictObject({
	place: v.optional(text(63)),
	q: v.optional(text(100)),
	consortium: v.optional(oneOfParam(CONSORTIA)),
	stage: v.optional(oneOfParam(ENTERPRISE_STAGES)),
	limit: v.optional(intParam(1, 500)),
	offset: v.optional(intParam(0, 1_000_000))
});
export type DirectoryQuery = v.InferOutput<typeof DIRECTORY_QUERY>;

/** The place a request names, or the first place by name when it names none. */
export async function resolvePlace(db: Db, requested: string | undefined | null): Promise<{ id: string; name: string; bbox: [number, number, number, number] }> {
	const places = await listPlaces(db);
	const place = requested ? places.find((p) => p.id === requested) : places[0];
	if (!place) throw notFound(requested ? `There is no place "${requested}".` : 'No place has been loaded yet.');
	return { id: place.id, name: place.name, bbox: [...place.bbox] as [number, number, number, number] };
}

/** What a reader may see of an enterprise record. */
export function toItem(e: EnterpriseRecord, staff: boolean): EnterpriseItem {
	const [lon, lat] = e.geometry.coordinates as [number, number];
	const item: EnterpriseItem = {
		id: e.id,
		name: e.name,
		consortium: e.consortium,
		stage: e.stage,
		offers: e.offers,
		needs: e.needs,
		employees: e.employees,
		contact: staff ? e.contact : publicContact(e),
		synthetic: e.synthetic,
		lon,
		lat
	};
	if (staff) {
		item.consentToPublish = e.consentToPublish;
		item.contactPublic = e.contactPublic;
	}
	return item;
}

export async function listDirectory(db: Db, query: DirectoryQuery, role: Role | undefined): Promise<EnterprisePage> {
	const place = await resolvePlace(db, query.place);
	const staff = isNetworkStaff(role);
	const limit = query.limit ?? 50;
	const offset = query.offset ?? 0;
	const { items, total } = await findEnterprises(db, { placeId: place.id, publicOnly: !staff, q: query.q, consortium: query.consortium, stage: query.stage, limit, offset });
	return { place: place.id, total, limit, offset, items: items.map((e) => toItem(e, staff)) };
}

/** Every enterprise the reader may see in a place, as GeoJSON points for the directory's map. */
export function directoryFeatures(items: readonly EnterpriseItem[]): EnterpriseFeatureCollection {
	return {
		type: 'FeatureCollection',
		features: items.map((e) => ({
			type: 'Feature',
			id: e.id,
			geometry: { type: 'Point', coordinates: [e.lon, e.lat] },
			properties: { id: e.id, name: e.name, consortium: e.consortium, stage: e.stage }
		}))
	};
}

/** One enterprise; an unconsented one does not exist for anyone but network staff. */
export async function getEnterprise(db: Db, id: string, role: Role | undefined): Promise<EnterpriseItem & { placeId: string }> {
	const staff = isNetworkStaff(role);
	const record = /^[a-z0-9][a-z0-9-]{0,99}$/.test(id) ? await getEnterpriseRecord(db, id) : undefined;
	if (!record || (!staff && !record.consentToPublish)) throw notFound(`There is no social enterprise "${id}".`);
	return { ...toItem(record, staff), placeId: record.placeId };
}

function slug(name: string): string {
	const base = name
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80);
	return base === '' ? 'enterprise' : base;
}

async function checkInput(db: Db, placeId: string, input: EnterpriseInput): Promise<void> {
	if (input.contactPublic && !input.consentToPublish) {
		throw invalid('"contactPublic" needs "consentToPublish": a contact is shown only for a listed enterprise.', [
			{ field: 'contactPublic', message: 'needs consent to publish the enterprise' }
		]);
	}
	const near = await pointNearPlace(db, placeId, input.lon, input.lat, MAX_METRES_OUTSIDE_PLACE);
	if (near === undefined) throw invalid(`"place" must be an existing place id; "${placeId}" is not.`, [{ field: 'place', message: 'is not a place' }]);
	if (!near) {
		throw invalid(`The position must be within ${MAX_METRES_OUTSIDE_PLACE / 1000} km of the place; ${input.lon}, ${input.lat} is not.`, [
			{ field: 'lon', message: `must be within ${MAX_METRES_OUTSIDE_PLACE / 1000} km of the place` }
		]);
	}
}

export async function createEnterprise(db: Db, userId: string | null, placeId: string, input: EnterpriseInput): Promise<string> {
	await checkInput(db, placeId, input);
	let id = slug(input.name);
	if (await enterpriseIdTaken(db, id)) id = `${id}-${crypto.randomBytes(3).toString('hex')}`;
	await insertEnterprise(db, id, placeId, input, userId);
	return id;
}

export async function updateEnterprise(db: Db, userId: string | null, id: string, input: EnterpriseInput): Promise<void> {
	const record = await getEnterpriseRecord(db, id);
	if (!record) throw notFound(`There is no social enterprise "${id}".`);
	await checkInput(db, record.placeId, input);
	if (!(await updateEnterpriseRecord(db, id, input, userId))) throw new DomainError('not_found', `There is no social enterprise "${id}".`);
}

/** Procurement lots at the place's capital projects that suit the enterprise's consortium, nearest first. */
export async function procurementFor(db: Db, id: string, role: Role | undefined): Promise<ProcurementMatch[]> {
	const enterprise = await getEnterprise(db, id, role);
	return procurementLotsNear(db, enterprise.id, lotGroupsFor(enterprise.consortium));
}

/** Enterprises that could supply a site's procurement lots, nearest first (consented only unless staff). */
export async function suppliersFor(db: Db, siteId: string, role: Role | undefined, limit = 25): Promise<SupplierMatch[]> {
	const staff = isNetworkStaff(role);
	const lots = await procurementLotsAt(db, siteId);
	const consortia = [...new Set(lots.flatMap((lot) => consortiaForLot(lot.skillGroupId, CONSORTIA)))];
	const rows = await enterprisesNearSite(db, siteId, consortia, !staff, limit);
	return rows.map((row) => ({
		enterprise: toItem(row.enterprise, staff),
		distanceM: row.distanceM,
		lots: lots.filter((lot) => consortiaForLot(lot.skillGroupId, [row.enterprise.consortium]).length > 0).map((lot) => lot.title)
	}));
}
