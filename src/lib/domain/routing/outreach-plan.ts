/**
 * An outreach walk planned from a distance matrix: the visiting order (solve.ts), the minute the
 * researcher reaches each stop, and — with a time budget — which stops do not fit.
 *
 * The budget is met by keeping the longest start of the best order that fits (arrivals, minutes
 * at each stop, and the walk back when the route returns) and ordering those stops again, which
 * can only shorten the walk; the stops after the cut are reported as not fitting, never dropped
 * silently. This is the usual heuristic for the orienteering problem's "visit as many as the time
 * allows" (Vansteenwegen, Souffriau & Van Oudheusden 2011, "The orienteering problem: a survey"),
 * simple enough to explain to the researcher: these are the ones that did not fit.
 */
import { matrixFrom, routeLength, type DistanceMatrix } from './matrix';
import { solveRoute } from './solve';

export interface OutreachPlanInput {
	readonly stopIds: readonly string[];
	/**
	 * Metres between the route's nodes: with a start point, node 0 is the start and node k + 1 is
	 * stop k; without one, node k is stop k.
	 */
	readonly metres: DistanceMatrix;
	readonly hasStart: boolean;
	/** Back to the start (or, without a start point, to the first stop) at the end. */
	readonly returnToStart: boolean;
	readonly metresPerMinute: number;
	readonly budgetMinutes?: number;
	/** Minutes spent at each stop (talking, leaving forms); 0 by default. */
	readonly minutesAtStop?: number;
	readonly seed: string;
	/** Caps each local search (with `clock`), so that 500 stops answer in seconds; default none. */
	readonly timeLimitMs?: number;
	readonly clock?: () => number;
}

export interface Arrival {
	readonly id: string;
	/** Minutes after setting off. */
	readonly minute: number;
}

export interface OutreachPlan {
	/** Stop ids in visiting order (the ones that fit). */
	readonly order: readonly string[];
	/** The matrix nodes in visiting order, the start first when there is one. */
	readonly nodeOrder: readonly number[];
	readonly distanceMetres: number;
	/** Walking plus the minutes at each stop, back at the start when the route returns. */
	readonly durationMinutes: number;
	readonly arrivals: readonly Arrival[];
	/** Stops that do not fit the budget, in the order the full route would have reached them. */
	readonly notFitting: readonly string[];
	readonly method: 'exact' | 'local-search';
}

export function planOutreachRoute(input: OutreachPlanInput): OutreachPlan {
	const { stopIds, metres, hasStart, returnToStart, metresPerMinute } = input;
	const offset = hasStart ? 1 : 0;
	if (metres.n !== stopIds.length + offset) throw new RangeError(`${stopIds.length} stops need a ${stopIds.length + offset}-node matrix, not ${metres.n}`);
	if (!(metresPerMinute > 0)) throw new RangeError('metresPerMinute must be positive');
	const dwell = input.minutesAtStop ?? 0;
	const solve = (nodes: readonly number[]) => {
		const sub = matrixFrom(nodes.length, (i, j) => metres.at(nodes[i]!, nodes[j]!));
		const route = solveRoute(sub, { start: hasStart ? 0 : undefined, closed: returnToStart, seed: input.seed, timeLimitMs: input.timeLimitMs, clock: input.clock });
		return { order: route.order.map((k) => nodes[k]!), method: route.method };
	};
	const all = Array.from({ length: metres.n }, (_, k) => k);
	const solved = solve(all);
	let method = solved.method;
	let notFitting: string[] = [];
	const fits = (prefix: readonly number[]) => timing(metres, prefix, offset, returnToStart, metresPerMinute, dwell).duration <= input.budgetMinutes! + 1e-9;
	const fittingLength = (candidate: readonly number[]) => {
		let keep = candidate.length;
		while (keep > offset && !fits(candidate.slice(0, keep))) keep--;
		return keep;
	};
	// A closed route can be walked either way round at the same length (on a symmetric matrix);
	// which way matters to the researcher: the way that keeps more stops within the budget, then
	// the one that reaches the stops sooner (near ones first), so that a cut keeps the near ones.
	const candidates = [solved.order, ...(returnToStart ? [reverseAfterFirst(solved.order, offset)] : [])].filter(
		(candidate) => routeLength(metres, candidate, returnToStart) <= routeLength(metres, solved.order, returnToStart) + 1e-9
	);
	const rank = (candidate: readonly number[]) => ({
		keep: input.budgetMinutes === undefined ? candidate.length : fittingLength(candidate),
		waiting: timing(metres, candidate, offset, returnToStart, metresPerMinute, dwell).arrivals.reduce((sum, minute) => sum + minute, 0)
	});
	let order = candidates
		.map((candidate) => ({ candidate, ...rank(candidate) }))
		.sort((x, y) => y.keep - x.keep || x.waiting - y.waiting)[0]!.candidate;

	if (input.budgetMinutes !== undefined) {
		const keep = fittingLength(order);
		if (keep < order.length) {
			notFitting = order.slice(keep).map((node) => stopIds[node - offset]!);
			const prefix = order.slice(0, keep);
			const again = prefix.length > offset ? solve(prefix) : { order: prefix, method };
			// The prefix already fits; a fresh order of the same stops is taken only if it is shorter.
			const better = routeLength(metres, again.order, returnToStart) < routeLength(metres, prefix, returnToStart) - 1e-9;
			order = better ? again.order : prefix;
			method = again.method;
		}
	}

	const { arrivals, duration } = timing(metres, order, offset, returnToStart, metresPerMinute, dwell);
	return {
		order: order.slice(offset).map((node) => stopIds[node - offset]!),
		nodeOrder: order,
		distanceMetres: routeLength(metres, order, returnToStart && order.length > 1),
		durationMinutes: duration,
		arrivals: arrivals.map((minute, k) => ({ id: stopIds[order[k + offset]! - offset]!, minute })),
		notFitting,
		method
	};
}

/** The same closed route walked the other way round, its first node (the start) kept first. */
function reverseAfterFirst(order: readonly number[], offset: number): number[] {
	if (offset === 0) return [...order].reverse();
	return [order[0]!, ...order.slice(1).reverse()];
}

/** Arrival minute at each stop of `order` (after the start) and the whole route's minutes. */
function timing(metres: DistanceMatrix, order: readonly number[], offset: number, returnToStart: boolean, speed: number, dwell: number) {
	const arrivals: number[] = [];
	let clock = 0;
	for (let k = 0; k < order.length; k++) {
		if (k > 0) clock += metres.at(order[k - 1]!, order[k]!) / speed;
		if (k >= offset) {
			arrivals.push(clock);
			clock += dwell;
		}
	}
	if (returnToStart && order.length > 1) clock += metres.at(order[order.length - 1]!, order[0]!) / speed;
	return { arrivals, duration: clock };
}
