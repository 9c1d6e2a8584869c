/**
 * Test support: the Open Referral UK JSON schemas read in place from ../shared (copied unchanged
 * from OpenReferralUK/uk-profile), compiled with ajv for draft 2020-12 (strict off: the schemas
 * carry the profile's own keywords such as "constraints" and "core"). Without ../shared the tests
 * that use it skip, unless REQUIRE_SHARED_DATA=1. Test-only: nothing in the app imports it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export const ORUK_SCHEMA_DIR = path.resolve('..', 'shared', 'standards', 'open-referral-uk', 'schema');
export const runOrukSchemas = fs.existsSync(ORUK_SCHEMA_DIR) || process.env.REQUIRE_SHARED_DATA === '1';
if (!runOrukSchemas) console.warn(`SKIPPED: the Open Referral schema tests need ${ORUK_SCHEMA_DIR} (../shared); REQUIRE_SHARED_DATA=1 makes its absence a failure`);

export type OrukSchemaName =
	| 'compiled/service.json'
	| 'compiled/service_list.json'
	| 'compiled/service_at_location.json'
	| 'compiled/service_at_location_list.json'
	| 'taxonomy.json'
	| 'taxonomy_term.json';

/** The OpenAPI's Page (components.schemas.Page), with `contents` an array. */
const PAGE_SCHEMA = {
	type: 'object',
	required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
	properties: {
		total_items: { type: 'integer' },
		total_pages: { type: 'integer' },
		page_number: { type: 'integer' },
		size: { type: 'integer' },
		first_page: { type: 'boolean' },
		last_page: { type: 'boolean' },
		empty: { type: 'boolean' },
		contents: { type: 'array' }
	}
};

export function orukValidator() {
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats(ajv);
	const read = (name: string) => {
		const schema = JSON.parse(fs.readFileSync(path.join(ORUK_SCHEMA_DIR, name), 'utf8')) as Record<string, unknown>;
		delete schema.$schema;
		return schema;
	};
	// The one-object schemas refer to each other by file name ("taxonomy_term.json"): register them all under it.
	for (const file of fs.readdirSync(ORUK_SCHEMA_DIR)) {
		if (file.endsWith('.json') && file !== 'openapi.json') ajv.addSchema(read(file), file);
	}
	const cache = new Map<string, ReturnType<typeof ajv.compile>>();
	const compile = (name: OrukSchemaName) => {
		let validate = cache.get(name) ?? ajv.getSchema(name);
		if (!validate) {
			validate = ajv.compile(read(name));
			cache.set(name, validate);
		}
		return validate;
	};
	const page = ajv.compile(PAGE_SCHEMA);
	/** The schema's errors for `value` (an empty list when it is valid). */
	const errors = (name: OrukSchemaName, value: unknown): string[] => {
		const validate = compile(name);
		return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
	};
	/** A page of the standard whose every item is valid against `item`. */
	const pageErrors = (item: OrukSchemaName, value: unknown): string[] => {
		if (!page(value)) return (page.errors ?? []).map((e) => `page ${e.instancePath || '/'} ${e.message ?? ''}`);
		return (value as { contents: unknown[] }).contents.flatMap((c, i) => errors(item, c).map((e) => `contents[${i}]${e}`));
	};
	return { errors, pageErrors };
}
