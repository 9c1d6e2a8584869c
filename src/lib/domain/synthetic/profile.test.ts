import { describe, expect, it } from 'vitest';
import greaterIcknieldProfile from '../../../../data/greater-icknield/synthetic-profile.json';
import { parsePopulationProfile, ProfileError, skillGroupsReferenced } from './profile';

type ProfileJson = typeof greaterIcknieldProfile;

/** A deep copy of the real profile to break one field at a time. */
function profileWith(edit: (json: ProfileJson) => void): unknown {
	const copy = structuredClone(greaterIcknieldProfile);
	edit(copy);
	return copy;
}

describe('parsePopulationProfile', () => {
	it('reads the Greater Icknield profile', () => {
		const profile = parsePopulationProfile(greaterIcknieldProfile);
		expect(profile.residents.count).toBe(2000);
		expect(profile.cellSize).toBe(250);
		expect(profile.residents.overseasHealthQualified.professions.reduce((n, p) => n + p.count, 0)).toBe(94);
		expect(profile.residents.qualificationLevels[0]).toEqual([0, 0.43]);
		expect(skillGroupsReferenced(profile)).toContain('nursing-midwifery');
	});

	it('names the path of a missing field', () => {
		const broken = profileWith((p) => Reflect.deleteProperty(p.residents, 'migrant_share'));
		expect(() => parsePopulationProfile(broken)).toThrow(new ProfileError('$.residents.migrant_share', 'is missing'));
	});

	it('refuses shares outside 0..1 and levels outside RQF 0..8', () => {
		expect(() => parsePopulationProfile(profileWith((p) => (p.residents.migrant_share = 1.2)))).toThrow(
			/\$\.residents\.migrant_share: expected a number from 0 to 1/
		);
		expect(() => parsePopulationProfile(profileWith((p) => ((p.residents.qualification_levels as Record<string, number>)['9'] = 0.1)))).toThrow(
			/levels are RQF 0 to 8/
		);
	});

	it('refuses consortium counts that do not add up', () => {
		expect(() => parsePopulationProfile(profileWith((p) => (p.enterprises.consortia.food = 1)))).toThrow(
			/consortia: counts sum to 99, not to count \(120\)/
		);
	});

	it('refuses more overseas health-qualified residents than residents', () => {
		expect(() => parsePopulationProfile(profileWith((p) => (p.residents.count = 50)))).toThrow(/exceed the 50 residents/);
	});
});
