import { describe, expect, it } from 'vitest';
import greaterIcknieldProfile from '../../../../data/greater-icknield/synthetic-profile.json';
import { hexCellAt } from '../cells/hex';
import { generateEnterprises } from './enterprises';
import { containsWithMargin, type PlanarMultiPolygon } from './planar';
import { parsePopulationProfile } from './profile';
import { drawResidentCell, generateResidents, type PlacementFrame } from './residents';
import { createRandom } from './random';

const profile = parsePopulationProfile(greaterIcknieldProfile);

function square(x: number, y: number, side: number): PlanarMultiPolygon {
	return [[[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]]];
}

// A 4 km square in British National Grid with two equal residential areas 1.2 km apart, the
// western one weighted three times the eastern one.
const frame: PlacementFrame = {
	boundary: square(400_000, 285_000, 4000),
	areas: [
		{ id: 'west', name: 'West', weight: 3, shape: square(400_500, 285_500, 1000) },
		{ id: 'east', name: 'East', weight: 1, shape: square(402_700, 285_500, 1000) }
	]
};

const HEALTH_GROUPS = new Set(['nursing-midwifery', 'medical-clinical', 'allied-health-scientific']);

describe('generateResidents (Greater Icknield profile)', () => {
	const residents = generateResidents(profile, frame);

	it('is reproducible for a seed and changes with the seed', () => {
		expect(generateResidents(profile, frame)).toEqual(residents);
		const other = generateResidents({ ...profile, seed: 'another-seed' }, frame);
		expect(other.map((r) => r.id)).not.toEqual(residents.map((r) => r.id));
	});

	it('has the profile count and unique version-4 UUIDs', () => {
		expect(residents).toHaveLength(2000);
		expect(new Set(residents.map((r) => r.id)).size).toBe(2000);
		expect(residents[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('has exactly the 94 overseas health-qualified residents the journal reports, all migrants', () => {
		const overseasHealth = residents.filter((r) => r.overseasQualification && HEALTH_GROUPS.has(r.skillGroupId));
		expect(overseasHealth).toHaveLength(94);
		expect(overseasHealth.every((r) => r.migrant && r.overseasHealthProfession !== null)).toBe(true);
		const professions = new Set(overseasHealth.map((r) => r.overseasHealthProfession));
		for (const p of ['nurse', 'midwife', 'doctor (general practice)', 'paediatric surgeon', 'eye surgeon']) {
			expect(professions).toContain(p);
		}
		// Some have passed an English test, few are registered, and only after the test.
		const english = overseasHealth.filter((r) => r.englishTestPassed).length;
		const registered = overseasHealth.filter((r) => r.professionallyRegistered);
		expect(english).toBeGreaterThan(15);
		expect(english).toBeLessThan(55);
		expect(registered.length).toBeGreaterThan(0);
		expect(registered.length).toBeLessThan(20);
		expect(registered.every((r) => r.englishTestPassed)).toBe(true);
	});

	it('matches the area facts: over 40% without formal qualifications, about 62% migrants', () => {
		const noQualifications = residents.filter((r) => r.qualificationLevel === 0).length / residents.length;
		expect(noQualifications).toBeGreaterThan(0.4);
		expect(noQualifications).toBeLessThan(0.46);
		const migrants = residents.filter((r) => r.migrant).length / residents.length;
		expect(migrants).toBeGreaterThan(0.59);
		expect(migrants).toBeLessThan(0.65);
	});

	it('gives every resident a language, main language first, and a spread of community languages', () => {
		expect(residents.every((r) => r.languages.length >= 1 && new Set(r.languages).size === r.languages.length)).toBe(true);
		const spoken = new Set(residents.flatMap((r) => r.languages));
		for (const language of ['English', 'Punjabi', 'Urdu', 'Bengali', 'Somali', 'Arabic', 'Polish', 'Romanian', 'Tigrinya', 'Kurdish', 'Pashto']) {
			expect(spoken).toContain(language);
		}
		expect(residents.filter((r) => !r.migrant).every((r) => r.languages[0] === 'English')).toBe(true);
	});

	it('keeps the qualification and registration rules consistent', () => {
		for (const r of residents) {
			expect(r.qualificationLevel).toBeGreaterThanOrEqual(0);
			expect(r.qualificationLevel).toBeLessThanOrEqual(8);
			if (r.englishTestPassed) expect(r.overseasQualification).toBe(true);
			if (r.overseasQualification) expect(r.migrant).toBe(true);
			if (r.professionallyRegistered) expect(HEALTH_GROUPS.has(r.skillGroupId)).toBe(true);
		}
		// Nobody without qualifications is placed in a professional health group.
		expect(residents.some((r) => r.qualificationLevel <= 2 && HEALTH_GROUPS.has(r.skillGroupId))).toBe(false);
	});

	it('stores only cell centres, each inside the boundary with the margin', () => {
		for (const r of residents) {
			expect(hexCellAt(r.cell.x, r.cell.y, profile.cellSize)).toEqual(r.cell);
			expect(containsWithMargin(frame.boundary, r.cell.x, r.cell.y, profile.boundaryMargin)).toBe(true);
		}
		// Many residents share a cell: 2,000 people over a few dozen 250 m cells.
		expect(new Set(residents.map((r) => `${r.cell.i}:${r.cell.j}`)).size).toBeLessThan(150);
	});

	it('places residents in areas roughly by weight (3:1)', () => {
		// Snapping moves a point at most one cell radius (250 m), so the gap keeps the areas apart.
		const west = residents.filter((r) => r.cell.x < 402_100).length / residents.length;
		expect(west).toBeGreaterThan(0.72);
		expect(west).toBeLessThan(0.78);
	});
});

describe('drawResidentCell', () => {
	it('fails with a clear message when the areas lie outside the boundary', () => {
		const outside: PlacementFrame = {
			boundary: square(400_000, 285_000, 1000),
			areas: [{ id: 'far', name: 'Far away', weight: 1, shape: square(500_000, 385_000, 1000) }]
		};
		expect(() => drawResidentCell(createRandom('x'), outside, 250, 0, 50)).toThrow(/inside the place boundary/);
	});
});

describe('generateEnterprises (Greater Icknield profile)', () => {
	const enterprises = generateEnterprises(profile, frame);

	it('is reproducible and has the consortium counts of the profile', () => {
		expect(generateEnterprises(profile, frame)).toEqual(enterprises);
		expect(enterprises).toHaveLength(120);
		const byConsortium = new Map<string, number>();
		for (const e of enterprises) byConsortium.set(e.consortium, (byConsortium.get(e.consortium) ?? 0) + 1);
		expect(Object.fromEntries(byConsortium)).toEqual(greaterIcknieldProfile.enterprises.consortia);
	});

	it('labels every invented name as synthetic, and no two are the same', () => {
		expect(enterprises.every((e) => e.name.endsWith(' (synthetic)'))).toBe(true);
		expect(new Set(enterprises.map((e) => e.name)).size).toBe(enterprises.length);
		expect(new Set(enterprises.map((e) => e.id)).size).toBe(enterprises.length);
		expect(enterprises[0]!.id).toBe('se-synthetic-001');
	});

	it('has offers, needs, a plausible size and a position inside the boundary', () => {
		for (const e of enterprises) {
			expect(e.offers).toContain('; ');
			expect(e.needs).toContain('; ');
			expect(e.employees).toBeGreaterThanOrEqual(0);
			expect(e.employees).toBeLessThanOrEqual(60);
			expect(Number.isInteger(e.x) && Number.isInteger(e.y)).toBe(true);
			expect(containsWithMargin(frame.boundary, e.x, e.y, profile.boundaryMargin)).toBe(true);
		}
		const small = enterprises.filter((e) => e.employees <= 9).length / enterprises.length;
		expect(small).toBeGreaterThan(0.65);
	});
});
