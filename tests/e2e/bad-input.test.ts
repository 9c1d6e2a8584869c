/**
 * Bad input over HTTP: oversized bodies get 413, malformed JSON 400, unknown fields are refused,
 * and in each case nothing is written (the researcher's record count and the account list do not
 * change).
 */
import { describe, expect, it } from 'vitest';
import { request } from './http';

const GOOD_RECORD = {
	placeId: 'greater-icknield',
	skillGroupId: 'nursing-midwifery',
	qualificationLevel: 6,
	overseasQualification: true,
	languages: ['Tigrinya'],
	location: { lon: -1.94512, lat: 52.49233 }
};

async function myRecordCount(): Promise<number> {
	const response = await request('researcher', 'GET', '/api/records?limit=1');
	expect(response.status).toBe(200);
	return ((await response.json()) as { total: number }).total;
}

async function postRecord(body: string, contentType = 'application/json') {
	const response = await request('researcher', 'POST', '/api/records', { body, contentType });
	const json = (await response.json()) as { error?: { code: string; message: string; details?: unknown } };
	return { status: response.status, json };
}

describe('bad input to JSON endpoints', () => {
	it('answers 413 for an oversized body and writes nothing', async () => {
		const before = await myRecordCount();
		// Several times over: the unread rest of the body must not break the next request either.
		for (let attempt = 0; attempt < 5; attempt++) {
			const { status, json } = await postRecord(JSON.stringify({ ...GOOD_RECORD, languages: ['x'.repeat(100_000 + attempt)] }));
			expect(status).toBe(413);
			expect(json.error?.code).toBe('payload_too_large');
			expect(await myRecordCount()).toBe(before);
		}
	});

	it('answers 400 for malformed JSON, naming the problem', async () => {
		const before = await myRecordCount();
		const { status, json } = await postRecord('{"placeId": "greater-icknield",');
		expect(status).toBe(400);
		expect(json.error?.message).toMatch(/not valid JSON/);
		expect(await myRecordCount()).toBe(before);
	});

	it('refuses unknown fields by name, and wrong values field by field', async () => {
		const before = await myRecordCount();
		const unknown = await postRecord(JSON.stringify({ ...GOOD_RECORD, homeAddress: '1 Dudley Road' }));
		expect(unknown.status).toBe(400);
		expect(unknown.json.error?.message).toContain('homeAddress');
		const wrong = await postRecord(JSON.stringify({ ...GOOD_RECORD, qualificationLevel: 11, location: { lon: 'west' } }));
		expect(wrong.status).toBe(422);
		expect(wrong.json.error?.message).toMatch(/"qualificationLevel" must be a whole number from 0 to 8; "location" must be/);
		const outside = await postRecord(JSON.stringify({ ...GOOD_RECORD, location: { lon: -0.1276, lat: 51.5072 } }));
		expect(outside.status).toBe(422);
		expect(await myRecordCount()).toBe(before);
	});

	it('accepts a good record, snapped to its cell', async () => {
		const before = await myRecordCount();
		const { status, json } = await postRecord(JSON.stringify(GOOD_RECORD));
		expect(status).toBe(201);
		expect((json as unknown as { cell: { lon: number } }).cell.lon).not.toBe(GOOD_RECORD.location.lon);
		expect(await myRecordCount()).toBe(before + 1);
	});

	it('refuses a form post from another site (SvelteKit) and a JSON post from another site (ours)', async () => {
		const form = await request('administrator', 'POST', '/admin/users?/create', {
			body: 'username=x.y.z&displayName=X&role=administrator&password=a+long+enough+passphrase',
			contentType: 'application/x-www-form-urlencoded',
			origin: 'https://evil.example'
		});
		expect(form.status).toBe(403);
		const users = (await (await request('administrator', 'GET', '/api/users')).json()) as { users: { username: string }[] };
		expect(users.users.map((u) => u.username)).not.toContain('x.y.z');
	});

	it('answers 400, not 500, for offsets and limits out of range (issue 16.3)', async () => {
		for (const offset of ['1e20', '9223372036854775808', '-1']) {
			const records = await request('researcher', 'GET', `/api/records?offset=${offset}`);
			expect(records.status, `/api/records offset=${offset}`).toBe(400);
			expect(((await records.json()) as { error: { code: string; message: string } }).error.message).toMatch(/offset/);
			const items = await request('public', 'GET', `/ogc/collections/macro-assets/items?offset=${offset}`, { headers: { accept: 'application/json' } });
			expect(items.status, `OGC items offset=${offset}`).toBe(400);
			expect(((await items.json()) as { error: { code: string } }).error.code).toBe('bad_request');
		}
		expect((await request('researcher', 'GET', '/api/records?limit=9223372036854775808')).status).toBe(400);
	});

	it('refuses a NUL character in a text field, naming the field, and writes nothing (issue 16.3)', async () => {
		const before = await myRecordCount();
		const record = await postRecord(JSON.stringify({ ...GOOD_RECORD, languages: ['Tigr\u0000inya'] }));
		expect(record.status).toBe(422);
		expect(record.json.error?.message).toMatch(/"languages" must not contain a NUL/);
		expect(await myRecordCount()).toBe(before);
		const scenario = await request('planner', 'POST', '/api/scenarios', {
			body: JSON.stringify({ place: 'greater-icknield', name: 'Nul\u0000 scenario' }),
			contentType: 'application/json'
		});
		expect(scenario.status).toBe(422);
		expect(((await scenario.json()) as { error: { message: string } }).error.message).toMatch(/"name" must not contain a NUL/);
	});
});
