import type { Origin, OriginSiteDistance, Site } from './types';

/**
 * The worked example every method is checked against, computed by hand (walking 80 m/min).
 *
 * Cells a, b, c with supply P = 2, 1, 3; sites x, y, z with O = 4, 6, 5. Minutes = metres / 80:
 *
 *            x          y          z
 *   a     400 m  5    1200 m 15   3000 m 37.5
 *   b    1000 m 12.5  2000 m 25   3000 m 37.5
 *   c    2000 m 25     640 m  8   3000 m 37.5
 *
 * Cumulative, T = 20: a reaches x, y → 10; b reaches x → 4; c reaches y → 6.
 *   ranks a 1, c 2, b 3; percentiles (cells strictly lower / 2) 100, 50, 0.
 *
 * Gravity, Gaussian, half weight at 10 min: f(d) = exp(−d² ln2 / 100) = 2^(−(d/10)²).
 *   a: 4·2^−0.25 + 6·2^−2.25 + 5·2^−14.0625 = 3.36358566 + 1.26134462 + 0.00029224 = 4.62522252
 *   b: 4·2^−1.5625 + 6·2^−6.25 + 5·2^−14.0625 = 1.35425555 + 0.07883404 + 0.00029224 = 1.43338182
 *   c: 4·2^−6.25 + 6·2^−0.64 + 5·2^−14.0625 = 0.05255603 + 3.85027769 + 0.00029224 = 3.90312596
 *
 * 2SFCA, T = 20: demand D(x) = P(a) + P(b) = 3, D(y) = P(a) + P(c) = 5, D(z) = 0 so R(z) = 0.
 *   R(x) = 4/3, R(y) = 6/5.  A(a) = 4/3 + 6/5 = 38/15, A(b) = 4/3, A(c) = 6/5.
 *   Check: 2·38/15 + 1·4/3 + 3·6/5 = (76 + 20 + 54)/15 = 10 = O(x) + O(y); z has no demand.
 *   Supply ratio S = D/O: x 3/4, y 5/6, z 0/5 = 0.
 *
 * E2SFCA, bands ≤10 → 1, ≤20 → 0.68, ≤30 → 0.22, beyond → 0:
 *   W:   a–x 1, a–y 0.68, b–x 0.68, b–y 0.22, c–x 0.22, c–y 1, every –z 0.
 *   D(x) = 2·1 + 1·0.68 + 3·0.22 = 3.34;  D(y) = 2·0.68 + 1·0.22 + 3·1 = 4.58.
 *   R(x) = 4/3.34 = 1.19760479, R(y) = 6/4.58 = 1.31004367.
 *   A(a) = R(x) + 0.68·R(y) = 2.08843449;  A(b) = 0.68·R(x) + 0.22·R(y) = 1.10258087;
 *   A(c) = 0.22·R(x) + R(y) = 1.57351672.  Ranks a 1, c 2, b 3.
 *   Supply ratio: x 3.34/4 = 0.835, y 4.58/6 = 0.76333333.
 */
export const workedOrigins: readonly Origin[] = [
	{ id: 'a', supply: 2 },
	{ id: 'b', supply: 1 },
	{ id: 'c', supply: 3 }
];

export const workedSites: readonly Site[] = [
	{ id: 'x', opportunities: 4 },
	{ id: 'y', opportunities: 6 },
	{ id: 'z', opportunities: 5 }
];

export const workedDistances: readonly OriginSiteDistance[] = [
	{ origin: 'a', site: 'x', metres: 400 },
	{ origin: 'a', site: 'y', metres: 1200 },
	{ origin: 'a', site: 'z', metres: 3000 },
	{ origin: 'b', site: 'x', metres: 1000 },
	{ origin: 'b', site: 'y', metres: 2000 },
	{ origin: 'b', site: 'z', metres: 3000 },
	{ origin: 'c', site: 'x', metres: 2000 },
	{ origin: 'c', site: 'y', metres: 640 },
	{ origin: 'c', site: 'z', metres: 3000 }
];

const gaussian = (minutes: number): number => 2 ** -((minutes / 10) ** 2);
const tail = 5 * gaussian(37.5);
const rx = 4 / 3.34;
const ry = 6 / 4.58;

/** Expected scores per cell (a, b, c), written as the hand formulas above. */
export const workedExpected = {
	cumulative: { scores: [10, 4, 6], ranks: [1, 3, 2], percentiles: [100, 0, 50] },
	gravityGaussian: {
		scores: [4 * gaussian(5) + 6 * gaussian(15) + tail, 4 * gaussian(12.5) + 6 * gaussian(25) + tail, 4 * gaussian(25) + 6 * gaussian(8) + tail],
		// The same values to 8 decimals as worked on paper, so a slip in the formulas shows.
		rounded: [4.62522252, 1.43338182, 3.90312596]
	},
	twoStep: { scores: [38 / 15, 4 / 3, 6 / 5], siteRatios: [4 / 3, 6 / 5, 0], supplyRatios: [3 / 4, 5 / 6, 0] },
	enhanced: {
		scores: [rx + 0.68 * ry, 0.68 * rx + 0.22 * ry, 0.22 * rx + ry],
		rounded: [2.08843449, 1.10258087, 1.57351672],
		demand: [3.34, 4.58, 0],
		supplyRatios: [0.835, 4.58 / 6, 0],
		ranks: [1, 3, 2]
	}
} as const;
