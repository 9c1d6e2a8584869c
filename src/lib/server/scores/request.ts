/** Reading a score request from a URL, for the API routes and pages. */
import { parseScoreSpec, ScoreSpecError, SCORE_PARAMETERS, type ScoreSpec } from '../../domain/scoring/spec';
import type { Role } from '../db/schema';
import { ApiError } from '../http/errors';
import type { ScoreRequest } from './service';

/**
 * The place and spec of `url`; `extra` names further parameters the route reads itself.
 * @throws ApiError 400 naming every bad or unknown parameter.
 */
export function scoreRequestFromUrl(url: URL, viewer: Role | undefined, extra: readonly string[] = []): ScoreRequest {
	const allowed = new Set<string>([...SCORE_PARAMETERS, ...extra]);
	const unknown = [...url.searchParams.keys()].filter((name) => !allowed.has(name));
	const known = [...url.searchParams.keys()].filter((name) => allowed.has(name) && !extra.includes(name));
	const problems = unknown.map((name) => `Unknown parameter "${name}"; allowed: ${[...allowed].join(', ')}.`);
	let spec: ScoreSpec | undefined;
	try {
		spec = parseScoreSpec((name) => url.searchParams.get(name), known);
	} catch (err) {
		if (!(err instanceof ScoreSpecError)) throw err;
		problems.push(...err.problems);
	}
	const placeId = url.searchParams.get('place');
	if (!placeId) problems.push('place is required (see GET /api/places).');
	if (problems.length || !spec || !placeId) throw new ApiError('bad_request', problems.join(' '), { problems });
	return { placeId, spec, viewer };
}
