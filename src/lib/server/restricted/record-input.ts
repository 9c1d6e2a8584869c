/** The shape of a new resident record as the API and the form accept it. */
import * as v from 'valibot';
import { bool, int, lonLat, parseInput, text, textList, type Where } from '../http/validate';
import type { NewResidentRecord } from './records';

export const NEW_RECORD = v.strictObject({
	placeId: text(63),
	skillGroupId: text(63),
	qualificationLevel: v.optional(v.nullable(int(0, 8))),
	overseasQualification: v.optional(bool()),
	englishTestPassed: v.optional(bool()),
	professionallyRegistered: v.optional(bool()),
	languages: v.optional(textList(12, 40)),
	location: lonLat()
});

export function parseNewRecord(body: unknown, where: Where = 'body'): NewResidentRecord {
	const r = parseInput(NEW_RECORD, body, where);
	return {
		placeId: r.placeId,
		skillGroupId: r.skillGroupId,
		qualificationLevel: r.qualificationLevel ?? null,
		overseasQualification: r.overseasQualification ?? false,
		englishTestPassed: r.englishTestPassed ?? false,
		professionallyRegistered: r.professionallyRegistered ?? false,
		languages: r.languages ?? [],
		location: r.location
	};
}
