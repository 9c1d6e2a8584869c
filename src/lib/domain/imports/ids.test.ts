import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdAllocator, idFromName, isValidId, slugify, stableHash } from './ids';

describe('slugify', () => {
	it.each([
		['Soho & Jewellery Quarter', 'soho-and-jewellery-quarter'],
		["St Mary's C of E Primary School", 'st-marys-c-of-e-primary-school'],
		['  Café Élan (Ladywood) ', 'cafe-elan-ladywood'],
		['Birmingham Midland Eye Centre (Bmec)', 'birmingham-midland-eye-centre-bmec'],
		['Ørsted—Hub', 'rsted-hub'],
		['مركز', '']
	])('%s -> %s', (name, slug) => {
		expect(slugify(name, 100)).toBe(slug);
	});

	it('cuts at the length limit without leaving a trailing hyphen', () => {
		expect(slugify('abc def ghi', 4)).toBe('abc');
	});

	it('always gives a valid id or nothing', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 120 }), (name, max) => {
				const slug = slugify(name, max);
				expect(slug === '' || isValidId(slug, max)).toBe(true);
			})
		);
	});
});

describe('idFromName', () => {
	it('falls back to a stable hash for names with no Latin letters', () => {
		const id = idFromName('مركز المجتمع', 100, 'hub');
		expect(id).toMatch(/^hub-[0-9a-f]{8}$/);
		expect(idFromName('مركز المجتمع', 100, 'hub')).toBe(id);
		expect(stableHash('a')).not.toBe(stableHash('b'));
	});
});

describe('IdAllocator', () => {
	it('numbers repeats and steps around reserved ids, within the length limit', () => {
		const ids = new IdAllocator(8);
		expect(ids.reserve('boots-2')).toBe(true);
		expect(ids.reserve('boots-2')).toBe(false);
		expect(ids.allocate('boots')).toBe('boots');
		expect(ids.allocate('boots')).toBe('boots-3');
		expect(ids.allocate('longname')).toBe('longname');
		expect(ids.allocate('longname')).toBe('longna-2');
	});
});
