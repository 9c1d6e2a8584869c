import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelCandidate, type PlacedLabel, type Rect } from './labels';

/** A site whose outline spans `size` pixels around (x, y), with a 100 x 20 label. */
function site(id: string, x: number, y: number, size = 10, label = { width: 100, height: 20 }): LabelCandidate {
	return { id, x, y, ...label, shape: { left: x - size / 2, right: x + size / 2, top: y - size / 2, bottom: y + size / 2 } };
}

function rectOf(c: LabelCandidate, p: PlacedLabel): Rect {
	const cx = c.x + p.dx;
	const cy = c.y + p.dy;
	return { left: cx - c.width / 2, right: cx + c.width / 2, top: cy - c.height / 2, bottom: cy + c.height / 2 };
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('placeLabels', () => {
	it('centres a label on a site big enough to hold it', () => {
		const placed = placeLabels([site('big', 200, 200, 300)]);
		expect(placed.get('big')).toEqual({ placement: 'center', dx: 0, dy: 0 });
	});

	it('puts a label beside a small site, off its outline', () => {
		const small = site('small', 200, 200, 10);
		const p = placeLabels([small], { gap: 4 }).get('small')!;
		expect(p.placement).toBe('right');
		// The label starts just right of the outline: 5 px half-width + 4 px gap + 50 px half-label.
		expect(p).toEqual({ placement: 'right', dx: 59, dy: 0 });
		expect(overlaps(rectOf(small, p), small.shape)).toBe(false);
	});

	it('keeps a label off a neighbouring site when it can', () => {
		const a = site('a', 200, 200, 10);
		const neighbour = site('b', 260, 200, 10, { width: 10, height: 10 });
		const p = placeLabels([a, neighbour]).get('a')!;
		expect(p.placement).toBe('left');
		expect(overlaps(rectOf(a, p), neighbour.shape)).toBe(false);
	});

	it('prefers positions inside the viewport', () => {
		const nearRightEdge = site('edge', 380, 200, 10);
		const viewport = { left: 0, top: 0, right: 400, bottom: 400 };
		expect(placeLabels([nearRightEdge], { viewport }).get('edge')?.placement).toBe('left');
	});

	it('would rather cover a neighbouring site than run off the map', () => {
		const nearRightEdge = site('edge', 380, 200, 10);
		const neighbourToTheLeft = site('n', 330, 200, 10, { width: 10, height: 10 });
		const viewport = { left: 0, top: 0, right: 400, bottom: 220 };
		// Right, above and below run off the map; left stays in view but covers the neighbour, and
		// above-left stays in view and clears it.
		const p = placeLabels([nearRightEdge, neighbourToTheLeft], { viewport }).get('edge')!;
		expect(p.placement).toBe('above-left');
		expect(overlaps(rectOf(nearRightEdge, p), neighbourToTheLeft.shape)).toBe(false);
		// Boxed in below as well, covering the neighbour is the only way to stay on the map.
		const low = { left: 0, top: 185, right: 400, bottom: 220 };
		expect(placeLabels([nearRightEdge, neighbourToTheLeft], { viewport: low }).get('edge')?.placement).toBe('left');
	});

	it('hides a label that would run off the map wherever it went', () => {
		const narrowMap = { left: 0, top: 0, right: 80, bottom: 400 };
		expect(placeLabels([site('wide-name', 40, 200, 10)], { viewport: narrowMap }).get('wide-name')?.placement).toBe('hidden');
	});

	it('keeps every other label off a site that must stay clear (the selected one)', () => {
		const selected = site('selected', 200, 200, 200);
		// Beside the selected site, near the map's right edge: every place in view covers it.
		const other = site('other', 310, 200, 10);
		const viewport = { left: 0, top: 0, right: 400, bottom: 400 };
		const keepClear = [{ id: 'selected', rect: selected.shape }];
		expect(placeLabels([selected, other], { viewport }).get('other')?.placement).not.toBe('hidden');
		expect(placeLabels([selected, other], { viewport, keepClear }).get('other')?.placement).toBe('hidden');
		expect(placeLabels([selected, other], { viewport, keepClear }).get('selected')?.placement).toBe('center');
	});

	it('places earlier labels first and moves later ones', () => {
		const first = site('first', 200, 200);
		const second = site('second', 205, 203);
		const placed = placeLabels([first, second]);
		expect(placed.get('first')?.placement).not.toBe('hidden');
		const p = placed.get('second')!;
		expect(p.placement).not.toBe('hidden');
		expect(overlaps(rectOf(first, placed.get('first')!), rectOf(second, p))).toBe(false);
	});

	it('hides a label that fits nowhere', () => {
		const many = Array.from({ length: 8 }, (_, i) => site(`s${i}`, 200, 200));
		const placed = placeLabels(many);
		expect([...placed.values()].filter((p) => p.placement === 'hidden').length).toBeGreaterThan(0);
	});

	it('never lets two shown labels overlap', () => {
		const candidates: LabelCandidate[] = [];
		for (let i = 0; i < 40; i++) candidates.push(site(`l${i}`, (i % 8) * 37, Math.floor(i / 8) * 13, 8, { width: 90, height: 18 }));
		const placed = placeLabels(candidates, { gap: 2 });
		const shown = candidates.filter((c) => placed.get(c.id)!.placement !== 'hidden').map((c) => rectOf(c, placed.get(c.id)!));
		expect(shown.length).toBeGreaterThan(1);
		for (let i = 0; i < shown.length; i++) {
			for (let j = i + 1; j < shown.length; j++) expect(overlaps(shown[i]!, shown[j]!)).toBe(false);
		}
	});
});
