import { describe, expect, it } from 'vitest';
import { chooseStripLayouts, type StripLayout } from './legend-strip';

/** A section that is `w1` wide and `h1` high in one column, half as high and twice as wide in two. */
function section(w1: number, h1: number, name = ''): (StripLayout & { name: string })[] {
	return [
		{ name: `${name}1`, variant: 0, width: w1, height: h1 },
		{ name: `${name}2`, variant: 0, width: 2 * w1, height: h1 / 2 }
	];
}

const names = (chosen: { name: string }[]) => chosen.map((l) => l.name);

describe('chooseStripLayouts', () => {
	it('sets every section in two columns when the strip is wide enough', () => {
		expect(names(chooseStripLayouts([section(100, 200, 'a'), section(100, 200, 'b')], 400, 0))).toEqual(['a2', 'b2']);
	});

	it('goes only as high as it must: the tall section in two columns, the other in one', () => {
		// Room for 2×100 + 100 (+ 2 gaps of 10) = 310, not for 2×100 + 2×100.
		const chosen = chooseStripLayouts([section(100, 300, 'tall'), section(100, 100, 'short')], 310, 10);
		expect(names(chosen)).toEqual(['tall2', 'short1']);
	});

	it('counts the gaps between sections', () => {
		// Both in two columns need 2×200 + 10; short of that both stay in one (no lower strip anyway).
		expect(names(chooseStripLayouts([section(100, 200, 'a'), section(100, 200, 'b')], 409, 10))).toEqual(['a1', 'b1']);
		expect(names(chooseStripLayouts([section(100, 200, 'a'), section(100, 200, 'b')], 410, 10))).toEqual(['a2', 'b2']);
	});

	it('falls back to each section at its narrowest when nothing fits side by side', () => {
		expect(names(chooseStripLayouts([section(300, 200, 'a'), section(300, 200, 'b')], 400, 0))).toEqual(['a1', 'b1']);
	});

	it('prefers a lower-numbered variant of the same height when the width allows', () => {
		const layouts = [
			{ name: 'wrapped', variant: 1, width: 180, height: 100 },
			{ name: 'one-line', variant: 0, width: 240, height: 100 }
		];
		expect(names(chooseStripLayouts([layouts], 300, 0))).toEqual(['one-line']);
		expect(names(chooseStripLayouts([layouts], 200, 0))).toEqual(['wrapped']);
	});
});
