/**
 * The Open Referral UK objects the export builds, validated against the profile's own JSON
 * schemas (ajv, draft 2020-12), and the ids they carry.
 */
import { describe, expect, it } from 'vitest';
import { fullService, paginate, postalAddress, serviceAtLocation, serviceSummary, type ExportHub, type ExportService } from '../../domain/openreferral/export';
import { orukId } from './ids';
import { taxonomy, taxonomyTerms } from './service';
import { orukValidator, runOrukSchemas } from './test-schemas';

const hub: ExportHub = {
	organizationId: orukId.organization('victoria-health-centre'),
	locationId: orukId.location('victoria-health-centre'),
	addressId: orukId.address('victoria-health-centre'),
	name: 'Victoria Health Centre',
	description: null,
	address: '5 Suffrage Street, Smethwick B66 3PZ',
	lon: -1.9602,
	lat: 52.489
};

const serviceId = orukId.hubService('victoria-health-centre');
const service: ExportService = {
	id: serviceId,
	serviceAtLocationId: orukId.serviceAtLocation(serviceId),
	attributeId: orukId.attribute(serviceId),
	hub,
	name: 'Primary health care at Victoria Health Centre',
	description: 'GP services.',
	url: 'https://example.org/victoria',
	email: null,
	minimumAge: 0,
	maximumAge: null,
	lastModified: new Date('2026-01-02T03:04:05.678Z'),
	term: taxonomyTerms()[1]!
};

describe('Open Referral UK objects', () => {
	it('reads a postal address only from an address that ends in a full postcode', () => {
		expect(postalAddress(hub)).toMatchObject({ address_1: '5 Suffrage Street', city: 'Smethwick', postal_code: 'B66 3PZ', country: 'GB' });
		expect(postalAddress({ ...hub, address: 'Dudley Road area, Birmingham B18' })).toBeUndefined();
		expect(postalAddress({ ...hub, address: null })).toBeUndefined();
	});

	it('leaves out fields with no value and never sends languages', () => {
		const full = fullService(service);
		expect(full).not.toHaveProperty('email');
		expect(full).not.toHaveProperty('maximum_age');
		expect(full).not.toHaveProperty('languages');
		expect(full.minimum_age).toBe(0);
		expect(full.service_at_locations[0]!.location.latitude).toBe(52.489);
	});

	it('pages as the standard says, 1-based, a page past the end empty', () => {
		expect(paginate([1, 2, 3], 1, 2)).toEqual({ total_items: 3, total_pages: 2, page_number: 1, size: 2, first_page: true, last_page: false, empty: false, contents: [1, 2] });
		expect(paginate([1, 2, 3], 2, 2)).toMatchObject({ size: 1, first_page: false, last_page: true, contents: [3] });
		expect(paginate([1, 2, 3], 5, 2)).toMatchObject({ size: 0, empty: true, last_page: true });
		expect(paginate([], 1, 2)).toMatchObject({ total_pages: 1, empty: true, first_page: true, last_page: true });
	});
});

describe.runIf(runOrukSchemas)('against the Open Referral UK schemas', () => {
	const { errors, pageErrors } = orukValidator();

	it('a full service validates against compiled/service.json', () => {
		expect(errors('compiled/service.json', fullService(service))).toEqual([]);
		expect(errors('compiled/service.json', fullService({ ...service, hub: { ...hub, address: null, description: 'A centre.' } }))).toEqual([]);
	});

	it('a page of services validates against service_list.json, of services at locations against service_at_location_list.json', () => {
		expect(pageErrors('compiled/service_list.json', paginate([serviceSummary(service)], 1, 10))).toEqual([]);
		expect(pageErrors('compiled/service_at_location_list.json', paginate([serviceAtLocation(service)], 1, 10))).toEqual([]);
		expect(errors('compiled/service_at_location.json', serviceAtLocation(service))).toEqual([]);
	});

	it('the taxonomy and its terms validate', () => {
		expect(errors('taxonomy.json', taxonomy())).toEqual([]);
		for (const term of taxonomyTerms()) expect(errors('taxonomy_term.json', term)).toEqual([]);
	});

	it('would notice a broken object (the validator is not a no-op)', () => {
		expect(errors('compiled/service.json', { ...fullService(service), id: 'not-a-uuid' }).join()).toMatch(/uuid/);
		expect(errors('compiled/service.json', { ...fullService(service), status: 'open' }).length).toBeGreaterThan(0);
		expect(pageErrors('compiled/service_list.json', { contents: [] }).length).toBeGreaterThan(0);
	});
});
