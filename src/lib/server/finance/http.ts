/** URL parameters of the finance routes. */
import * as v from 'valibot';
import { intParam, text } from '../http/validate';

export const DEFAULT_PLACE = 'greater-icknield';

export const SUMMARY_QUERY = v.strictObject({ place: v.optional(text(63), DEFAULT_PLACE) });
export const RECORDS_QUERY = v.strictObject({ place: v.optional(text(63), DEFAULT_PLACE), offset: v.optional(intParam(0, 1_000_000), '0') });
