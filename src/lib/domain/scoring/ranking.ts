/**
 * Rank (1 = best, ties share the smallest rank, "competition ranking" 1, 2, 2, 4) and percentile
 * (share of the other cells scoring strictly lower, 0–100) for a list of scores. Scores equal to
 * 12 significant digits tie: the database sums the same terms in another order than TypeScript, and
 * two cells reaching the same sites must rank alike whichever path computed them.
 * A lone score gets percentile 100.
 */
export function rankScores(rawScores: ArrayLike<number>): { rank: number; percentile: number }[] {
	const count = rawScores.length;
	const scores = Float64Array.from({ length: count }, (_, position) => comparable(rawScores[position] as number));
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

/** A score with the last few bits of floating-point summation noise removed. */
function comparable(score: number): number {
	return Number.isFinite(score) && score !== 0 ? Number(score.toPrecision(12)) : score;
}
