import { describe, expect, it } from 'vitest';
import type { ResidentRecord } from './filters';
import { publishResidentLayers, type Publication } from './publish';
import { tableHierarchy } from './test-support';

interface Flags {
	registered?: boolean;
}
const people = (cell: string, skillGroup: string, count: number, flags: Flags = {}): ResidentRecord[] =>
	Array.from({ length: count }, () => ({
		cell: `hex250:${cell}`,
		skillGroup,
		overseasQualification: false,
		englishTestPassed: false,
		professionallyRegistered: flags.registered ?? false
	}));

/** Layer as `{ released: 'id=count …', hidden: 'id …', total }` for compact expectations. */
function layer(publication: Publication, key: string) {
	const found = publication.layers.get(key);
	if (!found) throw new Error(`no layer ${key}`);
	return {
		released: found.units.map((u) => `${u.id.replace('hex250:', '')}=${u.count}`).join(' '),
		hidden: found.suppressedUnits.map((id) => id.replace('hex250:', '')).join(' '),
		total: found.total
	};
}

/** Three cells, each alone in its own hex500 and hex1000: coarsening cannot help them. */
const isolated = tableHierarchy({
	'hex250:a': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
	'hex250:b': { hex500: 'hex500:B1', hex1000: 'hex1000:B' },
	'hex250:c': { hex500: 'hex500:C1', hex1000: 'hex1000:C' }
});

describe('publishResidentLayers: worked examples (README.md)', () => {
	it('1. coarsens a small cell into its parent and suppresses nothing', () => {
		const hierarchy = tableHierarchy({
			'hex250:a': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
			'hex250:b': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
			'hex250:c': { hex500: 'hex500:A2', hex1000: 'hex1000:A' },
			'hex250:d': { hex500: 'hex500:B1', hex1000: 'hex1000:B' },
			'hex250:e': { hex500: 'hex500:B1', hex1000: 'hex1000:B' }
		});
		const records = [...people('a', 'nurse', 12), ...people('b', 'nurse', 3), ...people('c', 'porter', 15), ...people('d', 'nurse', 20), ...people('e', 'porter', 11)];
		const publication = publishResidentLayers(records, hierarchy, { skillGroups: ['nurse', 'porter'] });
		expect(layer(publication, 'all/any')).toEqual({ released: 'c=15 d=20 e=10 hex500:A1=15', hidden: '', total: 60 });
		expect(layer(publication, 'nurse/any')).toEqual({ released: 'd=20 hex500:A1=15', hidden: '', total: 35 });
		expect(layer(publication, 'porter/any')).toEqual({ released: 'c=15 e=10', hidden: '', total: 25 });
		expect(layer(publication, 'nurse/professionally_registered')).toEqual({ released: '', hidden: '', total: 0 });
		expect(publication.suppressionRecord).toEqual([]);
		expect(publication.summary).toMatchObject({ records: 61, recordsInPublishedUnits: 61, shareInPublishedUnits: 1 });
	});

	it('2. hides a second unit so the total cannot give the small one away, in every layer alike', () => {
		const records = [...people('a', 'nurse', 30), ...people('b', 'nurse', 4), ...people('c', 'nurse', 25)];
		const publication = publishResidentLayers(records, isolated, { skillGroups: ['nurse'] });
		for (const key of ['all/any', 'nurse/any']) expect(layer(publication, key)).toEqual({ released: 'a=30', hidden: 'hex1000:B c', total: 60 });
		expect(publication.suppressionRecord).toEqual([
			{ filterKey: 'all/any', unitId: 'hex250:c', level: 'hex250', reason: 'secondary_total', trueCountBand: '10+' },
			{ filterKey: 'all/any', unitId: 'hex1000:B', level: 'hex1000', reason: 'primary', trueCountBand: '1-4' },
			{ filterKey: 'nurse/any', unitId: 'hex250:c', level: 'hex250', reason: 'secondary_total', trueCountBand: '10+' },
			{ filterKey: 'nurse/any', unitId: 'hex1000:B', level: 'hex1000', reason: 'primary', trueCountBand: '1-4' }
		]);
		expect(publication.summary.shareInPublishedUnits).toBeCloseTo(30 / 59);
	});

	it('3. lets the narrower filter give way when two nested filters differ by a small number', () => {
		const records = [
			...people('a', 'nurse', 17, { registered: true }),
			...people('a', 'nurse', 3),
			...people('b', 'nurse', 15, { registered: true }),
			...people('b', 'nurse', 10),
			...people('b', 'porter', 15),
			...people('c', 'nurse', 12, { registered: true }),
			...people('c', 'nurse', 10),
			...people('c', 'porter', 18)
		];
		const publication = publishResidentLayers(records, isolated, { skillGroups: ['nurse', 'porter'] });
		expect(layer(publication, 'all/any')).toEqual({ released: 'a=20 b=40 c=40', hidden: '', total: 100 });
		expect(layer(publication, 'nurse/any')).toEqual({ released: 'a=20 b=25 c=20', hidden: '', total: 65 });
		for (const key of ['all/professionally_registered', 'nurse/professionally_registered']) {
			expect(layer(publication, key)).toEqual({ released: 'b=15', hidden: 'a c', total: 45 });
		}
		expect(new Set(publication.suppressionRecord.map((entry) => entry.reason))).toEqual(new Set(['secondary_linked']));
	});

	it("4. stops 'all' minus the other groups from pinning a small group", () => {
		const records = [...people('a', 'nurse', 20), ...people('a', 'porter', 3), ...people('b', 'nurse', 30)];
		const publication = publishResidentLayers(records, isolated, { skillGroups: ['nurse', 'porter'] });
		expect(layer(publication, 'all/any')).toEqual({ released: 'a=25 b=30', hidden: '', total: 55 });
		expect(layer(publication, 'nurse/any')).toEqual({ released: 'b=30', hidden: 'a', total: null });
		expect(layer(publication, 'porter/any')).toEqual({ released: '', hidden: 'hex1000:A', total: null });
		expect(publication.suppressionRecord.filter((entry) => entry.filterKey === 'nurse/any').map((entry) => [entry.unitId, entry.reason])).toEqual([
			['hex250:a', 'secondary_linked'],
			['place', 'secondary_partition']
		]);
	});
});

