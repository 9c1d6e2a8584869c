import { getAppDatabase } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { parseQuery } from '$lib/server/http/validate';
import { nearMe, nearMeChoices } from '$lib/server/near-me/service';
import { NEAR_ME_QUERY, type NearMeParams } from '$lib/server/near-me/query';
import type { NearMeResult } from '$lib/contracts/near-me';
import type { PageServerLoad } from './$types';

/** The list starts with this many opportunities; "Show all" gives the rest. */
const FIRST_OPPORTUNITIES = 12;

/** What went wrong, as a key the page words in the reader's language. */
export type NearMeProblem = 'choose' | 'postcode_format' | 'postcode_unknown' | 'area_unknown' | 'outside' | 'query';

function problemOf(err: DomainError, params: NearMeParams): NearMeProblem {
	if (err.kind === 'invalid' && err.fields.some((f) => f.field === 'postcode')) return 'postcode_format';
	if (err.kind === 'not_found' && params.postcode) return 'postcode_unknown';
	if (err.kind === 'not_found' && params.area) return 'area_unknown';
	if (err.kind === 'invalid') return 'outside';
	return 'query';
}

/**
 * The list is the page: a GET form (works without JavaScript) whose answer is rendered on the
 * server. A typed postcode wins over the neighbourhood list when both are sent.
 */
export const load: PageServerLoad = async ({ url }) => {
	const { db } = await getAppDatabase();
	const choices = await nearMeChoices(db);
	let params: NearMeParams = {};
	let problem: NearMeProblem | null = null;
	let result: NearMeResult | null = null;
	try {
		// Empty fields of the form (an unchosen list, an empty box) are not given at all.
		const given = new URL(url);
		for (const [name, value] of [...given.searchParams]) if (value.trim() === '') given.searchParams.delete(name);
		params = parseQuery(given, NEAR_ME_QUERY, { declaredOnly: true });
		if (params.postcode && params.area) delete params.area;
		const asked = params.area || params.postcode || params.cell || params.lon !== undefined;
		if (asked) result = await nearMe(db, { ...params, place: choices.place.id });
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		problem = problemOf(err, params);
	}
	// The page carries what it shows (its data is in the HTML twice: rendered, and for hydration).
	const showAll = url.searchParams.get('all') === '1';
	const total = result?.opportunities.length ?? 0;
	if (result && !showAll) result = { ...result, opportunities: result.opportunities.slice(0, FIRST_OPPORTUNITIES) };
	return {
		choices: { areas: choices.areas, postcodes: choices.postcodes },
		params: { area: params.area ?? '', postcode: params.postcode ?? '', cell: params.cell ?? '', interest: params.interest ?? '' },
		result,
		total,
		problem
	};
};
