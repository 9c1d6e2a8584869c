/**
 * Open Referral UK (HSDS 3.0 UK profile) objects built from the atlas's community hubs and the
 * services run at them. Each hub is published as an organisation with one physical location; it
 * offers the service its hub type implies, plus any recorded services (hub_service). Ids are uuids
 * derived from stable keys by the caller, so that the same hub keeps the same ids across exports.
 *
 * Shapes follow schema/compiled/service.json, service_list.json, service_at_location(_list).json,
 * taxonomy.json and taxonomy_term.json of OpenReferralUK/uk-profile (ecdfabf). Fields with no
 * value are left out rather than sent as null (the schemas type them as strings or numbers).
 * A service's `languages` are left out: the atlas does not record them per service.
 */
import type { TaxonomyTermDefinition } from './taxonomy';

export interface OrukTaxonomyTerm {
	id: string;
	name: string;
	description: string;
	taxonomy_id: string;
	taxonomy: string;
	term: string;
}

export interface OrukTaxonomy {
	id: string;
	name: string;
	description: string;
	version: string;
}

export interface OrukOrganization {
	id: string;
	name: string;
	description: string;
}

export interface OrukAddress {
	id: string;
	location_id: string;
	address_1: string;
	city: string;
	state_province: string;
	postal_code: string;
	country: string;
	address_type: 'physical';
}

export interface OrukLocation {
	id: string;
	location_type: 'physical';
	name: string;
	description?: string;
	latitude: number;
	longitude: number;
	addresses: OrukAddress[];
}

export interface OrukServiceSummary {
	id: string;
	organization_id: string;
	name: string;
	description: string;
	url?: string;
	email?: string;
	status: 'active';
	minimum_age?: number;
	maximum_age?: number;
	last_modified: string;
	organization: OrukOrganization;
}

export interface OrukAttribute {
	id: string;
	link_id: string;
	link_type: 'service';
	taxonomy_term_id: string;
	taxonomy_term: OrukTaxonomyTerm;
}

export interface OrukServiceAtLocationSummary {
	id: string;
	service_id: string;
	location_id: string;
	location: OrukLocation;
}

export interface OrukService extends OrukServiceSummary {
	service_at_locations: OrukServiceAtLocationSummary[];
	attributes: OrukAttribute[];
}

export interface OrukServiceAtLocation extends OrukServiceAtLocationSummary {
	service: OrukServiceSummary;
}

/** A hub as the export needs it, with the uuids of what it becomes. */
export interface ExportHub {
	organizationId: string;
	locationId: string;
	addressId: string;
	name: string;
	description: string | null;
	address: string | null;
	lon: number;
	lat: number;
}

/** A service at one hub: the hub type's own, or a recorded one. */
export interface ExportService {
	id: string;
	serviceAtLocationId: string;
	attributeId: string;
	hub: ExportHub;
	name: string;
	description: string;
	url: string | null;
	email: string | null;
	minimumAge: number | null;
	maximumAge: number | null;
	lastModified: Date;
	term: OrukTaxonomyTerm;
}

/** A UK postcode at the end of an address (the full form, e.g. "B66 3PZ"). */
const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/i;
const REGION = 'West Midlands';

/**
 * The postal address of a hub, when its address ends with a full postcode ("5 Suffrage Street,
 * Smethwick B66 3PZ" → address_1 "5 Suffrage Street", city "Smethwick", postcode "B66 3PZ").
 * An address without a full postcode (the profile requires one) gives no structured address.
 */
export function postalAddress(hub: ExportHub): OrukAddress | undefined {
	const text = hub.address?.trim();
	const match = text ? POSTCODE.exec(text) : null;
	if (!text || !match) return undefined;
	const parts = text.slice(0, match.index).split(',').map((p) => p.trim()).filter(Boolean);
	if (parts.length < 2) return undefined;
	return {
		id: hub.addressId,
		location_id: hub.locationId,
		address_1: parts.slice(0, -1).join(', '),
		city: parts[parts.length - 1]!,
		state_province: REGION,
		postal_code: `${match[1]!.toUpperCase()} ${match[2]!.toUpperCase()}`,
		country: 'GB',
		address_type: 'physical'
	};
}

export function organization(hub: ExportHub): OrukOrganization {
	return { id: hub.organizationId, name: hub.name, description: hub.description ?? `${hub.name}, a community hub in Greater Icknield.` };
}

export function location(hub: ExportHub): OrukLocation {
	const address = postalAddress(hub);
	return {
		id: hub.locationId,
		location_type: 'physical',
		name: hub.name,
		...(hub.description ? { description: hub.description } : {}),
		// Hubs are mapped at their real entrance (they consented); 6 decimals is ~0.1 m.
		latitude: Number(hub.lat.toFixed(6)),
		longitude: Number(hub.lon.toFixed(6)),
		addresses: address ? [address] : []
	};
}

export function serviceSummary(service: ExportService): OrukServiceSummary {
	return {
		id: service.id,
		organization_id: service.hub.organizationId,
		name: service.name,
		description: service.description,
		...(service.url ? { url: service.url } : {}),
		...(service.email ? { email: service.email } : {}),
		status: 'active',
		...(service.minimumAge !== null ? { minimum_age: service.minimumAge } : {}),
		...(service.maximumAge !== null ? { maximum_age: service.maximumAge } : {}),
		last_modified: service.lastModified.toISOString(),
		organization: organization(service.hub)
	};
}

function serviceAtLocationSummary(service: ExportService): OrukServiceAtLocationSummary {
	return { id: service.serviceAtLocationId, service_id: service.id, location_id: service.hub.locationId, location: location(service.hub) };
}

export function fullService(service: ExportService): OrukService {
	return {
		...serviceSummary(service),
		service_at_locations: [serviceAtLocationSummary(service)],
		attributes: [{ id: service.attributeId, link_id: service.id, link_type: 'service', taxonomy_term_id: service.term.id, taxonomy_term: service.term }]
	};
}

export function serviceAtLocation(service: ExportService): OrukServiceAtLocation {
	return { ...serviceAtLocationSummary(service), service: serviceSummary(service) };
}

export function taxonomyTerm(definition: TaxonomyTermDefinition, ids: { termId: string; taxonomyId: string; taxonomyName: string }): OrukTaxonomyTerm {
	return { id: ids.termId, name: definition.name, description: definition.description, taxonomy_id: ids.taxonomyId, taxonomy: ids.taxonomyName, term: definition.key };
}

/** The standard's paginated page (components.schemas.Page of the ORUK OpenAPI), 1-based. */
export interface OrukPage<T> {
	total_items: number;
	total_pages: number;
	page_number: number;
	size: number;
	first_page: boolean;
	last_page: boolean;
	empty: boolean;
	contents: T[];
}

/** One page of `items`; a page past the end is empty (and says so) rather than an error. */
export function paginate<T>(items: readonly T[], page: number, perPage: number): OrukPage<T> {
	const totalPages = Math.max(1, Math.ceil(items.length / perPage));
	const contents = items.slice((page - 1) * perPage, page * perPage);
	return {
		total_items: items.length,
		total_pages: totalPages,
		page_number: page,
		size: contents.length,
		first_page: page === 1,
		last_page: page >= totalPages,
		empty: contents.length === 0,
		contents
	};
}

/** Free-text search over a service's name and description, every word must appear (case-insensitive). */
export function matchesSearch(service: Pick<ExportService, 'name' | 'description'> & { hub: Pick<ExportHub, 'name'> }, search: string): boolean {
	const haystack = `${service.name} ${service.description} ${service.hub.name}`.toLowerCase();
	return search
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => haystack.includes(word));
}
