/**
 * The Open Referral UK export (ORUK 3.0, the HSDS 3.0 UK profile) of the atlas's community hubs
 * and their services: read-only, public, paginated as the standard's Page. The catalogue is small
 * (a place has tens of hubs), so it is built in memory from two queries and then filtered and paged.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { notFound } from '../errors';
import {
	fullService,
	matchesSearch,
	paginate,
	serviceAtLocation,
	serviceSummary,
	taxonomyTerm,
	type ExportHub,
	type ExportService,
	type OrukPage,
	type OrukTaxonomy,
	type OrukTaxonomyTerm
} from '../../domain/openreferral/export';
import { HUB_TYPE_SERVICES, TAXONOMY, TAXONOMY_TERMS, termByKey, type HubType } from '../../domain/openreferral/taxonomy';
import { isUuid } from '../../domain/uuid';
import { orukId } from './ids';
import { allHubServices, allHubs } from './queries';

export const ORUK_VERSION = '3.0';
export const ORUK_PROFILE = 'https://openreferraluk.org/';

const TAXONOMY_ID = orukId.taxonomy(TAXONOMY.key);

export function taxonomy(): OrukTaxonomy {
	return { id: TAXONOMY_ID, name: TAXONOMY.name, description: TAXONOMY.description, version: TAXONOMY.version };
}

export function taxonomyTerms(): OrukTaxonomyTerm[] {
	return TAXONOMY_TERMS.map((t) => taxonomyTerm(t, { termId: orukId.taxonomyTerm(t.key), taxonomyId: TAXONOMY_ID, taxonomyName: TAXONOMY.name }));
}

function termOf(key: string): OrukTaxonomyTerm {
	const definition = termByKey(key) ?? HUB_TYPE_SERVICES.other;
	return taxonomyTerm(definition, { termId: orukId.taxonomyTerm(definition.key), taxonomyId: TAXONOMY_ID, taxonomyName: TAXONOMY.name });
}

/** Every service of the export: each hub's own (from its type) and the recorded ones, by name. */
export async function exportServices(db: Kysely<Database>): Promise<ExportService[]> {
	const [hubs, recorded] = await Promise.all([allHubs(db), allHubServices(db)]);
	const byId = new Map<string, ExportHub>();
	const services: ExportService[] = [];
	for (const hub of hubs) {
		const exportHub: ExportHub = {
			organizationId: orukId.organization(hub.id),
			locationId: orukId.location(hub.id),
			addressId: orukId.address(hub.id),
			name: hub.name,
			description: hub.description,
			address: hub.address,
			lon: hub.lon,
			lat: hub.lat
		};
		byId.set(hub.id, exportHub);
		const type = HUB_TYPE_SERVICES[hub.hubType as HubType] ?? HUB_TYPE_SERVICES.other;
		const id = orukId.hubService(hub.id);
		services.push({
			id,
			serviceAtLocationId: orukId.serviceAtLocation(id),
			attributeId: orukId.attribute(id),
			hub: exportHub,
			name: `${type.name} at ${hub.name}`,
			description: hub.description ? `${type.description} ${hub.description}` : type.description,
			url: null,
			email: null,
			minimumAge: null,
			maximumAge: null,
			lastModified: hub.createdAt,
			term: termOf(type.key)
		});
	}
	for (const s of recorded) {
		const hub = byId.get(s.hubId);
		if (!hub) continue;
		services.push({
			id: s.id,
			serviceAtLocationId: orukId.serviceAtLocation(s.id),
			attributeId: orukId.attribute(s.id),
			hub,
			name: s.name,
			description: s.description,
			url: s.url,
			email: s.email,
			minimumAge: s.minimumAge,
			maximumAge: s.maximumAge,
			lastModified: s.updatedAt,
			term: termOf(s.serviceType)
		});
	}
	return services.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
}

export interface ServiceFilter {
	search?: string;
	taxonomyTermId?: string;
	taxonomyId?: string;
	minimumAge?: number;
	maximumAge?: number;
}

/**
 * The standard's filters: every word of `search` in the name or description; a taxonomy term or
 * taxonomy; minimum_age / maximum_age keep services that admit someone of that age range (a
 * service with no age limits admits everyone).
 */
function filtered(services: ExportService[], filter: ServiceFilter): ExportService[] {
	return services.filter(
		(s) =>
			(!filter.search || matchesSearch(s, filter.search)) &&
			(!filter.taxonomyTermId || s.term.id === filter.taxonomyTermId) &&
			(!filter.taxonomyId || s.term.taxonomy_id === filter.taxonomyId) &&
			(filter.minimumAge === undefined || s.maximumAge === null || s.maximumAge >= filter.minimumAge) &&
			(filter.maximumAge === undefined || s.minimumAge === null || s.minimumAge <= filter.maximumAge)
	);
}

export async function servicePage(db: Kysely<Database>, filter: ServiceFilter, page: number, perPage: number): Promise<OrukPage<ReturnType<typeof serviceSummary>>> {
	const services = filtered(await exportServices(db), filter);
	const result = paginate(services, page, perPage);
	return { ...result, contents: result.contents.map(serviceSummary) };
}

export async function serviceById(db: Kysely<Database>, id: string) {
	const service = isUuid(id) ? (await exportServices(db)).find((s) => s.id === id.toLowerCase()) : undefined;
	if (!service) throw notFound(`There is no service with id ${JSON.stringify(id.slice(0, 100))}.`);
	return fullService(service);
}

export async function serviceAtLocationPage(db: Kysely<Database>, filter: ServiceFilter, page: number, perPage: number) {
	const services = filtered(await exportServices(db), filter);
	const result = paginate(services, page, perPage);
	return { ...result, contents: result.contents.map(serviceAtLocation) };
}

export async function serviceAtLocationById(db: Kysely<Database>, id: string) {
	const service = isUuid(id) ? (await exportServices(db)).find((s) => s.serviceAtLocationId === id.toLowerCase()) : undefined;
	if (!service) throw notFound(`There is no service_at_location with id ${JSON.stringify(id.slice(0, 100))}.`);
	return serviceAtLocation(service);
}

export function taxonomyPage(page: number, perPage: number) {
	return paginate([taxonomy()], page, perPage);
}

export function taxonomyById(id: string): OrukTaxonomy {
	if (id.toLowerCase() !== TAXONOMY_ID) throw notFound(`There is no taxonomy with id ${JSON.stringify(id.slice(0, 100))}.`);
	return taxonomy();
}

export function taxonomyTermPage(page: number, perPage: number) {
	return paginate(taxonomyTerms(), page, perPage);
}

export function taxonomyTermById(id: string): OrukTaxonomyTerm {
	const term = taxonomyTerms().find((t) => t.id === id.toLowerCase());
	if (!term) throw notFound(`There is no taxonomy term with id ${JSON.stringify(id.slice(0, 100))}.`);
	return term;
}
