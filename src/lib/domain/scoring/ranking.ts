/**
 * Rank (1 = best, ties share the smallest rank, "competition ranking" 1, 2, 2, 4) and percentile
 * (share of the other cells scoring strictly lower, 0–100) for a list of scores. Ties are exact
 * equality: scores come from one deterministic computation, so equal inputs give equal floats.
 * A lone score gets percentile 100.
 */
export function rankScores(scores: ArrayLike<number>): { rank: number; percentile: number }[] {
	const count = scores.length;
	const order = Array.from({ length: count }, (_, position) => position);
	order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
	const standing: { rank: number; percentile: number }[] = new Array(count);
	let start = 0;
	while (start < count) {
		const value = scores[order[start] as number] as number;
		let end = start + 1;
		while (end < count && scores[order[end] as number] === value) end++;
		const strictlyLower = count - end;
		const percentile = count === 1 ? 100 : (100 * strictlyLower) / (count - 1);
		for (let k = start; k < end; k++) standing[order[k] as number] = { rank: start + 1, percentile };
		start = end;
	}
	return standing;
}
