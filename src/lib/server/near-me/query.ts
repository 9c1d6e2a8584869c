/** The URL parameters of GET /api/near-me and the /near-me page (valibot; refusals are 400). */
import * as v from 'valibot';
import { INTERESTS } from '../../domain/near-me/interests';
import { oneOf, text } from '../http/validate';
import type { NearMeQuery } from './service';

/** Degrees written plainly (no exponent), within ±limit. */
function degreesParam(limit: number) {
	const message = `must be a number of degrees from -${limit} to ${limit}, like -1.9512`;
	return v.pipe(
		v.string(message),
		v.regex(/^-?\d{1,3}(\.\d{1,12})?$/, message),
		v.transform(Number),
		v.minValue(-limit, message),
		v.maxValue(limit, message)
	);
}

export const NEAR_ME_QUERY = v.strictObject({
	place: v.optional(text(63)),
	area: v.optional(text(110)),
	postcode: v.optional(text(10)),
	cell: v.optional(text(40)),
	lon: v.optional(degreesParam(180)),
	lat: v.optional(degreesParam(90)),
	interest: v.optional(oneOf(INTERESTS))
});

export type NearMeParams = v.InferOutput<typeof NEAR_ME_QUERY>;

export function toNearMeQuery(params: NearMeParams): NearMeQuery {
	return { ...params };
}