describe('publishResidentLayers: contract', () => {
	const records = [...people('a', 'nurse', 30), ...people('b', 'nurse', 4), ...people('c', 'porter', 25)];

	it('refuses k below 5, and thresholds or bases that are not whole numbers', () => {
		expect(() => publishResidentLayers(records, isolated, { skillGroups: ['nurse', 'porter'], k: 4 })).toThrow(/at least 5/);
		expect(() => publishResidentLayers(records, isolated, { skillGroups: ['nurse', 'porter'], k: 7.5 })).toThrow(/whole number/);
		expect(() => publishResidentLayers(records, isolated, { skillGroups: ['nurse', 'porter'], roundingBase: 0 })).toThrow(/roundingBase/);
	});

	it('refuses records it cannot place in a group or a cell', () => {
		expect(() => publishResidentLayers(records, isolated, { skillGroups: ['nurse'] })).toThrow(/record 34: skill group "porter"/);
		expect(() => publishResidentLayers([...people('z', 'nurse', 1)], isolated, { skillGroups: ['nurse'] })).toThrow(/unknown cell/);
	});

	it('publishes empty layers for no records', () => {
		const publication = publishResidentLayers([], isolated, { skillGroups: ['nurse'] });
		expect([...publication.layers.keys()]).toEqual(['all/any', 'all/overseas_qualification', 'all/english_test_passed', 'all/professionally_registered', 'nurse/any', 'nurse/overseas_qualification', 'nurse/english_test_passed', 'nurse/professionally_registered']);
		expect(publication.layers.get('all/any')).toMatchObject({ units: [], suppressedUnits: [], total: 0 });
	});

	it('rounds to the configured base and respects a higher k', () => {
		const publication = publishResidentLayers([...people('a', 'nurse', 33), ...people('b', 'nurse', 27), ...people('c', 'nurse', 61)], isolated, { skillGroups: ['nurse'], k: 30, roundingBase: 10 });
		// b (27) is under k = 30 at every level; a (33) is hidden beside it so the total cannot give b
		// away (121 − 61 = 60 = a + b). Released figures are rounded to tens: 61 → 60, 121 → 120.
		expect(layer(publication, 'all/any')).toEqual({ released: 'c=60', hidden: 'hex1000:B a', total: 120 });
		expect(publication.k).toBe(30);
		expect(publication.roundingBase).toBe(10);
	});

	it('gives the same publication for the same records in any order', () => {
		const many = [...people('a', 'nurse', 30), ...people('a', 'porter', 3), ...people('b', 'nurse', 4), ...people('b', 'porter', 12), ...people('c', 'porter', 25)];
		const shuffled = [...many].sort((x, y) => (x.skillGroup + x.cell < y.skillGroup + y.cell ? 1 : -1));
		const one = publishResidentLayers(many, isolated, { skillGroups: ['nurse', 'porter'] });
		const two = publishResidentLayers(shuffled, isolated, { skillGroups: ['porter', 'nurse'] });
		expect(two).toEqual(one);
		expect([...two.layers.keys()]).toEqual([...one.layers.keys()]);
	});
});
