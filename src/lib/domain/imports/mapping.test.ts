import { describe, expect, it } from 'vitest';
import { findField, parseMapOption, parseSetOption } from './mapping';

describe('--map and --set', () => {
	it('read target=field pairs, joins with +, and commas inside field names', () => {
		expect(parseMapOption('name=Ward,code=WardCode')).toEqual(
			new Map([
				['name', ['Ward']],
				['code', ['WardCode']]
			])
		);
		expect(parseMapOption('address=Address1+Address2 + Postcode')).toEqual(new Map([['address', ['Address1', 'Address2', 'Postcode']]]));
		expect(parseMapOption('imd_rank=Rank, 2019 (IMD),code=LSOA')).toEqual(
			new Map([
				['imd_rank', ['Rank, 2019 (IMD)']],
				['code', ['LSOA']]
			])
		);
		expect(parseSetOption('hub_type=school,description=Open 9-5, Mon-Fri')).toEqual(
			new Map([
				['hub_type', 'school'],
				['description', 'Open 9-5, Mon-Fri']
			])
		);
	});

	it('refuses what it cannot read', () => {
		expect(parseMapOption('name')).toEqual({ problem: '--map expects target=value pairs separated by commas, got "name"' });
		expect(parseMapOption('name=')).toEqual({ problem: '--map name= needs a source field name' });
		expect(parseMapOption('name=a,name=b')).toEqual({ problem: '--map names name twice' });
	});

	it('finds fields by exact name first, then ignoring case', () => {
		expect(findField(['NAME', 'name'], 'name')).toBe('name');
		expect(findField(['LSOA21CD'], 'lsoa21cd')).toBe('LSOA21CD');
		expect(findField(['a'], 'b')).toBeUndefined();
	});
});
