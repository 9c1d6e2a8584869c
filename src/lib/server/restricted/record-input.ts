/** The shape of a new resident record as the API and the form accept it. */
import { checks, parseObject } from '../http/body';
import type { NewResidentRecord } from './records';

export const NEW_RECORD_SHAPE = {
	placeId: { check: checks.string(63) },
	skillGroupId: { check: checks.string(63) },
	qualificationLevel: { check: checks.nullable(checks.integer(0, 8)), optional: true },
	overseasQualification: { check: checks.boolean(), optional: true },
	englishTestPassed: { check: checks.boolean(), optional: true },
	professionallyRegistered: { check: checks.boolean(), optional: true },
	languages: { check: checks.stringArray(12, 40), optional: true },
	location: { check: checks.lonLat() }
};

export function parseNewRecord(body: unknown): NewResidentRecord {
	const v = parseObject(body, NEW_RECORD_SHAPE);
	return {
		placeId: v.placeId,
		skillGroupId: v.skillGroupId,
		qualificationLevel: v.qualificationLevel ?? null,
		overseasQualification: v.overseasQualification ?? false,
		englishTestPassed: v.englishTestPassed ?? false,
		professionallyRegistered: v.professionallyRegistered ?? false,
		languages: v.languages ?? [],
		location: v.location
	};
}
